package pack

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// secretReads records, for the check running, whether it read the content of a secret value,
// and where. The engine then withholds the text of what that check reports: a message or a
// reason written after reading a secret may hold it, or a fact derived from it (its length, a
// word chosen by it), and no scrubbing of the text afterwards can tell. This is the first line
// of the pack's secret handling; the scrubber (scrubber) is the second.
//
// One record serves every check of one call, in turn: the engine resets it before each check.
// Stack checks that judge resources one by one (Check.ForEach) get a scope per resource, so a
// secret read while judging one resource withholds only that resource's findings.
type secretReads struct {
	cur readScope
}

// readScope is what one scope of a check has read: whether any secret, and the paths of the
// first few (shown in withheld messages: a secret's path is the program's, not the secret's).
type readScope struct {
	read  bool
	roots []string
	more  int
}

// maxRootsShown bounds the secret paths a withheld message names.
const maxRootsShown = 3

// record notes that the check read the content of the secret at path. A nil record (a value
// built outside a check) records nothing.
func (s *secretReads) record(path string) {
	if s == nil {
		return
	}
	s.cur.add(orRoot(path))
}

func (sc *readScope) add(path string) {
	sc.read = true
	switch {
	case slices.Contains(sc.roots, path):
	case len(sc.roots) < maxRootsShown:
		sc.roots = append(sc.roots, path)
	default:
		sc.more++
	}
}

// merge adds what other has read to sc.
func (sc *readScope) merge(other readScope) {
	if !other.read {
		return
	}
	sc.read = true
	for _, p := range other.roots {
		sc.add(p)
	}
	sc.more += other.more
}

// clone copies a scope, so that the copy's roots can grow on their own.
func (sc readScope) clone() readScope {
	sc.roots = slices.Clip(sc.roots)
	return sc
}

// reset starts a new check.
func (s *secretReads) reset() {
	if s != nil {
		s.cur = readScope{}
	}
}

// tainted returns what the check has read so far in its current scope, for a finding it reports
// now; ok is false when it read no secret.
func (s *secretReads) tainted() (readScope, bool) {
	if s == nil || !s.cur.read {
		return readScope{}, false
	}
	return s.cur.clone(), true
}

// eachScope runs fn once per item, each in a scope of its own that starts from what the check
// had read before; afterwards the check's scope holds everything read, so that what it reports
// after the loop (which may gather from every item) is withheld if any item's secret was read.
func (s *secretReads) eachScope(n int, fn func(i int)) {
	if s == nil {
		for i := range n {
			fn(i)
		}
		return
	}
	before, total := s.cur.clone(), s.cur.clone()
	for i := range n {
		s.cur = before.clone()
		fn(i)
		total.merge(s.cur)
	}
	s.cur = total
}

// describe names the secrets read, for a withheld message: "password, tags (and 2 more)".
func (sc readScope) describe() string {
	names := strings.Join(sc.roots, ", ")
	if sc.more > 0 {
		names += fmt.Sprintf(" (and %d more)", sc.more)
	}
	return names
}

// withheldMessage replaces the message of a finding reported after reading secrets.
func withheldMessage(p *registered, urn URN, sc readScope) string {
	subject := cmp.Or(nameOf(urn), "the stack")
	return fmt.Sprintf("%s fails %q; the details are withheld because the check read secret values (%s): "+
		"see the policy's description and remediation", subject, cmp.Or(p.DisplayName, p.Name), sc.describe())
}

// withheldReason replaces a not-applicable reason written after reading secrets.
func withheldReason(sc readScope) string {
	return "the reason is withheld because the check read secret values (" + sc.describe() + ")"
}
