// Command docs rewrites what is generated from the rules' metadata: the rule reference in
// docs/rules (a page per rule and an index; pages of rules that no longer exist are removed) and
// the config files examples/config/reference.json and examples/config/adopting.json. Run it from
// the repository's root.
package main

import (
	"fmt"
	"os"
	"path/filepath"

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
	pages, err := docs.Pages(p)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(docs.Dir, 0o755); err != nil {
		return err
	}
	existing, err := filepath.Glob(filepath.Join(docs.Dir, "*.md"))
	if err != nil {
		return err
	}
	for _, path := range existing {
		if _, ok := pages[filepath.Base(path)]; !ok {
			if err := os.Remove(path); err != nil {
				return err
			}
		}
	}
	for name, page := range pages {
		if err := os.WriteFile(filepath.Join(docs.Dir, name), page, 0o644); err != nil {
			return err
		}
	}
	config, err := docs.ReferenceConfig(policies.All())
	if err != nil {
		return err
	}
	if err := os.WriteFile(referenceConfig, config, 0o644); err != nil {
		return err
	}
	adopting, err := docs.AdoptingConfig(policies.All())
	if err != nil {
		return err
	}
	fmt.Printf("docs: %d pages in %s, %s, %s\n", len(pages), docs.Dir, referenceConfig, adoptingConfig)
	return os.WriteFile(adoptingConfig, adopting, 0o644)
}
