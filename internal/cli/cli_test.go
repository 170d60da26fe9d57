package cli

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The CLI that Ensure builds from tools/pulumicli is the version it stamps into it: the module
// there pins pkg/v3 (and through it sdk/v3) at Version.
func TestToolsModulePinsVersion(t *testing.T) {
	cmd := exec.Command("go", "mod", "edit", "-json")
	cmd.Dir = filepath.Join("..", "..", "tools", "pulumicli")
	out, err := cmd.Output()
	require.NoError(t, err)
	var mod struct {
		Require []struct{ Path, Version string }
	}
	require.NoError(t, json.Unmarshal(out, &mod))
	pinned := map[string]string{}
	for _, r := range mod.Require {
		pinned[r.Path] = r.Version
	}
	for _, path := range []string{"github.com/pulumi/pulumi/pkg/v3", "github.com/pulumi/pulumi/sdk/v3"} {
		assert.Equal(t, "v"+Version, pinned[path], "tools/pulumicli/go.mod must require %s at cli.Version", path)
	}
}
