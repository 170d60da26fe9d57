package pack

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

// PolicyConfig is what a config file (or a policy group) sets for one policy.
type PolicyConfig = plugin.AnalyzerPolicyConfig

// allPolicies is the config key that sets every policy's enforcement level at once; the engine
// has applied it before Configure, and passes it along.
const allPolicies = "all"

// configuration is one resolved config of the pack: each policy's enforcement level and
// decoded settings, and the dispatch plans built from them, per resource type.
type configuration struct {
	levels   []EnforcementLevel
	settings []any
	plans    sync.Map
}

// configure resolves the config the engine sends (nil before any Configure): per-policy config
// over the policy's default over the pack's default, settings over schema defaults.
func (a *Analyzer) configure(config map[string]PolicyConfig) (*configuration, error) {
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(config)) {
		if name != allPolicies && a.byName[name] == nil {
			errs = append(errs, fmt.Errorf("%q is not a policy of %s%s", name, a.pack.Name, a.suggest(name)))
		}
	}
	cfg := &configuration{
		levels:   make([]EnforcementLevel, len(a.policies)),
		settings: make([]any, len(a.policies)),
	}
	for _, p := range a.policies {
		given := config[p.Name]
		cfg.levels[p.index] = p.DefaultEnforcementLevel(a.pack.EnforcementLevel)
		if given.EnforcementLevel != "" {
			cfg.levels[p.index] = given.EnforcementLevel
		}
		// "all": "remediate" reaches every policy; only a policy's own remediate is a mistake.
		if given.EnforcementLevel == Remediate && p.Remediate == nil && config[allPolicies].EnforcementLevel != Remediate {
			errs = append(errs, fmt.Errorf("%s: enforcement level \"remediate\" needs a policy that fixes what it "+
				"finds, and this one only reports: choose %s", p.Name, p.levelChoices()))
		}
		settings, err := p.decodeSettings(given.Properties)
		if err != nil && (cfg.levels[p.index] != Disabled || !errors.Is(err, ErrTurnsRuleOff)) {
			errs = append(errs, fmt.Errorf("%s: %w", p.Name, err))
		}
		cfg.settings[p.index] = settings
	}
	return cfg, errors.Join(errs...)
}

// decodeSettings merges the given properties over the schema's defaults and decodes them into
// the policy's settings value, then prepares it.
func (p *registered) decodeSettings(given map[string]any) (any, error) {
	props := p.Config.defaults()
	for _, k := range slices.Sorted(maps.Keys(given)) {
		if _, ok := p.Config.Properties[k]; !ok {
			return nil, fmt.Errorf("unknown setting %q (settings: %s)%s", k, p.settingNames(),
				Suggest(k, append(slices.Collect(maps.Keys(p.Config.Properties)), "enforcementLevel")))
		}
		props[k] = given[k]
	}
	if err := check(p.schema, props); err != nil {
		return nil, err
	}
	if p.Settings == nil {
		return nil, nil
	}
	settings := p.Settings()
	raw, err := json.Marshal(props)
	if err != nil {
		return nil, fmt.Errorf("encoding settings: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(settings); err != nil {
		return nil, fmt.Errorf("decoding settings: %w", err)
	}
	if prep, ok := settings.(interface{ Prepare() error }); ok {
		if err := prep.Prepare(); err != nil {
			return nil, err
		}
	}
	return settings, nil
}

func (p *registered) settingNames() string {
	if len(p.Config.Properties) == 0 {
		return "none"
	}
	return strings.Join(slices.Sorted(maps.Keys(p.Config.Properties)), ", ")
}

// levelChoices lists the enforcement levels a policy takes, for errors.
func (p *registered) levelChoices() string {
	if p.Remediate != nil {
		return "advisory, mandatory, remediate or disabled"
	}
	return "advisory, mandatory or disabled"
}

// suggest proposes the policy a mistyped name most likely meant.
func (a *Analyzer) suggest(name string) string {
	names := make([]string, len(a.policies))
	for i, p := range a.policies {
		names[i] = p.Name
	}
	return Suggest(name, names)
}

// Suggest proposes the candidate a mistyped name most likely meant, as " (did you mean "x"?)" to
// append to an error, or "" when none is close: the candidate fewest edits away (Levenshtein
// distance, case counts), the first in sorted order among equals, if it is fewer than
// len(name)/3+1 edits away. It does not change candidates.
func Suggest(name string, candidates []string) string {
	best, bestDistance := "", len(name)/3+1
	for _, c := range slices.Sorted(slices.Values(candidates)) {
		if d := editDistance(name, c); d < bestDistance {
			best, bestDistance = c, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

// editDistance is the Levenshtein distance between two strings.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
