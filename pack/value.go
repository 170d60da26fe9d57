package pack

import (
	"fmt"
	"iter"
	"math"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Value is a property value read by a check, together with the path it was read from.
//
// Reading the content of a value that is unknown (computed during preview) or not of the
// expected type stops the check: the engine then reports the policy as not applicable to the
// resource, with the path and the reason, instead of guessing. So a check never turns an unknown
// into a violation, and never crashes on a malformed input. Navigating (Get) never stops a check;
// only reading content does (Bool, Text, Number, Int, Strings, Items, Entries, JSON, Exists).
//
// A value read from a Pulumi secret stays secret all the way down: its fields and items are
// secret too, their paths stop at the secret (the keys inside it are part of it), and reading
// their content is recorded for the check, so that the engine withholds whatever that check
// reports (see Check). Rules never have to remember which values were secret.
type Value struct {
	v property.Value
	// The path is parent + key, joined only when asked for: most values are read and dropped
	// without anyone needing their path, and this keeps navigation from allocating.
	parent, key string
	// inSecret is set on everything found inside a secret, even an absent key: whether a key
	// exists inside a secret is part of the secret.
	inSecret bool
	// reads records, for the check running, the secrets whose content it read; nil for values
	// built outside a check (NewValue), which record nothing.
	reads *secretReads
}

// undecidable is the panic value that stops a check which cannot decide: a value it needs is
// unknown or malformed. The engine recovers it and reports the policy as not applicable.
type undecidable struct {
	unknown bool
	reason  string
}

func stopUnknown(path string) {
	panic(undecidable{unknown: true, reason: path})
}

// stopMalformed stops a check that found v of a shape it cannot read. What a secret is shaped
// like (its kind, length, keys) is part of it, so a secret value is only named, never described.
func (v Value) stopMalformed(format string, args ...any) {
	if v.secret() {
		panic(undecidable{reason: orRoot(v.Path()) + " is a secret value of a shape this policy cannot read"})
	}
	panic(undecidable{reason: fmt.Sprintf("%s %s", orRoot(v.Path()), fmt.Sprintf(format, args...))})
}

func orRoot(path string) string {
	if path == "" {
		return "properties"
	}
	return path
}

// NewValue wraps a property value read from path, for checks that build values themselves and
// for tests.
func NewValue(v property.Value, path string) Value { return Value{v: v, key: path} }

// Raw returns the underlying property value, secret and unknown markers included. Whatever the
// check does with it, reading a value that holds a secret counts as reading the secret.
func (v Value) Raw() property.Value {
	if v.inSecret || v.v.HasSecrets() {
		v.reads.record(v.Path())
	}
	return v.v
}

// secret reports whether the value is a secret or lies inside one.
func (v Value) secret() bool { return v.inSecret || v.v.Secret() }

// content is called before a check reads what a value holds: it stops the check on an unknown
// value, and records the read when the value is secret.
func (v Value) content() {
	v.known()
	if v.secret() {
		v.reads.record(v.Path())
	}
}

// Path is where the value was read from, e.g. "vpcConfig.endpointPublicAccess".
func (v Value) Path() string {
	switch {
	case v.parent == "":
		return v.key
	case strings.HasPrefix(v.key, "["):
		return v.parent + v.key
	default:
		return v.parent + "." + v.key
	}
}

// Unknown reports whether the value, or anything inside it, will only be known after the
// update. It never stops the check.
func (v Value) Unknown() bool { return v.v.HasComputed() }

// Secret reports whether the value, or anything inside it, is a Pulumi secret.
func (v Value) Secret() bool { return v.v.HasSecrets() }

// Exists reports whether the value is set (not absent or null).
func (v Value) Exists() bool {
	v.known()
	if v.inSecret {
		v.reads.record(v.Path())
	}
	return !v.v.IsNull()
}

func (v Value) known() {
	if v.v.IsComputed() {
		stopUnknown(v.Path())
	}
}

// Get navigates into nested objects by key. A list of exactly one object is looked through,
// so the same path reads pulumi-aws v6's one-element lists and v7's flattened objects. Missing
// keys give a null value; an unknown object gives an unknown value.
func (v Value) Get(keys ...string) Value {
	for _, k := range keys {
		v = v.get(k)
	}
	return v
}

func (v Value) get(key string) Value {
	cur := v.v
	if cur.IsArray() && cur.AsArray().Len() == 1 {
		cur = cur.AsArray().Get(0).WithSecret(cur.Secret() || cur.AsArray().Get(0).Secret())
	}
	switch {
	case cur.IsComputed():
		return v.child(key, cur)
	case cur.IsMap():
		return Value{v: cur, parent: v.parent, key: v.key, inSecret: v.inSecret, reads: v.reads}.child(key, cur.AsMap().Get(key))
	case cur.IsNull(), cur.IsArray() && cur.AsArray().Len() == 0:
		return v.child(key, property.Value{})
	case cur.IsArray():
		v.stopMalformed("is a list of %d items, not one object", cur.AsArray().Len())
	default:
		v.stopMalformed("is %s, not an object", kind(cur))
	}
	return Value{}
}

// child is the value found under key (a name, or "[i]" for a list item) of v. Inside a secret it
// is secret too, since a secret object's fields are as secret as the object, and its path is the
// secret's: the keys inside a secret are part of it.
func (v Value) child(key string, item property.Value) Value {
	if v.secret() {
		if !item.IsNull() {
			item = item.WithSecret(true)
		}
		return Value{v: item, parent: v.parent, key: v.key, inSecret: true, reads: v.reads}
	}
	return Value{v: item, parent: v.Path(), key: key, reads: v.reads}
}

// Bool reads a boolean; def when unset. The strings "true" and "false" count, since pulumi-aws
// types some nullable booleans as strings.
func (v Value) Bool(def bool) bool {
	v.content()
	switch {
	case v.v.IsNull():
		return def
	case v.v.IsBool():
		return v.v.AsBool()
	case v.v.IsString():
		switch strings.ToLower(v.v.AsString()) {
		case "":
			return def
		case "true":
			return true
		case "false":
			return false
		}
	}
	v.stopMalformed("is %s, not a boolean", kind(v.v))
	return def
}

// Text reads a string; def when unset. Numbers and booleans are rendered as text.
func (v Value) Text(def string) string {
	v.content()
	switch {
	case v.v.IsNull():
		return def
	case v.v.IsString():
		return v.v.AsString()
	case v.v.IsNumber():
		return strconv.FormatFloat(v.v.AsNumber(), 'f', -1, 64)
	case v.v.IsBool():
		return strconv.FormatBool(v.v.AsBool())
	}
	v.stopMalformed("is %s, not a string", kind(v.v))
	return def
}

// Number reads a number; def when unset. Numeric strings count.
func (v Value) Number(def float64) float64 {
	v.content()
	switch {
	case v.v.IsNull():
		return def
	case v.v.IsNumber():
		return v.v.AsNumber()
	case v.v.IsString():
		if v.v.AsString() == "" {
			return def
		}
		if f, err := strconv.ParseFloat(strings.TrimSpace(v.v.AsString()), 64); err == nil {
			return f
		}
	}
	v.stopMalformed("is %s, not a number", kind(v.v))
	return def
}

// maxExactInt is the largest whole number a float64 holds exactly.
const maxExactInt = 1 << 53

// Int reads a whole number; def when unset.
func (v Value) Int(def int) int {
	f := v.Number(float64(def))
	switch {
	case f != math.Trunc(f):
		v.stopMalformed("is %s, not a whole number", strconv.FormatFloat(f, 'f', -1, 64))
	case math.Abs(f) > maxExactInt:
		v.stopMalformed("is %s, too large to read exactly", strconv.FormatFloat(f, 'f', -1, 64))
	}
	return int(f)
}

// Strings reads a list of strings; a single string counts as a list of one, unset as none.
func (v Value) Strings() []string {
	items := v.Items()
	out := make([]string, 0, len(items))
	for _, item := range items {
		out = append(out, item.Text(""))
	}
	return out
}

// Items reads a list; a single object or scalar counts as a list of one (pulumi-aws v7
// flattened some v6 lists; IAM documents allow one string for a list), unset as none.
func (v Value) Items() []Value {
	v.content()
	switch {
	case v.v.IsNull():
		return nil
	case v.v.IsArray():
		arr := v.v.AsArray()
		out := make([]Value, arr.Len())
		for i, item := range arr.All {
			out[i] = v.child("["+strconv.Itoa(i)+"]", item)
		}
		return out
	case v.v.IsMap(), v.v.IsString(), v.v.IsBool(), v.v.IsNumber():
		return []Value{v}
	}
	v.stopMalformed("is %s, not a list", kind(v.v))
	return nil
}

// Entries iterates over an object's keys in sorted order; unset iterates over nothing.
func (v Value) Entries() iter.Seq2[string, Value] {
	v.content()
	if v.v.IsNull() {
		return func(func(string, Value) bool) {}
	}
	if !v.v.IsMap() {
		v.stopMalformed("is %s, not an object", kind(v.v))
	}
	m := v.v.AsMap()
	return func(yield func(string, Value) bool) {
		for k, item := range m.AllStable {
			if !yield(k, v.child(k, item)) {
				return
			}
		}
	}
}

// maxJSONDocument bounds the JSON documents a check may parse (IAM policies are at most 10 KB;
// this leaves room for everything else without letting a huge string cost the engine).
const maxJSONDocument = 1 << 20

// JSON reads a JSON document: a string is parsed, an object or list is taken as it is (some
// programs pass policy documents as objects). The parsed value keeps the string's secret flag.
func (v Value) JSON() Value {
	v.content()
	if !v.v.IsString() {
		return v
	}
	s := v.v.AsString()
	if s == "" {
		return Value{parent: v.parent, key: v.key, inSecret: v.secret(), reads: v.reads}
	}
	if len(s) > maxJSONDocument {
		v.stopMalformed("is a JSON document of %d bytes, larger than %d", len(s), maxJSONDocument)
	}
	parsed, problem := documents.parse(s)
	if problem != "" {
		v.stopMalformed("%s", problem)
	}
	return Value{v: parsed.WithSecret(v.v.Secret()), parent: v.parent, key: v.key, inSecret: v.inSecret, reads: v.reads}
}

// String renders the value for a message, through Redact: secrets and unknowns never show, nor
// does anything inside a secret, absent keys included.
func (v Value) String() string {
	if v.inSecret {
		return Redacted
	}
	return Redact(v.v)
}

// kind names what a value is, with its article: "a string", "an object", "null".
func kind(v property.Value) string {
	switch {
	case v.IsNull():
		return "null"
	case v.IsComputed():
		return "an unknown value"
	case v.IsBool():
		return "a boolean"
	case v.IsNumber():
		return "a number"
	case v.IsString():
		return "a string"
	case v.IsArray():
		return "a list"
	case v.IsMap():
		return "an object"
	case v.IsAsset():
		return "an asset"
	case v.IsArchive():
		return "an archive"
	case v.IsResourceReference():
		return "a resource reference"
	default:
		return "a value"
	}
}
