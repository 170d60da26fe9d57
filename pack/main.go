package pack

import (
	"fmt"
	"io"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/common/encoding"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
)

// Project is what a pack takes from its PulumiPolicy.yaml: the file is the one source of the
// pack's version and description, for the engine and the plugin alike.
type Project struct {
	Version     string
	Description string
}

// ReadProject parses a PulumiPolicy.yaml, with the engine's own project type and validation.
func ReadProject(data []byte) (Project, error) {
	var proj workspace.PolicyPackProject
	if err := encoding.YAML.Unmarshal(data, &proj); err != nil {
		return Project{}, fmt.Errorf("reading PulumiPolicy.yaml: %w", err)
	}
	if err := proj.Validate(); err != nil {
		return Project{}, fmt.Errorf("PulumiPolicy.yaml: %w", err)
	}
	if proj.Version == "" {
		return Project{}, fmt.Errorf("PulumiPolicy.yaml has no version")
	}
	p := Project{Version: proj.Version}
	if proj.Description != nil {
		p.Description = *proj.Description
	}
	return p, nil
}

// Main is the whole of a pack binary's main function: with --version or --help it answers and
// exits; otherwise it serves the pack to the engine (which passes its own address, unused).
func Main(p Pack) {
	os.Exit(run(p, os.Args[1:], os.Stdout, os.Stderr))
}

func run(p Pack, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "--version", "-version", "version":
			fmt.Fprintln(stdout, p.Version)
			return 0
		case "--help", "-help", "-h", "help":
			fmt.Fprintf(stdout, "%s %s: %s\n\n"+
				"This is a Pulumi policy pack. Pulumi runs it; you do not:\n"+
				"  pulumi preview --policy-pack <this binary or its folder>\n"+
				"  pulumi policy analyze --file <stack export> --policy-pack <this binary>\n",
				p.Name, p.Version, p.Description)
			return 0
		}
	}
	if err := Serve(p, stdout); err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", p.Name, err)
		return 1
	}
	return 0
}
