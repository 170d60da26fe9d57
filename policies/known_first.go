package policies

import "github.com/pulumi-securely/pulumi-securely/pack"

// knownFirst puts the items holding a value unknown during preview last, keeping the order
// otherwise. Reading an unknown value stops a check, so a rule then judges every known item
// before one it cannot decide about: a violation in a known container is reported even while
// another container is unknown.
func knownFirst[T any](items []T, value func(T) pack.Value) []T {
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

// knownValuesFirst is knownFirst for a list of values.
func knownValuesFirst(values []pack.Value) []pack.Value {
	return knownFirst(values, func(v pack.Value) pack.Value { return v })
}
