package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// canary is a plaintext secret the programs leak on purpose; no output may ever show it.
const canary = "canary-e2e-5c1f-never-print-me"

var ownedTags = pulumi.StringMap{"owner": pulumi.String("team-shop"), "environment": pulumi.String("dev")}

// insecureProgram stores a secret in plain text, uses an unapproved provider package, and
// leaves a resource untagged.
func insecureProgram(ctx *pulumi.Context) error {
	if _, err := register(ctx, "aws:ssm/parameter:Parameter", "api-key", pulumi.Map{
		"type": pulumi.String("SecureString"), "value": pulumi.String(canary),
	}); err != nil {
		return err
	}
	_, err := register(ctx, "acmecloud:index:Widget", "analytics", pulumi.Map{"size": pulumi.String("large")})
	return err
}

// secureProgram is insecureProgram fixed: the secret is a secret, the resource is tagged, and
// only approved packages are used.
func secureProgram(ctx *pulumi.Context) error {
	_, err := register(ctx, "aws:ssm/parameter:Parameter", "api-key", pulumi.Map{
		"type": pulumi.String("SecureString"), "value": pulumi.ToSecret(pulumi.String(canary)), "tags": ownedTags,
	})
	return err
}

// advisoryOnlyProgram breaks only an advisory rule: its parameter is untagged.
func advisoryOnlyProgram(ctx *pulumi.Context) error {
	_, err := register(ctx, "aws:ssm/parameter:Parameter", "flag", pulumi.Map{
		"type": pulumi.String("String"), "value": pulumi.String("on"),
	})
	return err
}

// taggedStack creates a stack around the program with the stack tags a stack must carry.
func taggedStack(t *testing.T, program pulumi.RunFunc) auto.Stack {
	t.Helper()
	s := newStack(t, program)
	require.NoError(t, s.SetTag(t.Context(), "owner", "team-shop"))
	require.NoError(t, s.SetTag(t.Context(), "environment", "dev"))
	return s
}

func assertNoCanary(t *testing.T, r result) {
	t.Helper()
	assert.NotContains(t, r.output, canary[:14], "the canary secret shows in the CLI output")
	for _, v := range r.violations {
		assert.NotContains(t, v.Message, canary[:14], "the canary secret shows in a violation")
	}
}

func TestPreviewOfInsecureProgramFails(t *testing.T) {
	t.Parallel()
	r := preview(t, taggedStack(t, insecureProgram))
	require.Error(t, r.err, "a mandatory violation fails the preview")
	assert.True(t, r.has("no-plaintext-secrets-in-inputs", "mandatory", "api-key"), r.policies())
	assert.True(t, r.has("approved-packages", "mandatory", "analytics"), r.policies())
	assert.True(t, r.has("required-resource-tags", "advisory", "api-key"), r.policies())
	for _, v := range r.violations {
		if v.PolicyName == "no-plaintext-secrets-in-inputs" {
			assert.Equal(t, "critical", v.Severity)
		}
	}
	assert.Contains(t, r.output, "[mandatory] [severity: critical]  no-plaintext-secrets-in-inputs  (aws:ssm:Parameter: api-key)",
		"the CLI shows the violation as users see it")
	assertNoCanary(t, r)
}

func TestPreviewOfSecureTwinPassesClean(t *testing.T) {
	t.Parallel()
	r := preview(t, taggedStack(t, secureProgram))
	require.NoError(t, r.err)
	assert.Empty(t, r.policies())
	assertNoCanary(t, r)
}

func TestUpIsBlockedByMandatoryViolation(t *testing.T) {
	t.Parallel()
	s := taggedStack(t, insecureProgram)
	r := up(t, s)
	require.Error(t, r.err)
	assert.True(t, r.has("no-plaintext-secrets-in-inputs", "mandatory", "api-key") ||
		r.has("approved-packages", "mandatory", "analytics"), "an update stops at the first mandatory violation: %v",
		r.policies())
	assert.Empty(t, createdResources(t, s), "nothing is created when a mandatory policy fails")
	assertNoCanary(t, r)
}

func TestUpWithAdvisoryViolationsOnlyProceeds(t *testing.T) {
	t.Parallel()
	s := taggedStack(t, advisoryOnlyProgram)
	r := up(t, s)
	require.NoError(t, r.err)
	assert.True(t, r.has("required-resource-tags", "advisory", "flag"), r.policies())
	assert.Equal(t, []string{"aws:ssm/parameter:Parameter"}, createdResources(t, s))
}

