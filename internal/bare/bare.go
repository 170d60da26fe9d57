// Package bare is pulumi-securely with every policy registered and every check emptied: the
// engine, its dispatch and configuration, and the not-applicable lists the protocol carries for
// policies of other types, without the rules' own work. The benchmarks measure it between the
// no-op floor and the pack, to tell the cost of those lists from the cost of the rules.
package bare

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Pack returns the pack's policies with empty checks.
func Pack() pack.Pack {
	p := pack.Pack{Name: "pulumi-securely-bare", Version: "0.0.1", Policies: policies.All()}
	for i := range p.Policies {
		pol := &p.Policies[i]
		if pol.Resource != nil {
			pol.Resource = func(*pack.Check, *pack.Resource) {}
		}
		if pol.Stack != nil {
			pol.Stack = func(*pack.Check, *pack.Stack) {}
		}
		if pol.Remediate != nil {
			pol.Remediate = func(*pack.Check, *pack.Resource) (property.Map, bool) { return property.Map{}, false }
		}
	}
	return p
}
