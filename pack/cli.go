package pack

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// This file holds the built-in commands a person runs with a pack's binary to browse its
// catalog: rules lists and filters the policies, explain describes one, docs writes the reference.

func builtins(p Pack, extra []Command) []Command {
	return []Command{
		{Name: "version", Summary: "print the pack's version",
			Run: func(_ []string, _ io.Reader, stdout, _ io.Writer) int { return version(p, stdout) }},
		{Name: "rules", Summary: "list the rules, filtered by cloud, severity, framework or tag; as a table or --json",
			Run: func(args []string, _ io.Reader, stdout, stderr io.Writer) int { return rules(p, args, stdout, stderr) }},
		{Name: "explain", Summary: "explain a rule: why, how to fix, its settings with defaults, a config example",
			Run: func(args []string, _ io.Reader, stdout, stderr io.Writer) int {
				return explain(p, args, stdout, stderr)
			}},
		{Name: "docs", Summary: "write the rule reference (a Markdown page per rule) and the reference config files into a folder",
			Run: func(args []string, _ io.Reader, stdout, stderr io.Writer) int { return docs(p, args, stdout, stderr) }},
		{Name: "help", Summary: "show this help",
			Run: func(_ []string, _ io.Reader, stdout, _ io.Writer) int {
				usage(p, append(append([]Command(nil), extra...), builtins(p, extra)...), stdout)
				return 0
			}},
	}
}

// Selection picks policies as the rules command's flags do. A policy passes when it is about one
// of Clouds (AnyCloud for a policy about every cloud), is of one of Severities, its framework
// citation ("AWS Foundational Security Best Practices S3.8") contains one of Frameworks, and it
// has one of Tags, all ignoring case; an empty field passes every policy.
type Selection struct {
	Clouds, Severities, Frameworks, Tags []string
}

// Selects reports whether the pack's policy pol passes the selection.
func (p *Pack) Selects(s Selection, pol *Policy) bool { return s.matches(pol, p.Clouds(pol)) }

// list splits a comma-separated flag value into lower-case items.
func list(s string) []string {
	var out []string
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.ToLower(strings.TrimSpace(item)); item != "" {
			out = append(out, item)
		}
	}
	return out
}

func (f Selection) validate() error {
	for _, s := range f.Severities {
		switch Severity(s) {
		case Low, Medium, High, Critical:
		default:
			return fmt.Errorf("severity %q is not low, medium, high or critical", s)
		}
	}
	return nil
}

// matches is Selects with the policy's clouds at hand.
func (f Selection) matches(pol *Policy, clouds []string) bool {
	if len(clouds) == 0 {
		clouds = []string{AnyCloud}
	}
	return anyOf(f.Clouds, clouds, strings.EqualFold) &&
		anyOf(f.Severities, []string{string(pol.Severity)}, strings.EqualFold) &&
		anyOf(f.Frameworks, []string{pol.Framework.String()}, cites) &&
		anyOf(f.Tags, pol.Tags, strings.EqualFold)
}

// cites reports whether a framework citation contains text, ignoring case.
func cites(text, citation string) bool {
	return citation != "" && strings.Contains(strings.ToLower(citation), strings.ToLower(text))
}

// anyOf reports whether nothing is wanted, or some wanted item matches some item the policy has.
func anyOf(want, have []string, match func(want, have string) bool) bool {
	if len(want) == 0 {
		return true
	}
	return slices.ContainsFunc(want, func(w string) bool {
		return slices.ContainsFunc(have, func(h string) bool { return match(w, h) })
	})
}

// AnyCloud names, for people, the cloud of a policy that is about every cloud (one that sees every
// resource, or only the stack, and names no cloud in its tags): the CLOUD column of the rules
// command, and its -cloud filter.
const AnyCloud = "any"

// ruleInfo is a policy as `rules --json` writes it.
type ruleInfo struct {
	Name             string                `json:"name"`
	DisplayName      string                `json:"displayName,omitempty"`
	Description      string                `json:"description"`
	Severity         Severity              `json:"severity"`
	EnforcementLevel EnforcementLevel      `json:"enforcementLevel"`
	Kind             string                `json:"kind"`
	Clouds           []string              `json:"clouds"`
	Framework        *frameworkInfo        `json:"framework,omitempty"`
	Tags             []string              `json:"tags"`
	Types            []string              `json:"types"`
	Remediation      string                `json:"remediation"`
	Remediates       bool                  `json:"remediates"`
	URL              string                `json:"url,omitempty"`
	Settings         map[string]JSONSchema `json:"settings,omitempty"`
}

