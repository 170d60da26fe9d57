package pack

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// ViolateAt reports a violation about the property at path of the resource being checked
// ("ingress[0]", "policy.Statement[1]"), so that a policy superseding this one can replace it.
// Format values as for Violatef.
func (c *Check) ViolateAt(path, format string, args ...any) {
	c.Report(Violation{Message: fmt.Sprintf(format, args...), Path: path})
}

// linkSupersedes records, on each policy, the policies that supersede it, and reports names that
// are not policies of the pack, resource policies superseded by stack policies (a resource's
// Analyze never sees stack findings) and cycles.
func (a *Analyzer) linkSupersedes() []error {
	var errs []error
	for _, p := range a.policies {
		for _, name := range p.Supersedes {
			weaker := a.byName[name]
			switch {
			case weaker == nil:
				errs = append(errs, fmt.Errorf("policy %q supersedes %q, which is not a policy of the pack", p.Name, name))
			case weaker == p:
				errs = append(errs, fmt.Errorf("policy %q supersedes itself", p.Name))
			case weaker.Resource != nil && p.Stack != nil:
				errs = append(errs, fmt.Errorf("stack policy %q cannot supersede resource policy %q: "+
					"a resource is judged before the stack is", p.Name, name))
			default:
				weaker.supersededBy = append(weaker.supersededBy, p)
			}
		}
	}
	if len(errs) > 0 {
		return errs
	}
	for _, p := range a.policies {
		if cycle := supersedeCycle(p, nil); cycle != nil {
			return []error{fmt.Errorf("policies supersede each other in a cycle: %s", strings.Join(cycle, " -> "))}
		}
	}
	return nil
}

// supersedeCycle returns the names of a cycle of Supersedes through p, or nil.
func supersedeCycle(p *registered, path []*registered) []string {
	if i := slices.Index(path, p); i >= 0 {
		var names []string
		for _, q := range append(path[i:], p) {
			names = append(names, q.Name)
		}
		return names
	}
	for _, stronger := range p.supersededBy {
		if cycle := supersedeCycle(stronger, append(path, p)); cycle != nil {
			return cycle
		}
	}
	return nil
}

// supersede drops the violations of checks that ran in one call (one resource's Analyze, or
// AnalyzeStack) which a superseding policy reported on the same resource and path. A stack
// policy superseded by a resource policy learns of that policy's findings by running it on the
// stack's resource (s, nil in Analyze), sharing the call's record of secret reads. A check left
// with no violation is not applicable, naming the policies that replaced its findings.
func (a *Analyzer) supersede(cfg *configuration, checks []Check, s *Stack, reads *secretReads) {
	var found *reported
	for i := range checks {
		c := &checks[i]
		if len(c.policy.supersededBy) == 0 || len(c.violations) == 0 {
			continue
		}
		if found == nil {
			found = &reported{findings: map[finding]bool{}, ran: map[finding]bool{}, reads: reads}
			found.add(checks)
		}
		var by []string
		c.violations = slices.DeleteFunc(c.violations, func(v Violation) bool {
			urn := cmp.Or(v.URN, c.urn)
			for _, stronger := range c.policy.supersededBy {
				if a.reports(cfg, found, stronger, urn, v.Path, s) {
					by = append(by, stronger.Name)
					return true
				}
			}
			return false
		})
		if len(c.violations) == 0 && len(by) > 0 {
			slices.Sort(by)
			c.skipped = "superseded by " + strings.Join(slices.Compact(by), ", ") +
				", which reported the same resource and property"
		}
	}
}

// finding identifies a violation for supersession: the policy, the resource and the path.
type finding struct {
	policy int
	urn    URN
	path   string
}

// reported is what the checks of one call found, and which resource policies were run on which
// stack resources to find out more.
type reported struct {
	findings map[finding]bool
	ran      map[finding]bool // keyed by policy and resource
	reads    *secretReads
}

func (r *reported) add(checks []Check) {
	for i := range checks {
		c := &checks[i]
		for _, v := range c.violations {
			r.findings[finding{c.policy.index, cmp.Or(v.URN, c.urn), v.Path}] = true
		}
	}
}

// reports tells whether policy p reported a finding on urn and path in this call; in
// AnalyzeStack, a resource policy is run on the stack's resource to find out (once per resource).
func (a *Analyzer) reports(cfg *configuration, found *reported, p *registered, urn URN, path string, s *Stack) bool {
	key := finding{p.index, urn, path}
	if found.findings[key] || s == nil || p.Resource == nil || cfg.levels[p.index] == Disabled {
		return found.findings[key]
	}
	if r := s.Resource(urn); r != nil && !found.ran[finding{policy: p.index, urn: urn}] && p.appliesTo(r.Type) {
		found.ran[finding{policy: p.index, urn: urn}] = true
		c := a.newCheck(cfg, p, urn, found.reads)
		c.run(func() { p.Resource(c, r) })
		found.add([]Check{*c})
	}
	return found.findings[key]
}
