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
// (or {"AWS": "*"}) that no condition narrows to an account, organization, source or network.
func (s statement) publicPrincipal() bool {
	if !s.allows() {
		return false
	}
	public := false
	for _, p := range s.principals() {
		if p == "*" || p == "arn:aws:iam::*:root" {
			public = true
		}
	}
	return public && !s.narrowedByCondition()
}

// narrowingConditionKeys are condition keys that tie a statement to a known caller.
var narrowingConditionKeys = []string{
	"aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:principalorgid", "aws:principalorgpaths",
	"aws:principalaccount", "aws:principalarn", "aws:sourcevpc", "aws:sourcevpce", "aws:sourceip",
	"aws:sourceorgid", "aws:sourceorgpaths", "aws:userid", "aws:username", "kms:calleraccount",
	"kms:viaservice", "sts:externalid", "aws:resourceorgid", "aws:vpcsourceip",
}

// sourceIPConditionKeys narrow a statement only to the networks they name: 0.0.0.0/0 narrows
// nothing.
var sourceIPConditionKeys = []string{"aws:sourceip", "aws:vpcsourceip"}

// narrowedByCondition reports whether a condition ties the statement to a known caller.
func (s statement) narrowedByCondition() bool {
	for _, keys := range s.condition.Entries() {
		for key, value := range keys.Entries() {
			if !slices.ContainsFunc(narrowingConditionKeys, func(k string) bool { return strings.EqualFold(key, k) }) {
				continue
			}
			if !slices.ContainsFunc(sourceIPConditionKeys, func(k string) bool { return strings.EqualFold(key, k) }) ||
				!slices.ContainsFunc(value.Strings(), isInternet) {
				return true
			}
		}
	}
	return false
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
