package policies

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The packages of rules by cloud; the others below policies are the helpers they share.
var cloudPackages = []string{"aws", "azure", "gcp", "kubernetes", "pulumicloud"}

// importsUnder returns the packages below policies (as paths relative to it, "" for policies
// itself) that the Go files of dir, tests included, import.
func importsUnder(t *testing.T, dir string) []string {
	t.Helper()
	const prefix = "github.com/pulumi-securely/pulumi-securely/policies"
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(t, err)
	var out []string
	for _, f := range files {
		parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range parsed.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if rest, ok := strings.CutPrefix(path, prefix); ok && (rest == "" || rest[0] == '/') {
				out = append(out, strings.TrimPrefix(rest, "/"))
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// No cloud package imports another cloud's package or the pack's own; the helper packages import
// no cloud package; so a team can take one cloud's rules, or a helper, without the rest.
func TestPackagesStayApart(t *testing.T) {
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	var helpers []string
	for _, e := range entries {
		if e.IsDir() && !slices.Contains(cloudPackages, e.Name()) {
			helpers = append(helpers, e.Name())
		}
	}
	require.Contains(t, helpers, "secrets", "the helper packages are found")
	for _, cloud := range cloudPackages {
		for _, imp := range importsUnder(t, cloud) {
			assert.False(t, imp == "" || slices.Contains(cloudPackages, strings.Split(imp, "/")[0]),
				"package %s imports policies/%s", cloud, imp)
		}
	}
	err = filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() || path == "." || slices.Contains(cloudPackages, strings.Split(path, "/")[0]) {
			return err
		}
		for _, imp := range importsUnder(t, path) {
			assert.False(t, imp == "" || slices.Contains(cloudPackages, strings.Split(imp, "/")[0]),
				"helper package %s imports policies/%s", path, imp)
		}
		return nil
	})
	require.NoError(t, err)
}

// Every rule belongs to exactly one package: the seed rules here, the others to their cloud's.
func TestEveryRuleHasOnePackage(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range All() {
		assert.False(t, seen[p.Name], "%s is registered twice", p.Name)
		seen[p.Name] = true
	}
	assert.Len(t, Seed(), 8, "the seed rules")
}
