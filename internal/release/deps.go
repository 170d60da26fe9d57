package release

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
)

// Footprint counts the modules a Go module brings along.
type Footprint struct {
	// Graph is the number of modules in its module graph: those `go list -m all` lists, whose
	// go.mod files `go mod tidy` reads and go.sum covers.
	Graph int
	// Build is the number of modules that provide packages to the main package in its folder
	// (the module itself included): those `go build` downloads and compiles.
	Build int
	// Test is the number of modules that provide packages to its packages and their tests.
	Test int
}

func (f Footprint) String() string {
	return fmt.Sprintf("%d modules in the graph, %d in the build, %d in the build of the tests", f.Graph, f.Build, f.Test)
}

// Exceeds says, one line for each, which counts of f are over the budget's.
func (f Footprint) Exceeds(budget Footprint) []string {
	var over []string
	for _, c := range []struct {
		what        string
		got, budget int
	}{
		{"modules in the module graph (go list -m all)", f.Graph, budget.Graph},
		{"modules that provide packages to the build (go list -deps .)", f.Build, budget.Build},
		{"modules that provide packages to the tests (go list -test -deps ./...)", f.Test, budget.Test},
	} {
		if c.got > c.budget {
			over = append(over, fmt.Sprintf("%d %s, over the budget of %d", c.got, c.what, c.budget))
		}
	}
	return over
}

// moduleOfPackage is the go list template that prints the module providing each package.
const moduleOfPackage = "{{with .Module}}{{.Path}}{{end}}"

// MeasureModule counts the modules of the Go module in dir. It runs the go command offline
// (GOPROXY=off): the module cache must already hold the modules' go.mod files and sources, as it
// does after `go mod download`, `go mod tidy` or a test run in dir.
//
// The graph is counted from `go mod graph`, which lists the same modules as `go list -m all` but
// needs only their go.mod files; `go list -m all` also looks up each module's release time, which
// no build downloads, and so fails offline in a module cache that builds and tests filled.
func MeasureModule(ctx context.Context, dir string) (Footprint, error) {
	graph, err := goOffline(ctx, dir, "mod", "graph")
	if err != nil {
		return Footprint{}, err
	}
	build, err := goOffline(ctx, dir, "list", "-deps", "-f", moduleOfPackage, ".")
	if err != nil {
		return Footprint{}, err
	}
	test, err := goOffline(ctx, dir, "list", "-test", "-deps", "-f", moduleOfPackage, "./...")
	if err != nil {
		return Footprint{}, err
	}
	return Footprint{
		Graph: len(graphModules(graph)),
		Build: len(distinct(strings.Fields(build))),
		Test:  len(distinct(strings.Fields(test))),
	}, nil
}

// graphModules returns the modules of `go mod graph` output: each line is an edge
// "<module>[@<version>] <module>@<version>"; a module's path counts once whatever its versions
// (the build selects one), and the go and toolchain pseudo-modules do not count.
func graphModules(out string) []string {
	var paths []string
	for _, node := range strings.Fields(out) {
		path, _, _ := strings.Cut(node, "@")
		if path != "go" && path != "toolchain" {
			paths = append(paths, path)
		}
	}
	return distinct(paths)
}

// distinct returns the distinct strings of s, sorted.
func distinct(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

// goOffline runs the go command in dir with no module proxy, no workspace and a read-only go.mod,
// and returns its standard output.
func goOffline(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOWORK=off", "GOFLAGS=-mod=readonly")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go %s in %s (offline: GOPROXY=off): %w\n%s", strings.Join(args, " "), dir, err,
			strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}
