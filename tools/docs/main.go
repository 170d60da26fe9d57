// Command docs rewrites the rule reference in README.md from the rules' metadata.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi-securely/pulumi-securely/internal/docs"
	"github.com/pulumi-securely/pulumi-securely/policies"
)

func main() {
	readme, err := os.ReadFile("README.md")
	if err == nil {
		var out string
		if out, err = docs.Replace(string(readme), docs.Render(policies.All())); err == nil {
			err = os.WriteFile("README.md", []byte(out), 0o644)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "docs:", err)
		os.Exit(1)
	}
}