func TestStackTagsAreRequired(t *testing.T) {
	t.Parallel()
	s := newStack(t, secureProgram)
	require.NoError(t, s.SetTag(t.Context(), "environment", "dev"))
	r := preview(t, s)
	require.True(t, r.has("required-stack-tags", "advisory", "app-dev"), r.policies())
	for _, v := range r.violations {
		if v.PolicyName == "required-stack-tags" {
			assert.Contains(t, v.Message, "missing the tag owner")
		}
	}
	strict := writeConfig(t, `{"required-stack-tags": "mandatory"}`)
	assert.Error(t, preview(t, s, strict).err, "mandatory stack tags fail the preview")

	require.NoError(t, s.SetTag(t.Context(), "owner", "team-shop"))
	r = preview(t, s, strict)
	require.NoError(t, r.err)
	assert.False(t, r.has("required-stack-tags", "", ""), r.policies())
}

func TestPlaintextSecretConfigIsCaught(t *testing.T) {
	t.Parallel()
	s := taggedStack(t, secureProgram)
	require.NoError(t, s.SetConfig(t.Context(), "dbPassword", auto.ConfigValue{Value: canary}))
	r := preview(t, s)
	require.Error(t, r.err)
	require.True(t, r.has("no-plaintext-secrets-in-config", "mandatory", "app-dev"), r.policies())
	for _, v := range r.violations {
		if v.PolicyName == "no-plaintext-secrets-in-config" {
			assert.Contains(t, v.Message, "pulumi config set --secret --stack dev app:dbPassword")
		}
	}
	assertNoCanary(t, r)

	require.NoError(t, s.SetConfig(t.Context(), "dbPassword", auto.ConfigValue{Value: canary, Secret: true}))
	r = preview(t, s)
	require.NoError(t, r.err)
	assert.False(t, r.has("no-plaintext-secrets-in-config", "", ""), r.policies())
	assertNoCanary(t, r)
}

func TestUnknownValuesInPreviewAreNotViolations(t *testing.T) {
	t.Parallel()
	s := taggedStack(t, func(ctx *pulumi.Context) error {
		key, err := register(ctx, "aws:ssm/parameter:Parameter", "upstream", pulumi.Map{
			"type": pulumi.String("String"), "value": pulumi.String("v1"), "tags": ownedTags,
		})
		if err != nil {
			return err
		}
		// Every input the rules read comes from the other resource's output, unknown in preview.
		_, err = register(ctx, "aws:ssm/parameter:Parameter", "downstream", pulumi.Map{
			"type": key.Arn, "value": key.Arn,
			"tags": pulumi.StringMap{"owner": key.Arn, "environment": key.Arn},
		})
		return err
	})
	r := preview(t, s)
	require.NoError(t, r.err)
	assert.Empty(t, r.policies(), "unknown inputs are neither violations nor errors")
	assert.NotContains(t, r.output, "error")
}

func TestPolicyPackConfigChangesLevelsAndSettings(t *testing.T) {
	t.Parallel()
	s := taggedStack(t, insecureProgram)

	advisory := writeConfig(t, `{"all": "advisory"}`)
	r := preview(t, s, advisory)
	require.NoError(t, r.err, "advisory violations do not fail the preview")
	assert.True(t, r.has("no-plaintext-secrets-in-inputs", "advisory", "api-key"), r.policies())

	disabled := writeConfig(t, `{"no-plaintext-secrets-in-inputs": "disabled", "approved-packages": "disabled"}`)
	r = preview(t, s, disabled)
	require.NoError(t, r.err)
	assert.False(t, r.has("no-plaintext-secrets-in-inputs", "", ""), r.policies())

	setting := writeConfig(t, `{"approved-packages": {"packages": {"aws": "", "acmecloud": ""}},
		"required-resource-tags": {"tags": {"cost-center": {}}}, "no-plaintext-secrets-in-inputs": "advisory"}`)
	r = preview(t, s, setting)
	require.NoError(t, r.err)
	assert.False(t, r.has("approved-packages", "", ""), "acmecloud is approved by the config: %v", r.policies())
	found := false
	for _, v := range r.violations {
		found = found || v.PolicyName == "required-resource-tags" && strings.Contains(v.Message, "cost-center")
	}
	assert.True(t, found, "the configured tag key is required: %v", r.violations)
}

func TestMalformedPolicyPackConfigIsRejected(t *testing.T) {
	t.Parallel()
	s := taggedStack(t, secureProgram)
	for config, want := range map[string]string{
		`{"required-resource-tags": {"tags": ["owner"]}}`:                "required-resource-tags: tags: Invalid type",
		`{"required-resource-tag": "advisory"}`:                          `"required-resource-tag" is not a policy of pulumi-securely`,
		`{"approved-packages": {"packges": {}}}`:                         `approved-packages: unknown setting "packges"`,
		`{"aws-s3-bucket-versioning": {"enforcmentLevel": "mandatory"}}`: `did you mean "enforcementLevel"?`,
		`{"aws-s3-bucket-versioning": "remediate"}`:                      `enforcement level "remediate" needs a policy`,
	} {
		r := preview(t, s, writeConfig(t, config))
		require.Error(t, r.err, config)
		assert.Contains(t, r.err.Error(), want)
	}
}

