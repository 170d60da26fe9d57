package audit

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"maps"
	"slices"

	"github.com/owenrumney/go-sarif/v3/pkg/report"
	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
)

// sarifLevel maps a severity to a SARIF level: critical and high are errors, medium warnings,
// low notes.
func sarifLevel(severity string) string {
	switch severity {
	case "critical", "high":
		return "error"
	case "medium":
		return "warning"
	default:
		return "note"
	}
}

// securitySeverity is the CVSS-like score GitHub code scanning reads from a rule's
// "security-severity" property to rank its alerts.
var securitySeverity = map[string]string{"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "2.0"}

// WriteSARIF writes the report as SARIF 2.1.0, with go-sarif: one run, a rule per policy that
// fired, a result per finding. A finding's location is logical: the stack
// (org/project/stack) and the resource's URN, since state has no source file.
func (r *Report) WriteSARIF(w io.Writer) error {
	doc := report.NewV210Report()
	run := sarif.NewRunWithInformationURI(r.Pack, cmp.Or(r.Repository, "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/"))
	run.Tool.Driver.WithVersion(r.PackVersion)
	for _, name := range slices.Sorted(maps.Keys(r.Rules)) {
		info := r.Rules[name]
		rule := run.AddRule(name).WithName(name).WithDescription(info.Description).
			WithProperties(sarif.NewPropertyBag().Add("security-severity", securitySeverity[info.Severity]).
				Add("severity", info.Severity).AddTag("security"))
		if info.URL != "" {
			rule.WithHelpURI(info.URL)
		}
	}
	for _, s := range r.Stacks {
		for _, f := range s.Findings {
			if _, ok := r.Rules[f.Policy]; !ok {
				run.AddRule(f.Policy).WithName(f.Policy)
			}
			loc := sarif.NewLocation().AddLogicalLocation(sarif.NewLogicalLocation().
				WithName(s.StackID.String()).WithFullyQualifiedName(s.StackID.String()).WithKind("module"))
			if f.URN != "" {
				loc.AddLogicalLocation(sarif.NewLogicalLocation().WithName(resourceName(f.URN)).
					WithFullyQualifiedName(f.URN).WithKind("resource"))
			}
			sum := sha256.Sum256([]byte(s.StackID.String() + "\x00" + f.Policy + "\x00" + f.URN + "\x00" + f.Message))
			run.CreateResultForRule(f.Policy).
				WithLevel(sarifLevel(f.Severity)).
				WithMessage(sarif.NewTextMessage(f.Message)).
				AddLocation(loc).
				WithPartialFingerprints(map[string]string{"pulumiSecurelyFinding/v1": hex.EncodeToString(sum[:16])}).
				WithProperties(sarif.NewPropertyBag().Add("stack", s.StackID.String()).
					Add("severity", f.Severity).Add("enforcementLevel", f.EnforcementLevel))
		}
	}
	doc.AddRun(run)
	return doc.PrettyWrite(w)
}
