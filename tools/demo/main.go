// Command demo shows the pack at work with the real Pulumi CLI: it builds what it needs (the
// pack, and the CLI from its Go module the first time), then runs
// `pulumi policy analyze --file <stack export> --policy-pack <pack>` over a bundled insecure
// example stack and its secure twin, printing the violations a user would see.
//
//	go run ./tools/demo
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/internal/cli"
	"github.com/pulumi-securely/pulumi-securely/internal/engine"
)

// examples are the bundled stacks, in the order shown.
var examples = []struct{ file, title string }{
	{"examples/stacks/insecure.json", "an insecure stack"},
	{"examples/stacks/secure.json", "its secure twin"},
}

func main() {
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	root, err := cli.WorkingRoot()
	if err != nil {
		return err
	}
	pulumi, err := cli.Ensure(ctx, root, os.Stderr)
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stderr, "building the policy pack")
	bin, err := engine.Build(ctx, root, filepath.Join(root, ".cache", "bin"), "pulumi-securely")
	if err != nil {
		return err
	}
	home := filepath.Join(root, ".cache", "pulumi-home")
	for _, ex := range examples {
		fmt.Printf("\n$ pulumi policy analyze --file %s --policy-pack %s   # %s\n", ex.file,
			relative(root, bin), ex.title)
		cmd := exec.CommandContext(ctx, pulumi, "policy", "analyze", "--file", filepath.Join(root, ex.file),
			"--policy-pack", bin)
		cmd.Env = append(os.Environ(), "PULUMI_HOME="+home, "PULUMI_SKIP_UPDATE_CHECK=true")
		out, err := cmd.CombinedOutput()
		fmt.Print(policiesSection(string(out)))
		var exit *exec.ExitError
		switch {
		case errors.As(err, &exit):
			fmt.Printf("exit code %d: mandatory violations stop the preview or update\n", exit.ExitCode())
		case err != nil:
			return err
		default:
			fmt.Println("exit code 0: nothing blocks this stack")
		}
	}
	return nil
}

// policiesSection keeps the part of the CLI's output a user reads for policies, shortened:
// mandatory violations with their messages, advisory ones on one line each.
func policiesSection(out string) string {
	_, section, found := strings.Cut(out, "Policies:")
	if !found {
		return out
	}
	var b bytes.Buffer
	b.WriteString("Policies:")
	advisory := false
	for _, line := range strings.SplitAfter(section, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "Resources:") || strings.HasPrefix(line, "Duration:"):
			return strings.TrimRight(b.String(), "\n") + "\n"
		case strings.HasPrefix(trimmed, "- ["):
			advisory = !strings.HasPrefix(trimmed, "- [mandatory]")
		case advisory && trimmed != "" && !strings.HasPrefix(trimmed, "error:"):
			continue // an advisory violation's message: the full output has it
		}
		b.WriteString(line)
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

func relative(root, path string) string {
	if rel, err := filepath.Rel(root, path); err == nil {
		return "./" + rel
	}
	return path
}
