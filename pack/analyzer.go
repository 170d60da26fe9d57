package pack

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"os"
	"runtime/debug"
	"slices"
	"unicode/utf8"

	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

var _ plugin.Analyzer = (*Analyzer)(nil)

// NewAnalyzer checks a pack's definition and returns it as the engine's plugin.Analyzer, to
// run in-process (tests, tools) exactly as Serve runs it behind the protocol.
func NewAnalyzer(p Pack) (*Analyzer, error) {
	return newAnalyzer(p)
}

// ConfigureStack records the stack being previewed or updated; the engine calls it first,
// except for `pulumi policy publish` and `pulumi policy analyze --file`.
func (a *Analyzer) ConfigureStack(d *Deployment) { a.deployment.Store(d) }

// Name is the pack's name.
func (a *Analyzer) Name() tokens.QName { return tokens.QName(a.pack.Name) }

// Close delivers the decision log, if the pack has one; the analyzer holds no other resources.
func (a *Analyzer) Close() error {
	a.flushDecisions(context.Background())
	return nil
}

// Cancel stops the pack's work, as the engine asks when the user interrupts it: calls in flight
// return at their next policy, and later calls at once, with an error. It also delivers the
// decision log: the engine cancels every plugin before it stops them.
func (a *Analyzer) Cancel(ctx context.Context) error {
	a.canceled.Store(true)
	a.flushDecisions(ctx)
	return nil
}

// interrupted returns why a call must stop: the engine canceled the pack, or the call.
func (a *Analyzer) interrupted(ctx context.Context) error {
	if a.canceled.Load() {
		return fmt.Errorf("policy pack %s: canceled by the engine", a.pack.Name)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("policy pack %s: %w", a.pack.Name, err)
	}
	return nil
}

// GetPluginInfo reports the pack's version.
func (a *Analyzer) GetPluginInfo(context.Context) (plugin.PluginInfo, error) {
	v := a.version
	return plugin.PluginInfo{Version: &v}, nil
}

// Configure applies the config the engine resolved from defaults, "all", config files and
// policy groups. A config naming an unknown policy or setting is rejected.
func (a *Analyzer) Configure(_ context.Context, config map[string]PolicyConfig) error {
	cfg, err := a.configure(config)
	if err != nil {
		return fmt.Errorf("invalid config for policy pack %s: %w", a.pack.Name, err)
	}
	a.config.Store(cfg)
	return nil
}

// Analyze runs the resource policies that apply to one resource's inputs.
func (a *Analyzer) Analyze(ctx context.Context, in plugin.AnalyzerResource) (plugin.AnalyzeResponse, error) {
	cfg := a.config.Load()
	p := cfg.plan(a, string(in.Type))
	resp, err := a.analyze(ctx, cfg, p, in)
	resp.NotApplicable = append(slices.Clip(p.notApplicable), resp.NotApplicable...)
	return resp, err
}

// analyze runs a plan's policies on a resource. The response lists as not applicable only the
// policies that ran and could not decide; the plan's own list (other types, disabled) is the
// caller's to add.
func (a *Analyzer) analyze(
	ctx context.Context, cfg *configuration, p *plan, in plugin.AnalyzerResource,
) (plugin.AnalyzeResponse, error) {
	if err := a.interrupted(ctx); err != nil {
		return plugin.AnalyzeResponse{}, err
	}
	reads := &secretReads{}
	r := newResource(in, reads)
	a.reported.judged(r.URN)
	checks, err := a.runResource(ctx, cfg, p, r, reads)
	if err != nil {
		return plugin.AnalyzeResponse{}, err
	}
	var resp plugin.AnalyzeResponse
	a.report(&resp, cfg, checks)
	a.scrub(&resp, 0, []*Resource{r})
	if a.pack.DecisionLog != nil {
		a.logDecisions(cfg, p.analyze, &resp, r.URN, r.Type)
	}
	return resp, nil
}

// runResource runs a plan's policies on a resource; reads is the call's record of secret reads.
func (a *Analyzer) runResource(
	ctx context.Context, cfg *configuration, p *plan, r *Resource, reads *secretReads,
) ([]Check, error) {
	checks := make([]Check, len(p.analyze))
	for i, pol := range p.analyze {
		if err := a.interrupted(ctx); err != nil {
			return nil, err
		}
		c := &checks[i]
		a.initCheck(c, cfg, pol, r.URN, reads)
		c.run(func() { pol.Resource(c, r) })
		if len(c.violations) > 0 {
			a.reported.add(pol, r.URN) // superseded or not, the deployed state need not repeat it
		}
	}
	a.supersede(cfg, checks, nil, reads)
	return checks, nil
}

