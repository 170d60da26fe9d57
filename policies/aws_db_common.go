package policies

import (
	"strconv"
	"strings"

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
	version := strings.TrimPrefix(strings.TrimSpace(r.Provider.Get("version").Text("")), "v")
	major, _, _ := strings.Cut(version, ".")
	n, err := strconv.Atoi(major)
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
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

// openToAnyone reports whether a statement of a resource policy (queue, topic, secret) lets
// anyone in: an Allow whose principal is "*" ({"AWS": "*"}, any account's root) or that names the
// principals it does not apply to (NotPrincipal), unless a condition ties every request to a known
// caller. A condition narrows only when it must match: negated operators (StringNotEquals),
// ...IfExists, ForAllValues: and Null conditions hold for an anonymous caller, and so do values
// with wildcards or a source address range that covers the internet.
func openToAnyone(s statement) bool {
	if !s.allows() {
		return false
	}
	public := s.notPrincipal.Exists()
	for _, p := range s.principals() {
		if p == "*" || p == "arn:aws:iam::*:root" {
			public = true
		}
	}
	return public && !narrowsToKnownCaller(s.condition)
}

// narrowsToKnownCaller reports whether a Condition block requires the caller, its account, its
// organization, its source or its network to be a fixed value.
func narrowsToKnownCaller(condition pack.Value) bool {
	for operator, keys := range condition.Entries() {
		op := strings.ToLower(operator)
		if strings.HasPrefix(op, "forallvalues:") || strings.HasSuffix(op, "ifexists") ||
			strings.Contains(op, "not") || op == "null" {
			continue
		}
		op = strings.TrimPrefix(op, "foranyvalue:")
		for key, value := range keys.Entries() {
			if !isNarrowingConditionKey(key) {
				continue
			}
			values := value.Strings()
			if len(values) > 0 && fixedValues(op, values) {
				return true
			}
		}
	}
	return false
}

// isNarrowingConditionKey reports whether a condition key names the caller, its account,
// organization, source or network. aws:ResourceOrgID, in the shared list, names the resource's
// own organization: it holds for every caller, so it narrows nothing here.
func isNarrowingConditionKey(key string) bool {
	if strings.EqualFold(key, "aws:ResourceOrgID") {
		return false
	}
	for _, k := range narrowingConditionKeys {
		if strings.EqualFold(key, k) {
			return true
		}
	}
	return false
}

// fixedValues reports whether the condition values name known callers: no wildcard where the
// operator honours wildcards (the ...Like and Arn... operators), and no address range that covers
// the whole internet.
func fixedValues(operator string, values []string) bool {
	wildcards := strings.HasSuffix(operator, "like") || strings.HasPrefix(operator, "arn")
	for _, v := range values {
		switch {
		case strings.TrimSpace(v) == "":
			return false
		case wildcards && strings.ContainsAny(v, "*?"):
			return false
		case operator == "ipaddress" && isInternet(v):
			return false
		}
	}
	return true
}

// firstPublicStatement returns the position (from 1) of the first statement of a resource policy
// that lets anyone in, or 0 when none does.
func firstPublicStatement(doc pack.Value) int {
	for i, s := range readPolicyDocument(doc) {
		if openToAnyone(s) {
			return i + 1
		}
	}
	return 0
}
