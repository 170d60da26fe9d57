package aws

import (
	"testing"
	"time"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

const eksClusterType = "aws:eks/cluster:Cluster"

func eksCluster(props packtest.Props) plugin.AnalyzerResource {
	return packtest.Resource(eksClusterType, "prod",
		packtest.With(packtest.Props{"roleArn": "arn:aws:iam::123456789012:role/eks"}, props))
}

func TestEKSEndpointRestricted(t *testing.T) {
	subnets := []any{"subnet-a", "subnet-b"}
	packtest.Run(t, Policies(), "aws-eks-endpoint-public-access-restricted", []packtest.Case{
		{Name: "vpcConfig defaults: public to 0.0.0.0/0", Want: packtest.Violation,
			Message:  "cluster prod has a public API endpoint open to 0.0.0.0/0 (the EKS default",
			Resource: eksCluster(packtest.Props{"vpcConfig": packtest.Props{"subnetIds": subnets}})},
		{Name: "public with 0.0.0.0/0 listed", Want: packtest.Violation, Message: "holds an all-addresses block",
			Resource: eksCluster(packtest.Props{"vpcConfig": packtest.Props{"subnetIds": subnets, "endpointPublicAccess": true,
				"publicAccessCidrs": []any{"203.0.113.0/24", "0.0.0.0/0"}}})},
		{Name: "v6-era one-element list shape", Want: packtest.Violation,
			Resource: eksCluster(packtest.Props{"vpcConfig": []any{packtest.Props{"subnetIds": subnets, "endpointPublicAccess": true}}})},
		{Name: "public but limited to an office network", Want: packtest.Pass,
			Resource: eksCluster(packtest.Props{"vpcConfig": packtest.Props{"subnetIds": subnets,
				"publicAccessCidrs": []any{"203.0.113.0/24"}}})},
		{Name: "private endpoint only", Want: packtest.Pass,
			Resource: eksCluster(packtest.Props{"vpcConfig": packtest.Props{"subnetIds": subnets,
				"endpointPublicAccess": false, "endpointPrivateAccess": true}})},
		{Name: "endpointPublicAccess unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: vpcConfig.endpointPublicAccess",
			Resource: eksCluster(packtest.Props{"vpcConfig": packtest.Props{"endpointPublicAccess": packtest.Unknown}})},
		{Name: "publicAccessCidrs unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: vpcConfig.publicAccessCidrs",
			Resource: eksCluster(packtest.Props{"vpcConfig": packtest.Props{"publicAccessCidrs": packtest.Unknown}})},
		{Name: "vpcConfig unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: vpcConfig",
			Resource: eksCluster(packtest.Props{"vpcConfig": packtest.Unknown})},
	})
}

func TestEKSSecretsEncrypted(t *testing.T) {
	packtest.Run(t, Policies(), "aws-eks-secrets-encrypted", []packtest.Case{
		{Name: "no encryptionConfig", Want: packtest.Violation,
			Message:  "cluster prod does not encrypt Kubernetes secrets with a KMS key of yours",
			Resource: eksCluster(nil)},
		{Name: "secrets encrypted", Want: packtest.Pass,
			Resource: eksCluster(packtest.Props{"encryptionConfig": packtest.Props{"resources": []any{"secrets"},
				"provider": packtest.Props{"keyArn": "arn:aws:kms:us-east-1:123456789012:key/k"}}})},
		{Name: "v6-era one-element list shape", Want: packtest.Pass,
			Resource: eksCluster(packtest.Props{"encryptionConfig": []any{packtest.Props{"resources": []any{"secrets"},
				"provider": packtest.Props{"keyArn": "arn:aws:kms:us-east-1:123456789012:key/k"}}}})},
		{Name: "encryptionConfig unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: encryptionConfig",
			Resource: eksCluster(packtest.Props{"encryptionConfig": packtest.Unknown})},
		{Name: "resources unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: encryptionConfig.resources",
			Resource: eksCluster(packtest.Props{"encryptionConfig": packtest.Props{"resources": packtest.Unknown}})},
	})
}

func TestEKSControlPlaneLogging(t *testing.T) {
	packtest.Run(t, Policies(), "aws-eks-control-plane-logging", []packtest.Case{
		{Name: "no logs", Want: packtest.Violation,
			Message:  "cluster prod does not send its audit control plane logs to CloudWatch Logs",
			Resource: eksCluster(nil)},
		{Name: "api only", Want: packtest.Violation,
			Resource: eksCluster(packtest.Props{"enabledClusterLogTypes": []any{"api"}})},
		{Name: "audit on", Want: packtest.Pass,
			Resource: eksCluster(packtest.Props{"enabledClusterLogTypes": []any{"api", "audit"}})},
		{Name: "setting requires authenticator too", Want: packtest.Violation, Message: "its authenticator control plane logs",
			Config:   map[string]any{"requiredLogTypes": []any{"audit", "authenticator"}},
			Resource: eksCluster(packtest.Props{"enabledClusterLogTypes": []any{"audit"}})},
		{Name: "setting satisfied", Want: packtest.Pass,
			Config:   map[string]any{"requiredLogTypes": []any{"audit", "authenticator"}},
			Resource: eksCluster(packtest.Props{"enabledClusterLogTypes": []any{"authenticator", "audit", "api"}})},
		{Name: "log types unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: enabledClusterLogTypes",
			Resource: eksCluster(packtest.Props{"enabledClusterLogTypes": packtest.Unknown})},
	})
}

func TestEKSSupportedVersion(t *testing.T) {
	on := func(year int, month time.Month, day int) {
		now = func() time.Time { return time.Date(year, month, day, 12, 0, 0, 0, time.UTC) }
	}
	t.Cleanup(func() { now = time.Now })
	on(2026, time.November, 26)
	packtest.Run(t, Policies(), "aws-eks-cluster-supported-version", []packtest.Case{
		{Name: "version out of standard support", Want: packtest.Violation,
			Message: `cluster prod runs Kubernetes "1.33", older than 1.34, the oldest in EKS standard support on ` +
				`2026-11-26`,
			Resource: eksCluster(packtest.Props{"version": "1.33"})},
		{Name: "much older version", Want: packtest.Violation, Resource: eksCluster(packtest.Props{"version": "1.29"})},
		{Name: "oldest supported version", Want: packtest.Pass, Resource: eksCluster(packtest.Props{"version": "1.34"})},
		{Name: "newer version", Want: packtest.Pass, Resource: eksCluster(packtest.Props{"version": "1.35"})},
		{Name: "unset gets the latest", Want: packtest.Pass, Resource: eksCluster(packtest.Props{})},
		{Name: "raised minimum in config", Want: packtest.Violation, Config: map[string]any{"minimumVersion": "1.35"},
			Message:  "older than 1.35, the configured minimumVersion",
			Resource: eksCluster(packtest.Props{"version": "1.34"})},
		{Name: "lowered minimum in config", Want: packtest.Pass, Config: map[string]any{"minimumVersion": "1.31"},
			Resource: eksCluster(packtest.Props{"version": "1.33"})},
		{Name: "unreadable version", Want: packtest.NotApplicable, Message: "is not a Kubernetes version",
			Resource: eksCluster(packtest.Props{"version": "latest"})},
		{Name: "version unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: version",
			Resource: eksCluster(packtest.Props{"version": packtest.Unknown})},
	})
	on(2026, time.December, 2)
	packtest.Run(t, Policies(), "aws-eks-cluster-supported-version", []packtest.Case{
		{Name: "the day 1.34 leaves standard support", Want: packtest.Violation, Message: "older than 1.35",
			Resource: eksCluster(packtest.Props{"version": "1.34"})},
	})
	on(2027, time.June, 1)
	packtest.Run(t, Policies(), "aws-eks-cluster-supported-version", []packtest.Case{
		{Name: "past the calendar's last entry", Want: packtest.Violation, Message: "older than 1.36",
			Resource: eksCluster(packtest.Props{"version": "1.35"})},
		{Name: "a version after the calendar", Want: packtest.Pass, Resource: eksCluster(packtest.Props{"version": "1.36"})},
	})
}
