package audit

import (
	"fmt"
	"io"
	"strings"
)

// findingsPerStack caps the findings the Markdown and HTML reports list for one stack; the JSON
// and SARIF reports hold them all.
const findingsPerStack = 50

// WriteMarkdown writes the report as Markdown: the summary, the trend against previous (may be
// nil), the stacks, the top rules, the stacks that failed, and each stack's findings.
func (r *Report) WriteMarkdown(w io.Writer, previous *Report) error {
	b := &strings.Builder{}
	c := r.Counts()
	fmt.Fprintf(b, "# Security audit: %s %s\n\n", r.Pack, r.PackVersion)
	fmt.Fprintf(b, "%d stack(s) from %s, judged %s", len(r.Stacks), strings.Join(r.Sources, "; "),
		r.GeneratedAt.Format("2006-01-02 15:04 UTC"))
	if len(r.Shards) > 0 {
		fmt.Fprintf(b, " (shards %s)", strings.Join(r.Shards, ", "))
	}
	fmt.Fprintf(b, ".\n\n## Findings by severity\n\n| Severity | Findings |\n| --- | ---: |\n")
	for _, s := range severities {
		fmt.Fprintf(b, "| %s | %d |\n", s, c[s])
	}
	fmt.Fprintf(b, "| **total** | **%d** |\n\n", c.Total())

	if t := r.TrendSince(previous); t != nil {
		fmt.Fprintf(b, "## Trend since %s\n\n| Severity | Before | Now | Change |\n| --- | ---: | ---: | ---: |\n",
			t.Previous.GeneratedAt.Format("2006-01-02 15:04 UTC"))
		for _, s := range severities {
			fmt.Fprintf(b, "| %s | %d | %d | %+d |\n", s, t.Before[s], t.After[s], t.After[s]-t.Before[s])
		}
		fmt.Fprintf(b, "\n%d new finding(s), %d resolved.\n\n", t.New, t.Resolved)
	}

	fmt.Fprintf(b, "## Stacks\n\n| Stack | Resources | Critical | High | Medium | Low | Status |\n"+
		"| --- | ---: | ---: | ---: | ---: | ---: | --- |\n")
	for _, s := range r.Stacks {
		sc := s.Counts()
		fmt.Fprintf(b, "| %s | %d | %d | %d | %d | %d | %s |\n", md(s.StackID.String()), s.Resources,
			sc["critical"], sc["high"], sc["medium"], sc["low"], md(status(s)))
	}

	if top := r.TopRules(10); len(top) > 0 {
		fmt.Fprintf(b, "\n## Top rules\n\n| Rule | Severity | Findings | Stacks |\n| --- | --- | ---: | ---: |\n")
		for _, rc := range top {
			fmt.Fprintf(b, "| %s | %s | %d | %d |\n", md(rc.Policy), rc.Severity, rc.Findings, rc.Stacks)
		}
	}

	if failed := r.Failed(); len(failed) > 0 {
		fmt.Fprintf(b, "\n## Stacks that could not be judged\n\n")
		for _, s := range failed {
			fmt.Fprintf(b, "- **%s**%s: %s\n", md(s.StackID.String()), fileSuffix(s), md(s.Error))
		}
	}

	fmt.Fprintf(b, "\n## Findings\n")
	for _, s := range r.Stacks {
		if len(s.Findings) == 0 && len(s.Notes) == 0 {
			continue
		}
		fmt.Fprintf(b, "\n### %s\n\n", md(s.StackID.String()))
		for _, n := range s.Notes {
			fmt.Fprintf(b, "> %s\n", md(n))
		}
		if len(s.Notes) > 0 {
			b.WriteString("\n")
		}
		if len(s.Findings) == 0 {
			continue
		}
		b.WriteString("| Severity | Rule | Resource | Message |\n| --- | --- | --- | --- |\n")
		for i, f := range s.Findings {
			if i == findingsPerStack {
				fmt.Fprintf(b, "\n… and %d more (see the JSON or SARIF report).\n", len(s.Findings)-i)
				break
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s |\n", f.Severity, md(f.Policy), md(resourceName(f.URN)), md(f.Message))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// status is a stack's state in one word or its error.
func status(s StackResult) string {
	switch {
	case s.Error != "":
		return "failed"
	case len(s.Findings) == 0:
		return "clean"
	default:
		return "findings"
	}
}

func fileSuffix(s StackResult) string {
	if s.File == "" || s.File == s.Stack {
		return ""
	}
	return " (" + md(s.File) + ")"
}

// resourceName is a URN's type and name, "type::name", or "stack" for a stack-wide finding.
func resourceName(urn string) string {
	if urn == "" {
		return "stack"
	}
	parts := strings.Split(urn, "::")
	if len(parts) < 4 {
		return urn
	}
	typ := parts[len(parts)-2]
	if i := strings.LastIndex(typ, "$"); i >= 0 {
		typ = typ[i+1:]
	}
	return typ + " " + parts[len(parts)-1]
}

// md escapes text for a Markdown table cell: no line breaks, pipes escaped (GitHub needs that even
// in code spans). Angle brackets stay: messages put commands such as `tag set k <value>` in code
// spans, where an entity would show as typed.
var mdEscaper = strings.NewReplacer("|", `\|`, "\n", " ", "\r", "")

func md(s string) string { return mdEscaper.Replace(s) }
