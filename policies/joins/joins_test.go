package joins

import (
	"fmt"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
)

// joinProbe is a stack policy that reports, for every "test:index:Subject", the names of the
// "test:index:Side" resources a Join finds for it, so that the join's choices and its stops
// show through the engine as violations and not-applicable reasons.
func joinProbe(keys ...Key) pack.Policy {
	return pack.Policy{
		Name: "join-probe", Description: "Reports what a Join finds.", Severity: pack.Low,
		Remediation: "None: a test policy.", Types: []string{"test:index:Subject"},
		Stack: func(c *pack.Check, s *pack.Stack) {
			sides := Sides(s, []string{"test:index:Side"}, keys...)
			c.ForEach(s.OfType("test:index:Subject"), func(subject *pack.Resource) {
				var names []string
				for _, r := range sides.Of(subject) {
					names = append(names, r.Name)
				}
				c.Report(pack.Violation{URN: subject.URN, Message: fmt.Sprintf("%s: %v", subject.Name, names)})
			})
		},
	}
}

func TestSideJoin(t *testing.T) {
	subject := func(name string, props packtest.Props) plugin.AnalyzerResource {
		return packtest.Resource("test:index:Subject", name, props)
	}
	side := func(name string, props packtest.Props) plugin.AnalyzerResource {
		return packtest.Resource("test:index:Side", name, props)
	}
	known := subject("a", packtest.Props{"id": "id-a", "api": "api-1"})
	other := subject("b", packtest.Props{"id": "id-b", "api": "api-1"})
	fresh := subject("new", packtest.Props{"id": packtest.Unknown})
	named := subject("named", packtest.Props{"id": packtest.Unknown})
	byID := []pack.Policy{joinProbe(On("target", "id"))}
	byName := []pack.Policy{joinProbe(OnName("target", "id"))}
	byIDAndAPI := []pack.Policy{joinProbe(On("target", "id"), On("api", "api"))}

	packtest.Run(t, byID, "join-probe", []packtest.Case{
		{Name: "by dependency while the id is unknown", Want: packtest.Violation, Message: "new: [s]",
			Stack: append(packtest.Stack(fresh), packtest.DependsOn(side("s", packtest.Props{"target": packtest.Unknown}),
				"target", fresh))},
		{Name: "by plain value", Want: packtest.Violation, Message: "a: [s]",
			Stack: packtest.Stack(known, side("s", packtest.Props{"target": "id-a"}))},
		{Name: "found once though both dependency and value name it", Want: packtest.Violation, Message: "a: [s]",
			Stack: append(packtest.Stack(known), packtest.DependsOn(side("s", packtest.Props{"target": "id-a"}),
				"target", known))},
		{Name: "another subject's side", Want: packtest.Violation, Count: 2, Message: "a: []",
			Stack: packtest.Stack(known, other, side("s", packtest.Props{"target": "id-b"}))},
		{Name: "an unknown, untraced side may be a known subject's", Want: packtest.NotApplicable,
			Message: "value unknown during preview: target",
			Stack:   packtest.Stack(known, side("s", packtest.Props{"target": packtest.Unknown}))},
		{Name: "an unknown side traced to another subject is that one's", Want: packtest.Violation, Count: 2,
			Message: "a: []",
			Stack: append(packtest.Stack(known, other), packtest.DependsOn(
				side("s", packtest.Props{"target": packtest.Unknown}), "target", other))},
		{Name: "a new subject is named only through dependencies", Want: packtest.Violation, Message: "new: []",
			Stack: packtest.Stack(fresh, side("s", packtest.Props{"target": packtest.Unknown}),
				side("t", packtest.Props{"target": "id-z"}))},
	})
	packtest.Run(t, byName, "join-probe", []packtest.Case{
		{Name: "a chosen name still unknown may equal a known side's", Want: packtest.NotApplicable,
			Message: "value unknown during preview: id",
			Stack:   packtest.Stack(named, side("t", packtest.Props{"target": "id-z"}))},
		{Name: "unless that side is traced to another subject", Want: packtest.Violation, Message: "named: []",
			Stack: append(packtest.Stack(named, other), packtest.DependsOn(
				side("t", packtest.Props{"target": "id-z"}), "target", other))},
	})
	packtest.Run(t, byIDAndAPI, "join-probe", []packtest.Case{
		{Name: "every key agrees", Want: packtest.Violation, Message: "a: [s]",
			Stack: packtest.Stack(known, side("s", packtest.Props{"target": "id-a", "api": "api-1"}))},
		{Name: "a later key disagrees", Want: packtest.Violation, Message: "a: []",
			Stack: packtest.Stack(known, side("s", packtest.Props{"target": "id-a", "api": "api-2"}))},
	})
}

