package policies

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
)

// Helpers the AWS database, cache, search, queue and secret rules share (aws_rds.go,
// aws_elasticache.go, aws_opensearch.go, aws_redshift.go, aws_sqs.go, aws_sns.go,
// aws_secretsmanager.go).

// awsProviderMajorVersion returns the major version of the pulumi-aws provider that manages r,
// read from the provider resource's version input ("6.83.4", "7.2.0"), and whether the engine
// told it. An unknown version stops the check like any unknown value.
func awsProviderMajorVersion(r *pack.Resource) (int, bool) {
	if r.Provider == nil || r.Provider.Package() != "aws" {
		return 0, false
	}
	v, ok := r.Provider.Version()
	return int(v.Major), ok && v.Major > 0
}

// textIsSet reports whether a string property holds something other than the empty string.
func textIsSet(v pack.Value) bool { return v.Text("") != "" }

// anyValueSet reports whether any of the values is set: a non-empty string, a non-empty list, or
// any other value. Known values are looked at first, so that a value that is set decides even
// when another is unknown; an unknown value is read (and stops the check) only when no known
// value is set.
func anyValueSet(values ...pack.Value) bool {
	var unknown []pack.Value
	for _, v := range values {
		if v.Unknown() {
			unknown = append(unknown, v)
			continue
		}
		if valueIsSet(v) {
			return true
		}
	}
	for _, v := range unknown {
		if valueIsSet(v) { // stops the check: the value is unknown
			return true
		}
	}
	return false
}

func valueIsSet(v pack.Value) bool {
	if !v.Exists() {
		return false
	}
	raw := v.Raw()
	switch {
	case raw.IsString():
		return raw.AsString() != ""
	case raw.IsArray():
		return len(v.Items()) > 0
	}
	return true
}
