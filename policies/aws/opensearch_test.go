package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy/iampolicytest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/stretchr/testify/assert"
)

const (
	openSearchDomainType    = "aws:opensearch/domain:Domain"
	elasticsearchDomainType = "aws:elasticsearch/domain:Domain"
)

func TestOpenSearchEncryptedAtRest(t *testing.T) {
	packtest.Run(t, Policies(), "aws-opensearch-encrypted-at-rest", []packtest.Case{
		{Name: "no block", Want: packtest.Violation,
			Message:  "OpenSearch domain search does not encrypt its data at rest: set encryptAtRest.enabled to true",
			Resource: packtest.Resource(openSearchDomainType, "search", packtest.Props{"engineVersion": "OpenSearch_2.13"})},
		{Name: "disabled", Want: packtest.Violation, Message: "Elasticsearch domain logs does not encrypt",
			Resource: packtest.Resource(elasticsearchDomainType, "logs",
				packtest.Props{"encryptAtRest": packtest.Props{"enabled": false}})},
		{Name: "enabled", Want: packtest.Pass,
			Resource: packtest.Resource(openSearchDomainType, "search",
				packtest.Props{"encryptAtRest": packtest.Props{"enabled": true, "kmsKeyId": "arn:aws:kms:us-east-1:1:key/k"}})},
		{Name: "enabled, one-element list shape", Want: packtest.Pass,
			Resource: packtest.Resource(elasticsearchDomainType, "logs",
				packtest.Props{"encryptAtRest": []any{packtest.Props{"enabled": true}}})},
		{Name: "unknown block", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(openSearchDomainType, "search", packtest.Props{"encryptAtRest": packtest.Unknown})},
		{Name: "unknown flag", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(openSearchDomainType, "search",
				packtest.Props{"encryptAtRest": packtest.Props{"enabled": packtest.Unknown}})},
	})
}

func TestOpenSearchNodeToNodeEncryption(t *testing.T) {
	packtest.Run(t, Policies(), "aws-opensearch-node-to-node-encryption", []packtest.Case{
		{Name: "no block", Want: packtest.Violation,
			Message:  "OpenSearch domain search sends data between its nodes unencrypted",
			Resource: packtest.Resource(openSearchDomainType, "search", packtest.Props{})},
		{Name: "disabled", Want: packtest.Violation, Message: "set nodeToNodeEncryption.enabled to true",
			Resource: packtest.Resource(elasticsearchDomainType, "logs",
				packtest.Props{"nodeToNodeEncryption": packtest.Props{"enabled": false}})},
		{Name: "enabled", Want: packtest.Pass,
			Resource: packtest.Resource(elasticsearchDomainType, "logs",
				packtest.Props{"nodeToNodeEncryption": packtest.Props{"enabled": true}})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(openSearchDomainType, "search",
				packtest.Props{"nodeToNodeEncryption": packtest.Props{"enabled": packtest.Unknown}})},
	})
}

