package pack

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustValue(t *testing.T, v any) Value {
	t.Helper()
	pv, err := PropertyValue(v)
	require.NoError(t, err)
	return Value{v: pv}
}

// stopped runs fn and returns why it stopped, or "" if it did not.
func stopped(fn func()) (reason string, unknown bool) {
	defer func() {
		if p := recover(); p != nil {
			u := p.(undecidable)
			reason, unknown = u.reason, u.unknown
		}
	}()
	fn()
	return "", false
}

func TestValueReadsScalarsWithDefaults(t *testing.T) {
	v := mustValue(t, map[string]any{
		"on": true, "off": "false", "empty": "", "n": 3.0, "s": "x", "ns": "42",
	})
	assert.True(t, v.Get("on").Bool(false))
	assert.False(t, v.Get("off").Bool(true), "nullable booleans typed as strings count")
	assert.True(t, v.Get("empty").Bool(true), "an empty string is unset")
	assert.True(t, v.Get("missing").Bool(true))
	assert.Equal(t, 3, v.Get("n").Int(0))
	assert.Equal(t, 42, v.Get("ns").Int(0))
	assert.Equal(t, 4294967296, mustValue(t, 4294967296.0).Int(0), "whole numbers above 2^31 read exactly")
	assert.Equal(t, "x", v.Get("s").Text(""))
	assert.Equal(t, "3", v.Get("n").Text(""))
	assert.Equal(t, "d", v.Get("missing").Text("d"))
	assert.False(t, v.Get("missing").Exists())
	assert.True(t, v.Get("s").Exists())
}

func TestValueLooksThroughOneElementLists(t *testing.T) {
	v6 := mustValue(t, map[string]any{"versionings": []any{map[string]any{"enabled": true}}})
	v7 := mustValue(t, map[string]any{"versioning": map[string]any{"enabled": true}})
	assert.True(t, v6.Get("versionings", "enabled").Bool(false))
	assert.True(t, v7.Get("versioning", "enabled").Bool(false))
	assert.Len(t, v7.Get("versioning").Items(), 1, "a single object is a list of one")
	assert.Equal(t, "versionings.enabled", v6.Get("versionings", "enabled").Path())

	empty := mustValue(t, map[string]any{"l": []any{}})
	assert.False(t, empty.Get("l", "x").Exists())

	two := mustValue(t, map[string]any{"l": []any{map[string]any{}, map[string]any{}}})
	reason, unknown := stopped(func() { two.Get("l", "x").Exists() })
	assert.False(t, unknown)
	assert.Equal(t, "l is a list of 2 items, not one object", reason)
}

func TestValueStopsOnUnknowns(t *testing.T) {
	v := mustValue(t, map[string]any{
		"u":      property.New(property.Computed),
		"nested": map[string]any{"list": []any{"a", property.New(property.Computed)}},
	})
	for name, read := range map[string]func(){
		"bool":          func() { v.Get("u").Bool(false) },
		"text":          func() { v.Get("u").Text("") },
		"number":        func() { v.Get("u").Number(0) },
		"exists":        func() { v.Get("u").Exists() },
		"items":         func() { v.Get("u").Items() },
		"entries":       func() { v.Get("u").Entries() },
		"json":          func() { v.Get("u").JSON() },
		"through":       func() { v.Get("u", "deeper").Bool(false) },
		"list element":  func() { v.Get("nested", "list").Strings() },
		"strings whole": func() { v.Get("u").Strings() },
	} {
		reason, unknown := stopped(read)
		assert.True(t, unknown, name)
		assert.NotEmpty(t, reason, name)
	}
	reason, _ := stopped(func() { v.Get("u", "deeper").Bool(false) })
	assert.Equal(t, "u.deeper", reason)
	reason, _ = stopped(func() { v.Get("nested", "list").Strings() })
	assert.Equal(t, "nested.list[1]", reason)

	assert.True(t, v.Get("u").Unknown(), "probing does not stop")
	assert.True(t, v.Get("nested").Unknown())
	assert.False(t, v.Get("missing").Unknown())
}

func TestValueStopsOnMalformedInput(t *testing.T) {
	v := mustValue(t, map[string]any{"b": "yes", "n": "many", "s": []any{}, "o": "str", "frac": 1.5, "huge": 1e300})
	for name, tc := range map[string]struct {
		read   func()
		reason string
	}{
		"bool":   {func() { v.Get("b").Bool(false) }, "b is a string, not a boolean"},
		"number": {func() { v.Get("n").Number(0) }, "n is a string, not a number"},
		"text":   {func() { v.Get("s").Text("") }, "s is a list, not a string"},
		"object": {func() { v.Get("o", "x").Exists() }, "o is a string, not an object"},
		"int":    {func() { v.Get("frac").Int(0) }, "frac is 1.5, not a whole number"},
		"huge":   {func() { v.Get("huge").Int(0) }, "huge is 1" + strings.Repeat("0", 300) + ", too large to read exactly"},
		"json":   {func() { mustValue(t, "{not json").JSON() }, "properties is not valid JSON"},
	} {
		reason, unknown := stopped(tc.read)
		assert.False(t, unknown, name)
		assert.Equal(t, tc.reason, reason, name)
	}
}

func TestValueJSONDocuments(t *testing.T) {
	doc := mustValue(t, map[string]any{"policy": `{"Statement":[{"Effect":"Allow","Action":"*"}]}`})
	stmt := doc.Get("policy").JSON().Get("Statement").Items()
	require.Len(t, stmt, 1)
	assert.Equal(t, []string{"*"}, stmt[0].Get("Action").Strings())

	obj := mustValue(t, map[string]any{"Statement": map[string]any{"Effect": "Deny"}})
	assert.Equal(t, "Deny", obj.JSON().Get("Statement", "Effect").Text(""))

	secret := Value{v: property.New(`{"password":"hunter2-secret"}`).WithSecret(true)}
	assert.True(t, secret.JSON().Get("password").Secret(), "fields of a secret document stay secret")
	assert.Equal(t, Redacted, secret.JSON().Get("password").String())
}

func TestValueEntriesAndItemsKeepPaths(t *testing.T) {
	v := mustValue(t, map[string]any{"tags": map[string]any{"b": "2", "a": "1"}, "l": []any{"x", "y"}})
	var keys, paths []string
	for k, e := range v.Get("tags").Entries() {
		keys = append(keys, k)
		paths = append(paths, e.Path())
	}
	assert.Equal(t, []string{"a", "b"}, keys)
	assert.Equal(t, []string{"tags.a", "tags.b"}, paths)
	assert.Equal(t, "l[1]", v.Get("l").Items()[1].Path())
	assert.Equal(t, []string{"x", "y"}, v.Get("l").Strings())
	assert.Equal(t, []string{"only"}, mustValue(t, map[string]any{"s": "only"}).Get("s").Strings())
}

func TestValueSecretsAreInherited(t *testing.T) {
	v := Value{v: property.New(property.NewMap(map[string]property.Value{
		"inner": property.New(property.NewMap(map[string]property.Value{"k": property.New("v")})),
		"list":  property.New([]property.Value{property.New("item")}),
	})).WithSecret(true)}
	assert.True(t, v.Get("inner", "k").Secret())
	assert.True(t, v.Get("list").Items()[0].Secret())
	for _, e := range v.Get("inner").Entries() {
		assert.True(t, e.Secret())
	}
}

func TestPropertyValueRejectsDeepValues(t *testing.T) {
	var deep any = "leaf"
	for range maxDepth + 2 {
		deep = []any{deep}
	}
	_, err := PropertyValue(deep)
	assert.ErrorContains(t, err, "nested deeper than")
}
