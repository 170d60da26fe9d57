package audit

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies"
	"github.com/stretchr/testify/require"
)

// canary is a plaintext secret planted in the fixtures: no report may hold it.
const canary = "CANARY-s3cr3t-a9f2e1"

// thePack is the real pack, as the binary builds it.
func thePack(t testing.TB) pack.Pack {
	t.Helper()
	project, err := os.ReadFile(filepath.Join("..", "PulumiPolicy.yaml"))
	require.NoError(t, err)
	p, err := policies.Pack(project, "")
	require.NoError(t, err)
	return p
}

// res is a resource of a fixture export.
type res struct {
	typ, name string
	inputs    map[string]any
	outputs   map[string]any
}

// deployment returns the deployment of a stack export holding a root stack resource and the
// given resources; secrets are given as plaintext secret values (see secretValue).
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

// exportJSON wraps a deployment as `pulumi stack export` writes it.
func exportJSON(t testing.TB, d map[string]any) []byte {
	t.Helper()
	data, err := json.Marshal(map[string]any{"version": 3, "deployment": d})
	require.NoError(t, err)
	return data
}

// secretValue is a secret as an export holds it in plaintext (`--show-secrets`).
func secretValue(t testing.TB, v any) map[string]any {
	t.Helper()
	plain, err := json.Marshal(v)
	require.NoError(t, err)
	return map[string]any{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "plaintext": string(plain)}
}

func put(t testing.TB, path string, data []byte) {
	t.Helper()
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(t, os.WriteFile(path, data, 0o600))
}

// publicBucket is a bucket with a public ACL (critical) whose plaintext password input holds the
// canary.
func publicBucket(t testing.TB, name string) res {
	return res{typ: "aws:s3/bucket:Bucket", name: name,
		inputs:  map[string]any{"acl": "public-read", "tags": map[string]any{"note": secretValue(t, canary)}},
		outputs: map[string]any{"acl": "public-read", "bucket": name + "-1234"}}
}

// runMain runs audit.Main with arguments and returns its exit code, stdout and stderr.
func runMain(t testing.TB, p pack.Pack, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	var code int
	if len(args) > 0 && args[0] == "merge" {
		code = mergeMain(p, args[1:], &stdout, &stderr)
	} else {
		code = auditMain(p, args, &stdout, &stderr, lookup)
	}
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
