package packtest

import (
	"maps"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/stretchr/testify/assert"
)

// UnknownDuringPreview is the reason a policy is not applicable when a value it reads is
// unknown (NotApplicable); the path of the value follows it.
const UnknownDuringPreview = "value unknown during preview"

// Helpers for tables whose cases a builder makes (instance(props), bucket(version), ...).

// With returns a copy of base with fields set: a resource's (or a block's) usual props with what a
// case changes. A field replaces base's value under its key whole (nested Props are not merged);
// base is left as it was.
func With(base, fields Props) Props {
	out := make(Props, len(base)+len(fields))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range fields {
		out[k] = v
	}
	return out
}

// ResourceCase returns a builder of cases whose resource is of type typ, named name, with the
// props given to the builder.
func ResourceCase(typ, name string) func(Props) Case {
	return func(props Props) Case {
		return Case{Resource: Resource(typ, name, props)}
	}
}

// Named gives a built case its name, the outcome it must have and what that outcome must
// mention (Case.Message).
func Named(tc Case, name string, want Outcome, message string) Case {
	tc.Name, tc.Want, tc.Message = name, want, message
	return tc
}

// Configured gives a built case the policy config it runs with.
func Configured(tc Case, config map[string]any) Case {
	tc.Config = config
	return tc
}

// RefusesTurningOff checks what a rule's settings do with a value that would switch the rule
// off without a word (see pack.TurnsRuleOff): the named policy refuses refused with an error
// containing message and the advice to disable the rule instead, takes kept (a sensible value
// near it), and takes refused once its enforcementLevel is "disabled", as the advice says.
func RefusesTurningOff(t *testing.T, policies []pack.Policy, rule string, refused, kept map[string]any, message string) {
	t.Helper()
	err := ConfigError(t, policies, rule, refused)
	if assert.Error(t, err) {
		assert.Contains(t, err.Error(), message)
		assert.Contains(t, err.Error(), `or set the rule's enforcementLevel to "disabled"`)
	}
	assert.NoError(t, ConfigError(t, policies, rule, kept))
	disabled := maps.Clone(refused)
	disabled["enforcementLevel"] = string(pack.Disabled)
	assert.NoError(t, ConfigError(t, policies, rule, disabled), "as the refusal advises")
}