// report adds what checks found to a response: their violations, and the policies that could
// not decide.
func (a *Analyzer) report(resp *plugin.AnalyzeResponse, cfg *configuration, checks []Check) {
	for i := range checks {
		c := &checks[i]
		resp.Diagnostics = append(resp.Diagnostics, a.diagnostics(cfg, c)...)
		if reason := c.notApplicableReason(); reason != "" {
			resp.NotApplicable = append(resp.NotApplicable, notApplicable(c.policy, reason))
		}
	}
}

// AnalyzeStack runs the stack policies over every resource's outputs.
func (a *Analyzer) AnalyzeStack(
	ctx context.Context, in []plugin.AnalyzerStackResource,
) (plugin.AnalyzeResponse, error) {
	if err := a.interrupted(ctx); err != nil {
		return plugin.AnalyzeResponse{}, err
	}
	cfg := a.config.Load()
	reads := &secretReads{}
	resources := make([]*Resource, len(in))
	for i, sr := range in {
		resources[i] = newStackResource(sr, reads)
	}
	var resp plugin.AnalyzeResponse
	checks, skipped, err := a.runStack(ctx, cfg, NewStack(resources), reads)
	if err != nil {
		return plugin.AnalyzeResponse{}, err
	}
	resp.NotApplicable = skipped
	a.report(&resp, cfg, checks)
	resp.Diagnostics = append(resp.Diagnostics, a.deployedState(cfg, resources, reads)...)
	a.scrub(&resp, 0, resources)
	if a.pack.DecisionLog != nil {
		ran := make([]*registered, len(checks))
		for i := range checks {
			ran[i] = checks[i].policy
		}
		a.logDecisions(cfg, ran, &resp, "", "")
	}
	return resp, nil
}

// runStack runs the stack policies over a stack, and lists those that do not run; reads is the
// call's record of secret reads.
func (a *Analyzer) runStack(
	ctx context.Context, cfg *configuration, s *Stack, reads *secretReads,
) ([]Check, []plugin.PolicyNotApplicable, error) {
	var checks []Check
	var skipped []plugin.PolicyNotApplicable
	for _, pol := range a.policies {
		if pol.Stack == nil {
			continue
		}
		if err := a.interrupted(ctx); err != nil {
			return nil, nil, err
		}
		switch {
		case cfg.levels[pol.index] == Disabled:
			skipped = append(skipped, notApplicable(pol, reasonDisabled))
		case !a.stackHolds(s, pol):
			skipped = append(skipped, notApplicable(pol, "the stack has no resources of its types"))
		default:
			checks = append(checks, Check{})
			c := &checks[len(checks)-1]
			a.initCheck(c, cfg, pol, "", reads)
			c.run(func() { pol.Stack(c, s) })
		}
	}
	a.supersede(cfg, checks, s, reads)
	return checks, skipped, nil
}

// stackHolds reports whether the stack has a resource a stack policy applies to.
func (a *Analyzer) stackHolds(s *Stack, p *registered) bool {
	if len(p.Types) == 0 {
		return true
	}
	for typ := range s.byType {
		if p.appliesTo(typ) {
			return true
		}
	}
	return false
}

// Remediate runs, in order, the remediations of policies at the remediate level; each sees the
// properties the previous one returned.
func (a *Analyzer) Remediate(ctx context.Context, in plugin.AnalyzerResource) (plugin.RemediateResponse, error) {
	cfg := a.config.Load()
	p := cfg.plan(a, string(in.Type))
	resp, err := a.remediate(ctx, cfg, p, in)
	resp.NotApplicable = append(slices.Clip(p.notRemediated), resp.NotApplicable...)
	return resp, err
}

