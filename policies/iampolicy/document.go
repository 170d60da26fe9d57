// Package iampolicy reads AWS IAM policy documents (identity, resource and trust policies) from a
// property value, given as JSON text or as an object, and answers what rules ask of their
// statements: public principals, wildcard actions, narrowing conditions, insecure transport.
package iampolicy

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/network"
)

// Statement is one statement of an AWS IAM policy document (identity, resource, trust or key
// policy), as Read found it: the scalar elements as written (a single string is a list of one,
// an absent element is empty), the others as pack.Values to read further, so that unknowns stop
// the check and malformed documents are reported rather than guessed at.
type Statement struct {
	Effect       string // "Allow" or "Deny", in the document's case; "" when absent
	Actions      []string
	NotActions   []string
	Resources    []string
	NotResources []string
	Principal    pack.Value // "*" or an object of principal kinds (AWS, Service, ...); unset when absent
	NotPrincipal pack.Value
	Condition    pack.Value // an object of operators, each an object of condition keys
}

// Read parses a policy document given as a JSON string or an object, and returns its
// statements in order ("Statement" may be a single object); none when the document is empty or
// has none.
// Reading stops the check, as any pack.Value read does, when the document or one of the elements
// it reads is unknown, when the text is not JSON, or when an element has the wrong shape.
func Read(v pack.Value) []Statement {
	doc := v.JSON()
	var out []Statement
	for _, s := range doc.Get("Statement").Items() {
		out = append(out, Statement{
			Effect:       s.Get("Effect").Text(""),
			Actions:      s.Get("Action").Strings(),
			NotActions:   s.Get("NotAction").Strings(),
			Resources:    s.Get("Resource").Strings(),
			NotResources: s.Get("NotResource").Strings(),
			Principal:    s.Get("Principal"),
			NotPrincipal: s.Get("NotPrincipal"),
			Condition:    s.Get("Condition"),
		})
	}
	return out
}

// Allows reports whether the statement's Effect is Allow, in any case.
func (s Statement) Allows() bool { return strings.EqualFold(s.Effect, "Allow") }

// GrantsEveryAction reports whether the statement allows every action: Action "*" or "*:*".
// A NotAction statement does not count.
func (s Statement) GrantsEveryAction() bool {
	if !s.Allows() {
		return false
	}
	for _, a := range s.Actions {
		if a == "*" || a == "*:*" {
			return true
		}
	}
	return false
}

// Principals returns every principal the statement names ("*" for anyone), in the order of the
// kinds AWS, Service, Federated and CanonicalUser; nil when it has no Principal.
func (s Statement) Principals() []string {
	p := s.Principal
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

// PublicPrincipal reports whether the statement lets anyone in: an Allow for the principal "*"
// (or {"AWS": "*"}, or "arn:aws:iam::*:root"), or for everyone outside a NotPrincipal, that no
// condition narrows to a known caller. A condition narrows when it requires (no negated, IfExists,
// ForAllValues or Null operator) a key that identifies the caller (aws:SourceAccount,
// aws:PrincipalOrgID, aws:SourceIp, sts:ExternalId, ...) to hold fixed values: no wildcard under a
// Like or Arn operator, no internet-wide address range. Condition keys in ignored, in any case, do
// not count as narrowing (sts:ExternalId, say, which is no secret).
func (s Statement) PublicPrincipal(ignored ...string) bool {
	if !s.Allows() {
		return false
	}
	public := s.NotPrincipal.Exists()
	for _, p := range s.Principals() {
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
func (s Statement) narrowedByCondition(ignored ...string) bool {
	for operator, keys := range s.Condition.Entries() {
		op := strings.ToLower(operator)
		if strings.HasPrefix(op, "forallvalues:") || strings.HasSuffix(op, "ifexists") ||
			strings.Contains(op, "not") || op == "null" {
			continue
		}
		op = strings.TrimPrefix(op, "foranyvalue:")
		for key, value := range keys.Entries() {
			if !pack.ContainsFold(narrowingConditionKeys, key) || pack.ContainsFold(ignored, key) {
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
		case operator == "ipaddress" && network.IsInternet(v):
			return false
		}
	}
	return true
}

// FirstPublicStatement returns the position (from 1) of the first statement of a resource
// policy that lets anyone in (Statement.PublicPrincipal), or 0. It reads doc as Read does.
func FirstPublicStatement(doc pack.Value) int {
	for i, s := range Read(doc) {
		if s.PublicPrincipal() {
			return i + 1
		}
	}
	return 0
}

// DeniesInsecureTransport reports whether the statement denies requests not sent over TLS:
// Effect Deny with the condition Bool (or BoolIfExists) aws:SecureTransport false (the string or
// the boolean), operator and key in any case. It does not look at the principal, actions or
// resources.
func (s Statement) DeniesInsecureTransport() bool {
	if !strings.EqualFold(s.Effect, "Deny") {
		return false
	}
	for op, keys := range s.Condition.Entries() {
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
