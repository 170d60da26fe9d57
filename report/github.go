package report

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// writeGitHub writes one GitHub Actions workflow command per finding to w (::error for critical
// and high, ::warning for medium, ::notice for low and excepted findings), annotated on the
// program line that declared the resource, and appends the Markdown summary to opts.summary
// ($GITHUB_STEP_SUMMARY), or writes it to w after the commands when there is no such file.
func writeGitHub(w io.Writer, rep *Report, opts options) error {
	for _, r := range rep.Runs {
		for _, f := range r.Findings {
			if _, err := io.WriteString(w, workflowCommand(f)+"\n"); err != nil {
				return err
			}
		}
	}
	if opts.summary == "" {
		return writeMarkdown(w, rep, opts)
	}
	f, err := os.OpenFile(opts.summary, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if err := writeMarkdown(f, rep, opts); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// workflowCommand is the ::error/::warning/::notice line of one finding.
func workflowCommand(f Finding) string {
	cmd := "notice"
	switch {
	case f.Excepted():
	case f.Severity == pack.Critical || f.Severity == pack.High:
		cmd = "error"
	case f.Severity == pack.Medium:
		cmd = "warning"
	}
	var props []string
	if f.Location.InRepository() {
		props = append(props, "file="+escapeProperty(f.Location.File), "line="+strconv.Itoa(f.Location.Line))
		if f.Location.Column > 0 {
			props = append(props, "col="+strconv.Itoa(f.Location.Column))
		}
	}
	title := fmt.Sprintf("%s (%s)", f.Policy, f.Severity)
	if f.Excepted() {
		title += " excepted"
	}
	props = append(props, "title="+escapeProperty(title))
	msg := f.Message
	if f.URN != "" {
		msg += "\nresource: " + f.URN
	}
	return "::" + cmd + " " + strings.Join(props, ",") + "::" + escapeData(msg)
}

// escapeData escapes a workflow command's message, as the Actions toolkit does.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value, as the Actions toolkit does.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