// remediate runs a plan's remediations on a resource. Like analyze, the response leaves the
// plan's own not-applicable list to the caller.
func (a *Analyzer) remediate(
	ctx context.Context, cfg *configuration, p *plan, in plugin.AnalyzerResource,
) (plugin.RemediateResponse, error) {
	if err := a.interrupted(ctx); err != nil {
		return plugin.RemediateResponse{}, err
	}
	reads := &secretReads{}
	r := newResource(in, reads)
	var resp plugin.RemediateResponse
	for _, pol := range p.remediate {
		if err := a.interrupted(ctx); err != nil {
			return plugin.RemediateResponse{}, err
		}
		c := a.newCheck(cfg, pol, r.URN, reads)
		var fixed property.Map
		var changed bool
		failure := c.run(func() { fixed, changed = pol.Remediate(c, r) })
		switch {
		case failure != "":
			resp.Remediations = append(resp.Remediations, a.remediation(pol, r.URN, property.Map{}, failure))
		case changed:
			resp.Remediations = append(resp.Remediations, a.remediation(pol, r.URN, fixed, ""))
			r.Properties = fixed
		default:
			resp.NotApplicable = append(resp.NotApplicable, notApplicable(pol, "nothing to remediate"))
		}
	}
	var s scrubber
	s.addResource(r)
	s.addDeployment(a.deployment.Load())
	for i := range resp.Remediations {
		resp.Remediations[i].Diagnostic = s.scrub(resp.Remediations[i].Diagnostic, nameOf(r.URN))
	}
	if a.pack.DecisionLog != nil {
		a.logRemediations(&resp, r.Type)
	}
	return resp, nil
}

func (a *Analyzer) remediation(p *registered, urn URN, props property.Map, diagnostic string) plugin.Remediation {
	return plugin.Remediation{
		PolicyName:        p.Name,
		Description:       p.Description,
		PolicyPackName:    a.pack.Name,
		PolicyPackVersion: a.pack.Version,
		URN:               urn,
		Properties:        props,
		Diagnostic:        diagnostic,
	}
}

func (a *Analyzer) newCheck(cfg *configuration, p *registered, urn URN, reads *secretReads) *Check {
	c := &Check{}
	a.initCheck(c, cfg, p, urn, reads)
	return c
}

// initCheck prepares a check; reads is the call's record of secret reads, which every check of
// the call shares in turn.
func (a *Analyzer) initCheck(c *Check, cfg *configuration, p *registered, urn URN, reads *secretReads) {
	reads.reset()
	*c = Check{policy: p, deployment: a.deployment.Load(), settings: cfg.settings[p.index], urn: urn, reads: reads}
}

// run runs a check's function. A check that cannot decide is recorded as deferred; a check
// that panics returns the failure, which becomes a violation naming the policy.
func (c *Check) run(fn func()) (failure string) {
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		if u, ok := p.(undecidable); ok {
			c.deferred = append(c.deferred, u.describe(""))
			return
		}
		where := "the stack"
		if c.urn != "" {
			where = string(c.urn)
		}
		what := fmt.Sprint(p)
		if sc, ok := c.reads.tainted(); ok {
			what = "the failure's details are withheld because the check read secret values (" + sc.describe() + ")"
		}
		failure = fmt.Sprintf("policy %s failed while checking %s: %s; the rest of the pack kept running, "+
			"please report this", c.policy.Name, where, what)
		// The log leaves out the panic's value, which may quote an input; the diagnostic has it,
		// scrubbed of secrets.
		fmt.Fprintf(os.Stderr, "policy %s failed while checking %s\n%s\n", c.policy.Name, where, debug.Stack())
		c.violations = append(c.violations[:0], Violation{Message: failure})
		c.dropped = nil
	}()
	fn()
	return ""
}

// diagnostics turns a check's violations into the engine's diagnostics.
func (a *Analyzer) diagnostics(cfg *configuration, c *Check) []plugin.AnalyzeDiagnostic {
	if len(c.violations) == 0 {
		return nil
	}
	p := c.policy
	out := make([]plugin.AnalyzeDiagnostic, 0, len(c.violations)+len(c.dropped))
	add := func(urn URN, severity Severity, message string) {
		if urn == "" {
			urn = c.urn
		}
		if severity == "" {
			severity = p.Severity
		}
		out = append(out, plugin.AnalyzeDiagnostic{
			PolicyName:        p.Name,
			PolicyPackName:    a.pack.Name,
			PolicyPackVersion: a.pack.Version,
			Description:       p.Description,
			Message:           boundMessage(message),
			EnforcementLevel:  cfg.levels[p.index],
			URN:               urn,
			Severity:          severity,
		})
	}
	for _, v := range c.violations {
		message := v.Message
		if v.secrets.read {
			message = withheldMessage(p, cmp.Or(v.URN, c.urn), v.secrets)
		}
		add(v.URN, v.Severity, message)
	}
	for _, urn := range slices.Sorted(maps.Keys(c.dropped)) {
		d := c.dropped[urn]
		add(urn, d.severity, droppedMessage(urn, d))
	}
	return out
}

