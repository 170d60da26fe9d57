// Package audittest holds the fixtures of the audit tests (packages audit, audit/diy and
// audit/cloud). It does not import audit, so that audit's own tests can use it.
package audittest

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies"
	"github.com/stretchr/testify/require"
)

// Canary is a plaintext secret planted in the fixtures: no report may hold it.
const Canary = "CANARY-s3cr3t-a9f2e1"

// Pack is the real pack, as the binary builds it from the module's PulumiPolicy.yaml (found from
// the test's package folder upwards).
func Pack(t testing.TB) pack.Pack {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for !fileExists(filepath.Join(dir, "go.mod")) {
		require.NotEqual(t, dir, filepath.Dir(dir), "no go.mod above the test's folder")
		dir = filepath.Dir(dir)
	}
	project, err := os.ReadFile(filepath.Join(dir, "PulumiPolicy.yaml"))
	require.NoError(t, err)
	p, err := policies.Pack(project, "")
	require.NoError(t, err)
	return p
}

func fileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// Res is a resource of a fixture deployment.
type Res struct {
	Type, Name string
	Inputs     map[string]any
	Outputs    map[string]any
}

// Deployment returns the deployment of a stack holding a root stack resource and the given
// resources.
func Deployment(project, stack string, resources ...Res) map[string]any {
	stackURN := "urn:pulumi:" + stack + "::" + project + "::pulumi:pulumi:Stack::" + project + "-" + stack
	out := []any{map[string]any{"urn": stackURN, "type": "pulumi:pulumi:Stack", "custom": false}}
	for _, r := range resources {
		out = append(out, map[string]any{
			"urn":     "urn:pulumi:" + stack + "::" + project + "::" + r.Type + "::" + r.Name,
			"type":    r.Type,
			"custom":  true,
			"id":      r.Name + "-id",
			"parent":  stackURN,
			"inputs":  orEmpty(r.Inputs),
			"outputs": orEmpty(r.Outputs),
		})
	}
	return map[string]any{"manifest": map[string]any{"time": "2026-01-01T00:00:00Z", "magic": "", "version": ""},
		"resources": out}
}

func orEmpty(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// Put writes a file, making its folder.
func Put(t testing.TB, path string, data []byte) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, data, 0o600))
}

// PublicBucket is a bucket with a public ACL (critical) whose plaintext tag holds the Canary.
func PublicBucket(t testing.TB, name string) Res {
	return Res{Type: "aws:s3/bucket:Bucket", Name: name,
		Inputs:  map[string]any{"acl": "public-read", "tags": map[string]any{"note": SecretValue(t, Canary)}},
		Outputs: map[string]any{"acl": "public-read", "bucket": name + "-1234"}}
}

// RunMain runs an audit command's main (audit.Main) with the settings of env only (passphrase, access token, backend URL)
// and returns its exit code, stdout and stderr.
func RunMain(t *testing.T, main func(pack.Pack, []string, io.Reader, io.Writer, io.Writer) int, p pack.Pack,
	env map[string]string, args ...string,
) (int, string, string) {
	t.Helper()
	for _, k := range []string{"PULUMI_CONFIG_PASSPHRASE", "PULUMI_CONFIG_PASSPHRASE_FILE", "PULUMI_ACCESS_TOKEN", "PULUMI_BACKEND_URL"} {
		t.Setenv(k, "") // restores the variable after the test
		require.NoError(t, os.Unsetenv(k))
		if v, ok := env[k]; ok {
			t.Setenv(k, v)
		}
	}
	var stdout, stderr bytes.Buffer
	code := main(p, args, nil, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// RequireNoCanary fails when any of the files holds the Canary.
func RequireNoCanary(t testing.TB, paths ...string) {
	t.Helper()
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		require.NotContains(t, string(data), Canary, "%s holds a secret", p)
	}
}

// Encrypted is a passphrase-encrypted secret as the state holds it.
func Encrypted(t *testing.T, enc func(string) string, v any) map[string]any {
	t.Helper()
	plain, err := json.Marshal(v)
	require.NoError(t, err)
	return map[string]any{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "ciphertext": enc(string(plain))}
}

// ExportJSON wraps a deployment as `pulumi stack export` writes it.
func ExportJSON(t testing.TB, d map[string]any) []byte {
	t.Helper()
	data, err := json.Marshal(map[string]any{"version": 3, "deployment": d})
	require.NoError(t, err)
	return data
}

// SecretValue is a secret as an export holds it in plaintext (`--show-secrets`).
func SecretValue(t testing.TB, v any) map[string]any {
	t.Helper()
	plain, err := json.Marshal(v)
	require.NoError(t, err)
	return map[string]any{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "plaintext": string(plain)}
}
