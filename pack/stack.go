package pack

import (
	"slices"
	"sync"
)

// Stack is what a stack check sees: every resource of the stack with its outputs, indexed once
// by URN and by type so that joining resources stays linear in the size of the stack.
type Stack struct {
	Resources []*Resource

	byURN  map[URN]*Resource
	byType map[string][]*Resource

	referrersOnce sync.Once
	referrers     map[URN][]reference
}

// reference records that a resource's property was computed from another resource.
type reference struct {
	from     *Resource
	property string
}

// NewStack indexes resources for stack checks. A URN names one resource: the engine never sends
// two with the same, but a stack export edited by hand or cloned can hold copies, which would make
// every join through dependencies quadratic; the last of each URN stands for its copies, as it
// always did for Resource(urn).
func NewStack(resources []*Resource) *Stack {
	s := &Stack{
		Resources: make([]*Resource, 0, len(resources)),
		byURN:     make(map[URN]*Resource, len(resources)),
		byType:    make(map[string][]*Resource),
	}
	for _, r := range resources {
		s.byURN[r.URN] = r
	}
	for _, r := range resources {
		if s.byURN[r.URN] != r {
			continue
		}
		s.Resources = append(s.Resources, r)
		s.byType[r.Type] = append(s.byType[r.Type], r)
	}
	return s
}

// Resource returns the resource with the given URN, or nil.
func (s *Stack) Resource(urn URN) *Resource { return s.byURN[urn] }

// OfType returns the resources of the given type tokens, in the order the types are given.
func (s *Stack) OfType(types ...string) []*Resource {
	var out []*Resource
	for _, t := range types {
		out = append(out, s.byType[t]...)
	}
	return out
}

// Has reports whether the stack holds a resource of any of the given types.
func (s *Stack) Has(types ...string) bool {
	for _, t := range types {
		if len(s.byType[t]) > 0 {
			return true
		}
	}
	return false
}

// Referrers returns the resources of the given types whose property was computed from target:
// the side resources (versioning, encryption, public access block, rules) that configure it.
// With no types, resources of any type count.
func (s *Stack) Referrers(target URN, property string, types ...string) []*Resource {
	s.referrersOnce.Do(s.indexReferrers)
	var out []*Resource
	for _, ref := range s.referrers[target] {
		if ref.property == property && (len(types) == 0 || slices.Contains(types, ref.from.Type)) {
			out = append(out, ref.from)
		}
	}
	return out
}

func (s *Stack) indexReferrers() {
	s.referrers = make(map[URN][]reference)
	for _, r := range s.Resources {
		for prop, urns := range r.PropertyDependencies {
			for _, urn := range urns {
				s.referrers[urn] = append(s.referrers[urn], reference{from: r, property: prop})
			}
		}
	}
}
