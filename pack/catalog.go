package pack

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// This file describes policies for people browsing a pack's catalog (its command line and its
// generated documentation), from the policies' own metadata.

// enginePackage is the package of the engine's own type tokens (pulumi:pulumi:Stack,
// pulumi:providers:aws): a policy that judges them is about every cloud, not one.
const enginePackage = "pulumi"

// PolicyURL is where a policy's documentation lives: its own URL, or else its page under the
// pack's DocsURL (DocsURL + "/" + name + ".md"), or else nothing.
func (p *Pack) PolicyURL(pol *Policy) string {
	if pol.URL != "" || p.DocsURL == "" {
		return pol.URL
	}
	return strings.TrimSuffix(p.DocsURL, "/") + "/" + pol.Name + ".md"
}

// Clouds names what a policy is about, for filtering and grouping: the packages of its type
// tokens ("aws" of "aws:s3/bucket:Bucket"), each renamed by the pack's CloudLabels, sorted. A
// policy with no type tokens of a cloud (one that sees every resource, or only the stack) is
// about the clouds named among its tags; none means every cloud.
func (p *Pack) Clouds(pol *Policy) []string {
	return p.clouds(pol, p.knownClouds())
}

// clouds is Clouds with the pack's known clouds at hand.
func (p *Pack) clouds(pol *Policy, known map[string]bool) []string {
	var out []string
	for _, t := range pol.Types {
		if c := p.cloudOf(t); c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		for _, tag := range pol.Tags {
			if known[tag] && !slices.Contains(out, tag) {
				out = append(out, tag)
			}
		}
	}
	slices.Sort(out)
	return out
}

// cloudOf is the cloud of a type token, "" for the engine's own types.
func (p *Pack) cloudOf(typ string) string {
	pkg, _, _ := strings.Cut(strings.TrimSuffix(typ, "*"), ":")
	if pkg == "" || pkg == enginePackage {
		return ""
	}
	if label, ok := p.CloudLabels[pkg]; ok {
		return label
	}
	return pkg
}

// knownClouds is every cloud some policy's type tokens name.
func (p *Pack) knownClouds() map[string]bool {
	known := map[string]bool{}
	for _, pol := range p.Policies {
		for _, t := range pol.Types {
			if c := p.cloudOf(t); c != "" {
				known[c] = true
			}
		}
	}
	return known
}

// DefaultEnforcementLevel is the level a policy of the pack runs at when nothing configures it.
func (p *Pack) DefaultEnforcementLevel(pol *Policy) EnforcementLevel {
	return pol.DefaultEnforcementLevel(p.defaultLevel())
}

// defaultLevel is the level of a policy whose default follows neither from its own level nor
// from its severity.
func (p *Pack) defaultLevel() EnforcementLevel {
	if p.EnforcementLevel == "" {
		return Advisory
	}
	return p.EnforcementLevel
}

// Kind is "stack" for a policy that judges the whole stack, "resource" for one that judges each
// resource.
func (p *Policy) Kind() string {
	if p.Stack != nil {
		return "stack"
	}
	return "resource"
}

// KindDescription says, for people, when the engine runs the policy and whether it remediates.
func (p *Policy) KindDescription() string {
	k := "resource policy: judges each resource's inputs before it is created or changed"
	switch {
	case p.Resource != nil && p.Stack != nil:
		k += ", and the whole stack after all resources were processed where its settings ask for it"
	case p.Stack != nil:
		k = "stack policy: judges the whole stack after all resources were processed"
	}
	if p.Remediate != nil {
		k += "; can fix a violation itself at the remediate level"
	}
	return k
}

// String cites a framework control: "AWS Foundational Security Best Practices S3.8".
func (f *Framework) String() string {
	if f == nil {
		return ""
	}
	return strings.TrimSpace(f.Name + " " + f.Reference)
}

// ConfigExample is a policy pack config file (the format of `--policy-pack-config`) that sets a
// policy to its default enforcement level, with each of its settings at its default.
func (p *Pack) ConfigExample(pol *Policy) (string, error) {
	entry := map[string]any{"enforcementLevel": p.DefaultEnforcementLevel(pol)}
	for k, v := range pol.Config.defaults() {
		entry[k] = v
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string]any{pol.Name: entry}); err != nil {
		return "", fmt.Errorf("policy %q: settings defaults: %w", pol.Name, err)
	}
	return b.String(), nil
}
