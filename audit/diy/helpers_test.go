package diy

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/audit"
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies"
	"github.com/stretchr/testify/require"
)

// The fixtures below are package audit's test fixtures, which a test of another package cannot
// reach.

// canary is a plaintext secret planted in the fixtures: no report may hold it.
const canary = "CANARY-s3cr3t-a9f2e1"

// thePack is the real pack, as the binary builds it.
func thePack(t testing.TB) pack.Pack {
	t.Helper()
	project, err := os.ReadFile(filepath.Join("..", "..", "PulumiPolicy.yaml"))
	require.NoError(t, err)
	p, err := policies.Pack(project, "")
	require.NoError(t, err)
	return p
}

// res is a resource of a fixture deployment.
type res struct {
	typ, name string
	inputs    map[string]any
	outputs   map[string]any
}

// deployment returns the deployment of a stack holding a root stack resource and the given
// resources.
func deployment(project, stack string, resources ...res) map[string]any {
	stackURN := "urn:pulumi:" + stack + "::" + project + "::pulumi:pulumi:Stack::" + project + "-" + stack
	out := []any{map[string]any{"urn": stackURN, "type": "pulumi:pulumi:Stack", "custom": false}}
	for _, r := range resources {
		out = append(out, map[string]any{
			"urn":     "urn:pulumi:" + stack + "::" + project + "::" + r.typ + "::" + r.name,
			"type":    r.typ,
			"custom":  true,
			"id":      r.name + "-id",
			"parent":  stackURN,
			"inputs":  orEmpty(r.inputs),
			"outputs": orEmpty(r.outputs),
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

func put(t testing.TB, path string, data []byte) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, data, 0o600))
}

// publicBucket is a bucket with a public ACL (critical); its tags are set by the caller.
func publicBucket(name string) res {
	return res{typ: "aws:s3/bucket:Bucket", name: name,
		inputs:  map[string]any{"acl": "public-read"},
		outputs: map[string]any{"acl": "public-read", "bucket": name + "-1234"}}
}

// runMain runs audit.Main with the passphrase settings of env only, and returns its exit code,
// stdout and stderr.
func runMain(t *testing.T, p pack.Pack, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	for _, k := range []string{"PULUMI_CONFIG_PASSPHRASE", "PULUMI_CONFIG_PASSPHRASE_FILE"} {
		t.Setenv(k, "") // restores the variable after the test
		require.NoError(t, os.Unsetenv(k))
		if v, ok := env[k]; ok {
			t.Setenv(k, v)
		}
	}
	var stdout, stderr bytes.Buffer
	code := audit.Main(p, args, nil, &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

// requireNoCanary fails when any of the files holds the canary.
func requireNoCanary(t testing.TB, paths ...string) {
	t.Helper()
	for _, p := range paths {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		require.NotContains(t, string(data), canary, "%s holds a secret", p)
	}
}

func policiesOf(s audit.StackResult) []string {
	var out []string
	for _, f := range s.Findings {
		out = append(out, f.Policy)
	}
	return out
}

// encrypted is a passphrase-encrypted secret as the state holds it.
func encrypted(t *testing.T, enc func(string) string, v any) map[string]any {
	t.Helper()
	plain, err := json.Marshal(v)
	require.NoError(t, err)
	return map[string]any{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "ciphertext": enc(string(plain))}
}
