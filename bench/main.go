// Command bench measures the pack against the protocol floor (a no-op analyzer served by the same
// SDK adapter) the way the engine drives them: each analyzer is built, launched with the engine's
// own client code (pkg/v3/resource/plugin), and fed synthetic stacks of N resources. It reports
// startup to first answer, Analyze throughput and p50/p99 latency at concurrency 1 and 8,
// AnalyzeStack time and the plugin's peak RSS, each also as a ratio to the floor, and writes a
// table to docs/benchmarks.md and a chart to docs/benchmarks.png.
//
//	scripts/bench            # or: cd bench && go run . [-n 1000,10000] [-runs 3]
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
	flag.Parse()
	if err := run(context.Background(), *sizes, *runs, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// target is one analyzer under measurement: the binary the engine launches and, when that binary
// execs another (a launcher script), the executable of the process that serves, for its peak RSS.
// A note, if any, tells the report's reader where the analyzer comes from.
type target struct {
	name, binary, process, note string
}

func run(ctx context.Context, sizeList string, runs int, out string) error {
	var sizes []int
	for _, s := range strings.Split(sizeList, ",") {
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
	floor, err := engine.Build(ctx, filepath.Join(root, "internal", "noop", "cmd", "noop"), bin, "noop-analyzer")
	if err != nil {
		return err
	}
	bare, err := engine.Build(ctx, filepath.Join(root, "internal", "bare", "cmd", "bare"), bin, "bare-pack")
	if err != nil {
		return err
	}
	pack, err := engine.Build(ctx, root, bin, "pulumi-securely")
	if err != nil {
		return err
	}
	rules := len(policies.All())
	split := ruleSplit{
		bare: fmt.Sprintf("pulumi-securely, %d rules with empty checks", rules),
		pack: fmt.Sprintf("pulumi-securely (%d rules)", rules),
	}
	targets := []target{
		{name: "no-op analyzer (protocol floor)", binary: floor, process: floor},
		{name: split.bare, binary: bare, process: bare},
		{name: split.pack, binary: pack, process: pack},
	}
	fmt.Fprintln(os.Stderr, "preparing AWSGuard (Node.js) from npm")
	if t, err := awsGuard(ctx, filepath.Join(bin, "awsguard")); err != nil {
		fmt.Fprintf(os.Stderr, "note: leaving AWSGuard (Node.js) out of the comparison: %v\n", err)
	} else {
		targets = append(targets, t)
	}
	results := map[string]map[int]measurement{}
	for _, t := range targets {
		results[t.name] = map[int]measurement{}
	}
	for _, n := range sizes {
		stack := synth.Stack(n, 42)
		for _, t := range targets {
			fmt.Fprintf(os.Stderr, "measuring %s over %d resources\n", t.name, n)
			m, err := measure(ctx, t, stack, runs)
			if err != nil {
				return fmt.Errorf("%s, %d resources: %w", t.name, n, err)
			}
			results[t.name][n] = m
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
	report := renderReport(names, split, sizes, results, runs, notes)
	fmt.Print(report)
	if err := os.WriteFile(filepath.Join(out, "benchmarks.md"), []byte(report), 0o644); err != nil {
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
