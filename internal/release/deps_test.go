package release

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// customPackBudget is how many modules examples/custom-pack, which stands for every custom pack
// built on pulumi-securely, may pull in: the counts measured when the budget was set (379, 107
// and 109; docs/dependencies.md) and a small margin.
var customPackBudget = Footprint{Graph: 385, Build: 110, Test: 112}

func TestCustomPackStaysWithinItsDependencyBudget(t *testing.T) {
	dir := filepath.Join(repoRoot, "examples", "custom-pack")
	got, err := MeasureModule(t.Context(), dir)
	require.NoError(t, err, "the test runs offline: fill the module cache first (go -C examples/custom-pack mod download)")
	t.Logf("examples/custom-pack: %s", got)
	if over := got.Exceeds(customPackBudget); len(over) > 0 {
		assert.Fail(t, "examples/custom-pack pulls in more modules than its budget:\n  "+strings.Join(over, "\n  ")+`
See what grew, in examples/custom-pack: go mod graph (which module requires which), go mod why -m <module>
(which import needs it), go list -deps -f '{{with .Module}}{{.Path}}{{end}}' . | sort -u (the build's modules).
Every requirement of the root go.mod is in every custom pack's graph: give a tool or a test that needs more a
module of its own (docs/dependencies.md). Raise the budget only for a dependency pack/ or policies/ need, and
say why in docs/dependencies.md.`)
	}
}

func TestFootprintExceeds(t *testing.T) {
	budget := Footprint{Graph: 10, Build: 5, Test: 6}
	cases := []struct {
		name string
		got  Footprint
		want []string // a part of each line
	}{
		{"under", Footprint{Graph: 9, Build: 4, Test: 5}, nil},
		{"at the budget", budget, nil},
		{"graph over", Footprint{Graph: 11, Build: 5, Test: 6}, []string{"11 modules in the module graph"}},
		{"build over", Footprint{Graph: 10, Build: 6, Test: 6}, []string{"6 modules that provide packages to the build"}},
		{"tests over", Footprint{Graph: 10, Build: 5, Test: 7}, []string{"7 modules that provide packages to the tests"}},
		{"all over", Footprint{Graph: 20, Build: 20, Test: 20}, []string{"module graph", "to the build", "to the tests"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			over := c.got.Exceeds(budget)
			require.Len(t, over, len(c.want), "%v", over)
			for i, w := range c.want {
				assert.Contains(t, over[i], w)
			}
		})
	}
}

func TestGraphModules(t *testing.T) {
	cases := []struct {
		name, out string
		want      []string
	}{
		{"empty", "", nil},
		{"one edge", "example.com/app example.com/lib@v1.0.0\n", []string{"example.com/app", "example.com/lib"}},
		{
			"a module at two versions counts once",
			"example.com/app example.com/lib@v1.2.0\nexample.com/app example.com/other@v0.1.0\n" +
				"example.com/other@v0.1.0 example.com/lib@v1.0.0\n",
			[]string{"example.com/app", "example.com/lib", "example.com/other"},
		},
		{
			"go and toolchain are no modules",
			"example.com/app go@1.26.6\nexample.com/app toolchain@go1.26.8\nexample.com/app example.com/lib@v1.0.0\n" +
				"example.com/lib@v1.0.0 go@1.21\n",
			[]string{"example.com/app", "example.com/lib"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, graphModules(c.out))
		})
	}
}

// A module that builds with one dependency, tests with another, and has a third in its graph
// only (a requirement of the first that no package imports). All are local replacements, so
// the go command needs no network.
func TestMeasureModuleCountsGraphBuildAndTests(t *testing.T) {
	root := t.TempDir()
	write := func(path, content string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(path))
		require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o755))
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
	}
	write("app/go.mod", `module example.com/app

go 1.21

require (
	example.com/lib v0.0.0
	example.com/testlib v0.0.0
)

require example.com/graphonly v0.0.0 // indirect

replace (
	example.com/graphonly => ../graphonly
	example.com/lib => ../lib
	example.com/testlib => ../testlib
)
`)
	write("app/main.go", "package main\n\nimport _ \"example.com/lib\"\n\nfunc main() {}\n")
	write("app/main_test.go", "package main\n\nimport _ \"example.com/testlib\"\n")
	write("lib/go.mod", "module example.com/lib\n\ngo 1.21\n\nrequire example.com/graphonly v0.0.0\n")
	write("lib/lib.go", "package lib\n")
	write("testlib/go.mod", "module example.com/testlib\n\ngo 1.21\n")
	write("testlib/testlib.go", "package testlib\n")
	write("graphonly/go.mod", "module example.com/graphonly\n\ngo 1.21\n")
	write("graphonly/graphonly.go", "package graphonly\n")

	got, err := MeasureModule(t.Context(), filepath.Join(root, "app"))
	require.NoError(t, err)
	assert.Equal(t, Footprint{Graph: 4, Build: 2, Test: 3}, got)

	_, err = MeasureModule(t.Context(), filepath.Join(root, "missing"))
	assert.ErrorContains(t, err, "go mod graph", "a folder with no module is an error naming the command")
}
