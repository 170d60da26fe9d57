package pack

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Redacted stands in, in messages, for a value that must not be shown.
const Redacted = "[secret]"

// maxQuoted is how many characters of a plain string a message may quote.
const maxQuoted = 64

// Redact renders a property value for a message. It is the one way the pack quotes values:
// secrets (and anything holding one) show as [secret], unknowns as [unknown], long strings are
// cut, and lists and objects are summarised rather than dumped.
func Redact(v property.Value) string {
	switch {
	case v.HasSecrets():
		return Redacted
	case v.HasComputed():
		return "[unknown]"
	case v.IsNull():
		return "null"
	case v.IsString():
		s := v.AsString()
		if utf8.RuneCountInString(s) > maxQuoted {
			s = string([]rune(s)[:maxQuoted]) + "…"
		}
		return strconv.Quote(s)
	case v.IsBool():
		return strconv.FormatBool(v.AsBool())
	case v.IsNumber():
		return strconv.FormatFloat(v.AsNumber(), 'f', -1, 64)
	case v.IsArray():
		return "a list of " + strconv.Itoa(v.AsArray().Len())
	case v.IsMap():
		return "an object with " + strconv.Itoa(v.AsMap().Len()) + " keys"
	default:
		return "a " + kind(v)
	}
}

// minSecretLength is the shortest secret the message scrubber looks for: shorter strings ("1",
// "on") would otherwise blank out ordinary words.
const minSecretLength = 4

// scrubber removes known secret strings from messages: a net under Redact, for a check that
// formats a secret it read as a plain Go string.
type scrubber struct {
	secrets []string
	sorted  bool
}

// addValue collects the strings inside v that are secret, or inside a secret.
func (s *scrubber) addValue(v property.Value, inSecret bool, depth int) {
	if depth > maxDepth {
		return
	}
	inSecret = inSecret || v.Secret()
	switch {
	case v.IsString():
		if inSecret {
			s.add(v.AsString())
		}
	case v.IsArray():
		for _, item := range v.AsArray().All {
			s.addValue(item, inSecret, depth+1)
		}
	case v.IsMap():
		for _, item := range v.AsMap().All {
			s.addValue(item, inSecret, depth+1)
		}
	}
}

// addResource collects the secrets in a resource's properties and its provider's.
func (s *scrubber) addResource(r *Resource) {
	s.addValue(property.New(r.Properties), false, 0)
	if r.Provider != nil {
		s.addValue(property.New(r.Provider.Properties), false, 0)
	}
}

// addDeployment collects the values of the stack's secret config.
func (s *scrubber) addDeployment(d *Deployment) {
	for _, v := range d.secretConfigValues() {
		s.add(v)
	}
}

func (s *scrubber) add(secret string) {
	if len(secret) >= minSecretLength {
		s.secrets = append(s.secrets, secret)
		s.sorted = false
	}
}

// scrub replaces every collected secret in msg; longer secrets first, so that one secret that
// contains another is removed whole.
func (s *scrubber) scrub(msg string) string {
	if len(s.secrets) == 0 {
		return msg
	}
	if !s.sorted {
		slices.SortFunc(s.secrets, func(a, b string) int { return len(b) - len(a) })
		s.sorted = true
	}
	for _, secret := range s.secrets {
		msg = strings.ReplaceAll(msg, secret, Redacted)
	}
	return msg
}
