package pack

import (
	"sync"

	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

// deployedStatePrefix opens the message of a finding in a resource's outputs.
const deployedStatePrefix = "the deployed state shows: "

// deployedState runs the resource policies on the outputs of every resource this process judged
// from its inputs, and returns what they find that the same policy did not already report from
// the inputs: what the provider filled in where the program left a value unset (a public IP it
// assigned, a version it chose). A policy that cannot decide on outputs (a value unknown during
// preview) says nothing here: its inputs were judged already. Resources never judged from inputs
// are left alone: in a preview or update those are the ones the program reads but does not manage
// (`get` functions), which the stack cannot fix.
func (a *Analyzer) deployedState(cfg *configuration, resources []*Resource, reads *secretReads,
) []plugin.AnalyzeDiagnostic {
	var out []plugin.AnalyzeDiagnostic
	var checks []Check
	for _, r := range resources {
		if !a.reported.analyzed(r.URN) {
			continue
		}
		checks = checks[:0]
		for _, pol := range cfg.plan(a, r.Type).analyze {
			if pol.InputsOnly || a.reported.has(pol, r.URN) {
				continue
			}
			checks = append(checks, Check{})
			c := &checks[len(checks)-1]
			a.initCheck(c, cfg, pol, r.URN, reads)
			c.run(func() { pol.Resource(c, r) })
		}
		a.supersede(cfg, checks, nil, reads)
		for i := range checks {
			for _, d := range a.diagnostics(cfg, &checks[i]) {
				d.Message = deployedStatePrefix + d.Message
				out = append(out, d)
			}
		}
	}
	return out
}

// reportedFindings is the set of resources judged from their inputs and of (policy, resource)
// pairs with a finding there. It holds one entry per resource and per finding of the process's
// run, which the engine holds in full already.
type reportedFindings struct {
	m sync.Map
}

type findingKey struct {
	policy string
	urn    URN
}

// judged records that a resource was judged from its inputs.
func (f *reportedFindings) judged(urn URN) { f.m.Store(urn, struct{}{}) }

func (f *reportedFindings) analyzed(urn URN) bool {
	_, ok := f.m.Load(urn)
	return ok
}

func (f *reportedFindings) add(p *registered, urn URN) {
	f.m.Store(findingKey{p.Name, urn}, struct{}{})
}

func (f *reportedFindings) has(p *registered, urn URN) bool {
	_, ok := f.m.Load(findingKey{p.Name, urn})
	return ok
}
