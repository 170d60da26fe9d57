package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/internal/engine"
)

// The npm packages of the AWSGuard policy pack, pinned. @pulumi/awsguard's only release depends on
// @pulumi/aws ^4; @pulumi/pulumi 3.248.0 is the last release that runs on Node.js 20.
var awsGuardPackages = map[string]string{
	"@pulumi/awsguard": "0.3.1",
	"@pulumi/aws":      "4.38.1",
	"@pulumi/policy":   "1.21.0",
	"@pulumi/pulumi":   "3.248.0",
}

// awsGuardProgram is the policy pack's program, as `pulumi policy new awsguard-typescript` makes it.
const awsGuardProgram = `const { AwsGuard } = require("@pulumi/awsguard");

new AwsGuard({ all: "advisory" });
`

// awsGuard prepares Pulumi's Node.js AWS policy pack, @pulumi/awsguard, in dir as a target: an npm
// project installed from the registry, and an executable that the engine launches as a binary
// analyzer (`<binary> <engine address>`) and that runs the pack through @pulumi/pulumi's
// run-policy-pack, the entry point that Node.js policy packs run from. It needs node and npm on the
// PATH.
func awsGuard(ctx context.Context, dir string) (target, error) {
	if runtime.GOOS == "windows" {
		return target{}, errors.New("the launcher is a shell script")
	}
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = exec.LookPath("npm")
	}
	if err != nil {
		return target{}, fmt.Errorf("it needs Node.js and npm: %w", err)
	}
	if node, err = filepath.Abs(node); err != nil {
		return target{}, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return target{}, err
	}
	manifest, err := json.MarshalIndent(map[string]any{"name": "bench-awsguard", "version": "1.0.0",
		"private": true, "main": "index.js", "dependencies": awsGuardPackages}, "", "  ")
	if err != nil {
		return target{}, err
	}
	runPolicyPack := filepath.Join(dir, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack", "index.js")
	// run-policy-pack takes `[--pwd <folder>] <engine address> <program>`; the pack reads its version
	// from package.json in the working directory. exec, so that the process the engine starts, signals
	// and reads is node itself.
	launcher := fmt.Sprintf("#!/bin/sh\nexport AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE=1\n"+
		"exec %s %s --pwd %s \"$@\" %[3]s\n", shellQuote(node), shellQuote(runPolicyPack), shellQuote(dir))
	binary := filepath.Join(dir, "awsguard-analyzer")
	for _, f := range []struct {
		name, text string
		mode       os.FileMode
	}{
		{"package.json", string(manifest) + "\n", 0o644},
		{"index.js", awsGuardProgram, 0o644},
		{"PulumiPolicy.yaml", "runtime: nodejs\ndescription: AWSGuard, for the benchmark\n", 0o644},
		{"awsguard-analyzer", launcher, 0o755},
	} {
		if err := os.WriteFile(filepath.Join(dir, f.name), []byte(f.text), f.mode); err != nil {
			return target{}, err
		}
	}
	// No install scripts: @pulumi/aws's would download the AWS provider, which a policy pack does not run.
	install := exec.CommandContext(ctx, "npm", "install", "--no-audit", "--no-fund", "--ignore-scripts")
	install.Dir = dir
	if out, err := install.CombinedOutput(); err != nil {
		return target{}, fmt.Errorf("npm install in %s: %w\n%s", dir, err, out)
	}

	a, err := engine.Launch(ctx, binary, nil)
	if err != nil {
		return target{}, err
	}
	defer a.Close()
	info, err := a.GetAnalyzerInfo(ctx)
	if err != nil {
		return target{}, err
	}
	version, err := exec.CommandContext(ctx, node, "--version").Output()
	if err != nil {
		return target{}, err
	}
	note := fmt.Sprintf("AWSGuard is Pulumi's Node.js policy pack for AWS, installed from npm (@pulumi/awsguard %s "+
		"with @pulumi/aws %s, @pulumi/policy %s, @pulumi/pulumi %s), all its policies advisory, launched as a "+
		"binary analyzer through @pulumi/pulumi's run-policy-pack on Node.js %s (see bench/awsguard.go).",
		awsGuardPackages["@pulumi/awsguard"], awsGuardPackages["@pulumi/aws"], awsGuardPackages["@pulumi/policy"],
		awsGuardPackages["@pulumi/pulumi"], strings.TrimSpace(string(version)))
	return target{name: fmt.Sprintf("AWSGuard (Node.js, %d rules)", len(info.Policies)), binary: binary,
		process: node, note: note}, nil
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
