// Package policies assembles pulumi-securely: its own cloud-neutral rules (one file per domain),
// the rules of each cloud (packages aws, azure, gcp, kubernetes and pulumicloud below it), and the
// pack that serves them. Rules see resources and stacks through package pack, never the protocol;
// the helpers they share live in small packages beside the clouds (frameworks, iampolicy, joins,
// known, kubeversion, network, secrets, tags).
package policies

import (
	"slices"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/aws"
	"github.com/pulumi-securely/pulumi-securely/policies/azure"
	"github.com/pulumi-securely/pulumi-securely/policies/gcp"
	"github.com/pulumi-securely/pulumi-securely/policies/kubernetes"
	"github.com/pulumi-securely/pulumi-securely/policies/pulumicloud"
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

// rules are the pack's own rules about stacks, packages, secrets and production; each domain file
// registers its own in an init function, so a new rule touches only its file and its test.
var rules pack.Registry

func register(p ...pack.Policy) { rules.Add(p...) }

// Seed returns the rules that apply whatever the cloud: required stack and resource tags, approved
// packages, no plaintext secrets in config or inputs, production guardrails; sorted by name.
func Seed() []pack.Policy { return rules.Policies() }

// All returns every rule of the pack, sorted by name: the seed rules and those of each cloud.
func All() []pack.Policy {
	return pack.SortedByName(slices.Concat(Seed(), aws.Policies(), azure.Policies(), gcp.Policies(),
		kubernetes.Policies(), pulumicloud.Policies()))
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
