package policies

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// Builder assembles a policy pack of a team's own: its name, version and documentation, the
// built-in rules it keeps (all of them, or those that filters select) and its own rules. Every
// mistake (an unknown rule, cloud or framework, a filter that selects nothing, two rules of one
// name) is an error of Build, never a rule silently left out:
//
//	p, err := policies.NewPack("acme-guardrails").
//		Project(pulumiPolicyYAML).
//		DocsURL("https://wiki.acme.example/guardrails").
//		BuiltIn(policies.Clouds("aws", "any"), policies.MinSeverity(pack.High)).
//		BuiltIn(policies.Names("kubernetes-pod-no-privileged")).
//		Without("aws-s3-bucket-versioning").
//		Add(acme.Policies()...).
//		Build()
type Builder struct {
	pack       pack.Pack
	selections [][]Filter
	without    []string
	own        []pack.Policy
	errs       []error
}

// NewPack starts a custom pack of the given name (kebab-case, as the CLI and Pulumi Cloud show
// it). Its version comes from Project or Version.
func NewPack(name string) *Builder {
	return &Builder{pack: pack.Pack{Name: name, DisplayName: name, Provider: "multi-cloud"}}
}

// Project takes the pack's version and description from its PulumiPolicy.yaml, their source of
// truth (embed it with //go:embed).
func (b *Builder) Project(pulumiPolicyYAML []byte) *Builder {
	proj, err := pack.ReadProject(pulumiPolicyYAML)
	if err != nil {
		b.errs = append(b.errs, err)
		return b
	}
	b.pack.Version, b.pack.Description = proj.Version, proj.Description
	return b
}

// Version sets the pack's semantic version (instead of Project's).
func (b *Builder) Version(version string) *Builder {
	b.pack.Version = version
	return b
}

// DisplayName sets the name people read in Pulumi Cloud; by default the pack's name.
func (b *Builder) DisplayName(name string) *Builder {
	b.pack.DisplayName = name
	return b
}

// Readme sets the Markdown Pulumi Cloud shows for the pack.
func (b *Builder) Readme(markdown string) *Builder {
	b.pack.Readme = markdown
	return b
}

// Repository sets where the pack's source lives.
func (b *Builder) Repository(url string) *Builder {
	b.pack.Repository = url
	return b
}

// DocsURL sets the folder of the team's own rules' documentation: a rule of the team's without
// its own URL links to DocsURL + "/" + its name + ".md". Built-in rules keep linking to
// pulumi-securely's rule reference.
func (b *Builder) DocsURL(url string) *Builder {
	b.pack.DocsURL = url
	return b
}

// BuiltIn adds the built-in rules that pass every filter; with no filter, all of them. Each call
// adds to the rules of the calls before it.
func (b *Builder) BuiltIn(filters ...Filter) *Builder {
	b.selections = append(b.selections, filters)
	return b
}

// Without leaves out the named built-in rules, whichever selection added them.
func (b *Builder) Without(names ...string) *Builder {
	b.without = append(b.without, names...)
	return b
}

// Add adds the team's own rules.
func (b *Builder) Add(policies ...pack.Policy) *Builder {
	b.own = append(b.own, policies...)
	return b
}

// Build returns the pack, checked as the engine will serve it (names, versions, settings schemas,
// Supersedes), or every mistake found.
func (b *Builder) Build() (pack.Pack, error) {
	errs := slices.Clone(b.errs)
	if b.pack.Version == "" {
		errs = append(errs, errors.New("the pack has no version: call Project with its PulumiPolicy.yaml, or Version"))
	}
	catalog := Bare("0.0.0")
	known := make([]string, len(catalog.Policies))
	for i, p := range catalog.Policies {
		known[i] = p.Name
	}
	chosen := map[string]bool{}
	for i, filters := range b.selections {
		matched := 0
		for _, p := range catalog.Policies {
			if passes(&catalog, p, filters) {
				chosen[p.Name] = true
				matched++
			}
		}
		for _, f := range filters {
			if f.check != nil {
				if err := f.check(&catalog); err != nil {
					errs = append(errs, fmt.Errorf("BuiltIn selection %d, %s: %w", i+1, f.name, err))
				}
			}
		}
		if matched == 0 {
			errs = append(errs, fmt.Errorf("BuiltIn selection %d (%s) selects no rule", i+1, describe(filters)))
		}
	}
	for _, name := range b.without {
		if !slices.Contains(known, name) {
			errs = append(errs, fmt.Errorf("Without: %q is not a built-in rule%s", name, pack.Suggest(name, known)))
		}
		delete(chosen, name)
	}
	p := b.pack
	p.CloudLabels = catalog.CloudLabels
	p.Policies = nil
	for _, pol := range catalog.Policies {
		if chosen[pol.Name] {
			pol.URL = catalog.PolicyURL(&pol)
			// A rule that is left out has no findings to replace.
			pol.Supersedes = slices.DeleteFunc(slices.Clone(pol.Supersedes), func(name string) bool { return !chosen[name] })
			p.Policies = append(p.Policies, pol)
		}
	}
	p.Policies = pack.SortedByName(append(p.Policies, b.own...))
	if len(p.Policies) == 0 {
		errs = append(errs, errors.New("the pack has no rule: select built-in rules with BuiltIn, or Add your own"))
	}
	if err := errors.Join(errs...); err != nil {
		return pack.Pack{}, fmt.Errorf("policy pack %q: %w", b.pack.Name, err)
	}
	if _, err := pack.NewAnalyzer(p); err != nil {
		return pack.Pack{}, fmt.Errorf("policy pack %q: %w", b.pack.Name, err)
	}
	return p, nil
}

