package policies

import "github.com/pulumi-securely/pulumi-securely/pack/packtest"

// unknownDuringPreview is the reason a policy is not applicable when a value it reads is
// unknown (packtest.NotApplicable); the path of the value follows it.
const unknownDuringPreview = "value unknown during preview"

// Helpers for tables whose cases a builder makes (instance(props), bucket(version), ...).

// with returns a copy of base with fields set: a resource's (or a block's) usual props with what a
// case changes.
func with(base, fields packtest.Props) packtest.Props {
	out := make(packtest.Props, len(base)+len(fields))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range fields {
		out[k] = v
	}
	return out
}

// resourceCase returns a builder of cases whose resource is of type typ, named name, with the
// props given to the builder.
func resourceCase(typ, name string) func(packtest.Props) packtest.Case {
	return func(props packtest.Props) packtest.Case {
		return packtest.Case{Resource: packtest.Resource(typ, name, props)}
	}
}

// named gives a built case its name, the outcome it must have and what that outcome must
// mention (packtest.Case.Message).
func named(tc packtest.Case, name string, want packtest.Outcome, message string) packtest.Case {
	tc.Name, tc.Want, tc.Message = name, want, message
	return tc
}

// configure gives a built case the policy config it runs with.
func configure(tc packtest.Case, config map[string]any) packtest.Case {
	tc.Config = config
	return tc
}
