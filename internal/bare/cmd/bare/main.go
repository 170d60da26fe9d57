// Command bare serves the pack with empty checks (package bare) for the benchmark.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi-securely/pulumi-securely/internal/bare"
	"github.com/pulumi-securely/pulumi-securely/pack"
)

func main() {
	if err := pack.Serve(bare.Pack(), os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
