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
	var out []string
	for _, t := range pol.Types {
		if c := p.cloudOf(t); c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		known := p.knownClouds()
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

// Kind is "stack" for a policy that judges the whole stack, "resource" for one that judges each
// resource.
func (p *Policy) Kind() string {
	if p.Stack != nil {
		return "stack"
	}
	return "resource"
}

// String cites a framework control: "AWS Foundational Security Best Practices S3.8".
func (f *Framework) String() string {
	if f == nil {
		return ""
	}
	return strings.TrimSpace(f.Name + " " + f.Reference)
}

// ConfigExample is a policy pack config file (the format of `--policy-pack-config`) that sets the
// policy to its default enforcement level in a pack whose own default is packDefault, with each
// of its settings at its default.
func (p *Policy) ConfigExample(packDefault EnforcementLevel) (string, error) {
	entry := map[string]any{"enforcementLevel": p.DefaultEnforcementLevel(packDefault)}
	for k, v := range p.Config.defaults() {
		entry[k] = v
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string]any{p.Name: entry}); err != nil {
		return "", fmt.Errorf("policy %q: settings defaults: %w", p.Name, err)
	}
	return b.String(), nil
}
