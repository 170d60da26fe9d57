// Package policies holds the rules of pulumi-securely, one file per domain, and the pack that
// serves them. Rules see resources and stacks through package pack, never the protocol.
package policies

import (
	"cmp"
	"slices"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// Name is the policy pack's name, as users see it in the CLI and in Pulumi Cloud.
const Name = "pulumi-securely"

// Repository is where the pack's source and documentation live.
const Repository = "https://github.com/pulumi-securely/pulumi-securely"

// DocsURL is the rule reference, generated into docs/rules by `go run ./tools/docs`: each rule's
// URL is DocsURL + "/" + its name + ".md".
const DocsURL = Repository + "/blob/main/docs/rules"

// cloudLabels names the clouds of the type-token packages whose names differ from the cloud's.
var cloudLabels = map[string]string{
	"azure-native":  "azure",
	"pulumiservice": "pulumi-cloud",
}

// registry holds every rule; each domain file registers its own in an init function, so a new
// rule touches only its file and its test.
var registry []pack.Policy

func register(p ...pack.Policy) { registry = append(registry, p...) }

// All returns every rule of the pack, sorted by name.
func All() []pack.Policy {
	out := slices.Clone(registry)
	slices.SortFunc(out, func(a, b pack.Policy) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// Pack assembles the policy pack from its PulumiPolicy.yaml (version and description) and its
// README (shown in Pulumi Cloud).
func Pack(project []byte, readme string) (pack.Pack, error) {
	proj, err := pack.ReadProject(project)
	if err != nil {
		return pack.Pack{}, err
	}
	p := Bare(proj.Version)
	p.Description = proj.Description
	p.Readme = readme
	return p, nil
}

// Bare assembles the policy pack of the given version without its PulumiPolicy.yaml and README,
// which only the pack's own (root) package can embed: for other binaries, such as
// pulumi-securely-audit, that judge with the pack but never serve it to the engine.
func Bare(version string) pack.Pack {
	return pack.Pack{
		Name:        Name,
		DisplayName: "Pulumi Securely",
		Version:     version,
		Provider:    "multi-cloud",
		Tags:        []string{"security", "secrets", "tagging", "aws", "azure", "gcp", "kubernetes", "pulumi-cloud"},
		Repository:  Repository,
		DocsURL:     DocsURL,
		CloudLabels: cloudLabels,
		Policies:    All(),
	}
}
