package pack

import (
	"cmp"
	"slices"
)

// Registry collects the policies of a package of rules as its files register them, each in an
// init function, so that a new rule touches only its own file. The zero Registry is empty and
// ready to use; it does not check names (NewAnalyzer refuses duplicates).
type Registry struct{ policies []Policy }

// Add registers policies.
func (r *Registry) Add(p ...Policy) { r.policies = append(r.policies, p...) }

// Policies returns a copy of the registered policies, sorted by name.
func (r *Registry) Policies() []Policy { return SortedByName(r.policies) }

// SortedByName returns a copy of policies sorted by name; it does not change policies.
func SortedByName(policies []Policy) []Policy {
	out := slices.Clone(policies)
	slices.SortFunc(out, func(a, b Policy) int { return cmp.Compare(a.Name, b.Name) })
	return out
}
