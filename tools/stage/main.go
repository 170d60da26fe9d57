// Command stage copies the pack's source — what `pulumi policy publish` uploads and a release's
// source archive holds (see internal/stage) — into a folder, replacing an earlier staged copy:
//
//	go run ./tools/stage <folder>
//
// .goreleaser.yaml runs it before every build to make the release's pack archive.
package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/pulumi-securely/pulumi-securely/internal/cli"
	"github.com/pulumi-securely/pulumi-securely/internal/stage"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./tools/stage <folder>")
		os.Exit(2)
	}
	if err := run(context.Background(), os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "stage:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, dest string) error {
	root, err := cli.WorkingRoot()
	if err != nil {
		return err
	}
	if err := removeStaged(dest); err != nil {
		return err
	}
	return stage.Pack(ctx, root, dest)
}

// removeStaged removes dest if it is empty or an earlier staged copy, and refuses any other folder.
func removeStaged(dest string) error {
	entries, err := os.ReadDir(dest)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case len(entries) > 0:
		if _, err := os.Stat(filepath.Join(dest, "PulumiPolicy.yaml")); err != nil {
			return fmt.Errorf("%s is not empty and holds no staged pack: not replacing it", dest)
		}
	}
	return os.RemoveAll(dest)
}
