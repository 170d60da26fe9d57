package report

import (
	"cmp"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Finding is one policy violation the engine reported, with what the report adds to it.
type Finding struct {
	Policy           string                         `json:"policy"`
	URN              string                         `json:"urn,omitempty"`
	ResourceType     string                         `json:"resourceType,omitempty"`
	ResourceName     string                         `json:"resourceName,omitempty"`
	Message          string                         `json:"message"`
	EnforcementLevel string                         `json:"enforcementLevel"`
	Severity         pack.Severity                  `json:"severity"`
	Exceptions       []apitype.PolicyEventException `json:"exceptions,omitempty"`
	Location         *Location                      `json:"location,omitempty"`
}

// Excepted reports whether a policy exception matched the violation; it then fails nothing.
func (f Finding) Excepted() bool { return len(f.Exceptions) > 0 }

// Check is the outcome of one policy on one resource (or on the stack, for a stack policy that
// passed), as the engine's analyze summaries list them.
type Check struct {
	Policy string
	URN    string
	Passed bool
}

// Run is what one policy pack reported: the engine keeps several packs' events in one log, and the
// report keeps them apart.
type Run struct {
	Pack     string
	Version  string
	Findings []Finding
	Checks   []Check
	// Rules holds the metadata of the policies this binary defines, when the run is of its pack.
	Rules map[string]*pack.Policy
	// DocsURL is the pack's rule reference, for policies without their own URL.
	DocsURL string
}

// Rule returns the metadata of a policy, or nil when the run is of another pack.
func (r *Run) Rule(name string) *pack.Policy { return r.Rules[name] }

// RuleURL is a policy's documentation, as the analyzer reports it to the engine.
func (r *Run) RuleURL(name string) string {
	switch p := r.Rule(name); {
	case p == nil:
		return ""
	case p.URL != "":
		return p.URL
	case r.DocsURL != "":
		return r.DocsURL + "#" + name
	default:
		return ""
	}
}

// PolicyNames lists every policy the run mentions, sorted.
func (r *Run) PolicyNames() []string {
	seen := map[string]bool{}
	for _, f := range r.Findings {
		seen[f.Policy] = true
	}
	for _, c := range r.Checks {
		seen[c.Policy] = true
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Report is everything the inputs held, per pack.
type Report struct {
	Runs []*Run
	// StackURN is the stack's root resource, where stack policies that passed are filed.
	StackURN string
}

type runKey struct{ pack, version string }

// collector gathers events and source positions from every input before the report is built.
type collector struct {
	runs      map[runKey]*Run
	order     []runKey
	seen      map[string]bool
	positions map[string]string
	stackURN  string
	ran       map[string]string
}

func newCollector() *collector {
	return &collector{runs: map[runKey]*Run{}, seen: map[string]bool{}, positions: map[string]string{}, ran: map[string]string{}}
}

func (c *collector) run(name, version string) *Run {
	k := runKey{name, version}
	r := c.runs[k]
	if r == nil {
		r = &Run{Pack: name, Version: version}
		c.runs[k] = r
		c.order = append(c.order, k)
	}
	return r
}

func (c *collector) addEvent(e engineEvent) {
	switch {
	case e.PolicyEvent != nil:
		v := e.PolicyEvent
		f := Finding{
			Policy: v.PolicyName, URN: v.ResourceURN, Message: strings.TrimSpace(v.Message),
			EnforcementLevel: v.EnforcementLevel, Severity: pack.Severity(v.Severity), Exceptions: v.Exceptions,
		}
		// `pulumi up` shows the preview's violations and the update's: report each once.
		key := strings.Join([]string{v.PolicyPackName, v.PolicyPackVersion, f.Policy, f.URN, f.EnforcementLevel, f.Message}, "\x00")
		if !c.seen[key] {
			c.seen[key] = true
			r := c.run(v.PolicyPackName, v.PolicyPackVersion)
			r.Findings = append(r.Findings, f)
		}
	case e.PolicyAnalyzeSummaryEvent != nil:
		s := e.PolicyAnalyzeSummaryEvent
		c.addChecks(c.run(s.PolicyPackName, s.PolicyPackVersion), s.ResourceURN, s.Passed, s.Failed)
	case e.PolicyAnalyzeStackSummaryEvent != nil:
		s := e.PolicyAnalyzeStackSummaryEvent
		// A stack policy's violations name their resources; its passes are filed under the stack.
		c.addChecks(c.run(s.PolicyPackName, s.PolicyPackVersion), "", s.Passed, nil)
	case e.ResourcePreEvent != nil:
		c.noteResource(e.ResourcePreEvent.Metadata.URN, e.ResourcePreEvent.Metadata.Type)
	case e.ResOutputsEvent != nil:
		c.noteResource(e.ResOutputsEvent.Metadata.URN, e.ResOutputsEvent.Metadata.Type)
	case e.SummaryEvent != nil:
		// Keys are "<name>|local|<path>" for a pack loaded from disk, the name for a published one.
		for key, version := range e.SummaryEvent.PolicyPacks {
			name, _, _ := strings.Cut(key, "|")
			c.ran[name] = version
		}
	}
}

func (c *collector) addChecks(r *Run, urn string, passed, failed []string) {
	for _, p := range passed {
		if key := "check\x00" + r.Pack + "\x00" + r.Version + "\x00" + p + "\x00" + urn; !c.seen[key] {
			c.seen[key] = true
			r.Checks = append(r.Checks, Check{Policy: p, URN: urn, Passed: true})
		}
	}
	for _, p := range failed {
		if key := "check\x00" + r.Pack + "\x00" + r.Version + "\x00" + p + "\x00" + urn; !c.seen[key] {
			c.seen[key] = true
			r.Checks = append(r.Checks, Check{Policy: p, URN: urn})
		}
	}
}

func (c *collector) noteResource(urn, typ string) {
	if typ == "pulumi:pulumi:Stack" {
		c.stackURN = urn
	}
}

func (c *collector) addPositions(rs ...positioned) {
	for _, r := range rs {
		c.noteResource(r.URN, r.Type)
		if r.SourcePosition != "" && r.URN != "" {
			c.positions[r.URN] = r.SourcePosition
		}
	}
}

// build assembles the report: the pack's metadata for its own runs, severities the engine left
// out, locations, and a stable order.
func (c *collector) build(p pack.Pack, loc locator) *Report {
	rules := make(map[string]*pack.Policy, len(p.Policies))
	for i := range p.Policies {
		rules[p.Policies[i].Name] = &p.Policies[i]
	}
	rep := &Report{StackURN: c.stackURN}
	for _, k := range c.order {
		r := c.runs[k]
		attach(r, p, rules)
		for i := range r.Findings {
			f := &r.Findings[i]
			if f.Severity == "" {
				f.Severity = defaultSeverity(r.Rule(f.Policy), f.EnforcementLevel)
			}
			if u := resource.URN(f.URN); u.IsValid() {
				f.ResourceType, f.ResourceName = string(u.Type()), u.Name()
				f.Location = loc.resolve(c.positions[f.URN])
			}
		}
		for i := range r.Checks {
			if r.Checks[i].URN == "" {
				r.Checks[i].URN = c.stackURN
			}
		}
		slices.SortStableFunc(r.Findings, func(a, b Finding) int {
			return cmp.Or(pack.SeverityRank(b.Severity)-pack.SeverityRank(a.Severity), cmp.Compare(a.Policy, b.Policy),
				cmp.Compare(a.URN, b.URN), cmp.Compare(a.Message, b.Message))
		})
		rep.Runs = append(rep.Runs, r)
	}
	// A pack that ran clean still gets its run, so that code scanning closes its fixed alerts.
	for name, version := range c.ran {
		if !slices.ContainsFunc(rep.Runs, func(r *Run) bool { return r.Pack == name }) {
			r := &Run{Pack: name, Version: strings.TrimPrefix(version, "v")}
			attach(r, p, rules)
			rep.Runs = append(rep.Runs, r)
		}
	}
	slices.SortStableFunc(rep.Runs, func(a, b *Run) int {
		return cmp.Or(cmp.Compare(a.Pack, b.Pack), cmp.Compare(a.Version, b.Version))
	})
	return rep
}

// attach gives a run of this binary's pack the pack's policy metadata.
func attach(r *Run, p pack.Pack, rules map[string]*pack.Policy) {
	if r.Pack == p.Name {
		r.Rules, r.DocsURL = rules, p.DocsURL
	}
}

// defaultSeverity is the severity of a violation the engine reported without one: the policy's
// own, else high for a mandatory violation and medium otherwise.
func defaultSeverity(rule *pack.Policy, level string) pack.Severity {
	switch {
	case rule != nil && rule.Severity != "":
		return rule.Severity
	case level == string(pack.Mandatory):
		return pack.High
	default:
		return pack.Medium
	}
}
