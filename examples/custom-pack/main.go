// Command acme-guardrails is an example of a custom policy pack built on pulumi-securely: the
// built-in rules a team keeps, plus rules of its own (package acme). Pulumi loads it as an
// analyzer plugin (pulumi preview --policy-pack <this folder>); a person runs it to list and
// explain its rules (go run . rules, go run . explain <rule>).
package main

import (
	_ "embed"
	"fmt"
	"os"

	"example.com/acme-guardrails/acme"
	"github.com/pulumi-securely/pulumi-securely/decisionlog"
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies"
)

//go:embed PulumiPolicy.yaml
var project []byte

//go:embed README.md
var readme string

// guardrails assembles the pack: its name, its version and description from PulumiPolicy.yaml,
// the built-in rules Acme keeps and its own.
func guardrails() (pack.Pack, error) {
	return policies.NewPack("acme-guardrails").
		DisplayName("Acme guardrails").
		Project(project).
		Readme(readme).
		DocsURL("https://github.com/acme/guardrails/blob/main/docs").
		// The high and critical rules about AWS, and those about every cloud (stack tags, packages,
		// secrets in config), from pulumi-securely.
		BuiltIn(policies.Clouds("aws", pack.AnyCloud), policies.MinSeverity(pack.High)).
		// Every Kubernetes rule that follows the CIS Kubernetes Benchmark.
		BuiltIn(policies.Frameworks("CIS Kubernetes Benchmark")).
		// And the tagging rule, whatever its severity.
		BuiltIn(policies.Names("required-resource-tags")).
		// Acme deploys production from its own runners, which the rule would not recognise.
		Without("production-updates-from-pipelines").
		Add(acme.Policies()...).
		Build()
}

func main() {
	p, err := guardrails()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// The decision log, as pulumi-securely's own binary has it: on when the environment asks
	// (PULUMI_SECURELY_DECISION_LOG); a bad setting is reported and the pack runs without it.
	if p.DecisionLog, err = decisionlog.FromEnv(p.Name, p.Version, os.LookupEnv, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "%s: decision log off: %v\n", p.Name, err)
	}
	pack.Main(p)
}
