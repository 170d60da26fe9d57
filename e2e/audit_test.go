package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/audit"
	"github.com/pulumi-securely/pulumi-securely/internal/engine"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// auditCanary is a secret the CLI encrypts into the state and the stack config; no report may
// hold it.
const auditCanary = "CANARY-audit-7c1d9e"

// auditFleet creates, with the real CLI in a file backend, stack shop/prod (tags owner and
// environment, a public bucket with an encrypted secret input, a secret and a plaintext token in
// its config) and shop/dev (its root resource only, no tags, no config). It returns the backend URL and the project folder.
func auditFleet(t *testing.T) (string, string) {
	home := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(home, "state"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(home, "Pulumi.yaml"), []byte("name: shop\nruntime: yaml\n"), 0o600))
	cli := func(args ...string) {
		t.Helper()
		out, err := runCLI(t, home, args...)
		require.NoError(t, err, out)
	}
	cli("stack", "init", "prod")
	cli("config", "set", "--secret", "dbPassword", auditCanary)
	cli("config", "set", "--plaintext", "apiToken", auditCanary)
	cli("stack", "tag", "set", "owner", "team-a")
	cli("stack", "tag", "set", "environment", "production")

	// The import needs the stack's secrets provider to encrypt the export's plaintext secret.
	var stackFile struct {
		EncryptionSalt string `yaml:"encryptionsalt"`
	}
	data, err := os.ReadFile(filepath.Join(home, "Pulumi.prod.yaml"))
	require.NoError(t, err)
	require.NoError(t, yaml.Unmarshal(data, &stackFile))
	secret, err := json.Marshal(auditCanary)
	require.NoError(t, err)
	root := "urn:pulumi:prod::shop::pulumi:pulumi:Stack::shop-prod"
	export, err := json.Marshal(map[string]any{"version": 3, "deployment": map[string]any{
		"manifest":          map[string]any{"time": "2026-01-01T00:00:00Z", "magic": "", "version": ""},
		"secrets_providers": map[string]any{"type": "passphrase", "state": map[string]any{"salt": stackFile.EncryptionSalt}},
		"resources": []any{
			map[string]any{"urn": root, "type": "pulumi:pulumi:Stack", "custom": false},
			map[string]any{"urn": "urn:pulumi:prod::shop::aws:s3/bucket:Bucket::assets", "type": "aws:s3/bucket:Bucket",
				"custom": true, "id": "assets-1", "parent": root,
				"inputs": map[string]any{"acl": "public-read", "tags": map[string]any{"note": map[string]any{
					"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "plaintext": string(secret)}}},
				"outputs": map[string]any{"acl": "public-read"}},
		}}})
	require.NoError(t, err)
	exportPath := filepath.Join(t.TempDir(), "prod.json")
	require.NoError(t, os.WriteFile(exportPath, export, 0o600))
	cli("stack", "import", "--file", exportPath)

	// dev holds its root stack resource only, on which required-stack-tags judges the tags.
	devExport, err := json.Marshal(map[string]any{"version": 3, "deployment": map[string]any{
		"manifest":  map[string]any{"time": "2026-01-01T00:00:00Z", "magic": "", "version": ""},
		"resources": []any{map[string]any{"urn": "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev", "type": "pulumi:pulumi:Stack", "custom": false}},
	}})
	require.NoError(t, err)
	devPath := filepath.Join(t.TempDir(), "dev.json")
	require.NoError(t, os.WriteFile(devPath, devExport, 0o600))
	cli("stack", "init", "dev")
	cli("stack", "import", "--file", devPath)

	state, err := os.ReadFile(filepath.Join(home, "state", ".pulumi", "stacks", "shop", "prod.json"))
	require.NoError(t, err)
	require.NotContains(t, string(state), auditCanary, "the CLI encrypted the secret")
	return "file://" + filepath.ToSlash(filepath.Join(home, "state")), home
}

// TestAuditFileBackend runs the built pulumi-securely-audit binary over a file backend the real
// CLI wrote; the pack's binary refuses it and names that binary.
func TestAuditFileBackend(t *testing.T) {
	backend, project := auditFleet(t)
	auditBinary, err := engine.Build(t.Context(), filepath.Join(root, "cmd", "pulumi-securely-audit"), t.TempDir(),
		"pulumi-securely-audit")
	require.NoError(t, err)

	t.Run("the pack's binary names the audit binary", func(t *testing.T) {
		output, err := exec.CommandContext(t.Context(), packBinary, "audit", "--backend", backend).CombinedOutput()
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, string(output))
		assert.Equal(t, 2, exit.ExitCode())
		assert.Contains(t, string(output), "pulumi-securely-audit binary")
	})
	tests := []struct {
		name       string
		passphrase string
		wantNotes  []string
	}{
		{"without the passphrase, secrets are redacted and said", "", []string{
			"1 secret(s) of the state could not be decrypted here (PULUMI_CONFIG_PASSPHRASE is not set)",
			"secret config values were not decrypted (PULUMI_CONFIG_PASSPHRASE is not set)"}},
		{"with the passphrase", "e2e-passphrase", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			files := map[string]string{}
			args := []string{"--backend", backend, "--project", project, "--fail-on", "critical"}
			for _, format := range []string{"json", "markdown", "html", "sarif"} {
				files[format] = filepath.Join(out, "report."+format)
				args = append(args, "--"+format, files[format])
			}
			cmd := exec.CommandContext(t.Context(), auditBinary, args...)
			cmd.Env = append(os.Environ(), "PULUMI_CONFIG_PASSPHRASE="+tt.passphrase)
			if tt.passphrase == "" {
				cmd.Env = withoutEnv(os.Environ(), "PULUMI_CONFIG_PASSPHRASE", "PULUMI_CONFIG_PASSPHRASE_FILE")
			}
			output, err := cmd.CombinedOutput()
			var exit *exec.ExitError
			require.ErrorAs(t, err, &exit, string(output))
			assert.Equal(t, 1, exit.ExitCode(), "critical findings")
			assert.NotContains(t, string(output), auditCanary)
			for _, path := range files {
				data, err := os.ReadFile(path)
				require.NoError(t, err)
				assert.NotContains(t, string(data), auditCanary, path)
			}

			r, err := audit.ReadReport(files["json"])
			require.NoError(t, err)
			require.Len(t, r.Stacks, 2)
			dev, prod := r.Stacks[0], r.Stacks[1]
			assert.Equal(t, "organization/shop/dev", dev.StackID.String())
			assert.Contains(t, firedPolicies(dev), "required-stack-tags")
			assert.Equal(t, "organization/shop/prod", prod.StackID.String())
			assert.Equal(t, map[string]string{"owner": "team-a", "environment": "production"}, prod.Tags)
			assert.Contains(t, firedPolicies(prod), "aws-s3-bucket-public-acl")
			assert.Contains(t, firedPolicies(prod), "no-plaintext-secrets-in-config")
			assert.NotContains(t, firedPolicies(prod), "required-stack-tags")
			require.Len(t, prod.Notes, len(tt.wantNotes))
			for i, want := range tt.wantNotes {
				assert.True(t, strings.HasPrefix(prod.Notes[i], want), "note %q, want it to start with %q", prod.Notes[i], want)
			}
		})
	}
}

func firedPolicies(s audit.StackResult) []string {
	var out []string
	for _, f := range s.Findings {
		out = append(out, f.Policy)
	}
	return out
}

func withoutEnv(env []string, names ...string) []string {
	var out []string
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		keep := true
		for _, n := range names {
			keep = keep && name != n
		}
		if keep {
			out = append(out, kv)
		}
	}
	return out
}
