package report

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/pulumi-securely/pulumi-securely/pack"
)

// securitySeverity is the CVSS-like score GitHub code scanning reads from a rule's
// "security-severity" property to rank an alert critical (9.0+), high (7.0-8.9), medium (4.0-6.9)
// or low (0.1-3.9).
var securitySeverity = map[pack.Severity]string{
	pack.Critical: "9.5", pack.High: "8.0", pack.Medium: "5.5", pack.Low: "3.0",
}

// sarifLevel is a SARIF result level for a severity.
func sarifLevel(s pack.Severity) string {
	switch s {
	case pack.Critical, pack.High:
		return sarif.LevelError
	case pack.Medium:
		return sarif.LevelWarning
	default:
		return sarif.LevelNote
	}
}

// fingerprintKey names the partial fingerprint that keeps a finding one code scanning alert
// across runs, however the program's lines move.
const fingerprintKey = "pulumiSecurelyFinding/v1"

// writeSARIF writes the report as a SARIF 2.1.0 log: one run per policy pack.
func writeSARIF(w io.Writer, rep *Report, opts options) error {
	log := sarif.NewReport()
	for _, r := range rep.Runs {
		log.AddRun(sarifRun(r, opts))
	}
	return log.PrettyWrite(w)
}

func sarifRun(r *Run, opts options) *sarif.Run {
	run := sarif.NewRun()
	driver := sarif.NewToolComponent().WithName(r.Pack)
	if r.Version != "" {
		driver.WithVersion(r.Version).WithSemanticVersion(r.Version)
	}
	if r.Rules != nil && opts.repository != "" {
		driver.WithInformationURI(opts.repository)
	}
	run.WithTool(sarif.NewTool().WithDriver(driver))
	index := map[string]int{}
	for _, name := range r.PolicyNames() {
		index[name] = len(driver.Rules)
		driver.AddRule(sarifRule(r, name))
	}
	for _, f := range r.Findings {
		res := sarif.NewRuleResult(f.Policy).
			WithRuleIndex(index[f.Policy]).
			WithLevel(sarifLevel(f.Severity)).
			WithMessage(sarif.NewTextMessage(resultText(f))).
			WithPartialFingerprints(map[string]string{fingerprintKey: fingerprint(r.Pack, f)}).
			WithProperties(sarif.NewPropertyBag().
				Add("severity", string(f.Severity)).
				Add("enforcementLevel", f.EnforcementLevel).
				Add("urn", f.URN))
		if loc := sarifLocation(f, opts); loc != nil {
			res.AddLocation(loc)
		}
		for _, e := range f.Exceptions {
			res.AddSuppression(sarif.NewSuppression().WithKind("external").WithStatus("accepted").
				WithJustification(e.ID + ": " + e.Reason))
		}
		run.AddResult(res)
	}
	return run
}

// sarifRule describes a policy: for the pack's own policies, all of its metadata; for another
// pack's, its name.
func sarifRule(r *Run, name string) *sarif.ReportingDescriptor {
	rule := sarif.NewRule(name)
	p := r.Rule(name)
	if p == nil {
		return rule.WithShortDescription(sarif.NewMultiformatMessageString().WithText(name))
	}
	short := p.DisplayName
	if short == "" {
		short = p.Description
	}
	rule.WithName(name).
		WithShortDescription(sarif.NewMultiformatMessageString().WithText(short)).
		WithFullDescription(sarif.NewMultiformatMessageString().WithText(p.Description)).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(p.Severity)))
	url := r.RuleURL(name)
	if url != "" {
		rule.WithHelpURI(url)
	}
	if help, markdown := ruleHelp(p, url); help != "" {
		rule.WithHelp(sarif.NewMultiformatMessageString().WithText(help).WithMarkdown(markdown))
	}
	props := sarif.NewPropertyBag().
		Add("security-severity", securitySeverity[p.Severity]).
		Add("severity", string(p.Severity)).
		WithTags(ruleTags(p))
	if fw := p.Framework; fw != nil {
		props.Add("framework", map[string]string{
			"name": fw.Name, "version": fw.Version, "reference": fw.Reference, "specification": fw.Specification,
		})
	}
	return rule.WithProperties(props)
}

// ruleHelp is a policy's remediation, as text and as Markdown with its documentation link.
func ruleHelp(p *pack.Policy, url string) (text, markdown string) {
	if p.Remediation == "" {
		return "", ""
	}
	text, markdown = p.Remediation, "**Remediation:** "+p.Remediation
	if url != "" {
		text += "\n\nDocumentation: " + url
		markdown += "\n\n[Documentation](" + url + ")"
	}
	return text, markdown
}

// ruleTags are "security", the policy's own tags, and its compliance control.
func ruleTags(p *pack.Policy) []string {
	tags := append([]string{"security"}, p.Tags...)
	if fw := p.Framework; fw != nil {
		tags = append(tags, controlTag(fw))
	}
	return tags
}

// controlTag names a compliance control, e.g. "AWS Foundational Security Best Practices: S3.8".
func controlTag(fw *pack.Framework) string {
	if fw.Reference == "" {
		return fw.Name
	}
	return fw.Name + ": " + fw.Reference
}

// resultText is the engine's message; when the finding has no line in the program, it names the
// resource too.
func resultText(f Finding) string {
	if f.Location.InRepository() || f.URN == "" {
		return f.Message
	}
	return fmt.Sprintf("%s (resource %s)", strings.TrimRight(f.Message, "."), f.URN)
}

// sarifLocation points at the line that declared the resource and names the resource by URN. A
// finding without a line in the repository points at the fallback file (code scanning needs a
// file for every result).
func sarifLocation(f Finding, opts options) *sarif.Location {
	var phys *sarif.PhysicalLocation
	switch {
	case f.Location.InRepository():
		region := sarif.NewRegion().WithStartLine(f.Location.Line)
		if f.Location.Column > 0 {
			region.WithStartColumn(f.Location.Column)
		}
		phys = sarif.NewPhysicalLocation().
			WithArtifactLocation(sarif.NewSimpleArtifactLocation(f.Location.File).WithURIBaseID("%SRCROOT%")).
			WithRegion(region)
	case opts.fallbackFile != "":
		phys = sarif.NewPhysicalLocation().
			WithArtifactLocation(sarif.NewSimpleArtifactLocation(opts.fallbackFile).WithURIBaseID("%SRCROOT%")).
			WithRegion(sarif.NewRegion().WithStartLine(1))
	}
	loc := sarif.NewLocation()
	if phys != nil {
		loc.WithPhysicalLocation(phys)
	}
	if f.URN != "" {
		logical := sarif.NewLogicalLocation().WithFullyQualifiedName(f.URN).WithKind("resource")
		if f.ResourceName != "" {
			logical.WithName(f.ResourceName)
		}
		loc.AddLogicalLocation(logical)
	}
	if phys == nil && f.URN == "" {
		return nil
	}
	return loc
}

// fingerprint identifies a finding across runs: its pack, policy, resource and message.
func fingerprint(packName string, f Finding) string {
	sum := sha256.Sum256([]byte(strings.Join([]string{packName, f.Policy, f.URN, f.Message}, "\x00")))
	return hex.EncodeToString(sum[:16])
}
