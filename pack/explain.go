package pack

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// explain is the built-in command that describes one policy for a person.
func explain(p Pack, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(p.Name+" explain", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s explain <rule>\n\nExplains a rule: what it checks and why, how to fix a violation, "+
			"its settings with their defaults and a config example. '%s rules' lists the rules.\n", p.Name, p.Name)
	}
	if code, done := parse(fs, args, stdout); done {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return 2
	}
	name := fs.Arg(0)
	i := slices.IndexFunc(p.Policies, func(pol Policy) bool { return pol.Name == name })
	if i < 0 {
		fmt.Fprintf(stderr, "%s explain: no rule is named %q", p.Name, name)
		if similar := p.similar(name); len(similar) > 0 {
			fmt.Fprintf(stderr, "; did you mean %s?", strings.Join(similar, ", "))
		}
		fmt.Fprintf(stderr, "\n'%s rules' lists the rules.\n", p.Name)
		return 2
	}
	text, err := p.explanation(&p.Policies[i])
	if err == nil {
		_, err = stdout.Write(text)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s explain: %v\n", p.Name, err)
		return 1
	}
	return 0
}

// explanation renders what explain prints about a policy.
func (p *Pack) explanation(pol *Policy) ([]byte, error) {
	example, err := p.ConfigExample(pol)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteString(pol.Name)
	if pol.DisplayName != "" {
		b.WriteString(": " + pol.DisplayName)
	}
	b.WriteString("\n\n" + pol.Description + "\n\n")
	clouds := p.Clouds(pol)
	if len(clouds) == 0 {
		clouds = []string{AnyCloud}
	}
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, f := range [][2]string{
		{"Severity", string(pol.Severity)},
		{"Default", string(p.DefaultEnforcementLevel(pol)) + " (change it with --policy-pack-config)"},
		{"Kind", pol.KindDescription()},
		{"Cloud", strings.Join(clouds, ", ")},
		{"Framework", pol.Framework.String()},
		{"Tags", strings.Join(pol.Tags, ", ")},
		{"Applies to", appliesTo(pol)},
		{"Docs", p.PolicyURL(pol)},
	} {
		if f[1] != "" {
			fmt.Fprintf(tw, "%s:\t%s\n", f[0], f[1])
		}
	}
	if err := tw.Flush(); err != nil {
		return nil, err
	}
	b.WriteString("\nHow to fix:\n  " + pol.Remediation + "\n\nSettings:\n")
	if len(pol.Config.Properties) == 0 {
		b.WriteString("  none: only the enforcement level is configurable\n")
	}
	tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, k := range sortedKeys(pol.Config.Properties) {
		s := pol.Config.Properties[k]
		def, err := json.Marshal(s["default"])
		if err != nil {
			return nil, fmt.Errorf("policy %q: setting %q: %w", pol.Name, k, err)
		}
		fmt.Fprintf(tw, "  %s\t%v\tdefault %s\t%v\n", k, s["type"], def, s["description"])
	}
	if err := tw.Flush(); err != nil {
		return nil, err
	}
	b.WriteString("\nConfig example (a file for --policy-pack-config; keep only what you change):\n" + example)
	return b.Bytes(), nil
}

func appliesTo(pol *Policy) string {
	switch {
	case len(pol.Types) > 0:
		return strings.Join(slices.Sorted(slices.Values(pol.Types)), ", ")
	case pol.Stack != nil:
		return "the stack as a whole"
	}
	return "every resource"
}

// similar names up to five policies whose names contain name, or that name contains.
func (p *Pack) similar(name string) []string {
	var out []string
	for _, pol := range p.Policies {
		if len(out) < 5 && name != "" && (strings.Contains(pol.Name, name) || strings.Contains(name, pol.Name)) {
			out = append(out, pol.Name)
		}
	}
	return out
}
