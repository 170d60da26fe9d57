package policies

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
	packtest.Run(t, All(), "aws-redshift-encrypted", []packtest.Case{
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
		{Name: "unknown encrypted", Want: packtest.NotApplicable, Message: unknownDuringPreview,
			Resource: redshiftOn("6.83.4", packtest.Props{"encrypted": packtest.Unknown})},
		{Name: "provider with an empty version", Want: packtest.NotApplicable, Message: "version is unknown",
			Resource: redshiftOn("", packtest.Props{})},
		{Name: "unknown provider version, unset encrypted", Want: packtest.NotApplicable, Message: unknownDuringPreview,
			Resource: packtest.WithProvider(packtest.Resource(redshiftClusterType, "warehouse", packtest.Props{}),
				"aws", packtest.Props{"version": packtest.Unknown})},
	})
}

func TestRedshiftNotPubliclyAccessible(t *testing.T) {
	packtest.Run(t, All(), "aws-redshift-not-publicly-accessible", []packtest.Case{
		{Name: "v6 unset defaults to public", Want: packtest.Violation,
			Message:  "Redshift cluster warehouse is publicly accessible (publiclyAccessible is true, the pulumi-aws v6 default when unset)",
			Resource: redshiftOn("6.83.4", packtest.Props{})},
		{Name: "explicitly public on v7", Want: packtest.Violation, Message: "set publiclyAccessible: false",
			Resource: redshiftOn("7.0.0", packtest.Props{"publiclyAccessible": true})},
		{Name: "v6 private", Want: packtest.Pass, Resource: redshiftOn("6.83.4", packtest.Props{"publiclyAccessible": false})},
		{Name: "v7 unset defaults to private", Want: packtest.Pass, Resource: redshiftOn("7.48.0", packtest.Props{})},
		{Name: "unset without a provider", Want: packtest.NotApplicable, Message: "set publiclyAccessible explicitly",
			Resource: packtest.Resource(redshiftClusterType, "warehouse", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: unknownDuringPreview,
			Resource: redshiftOn("7.48.0", packtest.Props{"publiclyAccessible": packtest.Unknown})},
		{Name: "unknown provider version", Want: packtest.NotApplicable, Message: unknownDuringPreview,
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
	packtest.Run(t, All(), "aws-redshift-audit-logging", []packtest.Case{
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
		{Name: "unknown inline logging", Want: packtest.NotApplicable, Message: "warehouse: " + unknownDuringPreview,
			Stack: packtest.Stack(packtest.Resource(redshiftClusterType, "warehouse", packtest.Props{
				"clusterIdentifier": "warehouse-1", "logging": packtest.Unknown}))},
		{Name: "unknown cluster identifier", Want: packtest.NotApplicable, Message: unknownDuringPreview,
			Stack: packtest.Stack(packtest.Resource(redshiftClusterType, "warehouse",
				packtest.Props{"clusterIdentifier": packtest.Unknown}), logging("x"))},
		{Name: "a logging resource for an unknown cluster", Want: packtest.NotApplicable, Message: unknownDuringPreview,
			Stack: packtest.Stack(cluster, logging(packtest.Unknown))},
		{Name: "one unknown cluster does not hide another", Want: packtest.Violation, Count: 1, Message: "cluster other",
			Stack: packtest.Stack(packtest.Resource(redshiftClusterType, "warehouse", packtest.Props{
				"clusterIdentifier": "warehouse-1", "logging": packtest.Unknown}), other)},
		{Name: "no cluster in the stack", Want: packtest.NotApplicable, Message: "no resources of its types",
			Stack: packtest.Stack(logging("warehouse-1"))},
	})
}
