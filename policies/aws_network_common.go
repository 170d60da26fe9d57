package policies

import (
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// Helpers the AWS networking, compute and edge rules share (security groups, network ACLs, EC2,
// load balancers, CloudFront, API Gateway).

// netTextIs reports whether a value, read as text with def when unset, is one of the choices,
// ignoring case and surrounding spaces.
func netTextIs(v pack.Value, def string, choices ...string) bool {
	s := strings.TrimSpace(v.Text(def))
	return slices.ContainsFunc(choices, func(c string) bool { return strings.EqualFold(s, c) })
}

// netBlank reports whether a text value is unset or only spaces.
func netBlank(v pack.Value) bool { return strings.TrimSpace(v.Text("")) == "" }

// netJoinKey pairs a side resource's property with the subject output it names, e.g. a flow log's
// vpcId with the VPC's id.
type netJoinKey struct{ side, subject string }

// netSideResources returns the resources of the given types that configure subject in a stack check:
// those whose first key property was computed from the subject (property dependencies, the way to
// join while ids are unknown), and, among those whose first key property has no dependency (plain
// ids from imports, stack references or state written by old engines), those whose key properties
// all equal the subject's outputs. A plain side value that is unknown stops the check for this
// subject.
func netSideResources(s *pack.Stack, subject *pack.Resource, types []string, keys ...netJoinKey) []*pack.Resource {
	out := s.Referrers(subject.URN, keys[0].side, types...)
	want := make([]string, len(keys))
	for i, k := range keys {
		v := subject.Get(k.subject)
		if v.Unknown() || netBlank(v) {
			return out // a subject without a known id can only be joined through dependencies
		}
		want[i] = v.Text("")
	}
	for _, side := range s.OfType(types...) {
		if len(side.PropertyDependencies[keys[0].side]) > 0 {
			continue
		}
		matches := true
		for i, k := range keys {
			if side.Get(k.side).Text("") != want[i] {
				matches = false
				break
			}
		}
		if matches {
			out = append(out, side)
		}
	}
	return out
}