// TestSideJoinAtNestedKeys joins on keys that lie deeper in the resources and default when unset,
// as a Kubernetes pod spec's serviceAccountName names a ServiceAccount: the side's dependencies
// count under the top-level property its key lies under, and only there.
func TestSideJoinAtNestedKeys(t *testing.T) {
	sideAt := func(r *pack.Resource) pack.Value {
		if v := r.Peek("spec", "target"); !v.Raw().IsNull() {
			return v
		}
		return pack.NewValue(property.New("fallback"), "spec.target")
	}
	subjectAt := func(r *pack.Resource) pack.Value { return r.Peek("meta", "name") }
	probe := []pack.Policy{joinProbe(At(sideAt, subjectAt))}
	subject := func(name string, props packtest.Props) plugin.AnalyzerResource {
		return packtest.Resource("test:index:Subject", name, props)
	}
	side := func(name string, spec any) plugin.AnalyzerResource {
		return packtest.Resource("test:index:Side", name, packtest.Props{"spec": spec})
	}
	a := subject("a", packtest.Props{"meta": packtest.Props{"name": "name-a"}})
	fallback := subject("f", packtest.Props{"meta": packtest.Props{"name": "fallback"}})
	fresh := subject("new", packtest.Props{"meta": packtest.Unknown})

	packtest.Run(t, probe, "join-probe", []packtest.Case{
		{Name: "by nested value", Want: packtest.Violation, Message: "a: [s]",
			Stack: packtest.Stack(a, side("s", packtest.Props{"target": "name-a"}))},
		{Name: "an unset key is its default", Want: packtest.Violation, Message: "f: [s]",
			Stack: packtest.Stack(fallback, side("s", packtest.Props{}))},
		{Name: "by dependency under the key's top-level property", Want: packtest.Violation, Message: "new: [s]",
			Stack: append(packtest.Stack(fresh), packtest.DependsOn(side("s", packtest.Props{"target": packtest.Unknown}),
				"spec", fresh))},
		{Name: "a dependency under another property neither joins nor traces", Want: packtest.NotApplicable,
			Message: "value unknown during preview: meta.name",
			Stack: append(packtest.Stack(fresh), packtest.DependsOn(side("s", packtest.Props{"target": "other"}),
				"meta", fresh))},
		{Name: "an unknown spec is an unknown key", Want: packtest.NotApplicable,
			Message: "value unknown during preview: spec.target",
			Stack:   packtest.Stack(a, side("s", packtest.Unknown))},
		{Name: "a malformed spec reads as unset, without stopping", Want: packtest.Violation, Message: "f: [s]",
			Stack: packtest.Stack(fallback, side("s", "not an object"))},
	})
}

// TestSideJoinSharedNamesStaysLinear holds the join to linear work when every subject and side
// holds one name (a cloned stack): each side computed from its own subject is that subject's
// only, and the join looks at each side about once, however many share the name.
func TestSideJoinSharedNamesStaysLinear(t *testing.T) {
	const n = 500
	var resources []*pack.Resource
	for i := range n {
		subject := &pack.Resource{URN: packtest.URN("test:index:Subject", fmt.Sprint("s", i)), Type: "test:index:Subject",
			Name: fmt.Sprint("s", i), Properties: packtest.Map(packtest.Props{"id": "shared"})}
		side := &pack.Resource{URN: packtest.URN("test:index:Side", fmt.Sprint("p", i)), Type: "test:index:Side",
			Name: fmt.Sprint("p", i), Properties: packtest.Map(packtest.Props{"target": "shared"}),
			PropertyDependencies: map[string][]pack.URN{"target": {subject.URN}}}
		resources = append(resources, subject, side)
	}
	s := pack.NewStack(resources)
	j := Sides(s, []string{"test:index:Side"}, On("target", "id"))
	for i, subject := range s.OfType("test:index:Subject") {
		var names []string
		for _, r := range j.Matching(subject) {
			names = append(names, r.Name)
		}
		if !assert.Equal(t, []string{fmt.Sprint("p", i)}, names, "sides of %s", subject.Name) {
			break
		}
	}
	assert.LessOrEqual(t, j.visits, 2*n, "side resources looked at for %d subjects", n)
}

// TestMatchingNeverStops finds the same sides as Of, but where Of stops the check because a side
// may be the subject's, Matching returns what it traced and goes on.
func TestMatchingNeverStops(t *testing.T) {
	probe := pack.Policy{
		Name: "matching-probe", Description: "Reports what Matching finds.", Severity: pack.Low,
		Remediation: "None: a test policy.", Types: []string{"test:index:Subject"},
		Stack: func(c *pack.Check, s *pack.Stack) {
			sides := Sides(s, []string{"test:index:Side"}, On("target", "id"))
			for _, subject := range s.OfType("test:index:Subject") {
				c.Violatef("%s: %d", subject.Name, len(sides.Matching(subject)))
			}
		},
	}
	subject := packtest.Resource("test:index:Subject", "a", packtest.Props{"id": "id-a"})
	packtest.Run(t, []pack.Policy{probe}, "matching-probe", []packtest.Case{
		{Name: "an unknown, untraced side", Want: packtest.Violation, Message: "a: 0",
			Stack: packtest.Stack(subject, packtest.Resource("test:index:Side", "s", packtest.Props{"target": packtest.Unknown}))},
		{Name: "a side by value", Want: packtest.Violation, Message: "a: 1",
			Stack: packtest.Stack(subject, packtest.Resource("test:index:Side", "s", packtest.Props{"target": "id-a"}))},
	})
}
