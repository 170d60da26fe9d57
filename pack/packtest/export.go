package packtest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/internal/export"
	"github.com/stretchr/testify/require"
)

// ExportedResource is one resource of a `pulumi stack export` file, as `pulumi policy analyze
// --file` hands it to a policy pack: Analyze sees its inputs, AnalyzeStack its outputs.
type ExportedResource = export.Resource

// Export is the resources of a stack export, in its order.
type Export = export.Export

// RealWorld returns the path of file in the stack exports written outside this project, kept in
// shared/realworld beside the module's root (../shared/realworld from the repository), and skips
// the test when the folder or the file is absent. The module's root is found from the test's
// package directory.
func RealWorld(t testing.TB, file string) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("no go.mod above the package directory")
		}
		dir = parent
	}
	path := filepath.Join(dir, "..", "shared", "realworld", file)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		t.Skipf("real-world stack export %s is absent", path)
	} else {
		require.NoError(t, err)
	}
	return path
}

// LoadExport reads a `pulumi stack export` file, failing the test if it cannot.
func LoadExport(t testing.TB, path string) Export {
	t.Helper()
	e, err := ReadExport(path)
	require.NoError(t, err, "reading stack export %s", path)
	return e
}

// ReadExport reads a `pulumi stack export` file ({"version": 3, "deployment": {"resources":
// [...]}}) and returns its resources as `pulumi policy analyze --file` sends them: resources
// pending deletion left out, provider references joined to their provider resources, encrypted
// secrets redacted to "[secret]".
func ReadExport(path string) (Export, error) { return export.Read(path) }
