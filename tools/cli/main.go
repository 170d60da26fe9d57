// Command cli prints the path of the Pulumi CLI the tests and the demo use, building it first
// from its Go module if needed (see internal/cli).
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/pulumi-securely/pulumi-securely/internal/cli"
)

func main() {
	wd, err := os.Getwd()
	if err == nil {
		var root, path string
		if root, err = cli.Root(wd); err == nil {
			if path, err = cli.Ensure(context.Background(), root, os.Stderr); err == nil {
				fmt.Println(path)
				return
			}
		}
	}
	fmt.Fprintln(os.Stderr, "cli:", err)
	os.Exit(1)
}
