package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

var severities = []pack.Severity{pack.Critical, pack.High, pack.Medium, pack.Low}

// maxRows bounds a pack's table: GitHub takes at most 1 MiB of job summary per step.
const maxRows = 500

// writeMarkdown writes a job summary: per policy pack, the findings by severity and a table of
// them, worst first, with the remediation of each policy that failed.
func writeMarkdown(w io.Writer, rep *Report, opts options) error {
	var b strings.Builder
	if len(rep.Runs) == 0 {
		b.WriteString("## Policy report\n\nNo policy pack reported anything.\n")
	}
	for _, r := range rep.Runs {
		markdownRun(&b, r, opts)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func markdownRun(b *strings.Builder, r *Run, opts options) {
	fmt.Fprintf(b, "## Policy report: %s %s\n\n", r.Pack, r.Version)
	counts := map[pack.Severity]int{}
	excepted := 0
	for _, f := range r.Findings {
		if f.Excepted() {
			excepted++
		} else {
			counts[f.Severity]++
		}
	}
	var parts []string
	for _, s := range severities {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	if excepted > 0 {
		parts = append(parts, fmt.Sprintf("%d excepted", excepted))
	}
	passed := 0
	for _, c := range r.Checks {
		if c.Passed {
			passed++
		}
	}
	if len(r.Findings) == 0 {
		fmt.Fprintf(b, "No violations. %d checks passed.\n\n", passed)
		return
	}
	fmt.Fprintf(b, "**%d violations**: %s. %d checks passed.", len(r.Findings), strings.Join(parts, ", "), passed)
	if opts.failOn != "none" {
		fmt.Fprintf(b, " The job fails on severity %s and above.", opts.failOn)
	}
	b.WriteString("\n\n| Severity | Policy | Resource | Declared at | Message |\n| --- | --- | --- | --- | --- |\n")
	for i, f := range r.Findings {
		if i == maxRows {
			fmt.Fprintf(b, "\n…and %d more, in the SARIF, JUnit or JSON report.\n", len(r.Findings)-maxRows)
			break
		}
		sev := string(f.Severity)
		if f.Excepted() {
			sev += " (excepted)"
		}
		policy := cell(f.Policy)
		if u := r.RuleURL(f.Policy); u != "" {
			policy = "[" + policy + "](" + u + ")"
		}
		resource := cell(f.URN)
		if f.ResourceName != "" {
			resource = "`" + cell(f.ResourceType) + "` " + cell(f.ResourceName)
		}
		where := ""
		if f.Location != nil {
			where = fmt.Sprintf("`%s:%d`", cell(f.Location.File), f.Location.Line)
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", sev, policy, resource, where, cell(f.Message))
	}
	b.WriteString("\n")
	markdownRemediations(b, r)
}

// markdownRemediations lists how to fix each policy that failed, for the pack's own policies.
func markdownRemediations(b *strings.Builder, r *Run) {
	seen := map[string]bool{}
	var lines []string
	for _, f := range r.Findings {
		p := r.Rule(f.Policy)
		if seen[f.Policy] || p == nil || p.Remediation == "" {
			continue
		}
		seen[f.Policy] = true
		lines = append(lines, fmt.Sprintf("- **%s**: %s", f.Policy, cell(p.Remediation)))
	}
	if len(lines) == 0 {
		return
	}
	b.WriteString("<details><summary>How to fix</summary>\n\n")
	b.WriteString(strings.Join(lines, "\n"))
	b.WriteString("\n\n</details>\n\n")
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\r\n", "<br>", "\n", "<br>", "<", "&lt;", ">", "&gt;").Replace(s)
}
