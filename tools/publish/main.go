// Command publish publishes the policy pack to a Pulumi Cloud organization from a staged copy
// that holds only what the pack is built from (see internal/stage), so that no test, fixture,
// tool or binary is uploaded:
//
//	go run ./tools/publish <organization> [more `pulumi policy publish` flags]
package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"

	"github.com/pulumi-securely/pulumi-securely/internal/cli"
	"github.com/pulumi-securely/pulumi-securely/internal/stage"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./tools/publish <organization> [pulumi policy publish flags]")
		os.Exit(2)
	}
	if err := run(context.Background(), os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "publish:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	root, err := cli.WorkingRoot()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "pulumi-securely-publish-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if err := stage.Pack(ctx, root, dir); err != nil {
		return err
	}
	pulumi, err := exec.LookPath("pulumi")
	if err != nil {
		if pulumi, err = cli.Ensure(ctx, root, os.Stderr); err != nil {
			return err
		}
	}
	cmd := exec.CommandContext(ctx, pulumi, append([]string{"policy", "publish"}, args...)...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr, cmd.Stdin = os.Stdout, os.Stderr, os.Stdin
	return cmd.Run()
}
