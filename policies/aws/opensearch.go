package aws

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy"
)

// Type tokens of Amazon OpenSearch Service domains: the current resource and the one from the
// service's Elasticsearch days. Both are in pulumi-aws v6 and v7, with the same shapes (the
// configuration blocks are single objects in both).
var openSearchDomainTypes = []string{"aws:opensearch/domain:Domain", "aws:elasticsearch/domain:Domain"}

// openSearchDomainPolicyTypes set a domain's access policy (accessPolicies) apart from the domain,
// naming it in domainName; the same in pulumi-aws v6 and v7.
var openSearchDomainPolicyTypes = []string{
	"aws:opensearch/domainPolicy:DomainPolicy", "aws:elasticsearch/domainPolicy:DomainPolicy",
}

type openSearchTLSSettings struct {
	AllowedTLSPolicies []string `json:"allowedTlsPolicies"`
}

func (s *openSearchTLSSettings) Prepare() error {
	if len(s.AllowedTLSPolicies) == 0 {
		return errors.New("allowedTlsPolicies: list at least one TLS security policy")
	}
	return nil
}

func init() {
	register(
		pack.Policy{
			Name:        "aws-opensearch-access-policy-not-public",
			DisplayName: "OpenSearch domains with a public endpoint do not let anyone in",
			Description: "The access policy of an OpenSearch or Elasticsearch domain with a public endpoint (no " +
				"vpcOptions.subnetIds), in the domain's accessPolicies or an aws.opensearch.DomainPolicy, grants " +
				"nothing to every principal (\"*\") unless a condition ties it to known callers (aws:SourceIp " +
				"ranges narrower than the internet, an account, an organization). Domains inside a VPC are not " +
				"judged: there an open policy with fine-grained access control is the usual setup. A " +
				"DomainPolicy whose domain is not in the stack is not judged either.",
			Severity:  pack.Critical,
			Framework: frameworks.WellArchitected("SEC03-BP07"),
			Tags:      []string{"aws", "opensearch", "elasticsearch", "public-access", "identity"},
			Remediation: "Name the roles or accounts that use the domain in Principal, or add a condition on " +
				"aws:SourceIp with your networks; better, create the domain inside a VPC.",
			Types: append(append([]string{}, openSearchDomainTypes...), openSearchDomainPolicyTypes...),
			Stack: checkOpenSearchAccessPolicyNotPublic,
		},
		pack.Policy{
			Name:        "aws-opensearch-encrypted-at-rest",
			DisplayName: "OpenSearch domains encrypt data at rest",
			Description: "OpenSearch and Elasticsearch domains encrypt their indices, logs, swap files and automated " +
				"snapshots at rest (encryptAtRest, off when the block is absent).",
			Severity:  pack.High,
			Framework: frameworks.FSBP("Opensearch.1"),
			Tags:      []string{"aws", "opensearch", "elasticsearch", "encryption", "fsbp:ES.1"},
			Remediation: "Set encryptAtRest: { enabled: true } (and kmsKeyId for a customer managed key). It needs " +
				"OpenSearch or Elasticsearch 5.1 or later.",
			Types:    openSearchDomainTypes,
			Resource: checkOpenSearchEncryptedAtRest,
		},
		pack.Policy{
			Name:        "aws-opensearch-node-to-node-encryption",
			DisplayName: "OpenSearch domains encrypt traffic between nodes",
			Description: "OpenSearch and Elasticsearch domains encrypt the traffic between their nodes with TLS " +
				"(nodeToNodeEncryption, off when the block is absent).",
			Severity:    pack.High,
			Framework:   frameworks.FSBP("Opensearch.3"),
			Tags:        []string{"aws", "opensearch", "elasticsearch", "encryption", "tls", "fsbp:ES.3"},
			Remediation: "Set nodeToNodeEncryption: { enabled: true } (OpenSearch, or Elasticsearch 6.0 or later).",
			Types:       openSearchDomainTypes,
			Resource:    checkOpenSearchNodeToNodeEncryption,
		},
		pack.Policy{
			Name:        "aws-opensearch-https-required",
			DisplayName: "OpenSearch domains require HTTPS with a modern TLS policy",
			Description: "OpenSearch and Elasticsearch domains refuse plain HTTP (domainEndpointOptions.enforceHttps) " +
				"and negotiate only TLS 1.2 or later (domainEndpointOptions.tlsSecurityPolicy in the allowed list).",
			Severity:  pack.High,
			Framework: frameworks.FSBP("Opensearch.8"),
			Tags:      []string{"aws", "opensearch", "elasticsearch", "tls", "fsbp:ES.8"},
			Remediation: "Set domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: " +
				"\"Policy-Min-TLS-1-2-PFS-2023-10\" }.",
			Config: pack.Schema{Properties: map[string]pack.JSONSchema{
				"allowedTlsPolicies": pack.StringList("The TLS security policies a domain may use. Default: "+
					"Policy-Min-TLS-1-2-2019-07 and Policy-Min-TLS-1-2-PFS-2023-10 (TLS 1.2 and later); keep only "+
					"Policy-Min-TLS-1-2-PFS-2023-10 to require the latest policy as FSBP Opensearch.8 does.",
					"Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-PFS-2023-10"),
			}},
			Settings: func() any { return &openSearchTLSSettings{} },
			Types:    openSearchDomainTypes,
			Resource: checkOpenSearchHTTPSRequired,
		},
		pack.Policy{
			Name:        "aws-opensearch-in-vpc",
			DisplayName: "OpenSearch domains are inside a VPC",
			Description: "OpenSearch and Elasticsearch domains have their endpoints in VPC subnets " +
				"(vpcOptions.subnetIds), not on the internet where only the domain's access policy stands " +
				"between the data and anyone.",
			Severity:  pack.High,
			Framework: frameworks.FSBP("Opensearch.2"),
			Tags:      []string{"aws", "opensearch", "elasticsearch", "network", "fsbp:ES.2"},
			Remediation: "Set vpcOptions with subnetIds (and securityGroupIds) in private subnets. A domain cannot " +
				"move into a VPC: create a new domain and restore a snapshot into it.",
			Types:    openSearchDomainTypes,
			Resource: checkOpenSearchInVPC,
		},
		pack.Policy{
			Name:        "aws-opensearch-audit-logging",
			DisplayName: "OpenSearch domains publish audit logs",
			Description: "OpenSearch and Elasticsearch domains publish audit logs (logPublishingOptions with logType " +
				"AUDIT_LOGS) to CloudWatch Logs, recording who read, wrote and changed what.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("Opensearch.5"),
			Tags:      []string{"aws", "opensearch", "elasticsearch", "logging", "fsbp:ES.5"},
			Remediation: "Turn on fine-grained access control (advancedSecurityOptions: { enabled: true }), add a " +
				"logPublishingOptions entry { logType: \"AUDIT_LOGS\", cloudwatchLogGroupArn } whose log group " +
				"resource policy lets es.amazonaws.com write, and pick the audited categories in the dashboards.",
			Types:    openSearchDomainTypes,
			Resource: checkOpenSearchAuditLogging,
		},
		pack.Policy{
			Name:        "aws-opensearch-fine-grained-access-control",
			DisplayName: "OpenSearch domains use fine-grained access control",
			Description: "OpenSearch and Elasticsearch domains turn on fine-grained access control " +
				"(advancedSecurityOptions.enabled, off when the block is absent), so that users are authenticated " +
				"and authorized per index, document and field, not only by the domain's access policy.",
			Severity:  pack.High,
			Framework: frameworks.FSBP("Opensearch.7"),
			Tags:      []string{"aws", "opensearch", "elasticsearch", "identity"},
			Remediation: "Set advancedSecurityOptions: { enabled: true } with a master user (masterUserOptions." +
				"masterUserArn for an IAM role, or internalUserDatabaseEnabled: true with masterUserName and " +
				"masterUserPassword as a Pulumi secret). It needs encryptAtRest, nodeToNodeEncryption and " +
				"domainEndpointOptions.enforceHttps, and OpenSearch or Elasticsearch 6.7 or later; on an existing " +
				"OpenSearch domain, keep anonymousAuthEnabled: true until every client authenticates.",
			Types:    openSearchDomainTypes,
			Resource: checkOpenSearchFineGrainedAccessControl,
		},
	)
}

