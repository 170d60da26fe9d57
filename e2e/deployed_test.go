package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPolicyAnalyzeJudgesTheDeployedState runs `pulumi policy analyze --file` over an export
// whose inputs leave values to the provider and whose outputs show what it chose: an instance
// that got a public IP, an EKS cluster on a version long past support. The resource rules report
// them from the outputs, saying so; a finding the inputs already show is reported once.
func TestPolicyAnalyzeJudgesTheDeployedState(t *testing.T) {
	t.Parallel()
	instance := exported(t, "aws:ec2/instance:Instance", "web", map[string]any{"ami": "ami-0123", "instanceType": "t3.micro"})
	instance["outputs"] = map[string]any{"ami": "ami-0123", "instanceType": "t3.micro",
		"associatePublicIpAddress": true, "publicIp": "203.0.113.7"}
	cluster := exported(t, "aws:eks/cluster:Cluster", "main", map[string]any{"roleArn": "arn:aws:iam::1:role/eks"})
	cluster["outputs"] = map[string]any{"roleArn": "arn:aws:iam::1:role/eks", "version": "1.21"}
	declared := exported(t, "aws:eks/cluster:Cluster", "declared", map[string]any{"roleArn": "arn:aws:iam::1:role/eks",
		"version": "1.21"})
	resources := []map[string]any{
		{"type": "pulumi:pulumi:Stack", "urn": "urn:pulumi:dev::leaky::pulumi:pulumi:Stack::leaky-dev", "custom": false},
		providerResource("aws"), instance, cluster, declared,
	}
	export, err := json.Marshal(map[string]any{"version": 3, "deployment": map[string]any{
		"manifest": map[string]any{"time": "2026-12-01T00:00:00Z", "magic": "", "version": ""}, "resources": resources}})
	require.NoError(t, err)
	dir := t.TempDir()
	file := filepath.Join(dir, "export.json")
	require.NoError(t, os.WriteFile(file, export, 0o600))

	out, _ := runCLI(t, dir, "policy", "analyze", "--file", file, "--policy-pack", packBinary)
	assert.Regexp(t, `aws-ec2-no-public-ip  \(aws:ec2:Instance: web\)\s+the deployed state shows: `, out)
	assert.Regexp(t, `aws-eks-cluster-supported-version  \(aws:eks:Cluster: main\)\s+the deployed state shows: `, out)
	assert.Equal(t, 1, strings.Count(out, "aws-eks-cluster-supported-version  (aws:eks:Cluster: declared)"),
		"a finding the inputs show is not reported again from the outputs:\n"+out)
	assert.NotContains(t, out, "aws-eks-cluster-supported-version  (aws:eks:Cluster: declared)\n          the deployed state")
}

// TestUpAndPreviewJudgeTheDeployedState runs a program whose instance leaves its public IP to the
// provider (the fixture provider, like a default subnet, gives it one): `pulumi up` creates it and
// then fails on what the deployed state shows, and every later preview reports it once.
func TestUpAndPreviewJudgeTheDeployedState(t *testing.T) {
	t.Parallel()
	s := taggedStack(t, func(ctx *pulumi.Context) error {
		_, err := register(ctx, "aws:ec2/instance:Instance", "web", pulumi.Map{
			"ami": pulumi.String("ami-0123"), "instanceType": pulumi.String("t3.micro"), "tags": ownedTags,
			"metadataOptions": pulumi.Map{"httpTokens": pulumi.String("required")}, "monitoring": pulumi.Bool(true),
			"rootBlockDevice": pulumi.Map{"encrypted": pulumi.Bool(true)},
		})
		return err
	})
	r := up(t, s)
	require.Error(t, r.err, "a mandatory finding in the deployed state fails the update")
	assert.Equal(t, []string{"aws:ec2/instance:Instance"}, createdResources(t, s),
		"the deployed state is judged after the change")
	assert.Equal(t, 1, countFindings(r, "aws-ec2-no-public-ip", "web", "the deployed state shows: "), r.policies())

	r = preview(t, s)
	assert.Equal(t, 1, countFindings(r, "aws-ec2-no-public-ip", "web", "the deployed state shows: "), r.policies())
	assert.Equal(t, 1, countFindings(r, "aws-ec2-no-public-ip", "web", ""), "reported once, not again from inputs")
}

// countFindings counts the violations of a policy on a resource whose message starts with prefix.
func countFindings(r result, policy, resource, prefix string) int {
	n := 0
	for _, v := range r.violations {
		if v.PolicyName == policy && strings.HasSuffix(v.ResourceURN, "::"+resource) && strings.HasPrefix(v.Message, prefix) {
			n++
		}
	}
	return n
}