func TestPolicyAnalyzeFileOverExampleStacks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out, err := runCLI(t, dir, "policy", "analyze", "--file", filepath.Join(root, "examples", "stacks", "insecure.json"),
		"--policy-pack", packBinary)
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, out)
	assert.NotZero(t, exit.ExitCode(), "mandatory violations exit non-zero")
	// The mandatory violations examples/README.md documents.
	for _, want := range []string{
		"no-plaintext-secrets-in-inputs  (pulumi:providers:aws: default_7_2_0)",
		"aws-s3-bucket-public-acl  (aws:s3:BucketAcl: assets-acl)",
		"aws-s3-bucket-policy-public  (aws:s3:BucketPolicy: assets-policy)",
		"aws-s3-public-access-block-disabled  (aws:s3:BucketPublicAccessBlock: assets-pab)",
		"aws-security-group-admin-ports-open  (aws:ec2:SecurityGroup: web)",
		"no-plaintext-secrets-in-inputs  (aws:rds:Instance: orders-db)",
		"aws-rds-storage-encrypted  (aws:rds:Instance: orders-db)",
		"aws-rds-not-publicly-accessible  (aws:rds:Instance: orders-db)",
		"aws-iam-policy-no-admin-access  (aws:iam:Policy: deployer)",
		"kubernetes-pod-no-privileged-containers  (kubernetes:apps/v1:Deployment: web)",
		"kubernetes-pod-no-host-network  (kubernetes:apps/v1:Deployment: web)",
		"kubernetes-pod-no-host-path-volumes  (kubernetes:apps/v1:Deployment: web)",
		"no-plaintext-secrets-in-inputs  (kubernetes:apps/v1:Deployment: web)",
		"approved-packages  (acmecloud:index:Widget: analytics)",
	} {
		assert.Regexp(t, `\[mandatory\] \[severity: (critical|high)\]  `+regexp.QuoteMeta(want), out)
	}
	assert.Contains(t, out, "[advisory] [severity: medium]  required-resource-tags  (aws:s3:Bucket: assets)")
	// One problem, one finding: the admin port, the admin statement and the hostPath volume supersede
	// the weaker rules.
	for _, superseded := range []string{"aws-security-group-ingress-unrestricted", "aws-s3-bucket-acls-disabled",
		"aws-iam-policy-no-kms-decrypt-all-keys", "kubernetes-pod-restricted-volume-types"} {
		assert.NotContains(t, out, superseded)
	}
	// The privileged init container, which leaves allowPrivilegeEscalation unset, is one finding too;
	// the web container, which sets it to true, still shows kubernetes-pod-no-privilege-escalation.
	assert.Contains(t, out, `init container "tune" (spec.template.spec.initContainers[0]) runs privileged, with`)
	assert.NotContains(t, out, `init container "tune" (spec.template.spec.initContainers[0]) runs privileged, which`)
	assert.Contains(t, out, "kubernetes-pod-no-privilege-escalation  (kubernetes:apps/v1:Deployment: web)")
	assert.NotContains(t, out, "Sup3rSecretDemoPassw0rd", "the example's plaintext password never shows")

	out, err = runCLI(t, dir, "policy", "analyze", "--file", filepath.Join(root, "examples", "stacks", "secure.json"),
		"--policy-pack", packBinary)
	require.NoError(t, err, out)
	assert.NotContains(t, out, "[mandatory]")
	assert.NotContains(t, out, "[advisory]", "the secure twin reports nothing")
}

// createdResources lists the types of the cloud resources in the stack's state (not the stack
// itself or its providers).
func createdResources(t *testing.T, s auto.Stack) []string {
	t.Helper()
	dep, err := s.Export(t.Context())
	require.NoError(t, err)
	var state struct {
		Resources []struct {
			Type string `json:"type"`
		} `json:"resources"`
	}
	require.NoError(t, json.Unmarshal(dep.Deployment, &state))
	var types []string
	for _, r := range state.Resources {
		if r.Type != "pulumi:pulumi:Stack" && !strings.HasPrefix(r.Type, "pulumi:providers:") {
			types = append(types, r.Type)
		}
	}
	return types
}

func writeConfig(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "policy-config.json")
	require.NoError(t, os.WriteFile(p, []byte(content), 0o600))
	return p
}

// TestPreviewWithPackFolder loads the pack the way a laptop user does, by its folder: the Go
// language host builds it from PulumiPolicy.yaml (here, the test's stand-in for the host).
func TestPreviewWithPackFolder(t *testing.T) {
	t.Parallel()
	s := taggedStack(t, insecureProgram)
	c := collect()
	_, err := s.Preview(t.Context(), optpreview.PolicyPacks(root), optpreview.EventStreams(c.ch))
	r := result{violations: c.wait(), err: err}
	require.Error(t, r.err)
	assert.True(t, r.has("no-plaintext-secrets-in-inputs", "mandatory", "api-key"), r.policies())
	assert.True(t, r.has("approved-packages", "mandatory", "analytics"), r.policies())
}
