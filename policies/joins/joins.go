// Package joins relates the resources of a stack for stack rules: the side resources (a bucket's
// public access block, a role's attachments) that belong to a subject, by property dependency or
// by the names and identifiers they hold, and stops a check where a side cannot be traced.
package joins

import (
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// Key pairs a side resource's property with the outputs of the subject it may hold: an S3
// encryption configuration's bucket holds its bucket's id or bucket name, a flow log's vpcId its
// VPC's id. Chosen outputs are names the program may give before the subject exists; the
// others (ids, ARNs) are the cloud's, known only once it does.
type Key struct {
	side    string
	subject []string
	chosen  bool
	// sideAt and subjectAt, when set, read the two ends of a key that lies deeper in the
	// resources, or that has a default when unset (see At); side and subject are then unused.
	sideAt    func(side *pack.Resource) pack.Value
	subjectAt func(subject *pack.Resource) pack.Value
}

// On is the Key of a side property and the cloud-assigned subject outputs it may hold.
func On(side string, subject ...string) Key { return Key{side: side, subject: subject} }

// OnName is the Key of a side property and the subject outputs it may hold, which are
// names the program chooses.
func OnName(side string, subject ...string) Key {
	return Key{side: side, subject: subject, chosen: true}
}

// At is the Key of a name the program chooses that sideAt reads in a side resource and
// subjectAt in a subject, for keys nested in objects or defaulted when unset: a Kubernetes pod
// spec's serviceAccountName, "default" when unset, holds a ServiceAccount's metadata.name. Both
// must read without ever stopping the check (peek), and sideAt must return a value whose path
// starts with the side's top-level property, under which its dependencies are recorded.
func At(sideAt, subjectAt func(*pack.Resource) pack.Value) Key {
	return Key{sideAt: sideAt, subjectAt: subjectAt, chosen: true}
}

// sideValue reads the key's value in a side resource.
func (k Key) sideValue(side *pack.Resource) pack.Value {
	if k.sideAt != nil {
		return k.sideAt(side)
	}
	return side.Get(k.side)
}

// dependency is the property of a side resource whose dependencies may name the subject: the
// top-level property the key's value lies under.
func (k Key) dependency(side *pack.Resource) string {
	if k.sideAt == nil {
		return k.side
	}
	path := k.sideAt(side).Path()
	if i := strings.IndexAny(path, ".["); i >= 0 {
		return path[:i]
	}
	return path
}

// subjectValues reads the subject's outputs that the key's side value may hold.
func (k Key) subjectValues(subject *pack.Resource) []pack.Value {
	if k.subjectAt != nil {
		return []pack.Value{k.subjectAt(subject)}
	}
	out := make([]pack.Value, len(k.subject))
	for i, output := range k.subject {
		out[i] = subject.Get(output)
	}
	return out
}

// Join finds, in a stack check, the side resources that configure a subject by naming it: a
// bucket's encryption configuration, a VPC's flow log, a load balancer's WAF association, a
// cluster's instances. It indexes the side resources once, so that a check over every subject
// of a stack stays linear in the stack's size, even when many subjects share a name (cloned
// stacks, state copied between accounts).
//
// A side resource configures a subject when its first key property was computed from the subject
// (property dependencies: the only way to join while ids are unknown, in preview), or, when it was
// computed from no resource of the subject's type, when its key properties hold the subject's
// outputs (state without dependencies: imports, stack references, state written by old engines,
// names the program computes). A side computed from one subject is that subject's only, whatever
// name it holds: so a thousand buckets that share a name, each with its own policy, are a
// thousand joins of one, not a million.
type Join struct {
	stack *pack.Stack
	types []string
	keys  []Key
	// dependencies are the properties of the side resources under which the first key's
	// dependencies are recorded (one, unless the key lies under different properties by type).
	dependencies []string
	// byValue indexes the side resources by the known value of their first key property.
	byValue map[string][]*pack.Resource
	// unknown are the side resources whose first key property is unknown; untraced, by subject
	// type, those of them and of byValue computed from no resource of that type.
	unknown  []*pack.Resource
	untraced map[string]untraced
	// visits counts the side resources the join has looked at, so that tests can hold it to a
	// bound without timing it.
	visits int
}

// Sides indexes the stack's side resources of the given types, which name their subject in
// the keys' side properties (the first key decides; the others must agree). It takes at least
// one key, and never stops the check: Of does, where a side cannot be traced.
func Sides(s *pack.Stack, types []string, keys ...Key) *Join {
	j := &Join{stack: s, types: types, keys: keys, byValue: map[string][]*pack.Resource{}}
	for _, r := range s.OfType(types...) {
		if dep := keys[0].dependency(r); !slices.Contains(j.dependencies, dep) {
			j.dependencies = append(j.dependencies, dep)
		}
		v := keys[0].sideValue(r)
		if name, ok := known.Text(v); ok {
			j.byValue[name] = append(j.byValue[name], r)
		} else if v.Unknown() {
			j.unknown = append(j.unknown, r)
		}
	}
	return j
}

// Of returns the side resources that configure subject. When it finds none, it stops the check
// if a side resource names a subject that is unknown and not traced elsewhere (see
// StopIfUntraced): that one may be subject's, and only the update can tell.
func (j *Join) Of(subject *pack.Resource) []*pack.Resource {
	out := j.Matching(subject)
	if len(out) == 0 {
		j.StopIfUntraced(subject)
	}
	return out
}

// Matching returns the side resources that configure subject, without ever stopping the check.
func (j *Join) Matching(subject *pack.Resource) []*pack.Resource {
	first := j.keys[0]
	var out []*pack.Resource
	found := map[*pack.Resource]bool{}
	add := func(r *pack.Resource) {
		if !found[r] {
			found[r] = true
			out = append(out, r)
		}
	}
	for _, dep := range j.dependencies {
		for _, r := range j.stack.Referrers(subject.URN, dep, j.types...) {
			j.visits++
			if first.dependency(r) == dep {
				add(r)
			}
		}
	}
	byValue := j.untracedFor(subject.Type).byValue
	for _, output := range first.subjectValues(subject) {
		name, ok := known.Text(output)
		if !ok {
			continue
		}
		for _, r := range byValue[name] {
			j.visits++
			if j.othersAgree(r, subject) {
				add(r)
			}
		}
	}
	return out
}

// othersAgree reports whether a side resource's key properties after the first hold the
// subject's outputs too.
func (j *Join) othersAgree(side, subject *pack.Resource) bool {
	for _, k := range j.keys[1:] {
		v, ok := known.Text(k.sideValue(side))
		if !ok || !slices.ContainsFunc(k.subjectValues(subject), func(output pack.Value) bool {
			want, known := known.Text(output)
			return known && want == v
		}) {
			return false
		}
	}
	return true
}

// StopIfUntraced stops the check when a side resource that was not computed from any resource
// of the subject's type (from subject, it is among the matches; from another, it is that one's)
// may name subject all the same: its key is unknown while subject's output is known, or, for a
// name the program chooses, subject's output is unknown while its key is known. An unknown
// cloud-assigned output belongs to a new subject, which side resources can only name by being
// computed from it.
func (j *Join) StopIfUntraced(subject *pack.Resource) {
	u := j.untracedFor(subject.Type)
	first := j.keys[0]
	for _, v := range first.subjectValues(subject) {
		switch {
		case v.Unknown() && len(u.byValue) > 0 && first.chosen:
			_ = v.Text("") // unknown: stops the check, deferring the decision on subject
		case !v.Unknown() && len(u.unknown) > 0:
			if _, ok := known.Text(v); ok {
				_ = first.sideValue(u.unknown[0]).Text("") // unknown: stops the check
			}
		}
	}
}

// untraced holds the side resources whose first key property was computed from no resource of
// one subject type: those whose key is unknown, and those whose key is known, by its value.
type untraced struct {
	unknown []*pack.Resource
	byValue map[string][]*pack.Resource
}

// untracedFor works out the untraced side resources once per subject type.
func (j *Join) untracedFor(subjectType string) untraced {
	if u, ok := j.untraced[subjectType]; ok {
		return u
	}
	isTraced := func(r *pack.Resource) bool {
		return slices.ContainsFunc(r.PropertyDependencies[j.keys[0].dependency(r)], func(urn pack.URN) bool {
			other := j.stack.Resource(urn)
			return other != nil && other.Type == subjectType
		})
	}
	u := untraced{byValue: map[string][]*pack.Resource{}}
	for _, r := range j.unknown {
		if !isTraced(r) {
			u.unknown = append(u.unknown, r)
		}
	}
	for name, list := range j.byValue {
		for _, r := range list {
			if !isTraced(r) {
				u.byValue[name] = append(u.byValue[name], r)
			}
		}
	}
	if j.untraced == nil {
		j.untraced = map[string]untraced{}
	}
	j.untraced[subjectType] = u
	return u
}
