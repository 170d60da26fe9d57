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
// formats a secret it read as a plain Go string. A stack check collects the secrets of every
// resource, so matching is indexed by each secret's first minSecretLength bytes: scrubbing a
// message costs its length, not the number of secrets.
type scrubber struct {
	byPrefix map[uint32][]string
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
	if len(secret) < minSecretLength {
		return
	}
	if s.byPrefix == nil {
		s.byPrefix = map[uint32][]string{}
	}
	key := prefixKey(secret)
	if !slices.Contains(s.byPrefix[key], secret) {
		s.byPrefix[key] = append(s.byPrefix[key], secret)
	}
}

// prefixKey packs the first minSecretLength bytes of s.
func prefixKey(s string) uint32 {
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// scrub replaces every occurrence of a collected secret in msg. Occurrences that overlap or
// touch are replaced as one, so that no part of any secret is left showing.
func (s *scrubber) scrub(msg string) string {
	if len(s.byPrefix) == 0 {
		return msg
	}
	var b strings.Builder
	copied, start, end := 0, 0, -1
	for i := 0; i+minSecretLength <= len(msg); i++ {
		for _, secret := range s.byPrefix[prefixKey(msg[i:])] {
			if !strings.HasPrefix(msg[i:], secret) {
				continue
			}
			if i > end {
				if end >= 0 {
					b.WriteString(msg[copied:start])
					b.WriteString(Redacted)
					copied = end
				}
				start = i
			}
			end = max(end, i+len(secret))
		}
	}
	if end < 0 {
		return msg
	}
	b.WriteString(msg[copied:start])
	b.WriteString(Redacted)
	b.WriteString(msg[end:])
	return b.String()
}