func TestOpenSearchHTTPSRequired(t *testing.T) {
	endpoint := func(typ string, options any) plugin.AnalyzerResource {
		return packtest.Resource(typ, "search", packtest.Props{"domainEndpointOptions": options})
	}
	latestOnly := map[string]any{"allowedTlsPolicies": []any{"Policy-Min-TLS-1-2-PFS-2023-10"}}
	packtest.Run(t, Policies(), "aws-opensearch-https-required", []packtest.Case{
		{Name: "no endpoint options", Want: packtest.Violation, Count: 1,
			Message:  "OpenSearch domain search sets no domainEndpointOptions, so it accepts plain HTTP",
			Resource: packtest.Resource(openSearchDomainType, "search", packtest.Props{})},
		{Name: "HTTPS not enforced", Want: packtest.Violation,
			Message: "sets domainEndpointOptions.enforceHttps to false",
			Resource: endpoint(elasticsearchDomainType, packtest.Props{
				"enforceHttps": false, "tlsSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"})},
		{Name: "TLS 1.0 policy", Want: packtest.Violation, Count: 1,
			Message: `has domainEndpointOptions.tlsSecurityPolicy "Policy-Min-TLS-1-0-2019-07": set it to ` +
				`Policy-Min-TLS-1-2-2019-07 or Policy-Min-TLS-1-2-PFS-2023-10`,
			Resource: endpoint(openSearchDomainType, packtest.Props{
				"enforceHttps": true, "tlsSecurityPolicy": "Policy-Min-TLS-1-0-2019-07"})},
		{Name: "no TLS policy", Want: packtest.Violation, Message: "does not set domainEndpointOptions.tlsSecurityPolicy",
			Resource: endpoint(openSearchDomainType, packtest.Props{"enforceHttps": true})},
		{Name: "both problems", Want: packtest.Violation, Count: 2,
			Resource: endpoint(openSearchDomainType, packtest.Props{"enforceHttps": false})},
		{Name: "HTTPS with TLS 1.2 (enforceHttps defaults to true)", Want: packtest.Pass,
			Resource: endpoint(openSearchDomainType, packtest.Props{"tlsSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"})},
		{Name: "HTTPS with the PFS policy", Want: packtest.Pass,
			Resource: endpoint(elasticsearchDomainType, packtest.Props{
				"enforceHttps": true, "tlsSecurityPolicy": "Policy-Min-TLS-1-2-PFS-2023-10"})},
		{Name: "latest policy only, by config", Want: packtest.Violation, Config: latestOnly,
			Message: "set it to Policy-Min-TLS-1-2-PFS-2023-10",
			Resource: endpoint(openSearchDomainType, packtest.Props{
				"enforceHttps": true, "tlsSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"})},
		{Name: "latest policy met", Want: packtest.Pass, Config: latestOnly,
			Resource: endpoint(openSearchDomainType, packtest.Props{"tlsSecurityPolicy": "Policy-Min-TLS-1-2-PFS-2023-10"})},
		{Name: "unknown options", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: endpoint(openSearchDomainType, packtest.Unknown)},
		{Name: "unknown enforceHttps", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: endpoint(openSearchDomainType, packtest.Props{
				"enforceHttps": packtest.Unknown, "tlsSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"})},
		{Name: "unknown policy", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: endpoint(openSearchDomainType, packtest.Props{"tlsSecurityPolicy": packtest.Unknown})},
	})
}

func TestOpenSearchHTTPSRequiredRejectsAnEmptyPolicyList(t *testing.T) {
	err := packtest.ConfigError(t, Policies(), "aws-opensearch-https-required",
		map[string]any{"allowedTlsPolicies": []any{}})
	assert.ErrorContains(t, err, "list at least one TLS security policy")
}

func TestOpenSearchInVPC(t *testing.T) {
	packtest.Run(t, Policies(), "aws-opensearch-in-vpc", []packtest.Case{
		{Name: "public endpoint", Want: packtest.Violation,
			Message:  "OpenSearch domain search has a public endpoint (no vpcOptions.subnetIds)",
			Resource: packtest.Resource(openSearchDomainType, "search", packtest.Props{})},
		{Name: "vpc options without subnets", Want: packtest.Violation, Message: "Elasticsearch domain logs",
			Resource: packtest.Resource(elasticsearchDomainType, "logs",
				packtest.Props{"vpcOptions": packtest.Props{"securityGroupIds": []any{"sg-1"}}})},
		{Name: "inside a VPC", Want: packtest.Pass,
			Resource: packtest.Resource(openSearchDomainType, "search",
				packtest.Props{"vpcOptions": packtest.Props{"subnetIds": []any{"subnet-1", "subnet-2"}}})},
		{Name: "subnets not known yet", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(openSearchDomainType, "search",
				packtest.Props{"vpcOptions": packtest.Props{"subnetIds": packtest.Unknown}})},
	})
}

