package policies

import (
	"slices"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// joinKey pairs a side resource's property with the outputs of the subject it may hold: an S3
// encryption configuration's bucket holds its bucket's id or bucket name, a flow log's vpcId its
// VPC's id. Chosen outputs are names the program may give before the subject exists; the
// others (ids, ARNs) are the cloud's, known only once it does.
type joinKey struct {
	side    string
	subject []string
	chosen  bool
}

// joinOn is the joinKey of a side property and the cloud-assigned subject outputs it may hold.
func joinOn(side string, subject ...string) joinKey { return joinKey{side: side, subject: subject} }

// joinOnName is the joinKey of a side property and the subject outputs it may hold, which are
// names the program chooses.
func joinOnName(side string, subject ...string) joinKey {
	return joinKey{side: side, subject: subject, chosen: true}
}

// sideJoin finds, in a stack check, the side resources that configure a subject by naming it: a
// bucket's encryption configuration, a VPC's flow log, a load balancer's WAF association, a
// cluster's instances. It indexes the side resources once, so that a check over every subject
// of a stack stays linear in the stack's size.
//
// A side resource configures a subject when its first key property was computed from the subject
// (property dependencies: the only way to join while ids are unknown, in preview), or when its
// key properties hold the subject's outputs (state without dependencies: imports, stack
// references, state written by old engines, names the program computes).
type sideJoin struct {
	stack *pack.Stack
	types []string
	keys  []joinKey
	// byValue indexes the side resources by the known value of their first key property.
	byValue map[string][]*pack.Resource
	// unknown are the side resources whose first key property is unknown; untraced, by subject
	// type, those of them computed from no resource of that type.
	unknown  []*pack.Resource
	untraced map[string]untraced
}

// joinSides indexes the stack's side resources of the given types, which name their subject in
// the keys' side properties (the first key decides; the others must agree).
func joinSides(s *pack.Stack, types []string, keys ...joinKey) *sideJoin {
	j := &sideJoin{stack: s, types: types, keys: keys, byValue: map[string][]*pack.Resource{}}
	for _, r := range s.OfType(types...) {
		v := r.Get(keys[0].side)
		if name, ok := s3KnownName(v); ok {
			j.byValue[name] = append(j.byValue[name], r)
		} else if v.Unknown() {
			j.unknown = append(j.unknown, r)
		}
	}
	return j
}

// of returns the side resources that configure subject. When it finds none, it stops the check
// if a side resource names a subject that is unknown and not traced elsewhere (see
// stopIfUntraced): that one may be subject's, and only the update can tell.
func (j *sideJoin) of(subject *pack.Resource) []*pack.Resource {
	out := j.matching(subject)
	if len(out) == 0 {
		j.stopIfUntraced(subject)
	}
	return out
}

// matching returns the side resources that configure subject, without ever stopping the check.
func (j *sideJoin) matching(subject *pack.Resource) []*pack.Resource {
	first := j.keys[0]
	out := j.stack.Referrers(subject.URN, first.side, j.types...)
	for _, output := range first.subject {
		name, ok := s3KnownName(subject.Get(output))
		if !ok {
			continue
		}
		for _, r := range j.byValue[name] {
			if !slices.Contains(out, r) && j.othersAgree(r, subject) {
				out = append(out, r)
			}
		}
	}
	return out
}

// othersAgree reports whether a side resource's key properties after the first hold the
// subject's outputs too.
func (j *sideJoin) othersAgree(side, subject *pack.Resource) bool {
	for _, k := range j.keys[1:] {
		v, ok := s3KnownName(side.Get(k.side))
		if !ok || !slices.ContainsFunc(k.subject, func(output string) bool {
			want, known := s3KnownName(subject.Get(output))
			return known && want == v
		}) {
			return false
		}
	}
	return true
}

// stopIfUntraced stops the check when a side resource that was not computed from any resource
// of the subject's type (from subject, it is among the matches; from another, it is that one's)
// may name subject all the same: its key is unknown while subject's output is known, or, for a
// name the program chooses, subject's output is unknown while its key is known. An unknown
// cloud-assigned output belongs to a new subject, which side resources can only name by being
// computed from it.
func (j *sideJoin) stopIfUntraced(subject *pack.Resource) {
	u := j.untracedFor(subject.Type)
	for _, output := range j.keys[0].subject {
		switch v := subject.Get(output); {
		case v.Unknown() && u.known && j.keys[0].chosen:
			_ = v.Text("") // unknown: stops the check, deferring the decision on subject
		case !v.Unknown() && len(u.unknown) > 0:
			if _, ok := s3KnownName(v); ok {
				_ = u.unknown[0].Get(j.keys[0].side).Text("") // unknown: stops the check
			}
		}
	}
}

// untraced describes the side resources whose first key property was computed from no resource
// of one subject type: those whose key is unknown, and whether any has a known key.
type untraced struct {
	unknown []*pack.Resource
	known   bool
}

// untracedFor works out the untraced side resources once per subject type.
func (j *sideJoin) untracedFor(subjectType string) untraced {
	if u, ok := j.untraced[subjectType]; ok {
		return u
	}
	isTraced := func(r *pack.Resource) bool {
		return slices.ContainsFunc(r.PropertyDependencies[j.keys[0].side], func(urn pack.URN) bool {
			other := j.stack.Resource(urn)
			return other != nil && other.Type == subjectType
		})
	}
	var u untraced
	for _, r := range j.unknown {
		if !isTraced(r) {
			u.unknown = append(u.unknown, r)
		}
	}
	for _, list := range j.byValue {
		u.known = u.known || slices.ContainsFunc(list, func(r *pack.Resource) bool { return !isTraced(r) })
	}
	if j.untraced == nil {
		j.untraced = map[string]untraced{}
	}
	j.untraced[subjectType] = u
	return u
}
