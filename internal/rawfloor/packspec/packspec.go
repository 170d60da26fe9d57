// Package packspec describes a pack's policies to the raw floor (internal/rawfloor), kept apart
// so that the floor's binary does not link the pack.
package packspec

import (
	"github.com/pulumi-securely/pulumi-securely/internal/rawfloor"
	"github.com/pulumi-securely/pulumi-securely/pack"
)

// Of returns what the raw floor needs of each policy to list it as not applicable where the
// pack, at its default config, would.
func Of(policies []pack.Policy) []rawfloor.Policy {
	out := make([]rawfloor.Policy, len(policies))
	for i, p := range policies {
		out[i] = rawfloor.Policy{Name: p.Name, Types: p.Types, Resource: p.Resource != nil, Stack: p.Stack != nil}
	}
	return out
}
