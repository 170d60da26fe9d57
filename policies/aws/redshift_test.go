package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

// redshiftOn makes a Redshift cluster managed by a pulumi-aws provider of the given version.
func redshiftOn(version string, props packtest.Props) plugin.AnalyzerResource {
	return packtest.WithProvider(packtest.Resource(redshiftClusterType, "warehouse", props), "aws",
		packtest.Props{"version": version})
}

func TestRedshiftEncrypted(t *testing.T) {
	packtest.Run(t, Policies(), "aws-redshift-encrypted", []packtest.Case{
		{Name: "v6 explicit false", Want: packtest.Violation,
			Message:  "Redshift cluster warehouse is not encrypted (encrypted is false): set encrypted: true",
			Resource: redshiftOn("6.83.4", packtest.Props{"encrypted": false})},
		{Name: "v6 unset defaults to unencrypted", Want: packtest.Violation,
			Message:  "encrypted is false, the pulumi-aws v6 default when unset",
			Resource: redshiftOn("6.83.4", packtest.Props{"nodeType": "ra3.xlplus"})},
		{Name: "v5 unset defaults to unencrypted", Want: packtest.Violation, Message: "pulumi-aws v5 default",
			Resource: redshiftOn("v5.42.0", packtest.Props{})},
		{Name: "v6 encrypted", Want: packtest.Pass, Resource: redshiftOn("6.83.4", packtest.Props{"encrypted": true})},
		{Name: "v7 unset defaults to encrypted", Want: packtest.Pass,
			Resource: redshiftOn("7.2.0", packtest.Props{"nodeType": "ra3.xlplus"})},
		{Name: "v7 empty string is unset", Want: packtest.Pass, Resource: redshiftOn("7.48.0", packtest.Props{"encrypted": ""})},
		{Name: "v7 string false", Want: packtest.Violation, Message: "not encrypted (encrypted is false)",
			Resource: redshiftOn("7.48.0", packtest.Props{"encrypted": "false"})},
		{Name: "v7 string true", Want: packtest.Pass, Resource: redshiftOn("7.48.0", packtest.Props{"encrypted": "true"})},
		{Name: "explicit value needs no provider", Want: packtest.Pass,
			Resource: packtest.Resource(redshiftClusterType, "warehouse", packtest.Props{"encrypted": true})},
		{Name: "unset without a provider", Want: packtest.NotApplicable, Message: "pulumi-aws version is unknown",
			Resource: packtest.Resource(redshiftClusterType, "warehouse", packtest.Props{})},
		{Name: "unset with a provider of no version", Want: packtest.NotApplicable, Message: "version is unknown",
			Resource: packtest.WithProvider(packtest.Resource(redshiftClusterType, "warehouse", packtest.Props{}),
				"aws", packtest.Props{"region": "us-east-1"})},
		{Name: "unknown encrypted", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: redshiftOn("6.83.4", packtest.Props{"encrypted": packtest.Unknown})},
		{Name: "provider with an empty version", Want: packtest.NotApplicable, Message: "version is unknown",
			Resource: redshiftOn("", packtest.Props{})},
		{Name: "unknown provider version, unset encrypted", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.WithProvider(packtest.Resource(redshiftClusterType, "warehouse", packtest.Props{}),
				"aws", packtest.Props{"version": packtest.Unknown})},
	})
}

