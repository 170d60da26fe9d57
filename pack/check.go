package pack

import (
	"fmt"
	"strings"
)

// Check is one run of one policy over a resource or a stack: it carries the policy's settings
// and the deployment, and collects what the policy reports.
type Check struct {
	policy     *registered
	deployment *Deployment
	settings   any
	urn        URN

	violations []Violation
	skipped    string
	deferred   []string
}

// Violation is one finding. URN defaults to the resource being checked (the stack, for stack
// policies); Severity defaults to the policy's.
type Violation struct {
	Message  string
	URN      URN
	Severity Severity
}

// Violatef reports a violation on the resource being checked. Format values with %v or %s
// from Value (which redacts), never from strings holding secrets.
func (c *Check) Violatef(format string, args ...any) {
	c.Report(Violation{Message: fmt.Sprintf(format, args...)})
}

// Report records a violation, possibly on another resource or with another severity.
func (c *Check) Report(v Violation) {
	c.violations = append(c.violations, v)
}

// Skip marks the policy as not applicable, with the reason shown to the user (for example, a
// stack check that needs stack tags the engine did not send).
func (c *Check) Skip(reason string) {
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
	c.deferred = append(c.deferred, undecidable{reason: reason}.describe(r.URN))
}

// ForEach runs fn on each resource, so that a stack check which cannot decide about one
// resource (a value is unknown during preview) still judges all the others.
func (c *Check) ForEach(resources []*Resource, fn func(r *Resource)) {
	for _, r := range resources {
		c.isolate(r.URN, func() { fn(r) })
	}
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
		reason = urn.Name() + ": " + reason
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
