// Package leak plants canaries in policy inputs and finds them in what a policy pack says: the
// leak suite's tools. A canary is a distinct secret value (a string, a number, a key) that no
// rule or message could produce by itself, so finding any part of it in a message, a
// not-applicable reason or a log line proves a leak.
package leak

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Window is the length of the canary pieces Find looks for: no 16 bytes of a canary in a row
// may show anywhere.
const Window = 16

// Mode says where a corpus puts its secrets.
type Mode int

// The placements of secrets the leak suite tries.
const (
	// Leaves makes every scalar a secret canary (strings, numbers, booleans).
	Leaves Mode = iota
	// Subtrees makes every top-level input a secret and puts plain canaries inside it, keys
	// included: everything in a secret is secret.
	Subtrees
	// JSONDocuments turns every string into a secret JSON document of canaries (a policy
	// document, a container definition).
	JSONDocuments
	// PlainCopies puts plain canaries everywhere; the suite declares them as the stack's secret
	// config, as when a program reuses a secret config value in a tag.
	PlainCopies
)

// Modes lists every Mode, for suites that try them all.
var Modes = []Mode{Leaves, Subtrees, JSONDocuments, PlainCopies}

func (m Mode) String() string {
	return [...]string{"leaves", "subtrees", "json-documents", "plain-copies"}[m]
}

// Canaries makes distinct canaries and finds them again.
type Canaries struct {
	rng     *rand.Rand
	strings []string
	numbers map[float64]bool
	windows map[string]string
}

// New returns a canary maker whose canaries depend on seed only.
func New(seed uint64) *Canaries {
	return &Canaries{rng: rand.New(rand.NewPCG(seed, 0x5eed)), numbers: map[float64]bool{}, windows: map[string]string{}}
}

// Strings returns the canary strings made so far.
func (c *Canaries) Strings() []string { return c.strings }

// String makes a canary string. Some are long (past the 64 characters a message quotes), some
// hold characters that quoting escapes.
func (c *Canaries) String() string {
	id := len(c.strings)
	s := fmt.Sprintf("CNRY%04d%08x", id, c.rng.Uint32())
	switch id % 4 {
	case 1:
		s += strings.Repeat(fmt.Sprintf("%08x", c.rng.Uint32()), 8) // 80 bytes
	case 2:
		s += `"q\u` + fmt.Sprintf("%06x", c.rng.Uint32()&0xffffff)
	case 3:
		s += "\tünï" + fmt.Sprintf("%06x", c.rng.Uint32()&0xffffff)
	}
	c.strings = append(c.strings, s)
	for _, form := range forms(s) {
		for at := 0; at+Window <= len(form); at++ {
			c.windows[form[at:at+Window]] = s
		}
	}
	return s
}

// forms are the ways a message may show a string: as it is, quoted by Go (also ASCII-only) or
// by JSON, without the quotes.
func forms(s string) []string {
	j, _ := json.Marshal(s)
	out := []string{s, strconv.Quote(s), strconv.QuoteToASCII(s), string(j)}
	for i := 1; i < len(out); i++ {
		out[i] = out[i][1 : len(out[i])-1]
	}
	return out
}

// Number makes a canary number: whole, at least five digits, never seen elsewhere.
func (c *Canaries) Number() float64 {
	for {
		n := float64(70000 + c.rng.IntN(9_900_000))
		if !c.numbers[n] {
			c.numbers[n] = true
			return n
		}
	}
}

// numberPattern finds numbers as messages print them: 31337, 31,337, 3.1337e+04, -5.
var numberPattern = regexp.MustCompile(`[0-9][0-9,]*(\.[0-9]+)?([eE][+-]?[0-9]+)?`)