func TestOpenSearchAuditLogging(t *testing.T) {
	audit := func(enabled any) packtest.Props {
		p := packtest.Props{"logType": "AUDIT_LOGS", "cloudwatchLogGroupArn": "arn:aws:logs:us-east-1:1:log-group:a"}
		if enabled != nil {
			p["enabled"] = enabled
		}
		return p
	}
	fgac := packtest.Props{"enabled": true}
	packtest.Run(t, Policies(), "aws-opensearch-audit-logging", []packtest.Case{
		{Name: "no logs", Want: packtest.Violation,
			Message: "OpenSearch domain search publishes no audit logs: add a logPublishingOptions entry with logType " +
				"AUDIT_LOGS (audit logs need fine-grained access control: advancedSecurityOptions.enabled)",
			Resource: packtest.Resource(openSearchDomainType, "search", packtest.Props{})},
		{Name: "only slow logs, access control on", Want: packtest.Violation, Message: "AUDIT_LOGS",
			Resource: packtest.Resource(elasticsearchDomainType, "logs", packtest.Props{
				"advancedSecurityOptions": fgac,
				"logPublishingOptions": []any{packtest.Props{"logType": "SEARCH_SLOW_LOGS",
					"cloudwatchLogGroupArn": "arn:aws:logs:us-east-1:1:log-group:s"}}})},
		{Name: "audit logs disabled", Want: packtest.Violation, Message: "publishes no audit logs",
			Resource: packtest.Resource(openSearchDomainType, "search", packtest.Props{
				"advancedSecurityOptions": fgac, "logPublishingOptions": []any{audit(false)}})},
		{Name: "audit logs (enabled by default)", Want: packtest.Pass,
			Resource: packtest.Resource(openSearchDomainType, "search", packtest.Props{
				"advancedSecurityOptions": fgac, "logPublishingOptions": []any{audit(nil)}})},
		{Name: "audit logs enabled", Want: packtest.Pass,
			Resource: packtest.Resource(elasticsearchDomainType, "logs", packtest.Props{
				"logPublishingOptions": []any{packtest.Props{"logType": "INDEX_SLOW_LOGS",
					"cloudwatchLogGroupArn": "arn:aws:logs:us-east-1:1:log-group:i"}, audit(true)}})},
		{Name: "unknown access control leaves out the hint", Want: packtest.Violation, Message: "AUDIT_LOGS",
			Resource: packtest.Resource(openSearchDomainType, "search",
				packtest.Props{"advancedSecurityOptions": packtest.Unknown})},
		{Name: "unknown options", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(openSearchDomainType, "search", packtest.Props{"logPublishingOptions": packtest.Unknown})},
		{Name: "unknown log type", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(openSearchDomainType, "search", packtest.Props{
				"logPublishingOptions": []any{packtest.Props{"logType": packtest.Unknown}}})},
		{Name: "unknown enabled", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(openSearchDomainType, "search", packtest.Props{
				"logPublishingOptions": []any{audit(packtest.Unknown)}})},
	})
}

func TestOpenSearchFineGrainedAccessControl(t *testing.T) {
	packtest.Run(t, Policies(), "aws-opensearch-fine-grained-access-control", []packtest.Case{
		{Name: "no block", Want: packtest.Violation,
			Message: "OpenSearch domain search does not use fine-grained access control: anyone its access policy " +
				"lets in can read and write every index; set advancedSecurityOptions.enabled to true",
			Resource: packtest.Resource(openSearchDomainType, "search", packtest.Props{"engineVersion": "OpenSearch_2.13"})},
		{Name: "disabled on an Elasticsearch domain", Want: packtest.Violation,
			Message: "Elasticsearch domain logs does not use fine-grained access control",
			Resource: packtest.Resource(elasticsearchDomainType, "logs",
				packtest.Props{"advancedSecurityOptions": packtest.Props{"enabled": false}})},
		{Name: "enabled", Want: packtest.Pass,
			Resource: packtest.Resource(openSearchDomainType, "search", packtest.Props{"advancedSecurityOptions": packtest.Props{
				"enabled": true, "masterUserOptions": packtest.Props{"masterUserArn": "arn:aws:iam::1:role/admin"}}})},
		{Name: "enabled on an Elasticsearch domain", Want: packtest.Pass,
			Resource: packtest.Resource(elasticsearchDomainType, "logs", packtest.Props{"advancedSecurityOptions": packtest.Props{
				"enabled": true, "internalUserDatabaseEnabled": true}})},
		{Name: "enabled, one-element list shape", Want: packtest.Pass,
			Resource: packtest.Resource(openSearchDomainType, "search",
				packtest.Props{"advancedSecurityOptions": []any{packtest.Props{"enabled": true}}})},
		{Name: "unknown block", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(openSearchDomainType, "search", packtest.Props{"advancedSecurityOptions": packtest.Unknown})},
		{Name: "unknown flag", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(openSearchDomainType, "search",
				packtest.Props{"advancedSecurityOptions": packtest.Props{"enabled": packtest.Unknown}})},
	})
}

