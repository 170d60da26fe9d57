// Command bench measures the pack against the protocol's floor (internal/rawfloor, a raw gRPC
// analyzer that answers with the pack's not-applicable lists without decoding the properties) the
// way the engine drives them: each analyzer is built, launched with the engine's own client code
// (pkg/v3/resource/plugin), and fed synthetic stacks of N resources, the analyzers taking turns run
// by run so that a busy machine slows them alike. It reports startup to first answer, Analyze
// throughput and p50/p99 latency at concurrency 1 and 8, AnalyzeStack time and the plugin's peak
// RSS, each also as a ratio to the floor; then the wall time of `pulumi preview` and `pulumi up`
// with the real CLI without and with the pack (see cli.go). It writes a table to
// docs/benchmarks.md and a chart to docs/benchmarks.png.
//
//	scripts/bench            # or: cd bench && go run . [-n 1000,10000] [-runs 3] [-only raw,pack] [-cli 1000]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/internal/cli"
	"github.com/pulumi-securely/pulumi-securely/internal/engine"
	"github.com/pulumi-securely/pulumi-securely/internal/synth"
	"github.com/pulumi-securely/pulumi-securely/policies"
)

func main() {
	sizes := flag.String("n", "1000,10000", "stack sizes, comma-separated")
	runs := flag.Int("runs", 3, "repetitions of each measurement; medians are reported")
	out := flag.String("out", "", "folder for benchmarks.md and benchmarks.png (default: the repository's docs)")
	only := flag.String("only", "", "analyzers to measure, comma-separated among raw,noop,bare,pack,awsguard (default: all)")
	cliSize := flag.Int("cli", 1000, "resources of the real-CLI runs (0: leave the real CLI out)")
	compare := flag.String("compare", "", "a pack binary built elsewhere (another commit) to measure beside this one")
	flag.Parse()
	if err := run(context.Background(), options{*sizes, *runs, *out, *only, *cliSize, *compare}); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// target is one analyzer under measurement: the binary the engine launches and, when that binary
// execs another (a launcher script), the executable of the process that serves, for its peak RSS.
// A note, if any, tells the report's reader where the analyzer comes from.
type target struct {
	key, name, binary, process, note string
}

type options struct {
	sizes   string
	runs    int
	out     string
	only    string
	cli     int
	compare string
}

func run(ctx context.Context, o options) error {
	runs, out := o.runs, o.out
	var sizes []int
	for _, s := range strings.Split(o.sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n <= 0 {
			return fmt.Errorf("bad size %q", s)
		}
		sizes = append(sizes, n)
	}
	root, err := cli.WorkingRoot()
	if err != nil {
		return err
	}
	if out == "" {
		out = filepath.Join(root, "docs")
	}
	bin := filepath.Join(root, ".cache", "bench")
	fmt.Fprintln(os.Stderr, "building the analyzers")
	wanted := func(key string) bool { return o.only == "" || slices.Contains(strings.Split(o.only, ","), key) }
	rules := len(policies.All())
	split := ruleSplit{
		bare: fmt.Sprintf("pulumi-securely, %d rules with empty checks", rules),
		pack: fmt.Sprintf("pulumi-securely (%d rules)", rules),
	}
	// The raw floor is always measured: every figure is a ratio to it.
	raw, err := buildRawFloor(ctx, root, bin)
	if err != nil {
		return err
	}
	targets := []target{{key: "raw", name: "raw gRPC analyzer (protocol floor)", binary: raw, process: raw}}
	for _, b := range []struct{ key, name, pkg, binary string }{
		{"noop", "no-op analyzer on the SDK adapter", filepath.Join(root, "internal", "noop", "cmd", "noop"), "noop-analyzer"},
		{"bare", split.bare, filepath.Join(root, "internal", "bare", "cmd", "bare"), "bare-pack"},
		{"pack", split.pack, root, "pulumi-securely"},
	} {
		if !wanted(b.key) {
			continue
		}
		path, err := engine.Build(ctx, b.pkg, bin, b.binary)
		if err != nil {
			return err
		}
		targets = append(targets, target{key: b.key, name: b.name, binary: path, process: path})
	}
	if o.compare != "" {
		targets = append(targets, target{key: "compare", name: "pulumi-securely at " + filepath.Base(o.compare),
			binary: o.compare, process: o.compare})
	}
	if wanted("awsguard") {
		fmt.Fprintln(os.Stderr, "preparing AWSGuard (Node.js) from npm")
		if t, err := awsGuard(ctx, filepath.Join(bin, "awsguard")); err != nil {
			fmt.Fprintf(os.Stderr, "note: leaving AWSGuard (Node.js) out of the comparison: %v\n", err)
		} else {
			t.key = "awsguard"
			targets = append(targets, t)
		}
	}
	results := map[string]map[int]measurement{}
	perRun := map[string]map[int][]measurement{}
	for _, t := range targets {
		results[t.name] = map[int]measurement{}
		perRun[t.name] = map[int][]measurement{}
	}
	for _, n := range sizes {
		stack := synth.Stack(n, 42)
		for r := range runs {
			for _, t := range targets {
				fmt.Fprintf(os.Stderr, "measuring %s over %d resources, run %d of %d\n", t.name, n, r+1, runs)
				m, err := measureOnce(ctx, t, stack)
				if err != nil {
					return fmt.Errorf("%s, %d resources: %w", t.name, n, err)
				}
				perRun[t.name][n] = append(perRun[t.name][n], m)
			}
		}
		for _, t := range targets {
			results[t.name][n] = medianOf(perRun[t.name][n])
		}
	}
	var cliView *cliResult
	if i := slices.IndexFunc(targets, func(t target) bool { return t.key == "pack" }); o.cli > 0 && i >= 0 {
		fmt.Fprintf(os.Stderr, "running the real CLI over %d resources\n", o.cli)
		c, err := measureCLI(ctx, root, bin, targets[i].binary, o.cli, runs)
		if err != nil {
			fmt.Fprintf(os.Stderr, "note: leaving the real CLI out: %v\n", err)
		} else {
			cliView = &c
		}
	}
	names := make([]string, len(targets))
	var notes []string
	for i, t := range targets {
		names[i] = t.name
		if t.note != "" {
			notes = append(notes, t.note)
		}
	}
	report := renderReport(names, split, sizes, results, perRun, runs, notes, cliView)
	fmt.Print(report)
	doc := filepath.Join(out, "benchmarks.md")
	if err := os.WriteFile(doc, []byte(report+keptNotes(doc)), 0o644); err != nil {
		return err
	}
	return drawChart(filepath.Join(out, "benchmarks.png"), names, sizes, results)
}

// median returns the middle of the values (the lower middle for an even count).
func median[T int64 | float64](values []T) T {
	s := slices.Clone(values)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

// notesHeading starts the hand-written part of benchmarks.md (what the figures mean, what the
// profiles show), which a new run keeps.
const notesHeading = "\n## Notes\n"

// keptNotes returns the hand-written part of the existing report at path, if any.
func keptNotes(path string) string {
	old, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	if i := strings.Index(string(old), notesHeading); i >= 0 {
		return string(old[i:])
	}
	return ""
}
