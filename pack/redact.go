package pack

import (
	"encoding/binary"
	"encoding/json"
	"math"
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
		return kind(v)
	}
}

// minSecretLength is the shortest secret the message scrubber looks for: shorter strings ("1",
// "on") would otherwise blank out ordinary words.
const minSecretLength = 4

// windowLength is the length of the pieces of a long secret the scrubber finds anywhere: a
// message that holds any windowLength bytes of a secret in a row (its first 64 characters, cut
// by Redact, say) loses them.
const windowLength = 16

// maxFormedSecret bounds the part of a huge secret whose escaped and lower-case forms the
// scrubber also looks for: its first and last maxFormedSecret bytes (a message quotes little).
const maxFormedSecret = 64 << 10

// scrubber removes known secrets from messages: the second line under Check's withholding, for
// text that holds a secret the check did not read through a Value (the same password in a
// plain input, a secret config value reused as a tag). It looks for every secret string of the
// request and of the stack's secret config, as it is and escaped as Go and JSON quote it, the
// numbers among secrets as they are printed, and any windowLength bytes of a long secret.
// Lookups are indexed, so scrubbing costs the length of the messages plus that of the long
// secrets, not their product.
type scrubber struct {
	// byPrefix indexes the secrets shorter than windowLength (and numbers) by their first
	// minSecretLength bytes.
	byPrefix map[uint32][]pattern
	// long are the secrets of windowLength bytes or more.
	long []string
	seen map[string]bool
}

// pattern is a short secret, or a number, which only matches between non-digits.
type pattern struct {
	text   string
	number bool
}

