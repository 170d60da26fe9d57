// Package audit is `pulumi-securely audit`: it judges a whole fleet of stacks with the pack, in
// process, from a folder of stack exports, a DIY backend or a Pulumi Cloud organization, and
// writes the findings as HTML, Markdown, JSON and SARIF reports.
package audit

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/pulumi-securely/pulumi-securely/pack"
)

// Main runs `<binary> audit args...` and returns the exit code: 0 when no finding reaches the
// --fail-on threshold and every stack was judged, 1 when one does or a stack failed (or the
// fleet could not be listed), 2 for a usage error. `audit merge` joins shard reports.
func Main(p pack.Pack, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "merge" {
		return mergeMain(p, args[1:], stdout, stderr)
	}
	return auditMain(p, args, stdout, stderr, os.LookupEnv)
}

// outputs are the report files asked for, and the threshold of the exit code.
type outputs struct {
	json, markdown, html, sarif, previous string
	failOn                                string
}

func (o *outputs) register(fs *flag.FlagSet) {
	fs.StringVar(&o.json, "json", "", "write the JSON report (what audit merge and --previous read) to `FILE`")
	fs.StringVar(&o.markdown, "markdown", "", "write the Markdown report to `FILE`")
	fs.StringVar(&o.html, "html", "", "write the self-contained HTML report to `FILE`")
	fs.StringVar(&o.sarif, "sarif", "", "write the SARIF 2.1.0 report to `FILE`")
	fs.StringVar(&o.previous, "previous", "", "a previous JSON report `FILE`: the HTML and Markdown reports show the trend against it")
	fs.StringVar(&o.failOn, "fail-on", "high", "exit 1 when a finding is at least this `severity`: critical, high, medium, low or none")
}

// repeated is a flag that may be given several times.
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

func auditMain(p pack.Pack, args []string, stdout, stderr io.Writer, lookup func(string) (string, bool)) int {
	name := p.Name + " audit"
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	exports := fs.String("exports", "", "audit the stack exports (*.json, as pulumi stack export writes them) in folder `DIR`")
	backend := fs.String("backend", "", "audit every stack of the DIY backend at `URL`: file://, s3://, gs:// or azblob://")
	org := fs.String("org", "", "audit every stack of the Pulumi Cloud organization `ORG` (token from PULUMI_ACCESS_TOKEN); "+
		"with --exports, the organization the exports belong to")
	api := fs.String("api", "", "the Pulumi Cloud API `URL` (default: PULUMI_BACKEND_URL when it is http(s), else "+defaultAPI+")")
	var projectDirs repeated
	fs.Var(&projectDirs, "project", "a project folder `DIR` (Pulumi.yaml and Pulumi.<stack>.yaml): its stacks are judged with their config; repeatable")
	policyConfig := fs.String("policy-pack-config", "", "a policy pack config `FILE`, as pulumi preview --policy-pack-config takes it")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "stacks judged at once")
	shardFlag := fs.String("shard", "", "judge only shard `i/n` of the fleet (e.g. 2/8), split by a hash of org/project/stack")
	quiet := fs.Bool("quiet", false, "no progress bar and no summary")
	var out outputs
	out.register(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s (--exports DIR | --backend URL | --org ORG) [flags]\n"+
			"       %s merge [flags] REPORT.json...\n\n"+
			"Judges every stack of a fleet with the pack, as `pulumi policy analyze` does plus the stack's tags\n"+
			"and config, and reports the findings. See docs/audit.md.\n\nFlags:\n", name, name)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	usageError := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "%s: %s\n", name, fmt.Sprintf(format, a...))
		return 2
	}
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q", fs.Arg(0))
	}
	if _, err := threshold(out.failOn); err != nil {
		return usageError("%v", err)
	}
	shard, err := parseShard(*shardFlag)
	if err != nil {
		return usageError("%v", err)
	}
	if *workers < 1 {
		return usageError("--workers must be at least 1")
	}
	k, err := keysFromEnv(lookup)
	if err != nil {
		return usageError("%v", err)
	}
	var src Source
	switch {
	case *exports != "" && *backend == "":
		src = &dirSource{dir: *exports, org: *org, keys: k}
	case *backend != "" && *exports == "" && *org == "":
		if backendOpener == nil {
			return usageError("--backend: DIY backends are audited by the pulumi-securely-audit binary, not the pack's: " +
				"reading them needs the AWS, Google Cloud and Azure storage SDKs, which would add some 60 MB to the pack's " +
				"binary that every preview launches, and slow its start (see docs/audit.md)")
		}
		if src, err = backendOpener(context.Background(), *backend, k.stateDecrypter); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			return 1
		}
	case *org != "" && *exports == "" && *backend == "":
		if cloudOpener == nil {
			return usageError("--org: Pulumi Cloud organizations are audited by the pulumi-securely-audit binary, not the " +
				"pack's: the Pulumi Cloud client would add some 11 MB to the pack's binary that every preview launches " +
				"(see docs/audit.md)")
		}
		token, _ := lookup("PULUMI_ACCESS_TOKEN")
		if token == "" {
			return usageError("auditing a Pulumi Cloud organization needs PULUMI_ACCESS_TOKEN")
		}
		backendURL, _ := lookup("PULUMI_BACKEND_URL")
		src = cloudOpener(apiURL(*api, backendURL), token, *org, k.stateDecrypter)
	default:
		return usageError("give one source: --exports DIR, --backend URL or --org ORG")
	}
	projects, err := loadProjects(projectDirs, k)
	if err != nil {
		return usageError("%v", err)
	}
	cfg, err := loadPolicyConfig(p, *policyConfig)
	if err != nil {
		return usageError("--policy-pack-config: %v", err)
	}
	var progress io.Writer
	if !*quiet && isTerminal(stderr) {
		progress = stderr
	}
	r, err := run(context.Background(), p, src, runOptions{workers: *workers, shard: shard, config: cfg,
		projects: projects, progress: progress, now: time.Now})
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return 1
	}
	return finish(name, r, out, *quiet, stdout, stderr)
}