// frameworkInfo is a policy's framework as `rules --json` writes it.
type frameworkInfo struct {
	Name          string `json:"name"`
	Version       string `json:"version,omitempty"`
	Reference     string `json:"reference,omitempty"`
	Specification string `json:"specification,omitempty"`
	Citation      string `json:"citation"`
}

func newFrameworkInfo(f *Framework) *frameworkInfo {
	if f == nil {
		return nil
	}
	return &frameworkInfo{Name: f.Name, Version: f.Version, Reference: f.Reference, Specification: f.Specification,
		Citation: f.String()}
}

func rules(p Pack, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(p.Name+" rules", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cloud := fs.String("cloud", "", "only rules about these clouds, comma-separated (e.g. aws,gcp; any: rules for every cloud)")
	severity := fs.String("severity", "", "only rules of these severities, comma-separated (critical, high, medium, low)")
	framework := fs.String("framework", "", "only rules whose framework citation contains one of these, comma-separated (e.g. cis, S3.8)")
	tag := fs.String("tag", "", "only rules with one of these tags, comma-separated (e.g. encryption,network)")
	asJSON := fs.Bool("json", false, "write a JSON array of the rules with all their metadata")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s rules [flags]\n\nLists the pack's rules: name, severity, default enforcement level, cloud and framework.\n\nFlags:\n", p.Name)
		fs.PrintDefaults()
	}
	if code, done := parse(fs, args, stdout); done {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "%s rules: unexpected argument %q\n", p.Name, fs.Arg(0))
		fs.Usage()
		return 2
	}
	filter := Selection{Clouds: list(*cloud), Severities: list(*severity), Frameworks: list(*framework), Tags: list(*tag)}
	if err := filter.validate(); err != nil {
		fmt.Fprintf(stderr, "%s rules: %v\n", p.Name, err)
		return 2
	}
	known := p.knownClouds()
	infos := []ruleInfo{}
	for i := range p.Policies {
		pol := &p.Policies[i]
		clouds := p.clouds(pol, known)
		if filter.matches(pol, clouds) {
			infos = append(infos, p.ruleInfo(pol, clouds))
		}
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(infos); err != nil {
			fmt.Fprintf(stderr, "%s rules: %v\n", p.Name, err)
			return 1
		}
		return 0
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "RULE\tSEVERITY\tDEFAULT\tCLOUD\tFRAMEWORK")
	for _, r := range infos {
		citation := ""
		if r.Framework != nil {
			citation = r.Framework.Citation
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", r.Name, r.Severity, r.EnforcementLevel, strings.Join(r.Clouds, ","), citation)
	}
	if err := tw.Flush(); err != nil {
		fmt.Fprintf(stderr, "%s rules: %v\n", p.Name, err)
		return 1
	}
	return 0
}

// parse parses a command's flags; done says the command is over, with the exit code: 0 after
// --help (the usage goes to stdout), 2 after a bad flag (the error and the usage go to stderr).
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) (code int, done bool) {
	usage := fs.Usage
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.Usage = usage
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		return 0, true
	case err != nil:
		fs.Usage()
		return 2, true
	}
	return 0, false
}

func (p *Pack) ruleInfo(pol *Policy, clouds []string) ruleInfo {
	if len(clouds) == 0 {
		clouds = []string{AnyCloud}
	}
	return ruleInfo{
		Name:             pol.Name,
		DisplayName:      pol.DisplayName,
		Description:      pol.Description,
		Severity:         pol.Severity,
		EnforcementLevel: p.DefaultEnforcementLevel(pol),
		Kind:             pol.Kind(),
		Clouds:           clouds,
		Framework:        newFrameworkInfo(pol.Framework),
		Tags:             nonNil(pol.Tags),
		Types:            nonNil(pol.Types),
		Remediation:      pol.Remediation,
		Remediates:       pol.Remediate != nil,
		URL:              p.PolicyURL(pol),
		Settings:         pol.Config.Properties,
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
