package pack

import (
	"sync"

	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

// deployedStatePrefix opens the message of a finding in a resource's outputs.
const deployedStatePrefix = "the deployed state shows: "

// deployedState runs the resource policies on every resource's outputs and returns what they
// find that the same policy did not already report from the resource's inputs: what the provider
// filled in where the program left a value unset (a public IP it assigned, a version it chose).
// A policy that cannot decide on outputs (a value unknown during preview) says nothing here: its
// inputs were judged already.
func (a *Analyzer) deployedState(cfg *configuration, resources []*Resource, reads *secretReads,
) []plugin.AnalyzeDiagnostic {
	var out []plugin.AnalyzeDiagnostic
	for _, r := range resources {
		for _, pol := range cfg.plan(a, r.Type).analyze {
			if pol.InputsOnly || a.reported.has(pol, r.URN) {
				continue
			}
			c := a.newCheck(cfg, pol, r.URN, reads)
			c.run(func() { pol.Resource(c, r) })
			for _, d := range a.diagnostics(cfg, c) {
				d.Message = deployedStatePrefix + d.Message
				out = append(out, d)
			}
		}
	}
	return out
}

// reportedFindings is the set of (policy, resource) pairs with a finding from inputs. It holds
// one entry per finding of the process's run, which the engine already holds in full.
type reportedFindings struct {
	m sync.Map
}

type findingKey struct {
	policy string
	urn    URN
}

func (f *reportedFindings) add(p *registered, urn URN) {
	f.m.Store(findingKey{p.Name, urn}, struct{}{})
}

func (f *reportedFindings) has(p *registered, urn URN) bool {
	_, ok := f.m.Load(findingKey{p.Name, urn})
	return ok
}