// A Filter selects built-in rules (see Builder.BuiltIn).
type Filter struct {
	name  string
	match func(catalog *pack.Pack, p pack.Policy) bool
	// check reports what the filter names that the catalog does not have.
	check func(catalog *pack.Pack) error
}

func passes(catalog *pack.Pack, p pack.Policy, filters []Filter) bool {
	for _, f := range filters {
		if !f.match(catalog, p) {
			return false
		}
	}
	return true
}

func describe(filters []Filter) string {
	if len(filters) == 0 {
		return "all"
	}
	names := make([]string, len(filters))
	for i, f := range filters {
		names[i] = f.name
	}
	return strings.Join(names, ", ")
}

// Clouds selects the rules about any of the clouds, as the CLOUD column of `pulumi-securely rules`
// names them (aws, azure, gcp, kubernetes, pulumi-cloud, or pack.AnyCloud, "any", for the rules
// about every cloud); `rules -cloud` previews the selection. A rule about several clouds
// (required-resource-tags) passes for each of them.
func Clouds(clouds ...string) Filter {
	return selection("Clouds", "cloud", clouds,
		func(values ...string) pack.Selection { return pack.Selection{Clouds: values} },
		func(catalog *pack.Pack, p *pack.Policy) []string {
			if clouds := catalog.Clouds(p); len(clouds) > 0 {
				return clouds
			}
			return []string{pack.AnyCloud}
		})
}

// MinSeverity selects the rules of the given severity or a higher one.
func MinSeverity(severity pack.Severity) Filter {
	return Filter{
		name: "MinSeverity(" + string(severity) + ")",
		match: func(_ *pack.Pack, p pack.Policy) bool {
			return pack.SeverityRank(p.Severity) >= pack.SeverityRank(severity)
		},
		check: func(*pack.Pack) error {
			if pack.SeverityRank(severity) == 0 {
				return fmt.Errorf("%q is not low, medium, high or critical", severity)
			}
			return nil
		},
	}
}

// Frameworks selects the rules whose framework citation (the framework's name and the control,
// e.g. "AWS Foundational Security Best Practices S3.8") contains one of the texts, ignoring case:
// "CIS" selects every CIS benchmark, "CIS Kubernetes Benchmark" one of them, "S3.8" one control.
// `pulumi-securely rules -framework` previews the selection.
func Frameworks(texts ...string) Filter {
	return selection("Frameworks", "framework", texts,
		func(values ...string) pack.Selection { return pack.Selection{Frameworks: values} },
		func(_ *pack.Pack, p *pack.Policy) []string {
			if p.Framework == nil {
				return nil
			}
			return []string{p.Framework.Name}
		})
}

// Tagged selects the rules that carry one of the tags, ignoring case, as `pulumi-securely explain`
// shows them (e.g. "encryption", "public-access", "cis:2.1.1"); `rules -tag` previews the selection.
func Tagged(tags ...string) Filter {
	return selection("Tagged", "tag", tags,
		func(values ...string) pack.Selection { return pack.Selection{Tags: values} },
		func(_ *pack.Pack, p *pack.Policy) []string { return p.Tags })
}

// selection is a filter that picks rules as the rules command does (pack.Selection, built by sel
// from the values). Build refuses a value no rule passes, naming the closest of what rules have
// (of).
func selection(name, what string, values []string, sel func(values ...string) pack.Selection,
	of func(catalog *pack.Pack, p *pack.Policy) []string,
) Filter {
	return Filter{
		name:  name + "(" + strings.Join(values, ", ") + ")",
		match: func(catalog *pack.Pack, p pack.Policy) bool { return catalog.Selects(sel(values...), &p) },
		check: func(catalog *pack.Pack) error {
			var known []string
			for _, p := range catalog.Policies {
				known = append(known, of(catalog, &p)...)
			}
			return unknown(what, values, known, func(_ []string, value string) bool {
				return slices.ContainsFunc(catalog.Policies, func(p pack.Policy) bool {
					return catalog.Selects(sel(value), &p)
				})
			})
		},
	}
}

// Names selects the named rules.
func Names(names ...string) Filter {
	return Filter{
		name:  "Names(" + strings.Join(names, ", ") + ")",
		match: func(_ *pack.Pack, p pack.Policy) bool { return slices.Contains(names, p.Name) },
		check: func(catalog *pack.Pack) error {
			known := make([]string, len(catalog.Policies))
			for i, p := range catalog.Policies {
				known[i] = p.Name
			}
			return unknown("built-in rule", names, known, slices.Contains)
		},
	}
}

// unknown reports the values that known does not have (as has decides), each with the known
// value it most likely meant.
func unknown(what string, values, known []string, has func(known []string, value string) bool) error {
	slices.Sort(known)
	known = slices.Compact(known)
	var errs []error
	for _, v := range values {
		if !has(known, v) {
			errs = append(errs, fmt.Errorf("%q is not a %s of pulumi-securely%s", v, what, pack.Suggest(v, known)))
		}
	}
	return errors.Join(errs...)
}