func TestRedshiftNotPubliclyAccessible(t *testing.T) {
	packtest.Run(t, Policies(), "aws-redshift-not-publicly-accessible", []packtest.Case{
		{Name: "v6 unset defaults to public", Want: packtest.Violation,
			Message:  "Redshift cluster warehouse is publicly accessible (publiclyAccessible is true, the pulumi-aws v6 default when unset)",
			Resource: redshiftOn("6.83.4", packtest.Props{})},
		{Name: "explicitly public on v7", Want: packtest.Violation, Message: "set publiclyAccessible: false",
			Resource: redshiftOn("7.0.0", packtest.Props{"publiclyAccessible": true})},
		{Name: "v6 private", Want: packtest.Pass, Resource: redshiftOn("6.83.4", packtest.Props{"publiclyAccessible": false})},
		{Name: "v7 unset defaults to private", Want: packtest.Pass, Resource: redshiftOn("7.48.0", packtest.Props{})},
		{Name: "unset without a provider", Want: packtest.NotApplicable, Message: "set publiclyAccessible explicitly",
			Resource: packtest.Resource(redshiftClusterType, "warehouse", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: redshiftOn("7.48.0", packtest.Props{"publiclyAccessible": packtest.Unknown})},
		{Name: "unknown provider version", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.WithProvider(packtest.Resource(redshiftClusterType, "warehouse", packtest.Props{}),
				"aws", packtest.Props{"version": packtest.Unknown})},
	})
}

func TestRedshiftAuditLogging(t *testing.T) {
	cluster := packtest.Resource(redshiftClusterType, "warehouse", packtest.Props{"clusterIdentifier": "warehouse-1"})
	logging := func(id any) plugin.AnalyzerResource {
		return packtest.Resource(redshiftLoggingType, "audit", packtest.Props{
			"clusterIdentifier": id, "logDestinationType": "cloudwatch", "logExports": []any{"connectionlog"}})
	}
	dependsOn := func(r, cluster plugin.AnalyzerResource) plugin.AnalyzerStackResource {
		return packtest.DependsOn(r, "clusterIdentifier", cluster)
	}
	other := packtest.Resource(redshiftClusterType, "other", packtest.Props{"clusterIdentifier": "other-1"})
	packtest.Run(t, Policies(), "aws-redshift-audit-logging", []packtest.Case{
		{Name: "no logging resource", Want: packtest.Violation, Count: 1,
			Message: "Redshift cluster warehouse has no audit logging",
			Stack:   packtest.Stack(cluster)},
		{Name: "logging resource joined through its clusterIdentifier", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(cluster, nil), dependsOn(logging("warehouse-1"), cluster)}},
		{Name: "logging resource naming the cluster (old state without dependencies)", Want: packtest.Pass,
			Stack: packtest.Stack(cluster, logging("warehouse-1"))},
		{Name: "logging for another cluster", Want: packtest.Violation, Count: 1, Message: "cluster warehouse",
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(cluster, nil), packtest.StackResource(other, nil),
				dependsOn(logging("other-1"), other)}},
		{Name: "inline logging (pulumi-aws v6)", Want: packtest.Pass,
			Stack: packtest.Stack(packtest.Resource(redshiftClusterType, "warehouse", packtest.Props{
				"clusterIdentifier": "warehouse-1", "logging": packtest.Props{"enable": true, "bucketName": "logs"}}))},
		{Name: "inline logging disabled (pulumi-aws v6)", Want: packtest.Violation,
			Stack: packtest.Stack(packtest.Resource(redshiftClusterType, "warehouse", packtest.Props{
				"clusterIdentifier": "warehouse-1", "logging": packtest.Props{"enable": false}}))},
		{Name: "unknown inline logging", Want: packtest.NotApplicable, Message: "warehouse: " + packtest.UnknownDuringPreview,
			Stack: packtest.Stack(packtest.Resource(redshiftClusterType, "warehouse", packtest.Props{
				"clusterIdentifier": "warehouse-1", "logging": packtest.Unknown}))},
		{Name: "unknown cluster identifier", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Stack: packtest.Stack(packtest.Resource(redshiftClusterType, "warehouse",
				packtest.Props{"clusterIdentifier": packtest.Unknown}), logging("x"))},
		{Name: "a logging resource for an unknown cluster", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Stack: packtest.Stack(cluster, logging(packtest.Unknown))},
		{Name: "one unknown cluster does not hide another", Want: packtest.Violation, Count: 1, Message: "cluster other",
			Stack: packtest.Stack(packtest.Resource(redshiftClusterType, "warehouse", packtest.Props{
				"clusterIdentifier": "warehouse-1", "logging": packtest.Unknown}), other)},
		{Name: "no cluster in the stack", Want: packtest.NotApplicable, Message: "no resources of its types",
			Stack: packtest.Stack(logging("warehouse-1"))},
	})
}

