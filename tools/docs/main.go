// Command docs rewrites what is generated from the rules' metadata: the rule reference in
// docs/rules (a page per rule and an index; pages of rules that no longer exist are removed) and
// the config files examples/config/reference.json and examples/config/adopting.json. Run it from
// the repository's root.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi-securely/pulumi-securely/internal/docs"
	"github.com/pulumi-securely/pulumi-securely/policies"
)

// Where the generated config files live.
const (
	referenceConfig = "examples/config/reference.json"
	adoptingConfig  = "examples/config/adopting.json"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "docs:", err)
		os.Exit(1)
	}
}

func run() error {
	project, err := os.ReadFile("PulumiPolicy.yaml")
	if err != nil {
		return err
	}
	p, err := policies.Pack(project, "")
	if err != nil {
		return err
	}
	pages, err := p.WriteReference(docs.Dir, "go run ./tools/docs")
	if err != nil {
		return err
	}
	config, err := p.ReferenceConfig()
	if err != nil {
		return err
	}
	if err := os.WriteFile(referenceConfig, config, 0o644); err != nil {
		return err
	}
	adopting, err := p.AdoptingConfig()
	if err != nil {
		return err
	}
	fmt.Printf("docs: %d pages in %s, %s, %s\n", pages, docs.Dir, referenceConfig, adoptingConfig)
	return os.WriteFile(adoptingConfig, adopting, 0o644)
}
