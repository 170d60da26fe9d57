// Package known helps rules decide while values are unknown during preview: judge the known items
// first, compare without stopping the check, and read what must be known before deciding.
package known

import (
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// First puts the items holding a value unknown during preview last, keeping the order
// otherwise. Reading an unknown value stops a check, so a rule then judges every known item
// before one it cannot decide about: a violation in a known container is reported even while
// another container is unknown.
func First[T any](items []T, value func(T) pack.Value) []T {
	out := make([]T, 0, len(items))
	var unknown []T
	for _, item := range items {
		if value(item).Unknown() {
			unknown = append(unknown, item)
		} else {
			out = append(out, item)
		}
	}
	return append(out, unknown...)
}

// ValuesFirst is First for a list of values.
func ValuesFirst(values []pack.Value) []pack.Value {
	return First(values, func(v pack.Value) pack.Value { return v })
}

// OneOf reports whether v is known and its text, trimmed of spaces, equals one of values,
// ignoring case. The text is what pack.Value.Text reads: a string, a number or a bool written
// out, "" when unset; an object or a list stops the check as malformed. An unknown v is none of
// them, so that a setting which passes on its own can decide while another is unknown; the check
// must then read the unknown value (Require) before it reports anything.
func OneOf(v pack.Value, values ...string) bool {
	if v.Unknown() {
		return false
	}
	s := strings.TrimSpace(v.Text(""))
	return slices.ContainsFunc(values, func(w string) bool { return strings.EqualFold(s, w) })
}

// Require reads each value, so that the check stops (the policy is not applicable until the
// update) when one is unknown, and goes on when all are known or unset. Call it before reporting
// on a decision made with OneOf or Text, which pass over unknown values.
func Require(values ...pack.Value) {
	for _, v := range values {
		v.Exists()
	}
}

// Text returns v's text when v is a known, non-empty string; it never stops a check.
func Text(v pack.Value) (string, bool) {
	if v.Unknown() || !v.Raw().IsString() || v.Raw().AsString() == "" {
		return "", false
	}
	return v.Raw().AsString(), true
}
