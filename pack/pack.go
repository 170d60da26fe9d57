package pack

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/blang/semver"
	"github.com/xeipuuv/gojsonschema"
)

// Pack is a policy pack: its metadata and its policies.
type Pack struct {
	Name        string
	DisplayName string
	// Version is the pack's semantic version; PulumiPolicy.yaml is its source of truth.
	Version     string
	Description string
	// Readme is the Markdown shown for the pack in Pulumi Cloud.
	Readme     string
	Provider   string
	Tags       []string
	Repository string
	// DocsURL is the folder of the policies' documentation, one Markdown page per policy: a
	// policy without its own URL links to DocsURL + "/" + its name + ".md" (see PolicyURL).
	DocsURL string
	// CloudLabels renames the packages of type tokens for people browsing the catalog, e.g.
	// "azure-native" to "azure" (see Clouds); a package not listed is named as it is.
	CloudLabels map[string]string
	// EnforcementLevel is the level of a policy whose default follows neither from its own
	// EnforcementLevel nor from its severity. Zero means advisory.
	EnforcementLevel EnforcementLevel
	Policies         []Policy
	// DecisionLog, when set, receives every decision of the pack's policies (see DecisionLog).
	DecisionLog DecisionLog
}

// registered is a policy as the analyzer runs it: its definition, its place in the pack and
// the type tokens it applies to, parsed once.
type registered struct {
	*Policy
	schema   *gojsonschema.Schema
	index    int
	url      string
	exact    map[string]bool
	prefixes []string
	// supersededBy lists the policies whose findings replace this one's (see Policy.Supersedes).
	supersededBy []*registered
}

// appliesTo reports whether the policy applies to resources of the given type token.
func (p *registered) appliesTo(typ string) bool {
	if len(p.Types) == 0 || p.exact[typ] {
		return true
	}
	for _, prefix := range p.prefixes {
		if strings.HasPrefix(typ, prefix) {
			return true
		}
	}
	return false
}

// Analyzer runs a pack's policies; it implements the engine's plugin.Analyzer interface, and
// Serve puts it behind the protocol.
type Analyzer struct {
	pack     Pack
	version  semver.Version
	policies []*registered
	byName   map[string]*registered

	config     atomic.Pointer[configuration]
	deployment atomic.Pointer[Deployment]
	// reported remembers which policy reported which resource from its inputs, so that judging the
	// deployed state adds only what the inputs did not show.
	reported reportedFindings
	// canceled is set by Cancel: calls in flight stop at their next policy, later ones at once.
	canceled atomic.Bool
}

// newAnalyzer checks a pack's definition and prepares it to serve.
func newAnalyzer(p Pack) (*Analyzer, error) {
	var errs []error
	if !policyNamePattern.MatchString(p.Name) {
		errs = append(errs, fmt.Errorf("pack name %q is not kebab-case", p.Name))
	}
	version, err := semver.ParseTolerant(p.Version)
	if err != nil {
		errs = append(errs, fmt.Errorf("pack version %q: %w", p.Version, err))
	}
	if p.EnforcementLevel == "" {
		p.EnforcementLevel = Advisory
	}
	a := &Analyzer{pack: p, version: version, byName: make(map[string]*registered, len(p.Policies))}
	for i := range p.Policies {
		pol := &p.Policies[i]
		if err := pol.validate(); err != nil {
			errs = append(errs, err)
			continue
		}
		if a.byName[pol.Name] != nil {
			errs = append(errs, fmt.Errorf("policy %q is defined twice", pol.Name))
			continue
		}
		schema, err := pol.Config.compile()
		if err != nil {
			errs = append(errs, fmt.Errorf("policy %q: settings schema: %w", pol.Name, err))
			continue
		}
		r := &registered{Policy: pol, schema: schema, index: len(a.policies), url: p.PolicyURL(pol), exact: map[string]bool{}}
		for _, t := range pol.Types {
			if prefix, ok := strings.CutSuffix(t, "*"); ok {
				r.prefixes = append(r.prefixes, prefix)
			} else {
				r.exact[t] = true
			}
		}
		a.policies = append(a.policies, r)
		a.byName[pol.Name] = r
	}
	if len(errs) == 0 {
		errs = append(errs, a.linkSupersedes()...)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	cfg, err := a.configure(nil)
	if err != nil {
		return nil, fmt.Errorf("default config: %w", err)
	}
	a.config.Store(cfg)
	a.deployment.Store(&Deployment{})
	return a, nil
}
