// Command pulumi-securely is a Pulumi policy pack: Pulumi loads it as an analyzer plugin on every
// preview and update, and a person runs it to list and explain its rules (see pack.Main) and to
// turn the engine's policy events into CI reports (see report.Main).
package main

import (
	_ "embed"
	"fmt"
	"io"
	"os"

	"github.com/pulumi-securely/pulumi-securely/audit"
	"github.com/pulumi-securely/pulumi-securely/decisionlog"
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies"
	"github.com/pulumi-securely/pulumi-securely/report"
)

//go:embed PulumiPolicy.yaml
var project []byte

//go:embed README.md
var readme string

// version is the release version, stamped by release builds (.goreleaser.yaml passes
// -ldflags "-X main.version=<version>"); other builds report PulumiPolicy.yaml's version.
var version string

func main() {
	p, err := policies.Pack(project, readme)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if version != "" {
		p.Version = version
	}
	// The decision log is on when the environment asks (docs/decision-log.md); a bad setting is
	// reported and the pack runs without it rather than fail the deployment.
	if p.DecisionLog, err = decisionlog.FromEnv(p.Name, p.Version, os.LookupEnv, os.Stderr); err != nil {
		fmt.Fprintf(os.Stderr, "%s: decision log off: %v\n", p.Name, err)
	}
	pack.Main(p,
		pack.Command{Name: "report", Summary: report.Summary,
			Run: func(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
				return report.Main(p, args, stdin, stdout, stderr)
			}},
		pack.Command{Name: "audit", Summary: "judge every stack of a folder of exports and report (pulumi-securely-audit also reads DIY backends and Pulumi Cloud)",
			Run: func(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
				return audit.Main(p, args, stdin, stdout, stderr)
			}})
}