func checkOpenSearchEncryptedAtRest(c *pack.Check, r *pack.Resource) {
	if !r.Get("encryptAtRest", "enabled").Bool(false) {
		c.Violatef("%s %s does not encrypt its data at rest: set encryptAtRest.enabled to true", openSearchKind(r),
			r.Name)
	}
}

func checkOpenSearchNodeToNodeEncryption(c *pack.Check, r *pack.Resource) {
	if !r.Get("nodeToNodeEncryption", "enabled").Bool(false) {
		c.Violatef("%s %s sends data between its nodes unencrypted: set nodeToNodeEncryption.enabled to true",
			openSearchKind(r), r.Name)
	}
}

func checkOpenSearchHTTPSRequired(c *pack.Check, r *pack.Resource) {
	allowed := pack.SettingsOf[openSearchTLSSettings](c).AllowedTLSPolicies
	options := r.Get("domainEndpointOptions")
	if !options.Exists() {
		c.Violatef("%s %s sets no domainEndpointOptions, so it accepts plain HTTP: set domainEndpointOptions "+
			"with enforceHttps: true and tlsSecurityPolicy %s", openSearchKind(r), r.Name, strings.Join(allowed, " or "))
		return
	}
	if !options.Get("enforceHttps").Bool(true) {
		c.Violatef("%s %s sets domainEndpointOptions.enforceHttps to false: it accepts plain HTTP; set "+
			"enforceHttps: true", openSearchKind(r), r.Name)
	}
	policy := options.Get("tlsSecurityPolicy")
	name := policy.Text("")
	for _, a := range allowed {
		if strings.EqualFold(name, a) {
			return
		}
	}
	got := "does not set domainEndpointOptions.tlsSecurityPolicy (the service default may accept TLS 1.0 and 1.1)"
	if name != "" {
		got = fmt.Sprintf("has domainEndpointOptions.tlsSecurityPolicy %s", policy)
	}
	c.Violatef("%s %s %s: set it to %s", openSearchKind(r), r.Name, got, strings.Join(allowed, " or "))
}

