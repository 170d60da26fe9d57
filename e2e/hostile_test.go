package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestPolicyAnalyzeFileWithInputsNestedTooDeep runs the real CLI over a stack export one of whose
// resources has an input nested 5,000 levels deep: the run completes, with one violation on that
// resource naming the pack and the input, instead of failing with a decoding error.
func TestPolicyAnalyzeFileWithInputsNestedTooDeep(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile(filepath.Join(root, "examples", "stacks", "secure.json"))
	require.NoError(t, err)
	var export map[string]any
	require.NoError(t, json.Unmarshal(raw, &export))
	deployment := export["deployment"].(map[string]any)
	resources := deployment["resources"].([]any)
	var deep any = "leaf"
	for range 5000 {
		deep = map[string]any{"a": deep}
	}
	urn := "urn:pulumi:demo::shop::aws:s3/bucket:Bucket::deep"
	deployment["resources"] = append(resources, map[string]any{
		"urn": urn, "custom": true, "id": "deep", "type": "aws:s3/bucket:Bucket",
		"inputs":  map[string]any{"bucket": "deep", "tags": deep},
		"outputs": map[string]any{"bucket": "deep", "id": "deep", "tags": deep},
		"parent":  "urn:pulumi:demo::shop::pulumi:pulumi:Stack::shop-demo",
	})
	file := filepath.Join(t.TempDir(), "deep.json")
	data, err := json.Marshal(export)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(file, data, 0o600))

	out, err := runCLI(t, t.TempDir(), "policy", "analyze", "--file", file, "--policy-pack", packBinary)
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, out)
	assert.NotContains(t, out, "failed to unmarshal", out)
	assert.Contains(t, out, "pack-reads-every-input  (aws:s3:Bucket: deep)")
	assert.Contains(t, out, "policy pack pulumi-securely could not read input tags of "+urn)
	assert.Equal(t, 1, strings.Count(out, "[mandatory]"), "only the unreadable input is a mandatory violation:\n%s", out)
}
