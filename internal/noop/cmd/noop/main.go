// Command noop serves the no-op analyzer, the benchmark's protocol floor.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi-securely/pulumi-securely/internal/noop"
)

func main() {
	if err := noop.Serve(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
