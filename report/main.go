// Package report turns what the Pulumi engine recorded about a policy run into reports a CI system
// reads: SARIF for code scanning, JUnit XML, a GitHub job summary with workflow annotations, and
// enriched JSON. It reads the engine's event log (`pulumi preview|up --event-log FILE`), the output
// of `pulumi policy analyze --json`, the pack's decision log, and, for the program lines that
// declared each resource, `pulumi preview --json` or a stack export. It never reads a resource
// property's value.
package report

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// Summary describes the command in the binary's list of commands.
const Summary = "turn the engine's policy events into SARIF, JUnit, a GitHub job summary or JSON"

// Exit codes of the report command.
const (
	ExitClean    = 0 // no finding at or above the --fail-on threshold
	ExitFindings = 1 // at least one finding at or above the threshold
	ExitUsage    = 2 // bad flags or unreadable input
)

// Formats lists the output formats, the first being the default.
var Formats = []string{"sarif", "junit", "github", "markdown", "json"}

// DefaultFailOn is the threshold when --fail-on is not given: critical and high findings fail the
// job, as they are the ones the pack enforces (mandatory) by default.
const DefaultFailOn = "high"

// options are the command's settings once parsed.
type options struct {
	format       string
	output       string
	failOn       string
	summary      string
	fallbackFile string
	repository   string
	loc          locator
	files        []string
}

const usage = `usage: %[1]s report [flags] [FILE...]

Converts what the Pulumi engine recorded about a policy run into a CI report. Each FILE (or
standard input, as "-" or when no FILE is given) is one of, told apart by its content:
  - an engine event log:            pulumi preview --event-log events.jsonl (or up)
  - policy analyze output:          pulumi policy analyze --json ... > analyze.jsonl
  - the pack's decision log:        PULUMI_SECURELY_DECISION_LOG=file:///path/decisions.jsonl
  - a preview digest:               pulumi preview --json > preview.json
  - a stack export:                 pulumi stack export > state.json
Policy violations come from the event log, analyze output or decision log (every run it holds);
the preview digest and the stack export give the source line that declared each resource.

Flags:
`

// Main runs the report command with its arguments (those after "report") and returns its exit code.
func Main(p pack.Pack, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opts, err := parseFlags(p, args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return ExitClean
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s report: %v\n", p.Name, err)
		return ExitUsage
	}
	rep, err := load(p, opts, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "%s report: %v\n", p.Name, err)
		return ExitUsage
	}
	out := stdout
	if opts.output != "" && opts.output != "-" {
		f, err := os.Create(opts.output)
		if err != nil {
			fmt.Fprintf(stderr, "%s report: %v\n", p.Name, err)
			return ExitUsage
		}
		defer f.Close()
		out = f
	}
	if err := write(out, rep, opts); err != nil {
		fmt.Fprintf(stderr, "%s report: %v\n", p.Name, err)
		return ExitUsage
	}
	if n := failing(rep, opts.failOn); n > 0 {
		fmt.Fprintf(stderr, "%s report: %d finding(s) at or above severity %s (--fail-on)\n", p.Name, n, opts.failOn)
		return ExitFindings
	}
	return ExitClean
}

func parseFlags(p pack.Pack, args []string, stderr io.Writer) (options, error) {
	var o options
	var root, projectDir string
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, usage, p.Name)
		fs.PrintDefaults()
	}
	fs.StringVar(&o.format, "format", Formats[0], "output format: "+strings.Join(Formats, ", "))
	fs.StringVar(&o.output, "output", "", "write the report to this file instead of standard output")
	fs.StringVar(&o.failOn, "fail-on", DefaultFailOn,
		"exit 1 when a finding (not excepted) has this severity or a higher one: critical, high, medium, low or none")
	fs.StringVar(&root, "root", "",
		"the repository root, which report paths are relative to (default $GITHUB_WORKSPACE, else the working directory)")
	fs.StringVar(&projectDir, "project-dir", ".",
		"the Pulumi project's folder (where Pulumi.yaml is), as passed to pulumi --cwd; the engine records source lines relative to it")
	fs.StringVar(&o.summary, "summary", "",
		"github format: append the Markdown summary to this file (default $GITHUB_STEP_SUMMARY, else standard output)")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if !slices.Contains(Formats, o.format) {
		return o, fmt.Errorf("--format %q is not one of %s", o.format, strings.Join(Formats, ", "))
	}
	if o.failOn != "none" && pack.SeverityRank(pack.Severity(o.failOn)) == 0 {
		return o, fmt.Errorf("--fail-on %q is not one of critical, high, medium, low, none", o.failOn)
	}
	if root == "" {
		root = os.Getenv("GITHUB_WORKSPACE")
	}
	if root == "" {
		root = "."
	}
	var err error
	if o.loc.root, err = filepath.Abs(root); err != nil {
		return o, err
	}
	if o.loc.projectDir, err = filepath.Abs(projectDir); err != nil {
		return o, err
	}
	o.fallbackFile = fallbackFile(o.loc)
	if o.summary == "" && o.format == "github" {
		o.summary = os.Getenv("GITHUB_STEP_SUMMARY")
	}
	o.repository = p.Repository
	o.files = fs.Args()
	return o, nil
}

// fallbackFile is the project's Pulumi.yaml relative to the repository root, where findings
// without a source line are filed for code scanning; empty when it is not in the repository.
func fallbackFile(l locator) string {
	for _, name := range []string{"Pulumi.yaml", "Pulumi.yml"} {
		abs := filepath.Join(l.projectDir, name)
		if _, err := os.Stat(abs); err != nil {
			continue
		}
		if rel, err := filepath.Rel(l.root, abs); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return ""
}

// load reads every input and builds the report.
func load(p pack.Pack, opts options, stdin io.Reader) (*Report, error) {
	c := newCollector()
	files := opts.files
	if len(files) == 0 {
		files = []string{"-"}
	}
	events := false
	for _, name := range files {
		k, err := readInput(c, name, stdin)
		if err != nil {
			return nil, err
		}
		events = events || k == eventsKind || k == decisionsKind
	}
	if !events {
		return nil, errors.New("no engine events to report: pass the --event-log file of pulumi preview or up, " +
			"the output of pulumi policy analyze --json, or the pack's decision log (pulumi preview --json holds no " +
			"policy violations)")
	}
	return c.build(p, opts.loc), nil
}

func readInput(c *collector, name string, stdin io.Reader) (kind, error) {
	if name == "-" {
		return c.read("standard input", stdin)
	}
	f, err := os.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return c.read(name, f)
}

// write renders the report in the chosen format.
func write(w io.Writer, rep *Report, opts options) error {
	switch opts.format {
	case "sarif":
		return writeSARIF(w, rep, opts)
	case "junit":
		return writeJUnit(w, rep)
	case "github":
		return writeGitHub(w, rep, opts)
	case "markdown":
		return writeMarkdown(w, rep, opts)
	default:
		return writeJSON(w, rep, opts)
	}
}

// failing counts the findings, not excepted, at or above the threshold.
func failing(rep *Report, failOn string) int {
	if failOn == "none" {
		return 0
	}
	min := pack.SeverityRank(pack.Severity(failOn))
	n := 0
	for _, r := range rep.Runs {
		for _, f := range r.Findings {
			if !f.Excepted() && pack.SeverityRank(f.Severity) >= min {
				n++
			}
		}
	}
	return n
}