// addValue collects the strings and numbers inside v that are secret, or inside a secret.
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
	case v.IsNumber():
		if inSecret {
			s.addNumber(v.AsNumber())
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

// add collects a secret string in every form a message may show it in.
func (s *scrubber) add(secret string) {
	if len(secret) < minSecretLength {
		return
	}
	s.addForm(secret)
	if len(secret) <= 2*maxFormedSecret {
		s.addForms(secret)
		return
	}
	s.addForms(secret[:maxFormedSecret])
	s.addForms(secret[len(secret)-maxFormedSecret:])
}

// addForms collects the quoted and lower-case forms of a secret.
func (s *scrubber) addForms(secret string) {
	s.addForm(unquote(strconv.Quote(secret)))
	s.addForm(unquote(strconv.QuoteToASCII(secret)))
	if b, err := json.Marshal(secret); err == nil {
		s.addForm(unquote(string(b)))
	}
	s.addForm(strings.ToLower(secret))
}

// unquote drops the quotes around a quoted string, keeping its escapes.
func unquote(quoted string) string { return quoted[1 : len(quoted)-1] }

func (s *scrubber) addForm(form string) {
	if len(form) < minSecretLength || s.seen[form] {
		return
	}
	if s.seen == nil {
		s.seen = map[string]bool{}
		s.byPrefix = map[uint32][]pattern{}
	}
	s.seen[form] = true
	if len(form) >= windowLength {
		s.long = append(s.long, form)
		return
	}
	s.index(pattern{text: form})
}

// addNumber collects a secret number as messages print it: 31337, 31,337, 3.1337e+04.
func (s *scrubber) addNumber(f float64) {
	forms := []string{strconv.FormatFloat(f, 'f', -1, 64), strconv.FormatFloat(f, 'g', -1, 64),
		strconv.FormatFloat(f, 'e', -1, 64)}
	if f == math.Trunc(f) && math.Abs(f) < 1e15 {
		forms = append(forms, groupThousands(int64(f)))
	}
	for _, form := range forms {
		if len(form) < minSecretLength || s.seen["#"+form] {
			continue
		}
		if s.seen == nil {
			s.seen = map[string]bool{}
			s.byPrefix = map[uint32][]pattern{}
		}
		s.seen["#"+form] = true
		s.index(pattern{text: form, number: true})
	}
}

// groupThousands writes a whole number with commas between groups of three digits.
func groupThousands(n int64) string {
	digits := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return sign + b.String()
}

func (s *scrubber) index(p pattern) {
	key := prefixKey(p.text)
	s.byPrefix[key] = append(s.byPrefix[key], p)
}

// prefixKey packs the first minSecretLength bytes of s.
func prefixKey(s string) uint32 {
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// span is a part of a message to redact: [start, end).
type span struct{ start, end int }

// scrub removes every secret from one message; public is a text known to be public (the name
// of the resource the message is about), which pieces of a long secret do not redact.
func (s *scrubber) scrub(msg, public string) string {
	out := s.scrubAll([]string{msg}, []string{public})
	return out[0]
}

// scrubAll removes every secret from the messages; publics[i], if any, is public text of
// message i (see scrub).
func (s *scrubber) scrubAll(msgs, publics []string) []string {
	if len(s.seen) == 0 {
		return msgs
	}
	spans := make([][]span, len(msgs))
	for i, msg := range msgs {
		spans[i] = s.shortSpans(msg)
	}
	s.windowSpans(msgs, publics, spans)
	for i, msg := range msgs {
		msgs[i] = redactSpans(msg, spans[i])
	}
	return msgs
}

// shortSpans finds the short secrets and numbers in msg.
func (s *scrubber) shortSpans(msg string) []span {
	var out []span
	for i := 0; i+minSecretLength <= len(msg); i++ {
		for _, p := range s.byPrefix[prefixKey(msg[i:])] {
			end := i + len(p.text)
			if !strings.HasPrefix(msg[i:], p.text) || p.number && (digitAt(msg, i-1) || digitAt(msg, end)) {
				continue
			}
			out = append(out, span{i, end})
		}
	}
	return out
}

// digitAt reports whether msg has a digit at i.
func digitAt(msg string, i int) bool {
	return i >= 0 && i < len(msg) && msg[i] >= '0' && msg[i] <= '9'
}

// windowSpans finds, in every message, the windowLength-byte pieces of long secrets. It indexes
// the messages' windows (few) and scans each long secret once (maybe large), with a bitmap of
// window hashes to skip most positions without a map lookup.
func (s *scrubber) windowSpans(msgs, publics []string, spans [][]span) {
	if len(s.long) == 0 {
		return
	}
	type place struct{ msg, at int }
	windows := map[string][]place{}
	for i, msg := range msgs {
		for at := 0; at+windowLength <= len(msg); at++ {
			w := msg[at : at+windowLength]
			if publics != nil && publics[i] != "" && len(publics[i]) >= windowLength && insidePublic(msg, at, publics[i]) {
				continue
			}
			windows[w] = append(windows[w], place{i, at})
		}
	}
	if len(windows) == 0 {
		return
	}
	bits := 1 << 12
	for bits < 8*len(windows) && bits < 1<<24 {
		bits <<= 1
	}
	bitmap := make([]uint64, bits/64)
	mask := uint64(bits - 1)
	for w := range windows {
		h := windowHash(w) & mask
		bitmap[h/64] |= 1 << (h % 64)
	}
	found := map[string]bool{}
	for _, secret := range s.long {
		for at := 0; at+windowLength <= len(secret); at++ {
			h := windowHash(secret[at:at+windowLength]) & mask
			if bitmap[h/64]&(1<<(h%64)) == 0 {
				continue
			}
			if w := secret[at : at+windowLength]; windows[w] != nil {
				found[w] = true
			}
		}
	}
	for w := range found {
		for _, p := range windows[w] {
			spans[p.msg] = append(spans[p.msg], span{p.at, p.at + windowLength})
		}
	}
}

// insidePublic reports whether the window at in msg lies inside an occurrence of public.
func insidePublic(msg string, at int, public string) bool {
	for from := max(0, at+windowLength-len(public)); from <= at; {
		i := strings.Index(msg[from:], public)
		if i < 0 {
			return false
		}
		start := from + i
		if start > at {
			return false
		}
		if start+len(public) >= at+windowLength {
			return true
		}
		from = start + 1
	}
	return false
}

// windowHash hashes windowLength bytes.
func windowHash(w string) uint64 {
	a := binary.LittleEndian.Uint64([]byte(w[:8]))
	b := binary.LittleEndian.Uint64([]byte(w[8:16]))
	h := a*0x9E3779B97F4A7C15 ^ b*0xC2B2AE3D27D4EB4F
	return h ^ h>>29
}

// redactSpans replaces the spans of msg with Redacted; spans that overlap or touch are replaced
// as one, so that no part of any secret is left showing.
func redactSpans(msg string, spans []span) string {
	if len(spans) == 0 {
		return msg
	}
	slices.SortFunc(spans, func(a, b span) int { return a.start - b.start })
	var b strings.Builder
	copied := 0
	cur := spans[0]
	flush := func() {
		b.WriteString(msg[copied:cur.start])
		b.WriteString(Redacted)
		copied = cur.end
	}
	for _, sp := range spans[1:] {
		if sp.start <= cur.end {
			cur.end = max(cur.end, sp.end)
			continue
		}
		flush()
		cur = sp
	}
	flush()
	b.WriteString(msg[copied:])
	return b.String()
}
