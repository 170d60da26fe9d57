// Command pulumi-securely is a Pulumi policy pack: Pulumi loads it as an analyzer plugin on every
// preview and update, and a person runs it to list and explain its rules (see pack.Main).
package main

import (
	_ "embed"
	"fmt"
	"os"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies"
)

//go:embed PulumiPolicy.yaml
var project []byte

//go:embed README.md
var readme string

func main() {
	p, err := policies.Pack(project, readme)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	pack.Main(p)
}
