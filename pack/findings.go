package pack

import (
	"cmp"
	"context"

	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

// Finding is one violation the pack reports, with the property path it is about. It carries
// no message, so that nothing derived from a value leaves the pack unscrubbed.
type Finding struct {
	Policy   string
	URN      URN
	Path     string
	Severity Severity
}

// Findings runs the pack over a stack as `pulumi policy analyze --file` does — the resource
// policies on each resource's inputs, the stack policies on every resource's outputs — under
// the current configuration, and returns what it reports, superseded findings dropped. Tests use
// it to prove that no two policies report one problem twice.
func (a *Analyzer) Findings(inputs []plugin.AnalyzerResource, outputs []plugin.AnalyzerStackResource) []Finding {
	cfg := a.config.Load()
	reads := &secretReads{}
	var out []Finding
	for _, in := range inputs {
		r := newResource(in, reads)
		checks, _ := a.runResource(context.Background(), cfg, cfg.plan(a, r.Type), r, reads) // never interrupted
		out = appendFindings(out, checks)
	}
	resources := make([]*Resource, len(outputs))
	for i, sr := range outputs {
		resources[i] = newStackResource(sr, reads)
	}
	checks, _, _ := a.runStack(context.Background(), cfg, NewStack(resources), reads)
	return appendFindings(out, checks)
}

func appendFindings(out []Finding, checks []Check) []Finding {
	for i := range checks {
		c := &checks[i]
		for _, v := range c.violations {
			out = append(out, Finding{Policy: c.policy.Name, URN: cmp.Or(v.URN, c.urn), Path: v.Path,
				Severity: cmp.Or(v.Severity, c.policy.Severity)})
		}
	}
	return out
}
