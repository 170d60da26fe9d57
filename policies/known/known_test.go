package known

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
)

func value(v property.Value) pack.Value { return pack.NewValue(v, "v") }

var unknown = value(property.New(property.Computed))

func TestFirst(t *testing.T) {
	type item struct {
		name string
		v    pack.Value
	}
	items := []item{
		{"a", unknown}, {"b", value(property.New("x"))}, {"c", unknown}, {"d", value(property.Value{})},
		{"e", value(property.New([]property.Value{property.New(property.Computed)}))},
	}
	var names []string
	for _, it := range First(items, func(it item) pack.Value { return it.v }) {
		names = append(names, it.name)
	}
	assert.Equal(t, []string{"b", "d", "a", "c", "e"}, names, "unknown last, in order; a value holding an unknown is unknown")
	assert.Empty(t, First(nil, func(it item) pack.Value { return it.v }))
}

func TestValuesFirst(t *testing.T) {
	x, y := value(property.New("x")), value(property.New(1.0))
	assert.Equal(t, []pack.Value{x, y, unknown}, ValuesFirst([]pack.Value{unknown, x, y}))
	assert.Equal(t, []pack.Value{x, y}, ValuesFirst([]pack.Value{x, y}))
}

func TestOneOf(t *testing.T) {
	for _, tc := range []struct {
		name   string
		v      pack.Value
		values []string
		want   bool
	}{
		{"equal", value(property.New("TLS1_2")), []string{"TLS1_2", "TLS1_3"}, true},
		{"another case, spaces around", value(property.New(" tls1_2 ")), []string{"TLS1_2"}, true},
		{"none of them", value(property.New("TLS1_0")), []string{"TLS1_2", "TLS1_3"}, false},
		{"a number as text", value(property.New(443.0)), []string{"443"}, true},
		{"a bool as text", value(property.New(true)), []string{"True"}, true},
		{"unset is empty text", value(property.Value{}), []string{""}, true},
		{"unset is none of the others", value(property.Value{}), []string{"TLS1_2"}, false},
		{"unknown is none of them", unknown, []string{"TLS1_2", ""}, false},
		{"no values", value(property.New("x")), nil, false},
	} {
		assert.Equal(t, tc.want, OneOf(tc.v, tc.values...), tc.name)
	}
}

func TestText(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    pack.Value
		want string
		ok   bool
	}{
		{"a string", value(property.New("bucket-1")), "bucket-1", true},
		{"an empty string", value(property.New("")), "", false},
		{"unset", value(property.Value{}), "", false},
		{"unknown", unknown, "", false},
		{"a number is no text", value(property.New(1.0)), "", false},
		{"an object is no text", value(property.New(map[string]property.Value{"a": property.New("b")})), "", false},
	} {
		got, ok := Text(tc.v)
		assert.Equal(t, tc.want, got, tc.name)
		assert.Equal(t, tc.ok, ok, tc.name)
	}
}

// tlsProbe is a check written as the package advises: decide on known values with OneOf, then
// Require the others before reporting. It reports the policy's "tls" and "fallback" settings
// when neither is TLS1_2.
var tlsProbe = pack.Policy{
	Name: "tls-probe", Description: "Reports an old TLS version.", Severity: pack.Low, Remediation: "None: a test policy.",
	Resource: func(c *pack.Check, r *pack.Resource) {
		tls, fallback := r.Get("tls"), r.Get("fallback")
		if OneOf(tls, "TLS1_2") || OneOf(fallback, "TLS1_2") {
			return
		}
		Require(tls, fallback)
		c.Violatef("%s uses %v", r.Name, tls)
	},
}

func TestOneOfAndRequireInACheck(t *testing.T) {
	endpoint := func(props packtest.Props) plugin.AnalyzerResource {
		return packtest.Resource("test:index:Endpoint", "e", props)
	}
	packtest.Run(t, []pack.Policy{tlsProbe}, "tls-probe", []packtest.Case{
		{Name: "neither passes", Want: packtest.Violation, Message: `e uses "TLS1_0"`,
			Resource: endpoint(packtest.Props{"tls": "TLS1_0", "fallback": "TLS1_1"})},
		{Name: "unset values are read and pass Require", Want: packtest.Violation, Message: "e uses",
			Resource: endpoint(packtest.Props{})},
		{Name: "one passes while the other is unknown", Want: packtest.Pass,
			Resource: endpoint(packtest.Props{"tls": packtest.Unknown, "fallback": "TLS1_2"})},
		{Name: "Require stops on the unknown one", Want: packtest.NotApplicable,
			Message:  packtest.UnknownDuringPreview + ": fallback",
			Resource: endpoint(packtest.Props{"tls": "TLS1_0", "fallback": packtest.Unknown})},
		{Name: "OneOf stops on an object", Want: packtest.NotApplicable, Message: "tls is an object, not a string",
			Resource: endpoint(packtest.Props{"tls": packtest.Props{"min": "TLS1_2"}})},
	})
}
