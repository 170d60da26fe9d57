// Package engine builds the pack and launches it exactly as the Pulumi engine does, with the
// engine's own client code (pkg/v3/resource/plugin), for tests and benchmarks.
package engine

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"

	"github.com/pulumi/pulumi/pkg/v3/host"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
)

// Build compiles the Go package at pkgDir (a main package) into dir and returns the binary's
// path. The binary is named after the folder, as a user's `go build` would name it.
func Build(ctx context.Context, pkgDir, dir, name string) (string, error) {
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	out := filepath.Join(dir, name)
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", out, ".")
	cmd.Dir = pkgDir
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %w\n%s", pkgDir, err, msg)
	}
	return out, nil
}

// Analyzer is a launched analyzer plugin and the engine host that launched it.
type Analyzer struct {
	plugin.Analyzer
	host plugin.Host
}

// Close stops the plugin and the host.
func (a *Analyzer) Close() error {
	err := a.Analyzer.Close()
	if herr := a.host.Close(); err == nil {
		err = herr
	}
	return err
}

// Launch starts the analyzer at path (a binary, or a folder with PulumiPolicy.yaml) the way
// `pulumi preview --policy-pack <path>` does. With opts, the engine calls ConfigureStack, as in
// a preview or update; without, it does not, as `pulumi policy publish` and `pulumi policy
// analyze --file` do. Diagnostics from the host go to stderr.
func Launch(ctx context.Context, path string, opts *plugin.PolicyAnalyzerOptions) (*Analyzer, error) {
	return LaunchLogging(ctx, path, opts, os.Stderr)
}

// LaunchLogging is Launch with the host's diagnostics, the plugin's stderr among them, written
// to log.
func LaunchLogging(ctx context.Context, path string, opts *plugin.PolicyAnalyzerOptions, log io.Writer,
) (*Analyzer, error) {
	sink := diag.DefaultSink(log, log, diag.FormatOptions{Color: colors.Never})
	h, err := host.New(ctx, sink, sink, nil, nil, nil, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("starting the engine host: %w", err)
	}
	pctx, err := plugin.NewContextWithHost(ctx, sink, sink, h, "", "", nil, nil)
	if err != nil {
		_ = h.Close()
		return nil, fmt.Errorf("creating the plugin context: %w", err)
	}
	a, err := plugin.NewPolicyAnalyzer(h, pctx, "pulumi-securely", path, opts)
	if err != nil {
		_ = h.Close()
		return nil, err
	}
	return &Analyzer{Analyzer: a, host: h}, nil
}