// Find returns what of the canaries shows in text: a canary, any Window bytes of one (as it is
// or escaped), or a canary number however printed. Each finding is described without the
// canary itself, so a test can print it.
func (c *Canaries) Find(text string) []string {
	var out []string
	seen := map[string]bool{}
	for at := 0; at+Window <= len(text); at++ {
		if s, ok := c.windows[text[at:at+Window]]; ok && !seen[s] {
			seen[s] = true
			out = append(out, fmt.Sprintf("bytes of canary string #%d at offset %d", c.index(s), at))
		}
	}
	for _, m := range numberPattern.FindAllStringIndex(text, -1) {
		if m[0] > 0 && (text[m[0]-1] == '.' || text[m[0]-1] == '-') && m[0] > 1 && isDigit(text[m[0]-2]) {
			continue
		}
		f, err := strconv.ParseFloat(strings.ReplaceAll(text[m[0]:m[1]], ",", ""), 64)
		if err == nil && c.numbers[f] {
			out = append(out, fmt.Sprintf("a canary number at offset %d", m[0]))
		}
	}
	return out
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func (c *Canaries) index(s string) int {
	for i, x := range c.strings {
		if x == s {
			return i
		}
	}
	return -1
}

// Plant returns v with its values replaced by canaries and secrets placed as mode says. The
// shape (objects, lists, kinds of scalars, unknowns) stays, so rules walk the same paths.
func (c *Canaries) Plant(v property.Value, mode Mode) property.Value {
	switch mode {
	case Subtrees:
		return c.plant(v, false, true).WithSecret(true)
	case JSONDocuments:
		return c.plantJSON(v)
	case PlainCopies:
		return c.plant(v, false, false)
	default:
		return c.plant(v, true, false)
	}
}

// PlantMap plants canaries in every top-level input of a resource.
func (c *Canaries) PlantMap(m property.Map, mode Mode) property.Map {
	out := make(map[string]property.Value, m.Len())
	for k, v := range m.All {
		out[k] = c.Plant(v, mode)
	}
	return property.NewMap(out)
}

// plant replaces scalars with canaries (secret ones when secretLeaves); with canaryKeys, every
// object also gains a key that is a canary.
func (c *Canaries) plant(v property.Value, secretLeaves, canaryKeys bool) property.Value {
	var out property.Value
	switch {
	case v.IsComputed(), v.IsNull():
		return v
	case v.IsString():
		out = property.New(c.String())
	case v.IsNumber() && !secretLeaves && !canaryKeys:
		return v // a plain number is no secret's copy: only strings are declared secret config
	case v.IsNumber():
		out = property.New(c.Number())
	case v.IsBool():
		out = property.New(v.AsBool())
	case v.IsArray():
		items := make([]property.Value, 0, v.AsArray().Len())
		for _, item := range v.AsArray().All {
			items = append(items, c.plant(item, secretLeaves, canaryKeys))
		}
		return property.New(items)
	case v.IsMap():
		m := make(map[string]property.Value, v.AsMap().Len()+1)
		for k, item := range v.AsMap().All {
			m[k] = c.plant(item, secretLeaves, canaryKeys)
		}
		if canaryKeys {
			m[c.String()] = property.New(c.Number())
		}
		return property.New(property.NewMap(m))
	default:
		return v
	}
	return out.WithSecret(secretLeaves)
}

// plantJSON turns strings into secret JSON documents of canaries, keeping everything else.
func (c *Canaries) plantJSON(v property.Value) property.Value {
	switch {
	case v.IsString():
		doc := map[string]any{
			"Version": "2012-10-17",
			"Statement": []any{map[string]any{
				"Effect": "Allow", "Principal": "*", "Action": c.String(), "Resource": c.String(),
				"Condition": map[string]any{c.String(): map[string]any{c.String(): c.Number()}},
				c.String():  c.String(),
			}},
			c.String(): []any{c.Number(), c.String()},
		}
		b, err := json.Marshal(doc)
		if err != nil {
			panic(err)
		}
		return property.New(string(b)).WithSecret(true)
	case v.IsArray():
		items := make([]property.Value, 0, v.AsArray().Len())
		for _, item := range v.AsArray().All {
			items = append(items, c.plantJSON(item))
		}
		return property.New(items)
	case v.IsMap():
		m := make(map[string]property.Value, v.AsMap().Len())
		for k, item := range v.AsMap().All {
			m[k] = c.plantJSON(item)
		}
		return property.New(property.NewMap(m))
	default:
		return v
	}
}

// ConfigSecrets returns the canary strings as a stack's secret config: keys and values, with
// every key listed as secret.
func (c *Canaries) ConfigSecrets(project string) (config map[string]string, secretKeys []string) {
	config = map[string]string{}
	for i, s := range c.strings {
		key := fmt.Sprintf("%s:canary%d", project, i)
		config[key] = s
		secretKeys = append(secretKeys, key)
	}
	return config, secretKeys
}