func checkOpenSearchInVPC(c *pack.Check, r *pack.Resource) {
	if len(r.Get("vpcOptions", "subnetIds").Strings()) == 0 {
		c.Violatef("%s %s has a public endpoint (no vpcOptions.subnetIds): only its access policy keeps the "+
			"internet out; create it inside a VPC", openSearchKind(r), r.Name)
	}
}

func checkOpenSearchAuditLogging(c *pack.Check, r *pack.Resource) {
	for _, option := range r.Get("logPublishingOptions").Items() {
		if strings.EqualFold(option.Get("logType").Text(""), "AUDIT_LOGS") && option.Get("enabled").Bool(true) {
			return
		}
	}
	hint := ""
	if fgac := r.Get("advancedSecurityOptions", "enabled"); !fgac.Unknown() && !fgac.Bool(false) {
		hint = " (audit logs need fine-grained access control: advancedSecurityOptions.enabled)"
	}
	c.Violatef("%s %s publishes no audit logs: add a logPublishingOptions entry with logType AUDIT_LOGS%s",
		openSearchKind(r), r.Name, hint)
}

func checkOpenSearchFineGrainedAccessControl(c *pack.Check, r *pack.Resource) {
	if !r.Get("advancedSecurityOptions", "enabled").Bool(false) {
		c.Violatef("%s %s does not use fine-grained access control: anyone its access policy lets in can read and "+
			"write every index; set advancedSecurityOptions.enabled to true", openSearchKind(r), r.Name)
	}
}

// openSearchKind names the kind of domain for a message.
func openSearchKind(r *pack.Resource) string {
	if strings.HasPrefix(r.Type, "aws:elasticsearch/") {
		return "Elasticsearch domain"
	}
	return "OpenSearch domain"
}

func checkOpenSearchAccessPolicyNotPublic(c *pack.Check, s *pack.Stack) {
	judgePolicy := func(p, d *pack.Resource) {
		if len(d.Get("vpcOptions", "subnetIds").Strings()) > 0 {
			return
		}
		if i := iampolicy.FirstPublicStatement(p.Get("accessPolicies")); i > 0 {
			c.Report(pack.Violation{URN: p.URN, Message: fmt.Sprintf("domain policy %s lets anyone in to %s %s, "+
				"which has a public endpoint (statement %d allows every principal with no condition naming known "+
				"callers); name the principals or restrict aws:SourceIp", p.Name, openSearchKind(d), d.Name, i)})
		}
	}
	judged := map[pack.URN]bool{}
	byName := map[string]*pack.Resource{}
	c.ForEach(s.OfType(openSearchDomainTypes...), func(d *pack.Resource) {
		policies := s.Referrers(d.URN, "domainName", openSearchDomainPolicyTypes...)
		for _, p := range policies {
			judged[p.URN] = true
		}
		if name := d.Get("domainName"); !name.Unknown() && name.Text("") != "" {
			byName[name.Text("")] = d
		}
		c.ForEach(policies, func(p *pack.Resource) { judgePolicy(p, d) })
		// A DomainPolicy replaces the domain's accessPolicies, which then echo it in the outputs.
		if len(policies) > 0 || len(d.Get("vpcOptions", "subnetIds").Strings()) > 0 {
			return
		}
		if i := iampolicy.FirstPublicStatement(d.Get("accessPolicies")); i > 0 {
			c.Report(pack.Violation{URN: d.URN, Message: fmt.Sprintf("%s %s has a public endpoint and its "+
				"accessPolicies let anyone in (statement %d allows every principal with no condition naming "+
				"known callers); name the principals or restrict aws:SourceIp", openSearchKind(d), d.Name, i)})
		}
	})
	// State written by old engines has no property dependencies: match the domain by name.
	var rest []*pack.Resource
	for _, p := range s.OfType(openSearchDomainPolicyTypes...) {
		if !judged[p.URN] {
			rest = append(rest, p)
		}
	}
	c.ForEach(rest, func(p *pack.Resource) {
		d := byName[p.Get("domainName").Text("")]
		if d == nil {
			c.Defer(p, "its domain is not in the stack, so whether it has a public endpoint is unknown")
			return
		}
		judgePolicy(p, d)
	})
}