// finish writes the reports asked for and a summary, and returns the exit code.
func finish(name string, r *Report, out outputs, quiet bool, stdout, stderr io.Writer) int {
	var previous *Report
	if out.previous != "" {
		var err error
		if previous, err = ReadReport(out.previous); err != nil {
			fmt.Fprintf(stderr, "%s: --previous: %v\n", name, err)
			return 1
		}
	}
	writers := []struct {
		path  string
		write func(io.Writer) error
	}{
		{out.json, r.WriteJSON},
		{out.markdown, func(w io.Writer) error { return r.WriteMarkdown(w, previous) }},
		{out.html, func(w io.Writer) error { return r.WriteHTML(w, previous) }},
		{out.sarif, r.WriteSARIF},
	}
	for _, wr := range writers {
		if wr.path == "" {
			continue
		}
		if err := writeFile(wr.path, wr.write); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			return 1
		}
	}
	if !quiet {
		r.WriteSummary(stdout)
	}
	min, _ := threshold(out.failOn)
	code := 0
	if failed := r.Failed(); len(failed) > 0 && min >= 0 {
		fmt.Fprintf(stderr, "%s: %d stack(s) could not be judged\n", name, len(failed))
		code = 1
	}
	if n := r.AtLeast(min); n > 0 {
		fmt.Fprintf(stderr, "%s: %d finding(s) at or above %s\n", name, n, out.failOn)
		code = 1
	}
	return code
}

// threshold turns --fail-on into the rank of the least severe failing severity (see
// severityRank), -1 for none.
func threshold(s string) (int, error) {
	if s == "none" {
		return -1, nil
	}
	for i, sev := range severities {
		if s == sev {
			return i, nil
		}
	}
	return 0, fmt.Errorf("--fail-on %q: want critical, high, medium, low or none", s)
}

// AtLeast counts the findings whose severity ranks at most min (0 = critical); none for min < 0.
func (r *Report) AtLeast(min int) int {
	n := 0
	for sev, c := range r.Counts() {
		if rank := severityRank(sev); min >= 0 && rank <= min {
			n += c
		}
	}
	return n
}

func writeFile(path string, write func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return f.Close()
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}