func TestOpenSearchAccessPolicyNotPublic(t *testing.T) {
	public := iampolicytest.Doc(iampolicytest.AllowPrincipal("es:*", map[string]any{"AWS": "*"}, nil))
	office := iampolicytest.Doc(iampolicytest.AllowPrincipal("es:*", "*", map[string]any{"IpAddress": map[string]any{"aws:SourceIp": "203.0.113.0/24"}}))
	domain := func(props packtest.Props) plugin.AnalyzerResource {
		return packtest.Resource("aws:opensearch/domain:Domain", "search", props)
	}
	vpc := map[string]any{"subnetIds": []any{"subnet-1"}}
	policy := func(typ, doc string) plugin.AnalyzerResource {
		return packtest.Resource(typ, "access", packtest.Props{"domainName": "search", "accessPolicies": doc})
	}
	packtest.Run(t, Policies(), "aws-opensearch-access-policy-not-public", []packtest.Case{
		{Name: "public domain with an open policy", Want: packtest.Violation,
			Message: "OpenSearch domain search has a public endpoint and its accessPolicies let anyone in (statement 1",
			Stack:   packtest.Stack(domain(packtest.Props{"accessPolicies": public}))},
		{Name: "elasticsearch domain", Want: packtest.Violation, Message: "Elasticsearch domain search",
			Stack: packtest.Stack(packtest.Resource("aws:elasticsearch/domain:Domain", "search", packtest.Props{"accessPolicies": public}))},
		{Name: "source ip condition", Want: packtest.Pass,
			Stack: packtest.Stack(domain(packtest.Props{"accessPolicies": office}))},
		{Name: "vpc domain with an open policy", Want: packtest.Pass,
			Stack: packtest.Stack(domain(packtest.Props{"accessPolicies": public, "vpcOptions": vpc}))},
		{Name: "separate open domain policy", Want: packtest.Violation, Count: 1,
			Message: "domain policy access lets anyone in to OpenSearch domain search",
			Stack: func() []plugin.AnalyzerStackResource {
				d := domain(packtest.Props{})
				return append(packtest.Stack(d), packtest.DependsOn(policy("aws:opensearch/domainPolicy:DomainPolicy", public), "domainName", d))
			}()},
		{Name: "domain echoing its open domain policy is reported once", Want: packtest.Violation, Count: 1,
			Message: "domain policy access lets anyone in",
			Stack: func() []plugin.AnalyzerStackResource {
				d := domain(packtest.Props{"accessPolicies": public})
				return append(packtest.Stack(d), packtest.DependsOn(policy("aws:opensearch/domainPolicy:DomainPolicy", public), "domainName", d))
			}()},
		{Name: "separate open policy on a vpc domain", Want: packtest.Pass,
			Stack: func() []plugin.AnalyzerStackResource {
				d := domain(packtest.Props{"vpcOptions": vpc})
				return append(packtest.Stack(d), packtest.DependsOn(policy("aws:opensearch/domainPolicy:DomainPolicy", public), "domainName", d))
			}()},
		{Name: "separate policy naming known callers", Want: packtest.Pass,
			Stack: func() []plugin.AnalyzerStackResource {
				d := packtest.Resource("aws:elasticsearch/domain:Domain", "search", packtest.Props{})
				return append(packtest.Stack(d), packtest.DependsOn(policy("aws:elasticsearch/domainPolicy:DomainPolicy", office), "domainName", d))
			}()},
		{Name: "policy matched to its domain by name", Want: packtest.Violation, Message: "domain policy access lets anyone in",
			Stack: packtest.Stack(domain(packtest.Props{"domainName": "search"}), policy("aws:opensearch/domainPolicy:DomainPolicy", public))},
		{Name: "policy matched by name to a vpc domain", Want: packtest.Pass,
			Stack: packtest.Stack(domain(packtest.Props{"domainName": "search", "vpcOptions": vpc}), policy("aws:opensearch/domainPolicy:DomainPolicy", public))},
		{Name: "policy of a domain outside the stack", Want: packtest.NotApplicable, Message: "its domain is not in the stack",
			Stack: packtest.Stack(policy("aws:opensearch/domainPolicy:DomainPolicy", public))},
		{Name: "unknown vpc subnets", Want: packtest.NotApplicable, Message: "vpcOptions.subnetIds",
			Stack: packtest.Stack(domain(packtest.Props{"accessPolicies": public, "vpcOptions": map[string]any{"subnetIds": packtest.Unknown}}))},
		{Name: "unknown policy", Want: packtest.NotApplicable, Message: "value unknown during preview: accessPolicies",
			Stack: packtest.Stack(domain(packtest.Props{"accessPolicies": packtest.Unknown}))},
	})
}
