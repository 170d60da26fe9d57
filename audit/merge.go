package audit

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// Merge joins reports of shards of one fleet into one report. A stack that two reports hold
// (overlapping shards, a shard run twice) is kept once, from the later report; reports by
// different packs or pack versions are refused.
func Merge(reports []*Report, now time.Time) (*Report, error) {
	if len(reports) == 0 {
		return nil, errors.New("no report to merge")
	}
	out := &Report{Version: reportVersion, Pack: reports[0].Pack, PackVersion: reports[0].PackVersion,
		Repository: reports[0].Repository, GeneratedAt: now.UTC()}
	index := map[string]int{}
	for _, r := range reports {
		if r.Pack != out.Pack || r.PackVersion != out.PackVersion {
			return nil, fmt.Errorf("reports of %s %s and %s %s cannot be merged", out.Pack, out.PackVersion,
				r.Pack, r.PackVersion)
		}
		for _, s := range r.Sources {
			if !slices.Contains(out.Sources, s) {
				out.Sources = append(out.Sources, s)
			}
		}
		for _, s := range r.Shards {
			if !slices.Contains(out.Shards, s) {
				out.Shards = append(out.Shards, s)
			}
		}
		for name, info := range r.Rules {
			if out.Rules == nil {
				out.Rules = map[string]RuleInfo{}
			}
			out.Rules[name] = info
		}
		for _, s := range r.Stacks {
			key := s.StackID.String() + "\x00" + s.File
			if i, ok := index[key]; ok {
				out.Stacks[i] = s
				continue
			}
			index[key] = len(out.Stacks)
			out.Stacks = append(out.Stacks, s)
		}
	}
	slices.Sort(out.Shards)
	out.sort()
	return out, nil
}

func mergeMain(p pack.Pack, args []string, stdout, stderr io.Writer) int {
	name := p.Name + " audit merge"
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	quiet := fs.Bool("quiet", false, "no summary")
	var out outputs
	out.register(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s [flags] REPORT.json...\n\nJoins the JSON reports of `audit --shard i/n` runs "+
			"into one report, and writes it as --json, --markdown, --html or --sarif.\n\nFlags:\n", name)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintf(stderr, "%s: give the JSON reports to merge\n", name)
		return 2
	}
	if _, err := threshold(out.failOn); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 2
	}
	var reports []*Report
	for _, path := range fs.Args() {
		r, err := ReadReport(path)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			return 1
		}
		reports = append(reports, r)
	}
	merged, err := Merge(reports, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
	return finish(name, merged, out, *quiet, stdout, stderr)
}
