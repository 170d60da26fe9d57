// Package cli finds or builds the Pulumi CLI that the end-to-end tests, the demo and the
// benchmark drive: the real `pulumi`, built from its Go module (tools/pulumicli) when no recent
// enough one is at hand.
package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/blang/semver"
)

// Version is the Pulumi CLI version the project pins and builds.
const Version = "3.274.1"

// EnvVar names a Pulumi CLI to use instead of looking for one.
const EnvVar = "PULUMI_SECURELY_CLI"

// Ensure returns the path of a Pulumi CLI: $PULUMI_SECURELY_CLI if set; else the one built in
// <root>/.cache/bin; else a pulumi on PATH at version Version or later; else it builds one into
// <root>/.cache/bin from <root>/tools/pulumicli, writing progress to progress (the first build takes
// minutes; later ones reuse Go's build cache).
func Ensure(ctx context.Context, root string, progress io.Writer) (string, error) {
	if p := os.Getenv(EnvVar); p != "" {
		return p, nil
	}
	built := filepath.Join(root, ".cache", "bin", "pulumi")
	if _, err := os.Stat(built); err == nil {
		return built, nil
	}
	if p, err := exec.LookPath("pulumi"); err == nil && recentEnough(ctx, p) {
		return p, nil
	}
	return built, build(ctx, root, built, progress)
}

// recentEnough reports whether the CLI at path is at least Version.
func recentEnough(ctx context.Context, path string) bool {
	out, err := exec.CommandContext(ctx, path, "version").Output()
	if err != nil {
		return false
	}
	v, err := semver.ParseTolerant(strings.TrimSpace(string(out)))
	return err == nil && v.GTE(semver.MustParse(Version))
}

func build(ctx context.Context, root, out string, progress io.Writer) error {
	fmt.Fprintf(progress, "building the Pulumi CLI v%s from its Go module into %s (the first build takes several minutes)\n",
		Version, out)
	start := time.Now()
	cmd := exec.CommandContext(ctx, "go", "build",
		"-ldflags", "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v"+Version,
		"-o", out, "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi")
	cmd.Dir = filepath.Join(root, "tools", "pulumicli")
	var output bytes.Buffer
	cmd.Stdout, cmd.Stderr = &output, &output
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	tick := time.NewTicker(20 * time.Second)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			if err != nil {
				return fmt.Errorf("building the Pulumi CLI: %w\n%s", err, output.String())
			}
			fmt.Fprintf(progress, "built the Pulumi CLI in %s\n", time.Since(start).Round(time.Second))
			return nil
		case <-tick.C:
			fmt.Fprintf(progress, "  still building the Pulumi CLI (%s)\n", time.Since(start).Round(time.Second))
		}
	}
}

// WorkingRoot returns the repository's root above the working directory.
func WorkingRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	return Root(wd)
}

// Root returns the repository's root: the nearest folder above dir holding go.mod and
// PulumiPolicy.yaml.
func Root(dir string) (string, error) {
	for d := dir; ; d = filepath.Dir(d) {
		if fileExists(filepath.Join(d, "PulumiPolicy.yaml")) && fileExists(filepath.Join(d, "go.mod")) {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", errors.New("not inside the pulumi-securely repository")
		}
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
