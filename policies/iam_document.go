package policies

import (
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// statement is one statement of an AWS IAM policy document (identity, resource, trust or key
// policy), read through pack.Value so that unknowns stop the check and malformed documents are
// reported rather than guessed at.
type statement struct {
	effect       string
	actions      []string
	notActions   []string
	resources    []string
	notResources []string
	principal    pack.Value
	notPrincipal pack.Value
	condition    pack.Value
}

// readPolicyDocument parses a policy document given as a JSON string or an object.
func readPolicyDocument(v pack.Value) []statement {
	doc := v.JSON()
	var out []statement
	for _, s := range doc.Get("Statement").Items() {
		out = append(out, statement{
			effect:       s.Get("Effect").Text(""),
			actions:      s.Get("Action").Strings(),
			notActions:   s.Get("NotAction").Strings(),
			resources:    s.Get("Resource").Strings(),
			notResources: s.Get("NotResource").Strings(),
			principal:    s.Get("Principal"),
			notPrincipal: s.Get("NotPrincipal"),
			condition:    s.Get("Condition"),
		})
	}
	return out
}

func (s statement) allows() bool { return strings.EqualFold(s.effect, "Allow") }

// grantsEveryAction reports whether the statement allows every action ("*" or "*:*").
func (s statement) grantsEveryAction() bool {
	if !s.allows() {
		return false
	}
	for _, a := range s.actions {
		if a == "*" || a == "*:*" {
			return true
		}
	}
	return false
}

// grantsEveryActionOf reports whether the statement allows every action of a service, e.g.
// "s3:*" for service "s3".
func (s statement) grantsEveryActionOf(service string) bool {
	if !s.allows() {
		return false
	}
	for _, a := range s.actions {
		if a == "*" || strings.EqualFold(a, service+":*") {
			return true
		}
	}
	return false
}

// onEveryResource reports whether the statement applies to every resource.
func (s statement) onEveryResource() bool {
	for _, r := range s.resources {
		if r == "*" {
			return true
		}
	}
	return false
}

// principals returns every principal the statement names, of every kind ("*" for anyone).
func (s statement) principals() []string {
	p := s.principal
	if !p.Exists() {
		return nil
	}
	if p.Raw().IsString() {
		return []string{p.Text("")}
	}
	var out []string
	for _, kind := range []string{"AWS", "Service", "Federated", "CanonicalUser"} {
		out = append(out, p.Get(kind).Strings()...)
	}
	return out
}

// publicPrincipal reports whether the statement lets anyone in: an Allow for the principal "*"
// (or {"AWS": "*"}), or for everyone outside a NotPrincipal, that no condition narrows to a
// known caller. Condition keys in ignored do not count as narrowing (sts:ExternalId, say, which
// is no secret).
func (s statement) publicPrincipal(ignored ...string) bool {
	if !s.allows() {
		return false
	}
	public := s.notPrincipal.Exists()
	for _, p := range s.principals() {
		if p == "*" || p == "arn:aws:iam::*:root" {
			public = true
		}
	}
	return public && !s.narrowedByCondition(ignored...)
}

// narrowingConditionKeys are condition keys that tie a statement to a known caller.
var narrowingConditionKeys = []string{
	"aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:principalorgid", "aws:principalorgpaths",
	"aws:principalaccount", "aws:principalarn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceip",
	"aws:sourceorgid", "aws:sourceorgpaths", "aws:userid", "aws:username", "kms:calleraccount",
	"kms:viaservice", "sts:externalid", "aws:vpcsourceip",
}

// narrowedByCondition reports whether a condition ties the statement to a known caller: a
// narrowing key, under an operator that requires it (not a negation, IfExists, ForAllValues or
// Null), with fixed values (no wildcards under Like and Arn operators, no internet-wide IP range).
func (s statement) narrowedByCondition(ignored ...string) bool {
	for operator, keys := range s.condition.Entries() {
		op := strings.ToLower(operator)
		if strings.HasPrefix(op, "forallvalues:") || strings.HasSuffix(op, "ifexists") ||
			strings.Contains(op, "not") || op == "null" {
			continue
		}
		op = strings.TrimPrefix(op, "foranyvalue:")
		for key, value := range keys.Entries() {
			if !containsFold(narrowingConditionKeys, key) || containsFold(ignored, key) {
				continue
			}
			if values := value.Strings(); len(values) > 0 && fixedValues(op, values) {
				return true
			}
		}
	}
	return false
}

// fixedValues reports whether condition values name known callers rather than patterns or the
// whole internet.
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

// containsFold reports whether list holds s, ignoring case.
func containsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(item string) bool { return strings.EqualFold(item, s) })
}

// firstPublicStatement returns the position (from 1) of the first statement of a resource
// policy that lets anyone in, or 0.
func firstPublicStatement(doc pack.Value) int {
	for i, s := range readPolicyDocument(doc) {
		if s.publicPrincipal() {
			return i + 1
		}
	}
	return 0
}

// deniesInsecureTransport reports whether the statement denies requests not sent over TLS:
// Effect Deny with the condition Bool (or BoolIfExists) aws:SecureTransport false.
func (s statement) deniesInsecureTransport() bool {
	if !strings.EqualFold(s.effect, "Deny") {
		return false
	}
	for op, keys := range s.condition.Entries() {
		if !strings.EqualFold(op, "Bool") && !strings.EqualFold(op, "BoolIfExists") {
			continue
		}
		for key, value := range keys.Entries() {
			if strings.EqualFold(key, "aws:SecureTransport") {
				for _, v := range value.Strings() {
					if strings.EqualFold(v, "false") {
						return true
					}
				}
			}
		}
	}
	return false
}