func TestRedshiftRequireSSL(t *testing.T) {
	cluster := func(group any) plugin.AnalyzerResource {
		return packtest.Resource(redshiftClusterType, "warehouse", packtest.Props{
			"clusterIdentifier": "warehouse-1", "clusterParameterGroupName": group})
	}
	other := packtest.Resource(redshiftClusterType, "other", packtest.Props{
		"clusterIdentifier": "other-1", "clusterParameterGroupName": "tls"})
	group := func(name string, params ...any) plugin.AnalyzerResource {
		return packtest.Resource(redshiftParameterGroupType, name, packtest.Props{
			"name": name, "id": name, "family": "redshift-1.0", "parameters": params})
	}
	param := func(name, value any) packtest.Props { return packtest.Props{"name": name, "value": value} }
	tls := group("tls", param("enable_user_activity_logging", "true"), param("require_ssl", "true"))
	plaintext := group("legacy", param("require_ssl", "false"))
	silent := group("legacy", param("enable_user_activity_logging", "true"))
	dependsOn := func(cluster, group plugin.AnalyzerResource) plugin.AnalyzerStackResource {
		return packtest.DependsOn(cluster, "clusterParameterGroupName", group)
	}
	packtest.Run(t, Policies(), "aws-redshift-require-ssl", []packtest.Case{
		{Name: "group requires TLS, joined through the cluster's dependency", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(tls, nil), dependsOn(cluster("tls"), tls)}},
		{Name: "group sets require_ssl false", Want: packtest.Violation, Count: 1,
			Message: `Redshift cluster warehouse accepts connections without TLS: its parameter group legacy sets ` +
				`require_ssl to "false"; set a parameters entry { name: "require_ssl", value: "true" }`,
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(plaintext, nil),
				dependsOn(cluster("legacy"), plaintext)}},
		{Name: "group leaves require_ssl unset", Want: packtest.Violation,
			Message: "its parameter group legacy does not set require_ssl (false unless set)",
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(silent, nil),
				dependsOn(cluster("legacy"), silent)}},
		{Name: "group named by the cluster (old state without dependencies)", Want: packtest.Pass,
			Stack: packtest.Stack(tls, cluster("tls"))},
		{Name: "the TLS group belongs to another cluster", Want: packtest.Violation, Count: 1,
			Message: "Redshift cluster warehouse accepts connections without TLS: its parameter group legacy",
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(tls, nil), packtest.StackResource(silent, nil),
				dependsOn(other, tls), dependsOn(cluster("legacy"), silent)}},
		{Name: "default group of clusters created before 2025", Want: packtest.Violation, Count: 1,
			Message: `Redshift cluster warehouse uses the default parameter group "default.redshift-1.0", whose ` +
				`require_ssl is false`,
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(tls, nil), dependsOn(other, tls),
				packtest.StackResource(cluster("default.redshift-1.0"), nil)}},
		{Name: "default group of clusters created since 2025 requires TLS", Want: packtest.Pass,
			Stack: packtest.Stack(cluster("default.redshift-2.0"))},
		{Name: "a group declared outside the stack", Want: packtest.NotApplicable,
			Message: "warehouse: its parameter group is not declared in the stack",
			Stack:   packtest.Stack(cluster("shared-tls"))},
		{Name: "group name not recorded", Want: packtest.NotApplicable,
			Message: "warehouse: clusterParameterGroupName is not recorded",
			Stack: packtest.Stack(packtest.Resource(redshiftClusterType, "warehouse",
				packtest.Props{"clusterIdentifier": "warehouse-1"}))},
		{Name: "unknown group name during preview (Redshift picks the default)", Want: packtest.NotApplicable,
			Message: "warehouse: " + packtest.UnknownDuringPreview,
			Stack:   packtest.Stack(cluster(packtest.Unknown))},
		{Name: "unknown name, but the dependency names the group", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(tls, nil), dependsOn(cluster(packtest.Unknown), tls)}},
		{Name: "unknown require_ssl value", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Stack: []plugin.AnalyzerStackResource{
				packtest.StackResource(group("tls", param("require_ssl", packtest.Unknown)), nil),
				dependsOn(cluster("tls"), group("tls"))}},
		{Name: "unknown parameters", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Stack: []plugin.AnalyzerStackResource{
				packtest.StackResource(packtest.Resource(redshiftParameterGroupType, "tls",
					packtest.Props{"name": "tls", "parameters": packtest.Unknown}), nil),
				dependsOn(cluster("tls"), group("tls"))}},
		{Name: "a known require_ssl decides over an unknown entry", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{
				packtest.StackResource(group("tls", param(packtest.Unknown, "x"), param("require_ssl", "true")), nil),
				dependsOn(cluster("tls"), group("tls"))}},
		{Name: "one unknown cluster does not hide another", Want: packtest.Violation, Count: 1,
			Message: `Redshift cluster other uses the default parameter group "default.redshift-1.0"`,
			Stack: packtest.Stack(cluster(packtest.Unknown), packtest.Resource(redshiftClusterType, "other",
				packtest.Props{"clusterParameterGroupName": "default.redshift-1.0"}))},
		{Name: "no cluster in the stack", Want: packtest.NotApplicable, Message: "no resources of its types",
			Stack: packtest.Stack(tls)},
	})
}
