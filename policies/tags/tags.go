// Package tags judges tag and label settings: which keys are required, what their values must
// match, and how a rule words what is missing.
//
// A rule holds Rules in its settings, described by RulesSchema, and calls Rules.Prepare from the
// settings' Prepare method; Judge then compares each resource's or stack's tags with them.
package tags

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Rule constrains one required tag: optionally to a list of allowed values (matched exactly,
// case included), and to a regular expression the whole value must match. A Rule with neither
// only requires the tag.
type Rule struct {
	Allowed []string `json:"allowed,omitempty"`
	Pattern string   `json:"pattern,omitempty"`

	re *regexp.Regexp
}

// Rules are the required tags, by key. A nil *Rule only requires its key.
type Rules map[string]*Rule

// RulesSchema is the JSON schema of Rules, with the description given, requiring the keys of
// defaults (with no allowed values or pattern) by default.
func RulesSchema(description string, defaults ...string) pack.JSONSchema {
	def := make(map[string]any, len(defaults))
	for _, k := range defaults {
		def[k] = map[string]any{}
	}
	return pack.JSONSchema{
		"type":        "object",
		"description": description,
		"additionalProperties": pack.JSONSchema{
			"type":                 "object",
			"additionalProperties": false,
			"properties": pack.JSONSchema{
				"allowed": pack.JSONSchema{
					"type": "array", "items": pack.JSONSchema{"type": "string"}, "minItems": 1,
					"description": "the values the tag may take",
				},
				"pattern": pack.JSONSchema{
					"type": "string", "minLength": 1,
					"description": "a regular expression (RE2) the whole value must match",
				},
			},
		},
		"default": def,
	}
}

// Prepare compiles the patterns, anchored so that they match whole values, and fills in nil
// rules; it returns the first error (by key) of a pattern that does not compile, naming the key.
// Judge needs it: before Prepare, a pattern is not checked and a nil rule panics.
func (rules Rules) Prepare() error {
	for _, key := range slices.Sorted(maps.Keys(rules)) {
		rule := rules[key]
		if rule == nil {
			rules[key] = &Rule{}
			continue
		}
		if rule.Pattern == "" {
			continue
		}
		re, err := regexp.Compile(`^(?:` + rule.Pattern + `)$`)
		if err != nil {
			return fmt.Errorf("tags.%s.pattern: %w", key, pack.RegexpError(rule.Pattern, err))
		}
		rule.re = re
	}
	return nil
}

// Judge compares a set of tags with the rules, which Prepare has prepared. Keys match whatever
// their case ("Owner" is "owner") unless caseSensitive; where several keys match, the exact one,
// else the first in sorted order, counts. A tag whose value is empty or blank is missing. It
// returns the missing keys and a description of each value that breaks its rule (env is "qa",
// not one of dev, prod), both sorted by key; values are quoted through pack.Redact.
func (rules Rules) Judge(tags map[string]string, caseSensitive bool) (missing, wrong []string) {
	for _, key := range slices.Sorted(maps.Keys(rules)) {
		value, ok := lookupTag(tags, key, caseSensitive)
		if !ok || strings.TrimSpace(value) == "" {
			missing = append(missing, key)
			continue
		}
		if problem := rules[key].check(value); problem != "" {
			wrong = append(wrong, fmt.Sprintf("%s is %s, %s", key, pack.Redact(property.New(value)), problem))
		}
	}
	return missing, wrong
}

// Missing phrases a non-empty list of missing keys, noun in the plural ("tags", "labels"): "the
// tag owner", "the tags owner, environment".
func Missing(noun string, keys []string) string {
	if len(keys) == 1 {
		return "the " + strings.TrimSuffix(noun, "s") + " " + keys[0]
	}
	return "the " + noun + " " + strings.Join(keys, ", ")
}

// Them is the pronoun for a list of n things: "it" for one, "them" for any other number.
func Them(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// lookupTag finds a tag by key: exactly, or else, unless caseSensitive, in another case.
func lookupTag(tags map[string]string, key string, caseSensitive bool) (string, bool) {
	if v, ok := tags[key]; ok || caseSensitive {
		return v, ok
	}
	for _, k := range slices.Sorted(maps.Keys(tags)) {
		if strings.EqualFold(k, key) {
			return tags[k], true
		}
	}
	return "", false
}

// CaseSensitiveSchema is the schema of the boolean setting (false by default) that a rule passes
// to Judge as caseSensitive.
func CaseSensitiveSchema() pack.JSONSchema {
	return pack.Boolean("Match tag keys exactly; by default \"Owner\" counts as \"owner\".", false)
}

// check says how value breaks the rule, or "" if it does not.
func (r *Rule) check(value string) string {
	switch {
	case len(r.Allowed) > 0 && !slices.Contains(r.Allowed, value):
		return "not one of " + strings.Join(r.Allowed, ", ")
	case r.re != nil && !r.re.MatchString(value):
		return "which does not match " + r.Pattern
	}
	return ""
}
