package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/internal/leak"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// secretSig marks a secret in a stack export; with "plaintext" the CLI needs no key to read it.
const secretSig = "4dabf18193072939515e22adb298388d"

// plaintextSecret is v as `pulumi stack export --show-secrets` writes a secret.
func plaintextSecret(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return map[string]any{secretSig: "1b47061264138c4ac30d75fd1eb44270", "plaintext": string(b)}
}

// TestPolicyAnalyzeLeaksNoSecret runs the real CLI's `pulumi policy analyze --file` over a stack
// export holding secrets in the places an attacker found them printed: secret numbers (a password
// policy's age, a security group's port, a log group's retention), a long and an escaped secret
// tag value checked against allowed values, a secret StackTag value, secret keys inside a policy
// document, a secret database engine. No byte of any of them may show in the CLI's output.
func TestPolicyAnalyzeLeaksNoSecret(t *testing.T) {
	t.Parallel()
	c := leak.New(42)
	long, escaped, key, tagValue := c.String(), c.String(), c.String(), c.String()
	age, port := c.Number(), c.Number()
	for len(long) < 78 {
		long = c.String()
	}
	for !strings.Contains(escaped, `"`) {
		escaped = c.String()
	}
	policy := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",`+
		`"Condition":{"Bool":{%q:%v}}}]}`, key, age)
	resources := []map[string]any{
		{"type": "pulumi:pulumi:Stack", "urn": "urn:pulumi:dev::leaky::pulumi:pulumi:Stack::leaky-dev", "custom": false},
		providerResource("aws"), providerResource("pulumiservice"),
		exported(t, "aws:iam/accountPasswordPolicy:AccountPasswordPolicy", "passwords",
			map[string]any{"maxPasswordAge": plaintextSecret(t, age), "minimumPasswordLength": 8}),
		exported(t, "aws:ec2/securityGroup:SecurityGroup", "web", map[string]any{"ingress": plaintextSecret(t,
			[]any{map[string]any{"protocol": "tcp", "fromPort": port, "toPort": port, "cidrBlocks": []any{"0.0.0.0/0"}}})}),
		exported(t, "aws:cloudwatch/logGroup:LogGroup", "logs", map[string]any{"retentionInDays": plaintextSecret(t, 1)}),
		exported(t, "aws:s3/bucket:Bucket", "assets", map[string]any{"tags": map[string]any{
			"owner": plaintextSecret(t, long), "environment": plaintextSecret(t, escaped)}}),
		exported(t, "pulumiservice:index:StackTag", "tag", map[string]any{"organization": "acme", "project": "leaky",
			"stack": "dev", "name": "cost-center", "value": plaintextSecret(t, tagValue)}),
		exported(t, "aws:iam/policy:Policy", "deployer", map[string]any{"policy": plaintextSecret(t, policy)}),
		exported(t, "aws:rds/instance:Instance", "orders", map[string]any{"engine": plaintextSecret(t, "mariadb"),
			"engineVersion": "10.5", "iamDatabaseAuthenticationEnabled": false, "storageEncrypted": false}),
	}
	export, err := json.Marshal(map[string]any{"version": 3, "deployment": map[string]any{
		"manifest":  map[string]any{"time": "2026-12-01T00:00:00Z", "magic": "", "version": ""},
		"resources": resources}})
	require.NoError(t, err)
	dir := t.TempDir()
	file := filepath.Join(dir, "export.json")
	require.NoError(t, os.WriteFile(file, export, 0o600))
	config := writeConfig(t, `{"required-resource-tags": {"tags": {"owner": {"pattern": "team-[a-z]+"}, `+
		`"environment": {"allowed": ["dev", "prod"]}}}}`)

	out, _ := runCLI(t, dir, "policy", "analyze", "--file", file, "--policy-pack", packBinary,
		"--policy-pack-config", config)
	require.Contains(t, out, "aws-security-group", "the pack judged the export:\n"+out)
	assert.Empty(t, c.Find(out), "a canary shows in the CLI output")
	for _, secret := range []string{"mariadb", "MariaDB"} {
		assert.NotContains(t, out, secret, "a fact derived from the secret engine shows")
	}
}

// exported is a custom resource of a stack export with the same inputs and outputs.
func exported(t *testing.T, typ, name string, props map[string]any) map[string]any {
	t.Helper()
	pkg, _, _ := strings.Cut(typ, ":")
	return map[string]any{
		"urn":      fmt.Sprintf("urn:pulumi:dev::leaky::%s::%s", typ, name),
		"custom":   true,
		"type":     typ,
		"id":       name + "-id",
		"inputs":   props,
		"outputs":  props,
		"provider": fmt.Sprintf("urn:pulumi:dev::leaky::pulumi:providers:%s::default::%s-provider-id", pkg, pkg),
	}
}

// providerResource is the default provider of a package, as exported resources reference it.
func providerResource(pkg string) map[string]any {
	return map[string]any{
		"urn": "urn:pulumi:dev::leaky::pulumi:providers:" + pkg + "::default", "custom": true,
		"type": "pulumi:providers:" + pkg, "id": pkg + "-provider-id", "inputs": map[string]any{}, "outputs": map[string]any{},
	}
}