// droppedMessage summarises the findings of one policy on one resource past the cap.
func droppedMessage(urn URN, d droppedFindings) string {
	subject := cmp.Or(nameOf(urn), "the stack")
	if d.secrets.read {
		return fmt.Sprintf("%s has more findings of this policy, not shown; how many is withheld because the "+
			"check read secret values (%s)", subject, d.secrets.describe())
	}
	return fmt.Sprintf("%s has %d more findings of this policy, not shown (at most %d are listed per resource)",
		subject, d.count, maxFindingsPerResource)
}

// maxMessage bounds the bytes of one message: a check that lists what it found cannot make one
// diagnostic of unbounded size.
const maxMessage = 4 << 10

// boundMessage cuts a message longer than maxMessage, at a character boundary.
func boundMessage(msg string) string {
	if len(msg) <= maxMessage {
		return msg
	}
	cut := maxMessage
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + "… (message cut)"
}

// scrub removes every secret found in the resources and the stack's secret config from the
// response's messages, and from the not-applicable reasons from index reasonsFrom on (the ones
// checks wrote; those before are the pack's own).
func (a *Analyzer) scrub(resp *plugin.AnalyzeResponse, reasonsFrom int, resources []*Resource) {
	if len(resp.Diagnostics) == 0 && len(resp.NotApplicable) == reasonsFrom {
		return
	}
	var s scrubber
	for _, r := range resources {
		s.addResource(r)
	}
	s.addDeployment(a.deployment.Load())
	texts := make([]string, 0, len(resp.Diagnostics)+len(resp.NotApplicable)-reasonsFrom)
	publics := make([]string, 0, cap(texts))
	for _, d := range resp.Diagnostics {
		texts, publics = append(texts, d.Message), append(publics, nameOf(d.URN))
	}
	for _, na := range resp.NotApplicable[reasonsFrom:] {
		texts, publics = append(texts, na.Reason), append(publics, "")
	}
	texts = s.scrubAll(texts, publics)
	for i := range resp.Diagnostics {
		resp.Diagnostics[i].Message = texts[i]
	}
	for i := range resp.NotApplicable[reasonsFrom:] {
		resp.NotApplicable[reasonsFrom+i].Reason = texts[len(resp.Diagnostics)+i]
	}
}

// newResource is what checks see of a resource; reads records, for the check running, the
// secrets of its properties whose content it reads.
func newResource(in plugin.AnalyzerResource, reads *secretReads) *Resource {
	r := &Resource{
		reads:      reads,
		URN:        in.URN,
		Type:       string(in.Type),
		Name:       in.Name,
		Properties: in.Properties,
		Options: Options{
			Protect:                 in.Options.Protect,
			IgnoreChanges:           in.Options.IgnoreChanges,
			DeleteBeforeReplace:     in.Options.DeleteBeforeReplace != nil && *in.Options.DeleteBeforeReplace,
			AdditionalSecretOutputs: propertyKeys(in.Options.AdditionalSecretOutputs),
			Aliases:                 in.Options.AliasURNs,
		},
		Parent: in.Options.Parent,
	}
	if in.Provider != nil {
		r.Provider = &Provider{
			reads:      reads,
			URN:        in.Provider.URN,
			Type:       string(in.Provider.Type),
			Name:       in.Provider.Name,
			Properties: in.Provider.Properties,
		}
	}
	return r
}

func newStackResource(in plugin.AnalyzerStackResource, reads *secretReads) *Resource {
	r := newResource(in.AnalyzerResource, reads)
	if in.Parent != "" {
		r.Parent = in.Parent
	}
	r.Dependencies = in.Dependencies
	if len(in.PropertyDependencies) > 0 {
		r.PropertyDependencies = make(map[string][]URN, len(in.PropertyDependencies))
		for k, urns := range in.PropertyDependencies {
			r.PropertyDependencies[string(k)] = urns
		}
	}
	return r
}

func propertyKeys[K ~string](keys []K) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = string(k)
	}
	return out
}
