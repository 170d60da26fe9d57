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
	root, err := cli.WorkingRoot()
	if err == nil {
		var path string
		if path, err = cli.Ensure(context.Background(), root, os.Stderr); err == nil {
			fmt.Println(path)
			return
		}
	}
	fmt.Fprintln(os.Stderr, "cli:", err)
	os.Exit(1)
}
