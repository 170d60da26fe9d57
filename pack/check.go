package pack

import (
	"fmt"
	"strings"
)

// Check is one run of one policy over a resource or a stack: it carries the policy's settings
// and the deployment, and collects what the policy reports.
//
// What a check reports after reading the content of a secret value (see Value) is withheld: the
// engine replaces the message or reason with one that names the policy and the secrets' paths
// only. A stack check that judges resources with ForEach has a scope per resource.
type Check struct {
	policy     *registered
	deployment *Deployment
	settings   any
	urn        URN
	reads      *secretReads

	violations []Violation
	// reported counts the violations reported per resource, and dropped those past the cap.
	reported map[URN]int
	dropped  map[URN]droppedFindings
	skipped  string
	deferred []string
}

// Violation is one finding. URN defaults to the resource being checked (the stack, for stack
// policies); Severity defaults to the policy's. Path is the property the finding is about
// ("ingress[0]"), empty for the resource as a whole: a policy's Supersedes match on URN and Path.
type Violation struct {
	Message  string
	URN      URN
	Severity Severity
	Path     string

	// secrets is what the check had read when it reported this violation.
	secrets readScope
}

// maxFindingsPerResource bounds the violations one policy reports on one resource: past it the
// engine reports how many more there were, so that one huge resource cannot flood the engine (a
// response larger than the gRPC limit would fail the whole run).
const maxFindingsPerResource = 20

// droppedFindings counts the violations past the cap on one resource, and what they had read.
type droppedFindings struct {
	count    int
	severity Severity
	secrets  readScope
}

// Violatef reports a violation on the resource being checked. Format values with %v or %s
// from Value (which redacts), never from strings holding secrets.
func (c *Check) Violatef(format string, args ...any) {
	if c.reported[c.urn] >= maxFindingsPerResource {
		c.Report(Violation{})
		return
	}
	c.Report(Violation{Message: fmt.Sprintf(format, args...)})
}

// Report records a violation, possibly on another resource or with another severity.
func (c *Check) Report(v Violation) {
	v.secrets, _ = c.reads.tainted()
	urn := v.URN
	if urn == "" {
		urn = c.urn
	}
	if c.reported == nil {
		c.reported = map[URN]int{}
	}
	if c.reported[urn] >= maxFindingsPerResource {
		if c.dropped == nil {
			c.dropped = map[URN]droppedFindings{}
		}
		d := c.dropped[urn]
		d.count++
		d.secrets.merge(v.secrets)
		if SeverityRank(v.Severity) > SeverityRank(d.severity) {
			d.severity = v.Severity
		}
		c.dropped[urn] = d
		return
	}
	c.reported[urn]++
	c.violations = append(c.violations, v)
}

// Skip marks the policy as not applicable, with the reason shown to the user (for example, a
// stack check that needs stack tags the engine did not send).
func (c *Check) Skip(reason string) {
	if sc, ok := c.reads.tainted(); ok {
		reason = withheldReason(sc)
	}
	c.skipped = reason
}

// Deployment returns the stack being previewed or updated. Its Known field is false when the
// engine did not describe one.
func (c *Check) Deployment() *Deployment { return c.deployment }

// Policy returns the policy being run.
func (c *Check) Policy() *Policy { return c.policy.Policy }

// SettingsOf returns the policy's settings, decoded from its config into the value its
// Settings function made. It panics if T is not the type Settings returns: a programming error
// the engine reports like any other failing check.
func SettingsOf[T any](c *Check) *T {
	return c.settings.(*T)
}

// Defer records that the check cannot decide about one resource of a stack (its subject lives
// outside the stack, say) while it goes on judging the others. Like an unknown value, it makes
// the policy not applicable, with the reason, when nothing else is reported.
func (c *Check) Defer(r *Resource, reason string) {
	if sc, ok := c.reads.tainted(); ok {
		reason = withheldReason(sc)
	}
	c.deferred = append(c.deferred, undecidable{reason: reason}.describe(r.URN))
}

// ForEach runs fn on each resource, so that a stack check which cannot decide about one
// resource (a value is unknown during preview) still judges all the others, and a secret read
// while judging one resource withholds only what is reported about that one (and what the check
// reports after the loop). Carry nothing read in one call of fn into another.
func (c *Check) ForEach(resources []*Resource, fn func(r *Resource)) {
	c.reads.eachScope(len(resources), func(i int) {
		r := resources[i]
		c.isolate(r.URN, func() { fn(r) })
	})
}

// isolate runs fn and turns an undecidable stop into a deferral on urn.
func (c *Check) isolate(urn URN, fn func()) {
	defer func() {
		if p := recover(); p != nil {
			u, ok := p.(undecidable)
			if !ok {
				panic(p)
			}
			c.deferred = append(c.deferred, u.describe(urn))
		}
	}()
	fn()
}

// describe says why a check could not decide, for the not-applicable reason; urn names the
// resource in stack checks.
func (u undecidable) describe(urn URN) string {
	reason := u.reason
	if u.unknown {
		reason = "value unknown during preview: " + orRoot(u.reason)
	}
	if urn != "" {
		reason = nameOf(urn) + ": " + reason
	}
	return reason
}

// notApplicableReason is why the policy did not decide, or "" if it did.
func (c *Check) notApplicableReason() string {
	switch {
	case len(c.violations) > 0:
		return ""
	case c.skipped != "":
		return c.skipped
	case len(c.deferred) == 0:
		return ""
	}
	const shown = 3
	reasons := c.deferred
	more := ""
	if len(reasons) > shown {
		more = fmt.Sprintf(" (and %d more)", len(reasons)-shown)
		reasons = reasons[:shown]
	}
	return strings.Join(reasons, "; ") + more
}
