// Command docs rewrites what is generated from the rules' metadata: the rule reference in
// README.md and the reference config file examples/config/reference.json.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi-securely/pulumi-securely/internal/docs"
	"github.com/pulumi-securely/pulumi-securely/policies"
)

// referenceConfig is where the reference config file lives.
const referenceConfig = "examples/config/reference.json"

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "docs:", err)
		os.Exit(1)
	}
}

func run() error {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		return err
	}
	out, err := docs.Replace(string(readme), docs.Render(policies.All()))
	if err != nil {
		return err
	}
	if err := os.WriteFile("README.md", []byte(out), 0o644); err != nil {
		return err
	}
	config, err := docs.ReferenceConfig(policies.All())
	if err != nil {
		return err
	}
	return os.WriteFile(referenceConfig, config, 0o644)
}
