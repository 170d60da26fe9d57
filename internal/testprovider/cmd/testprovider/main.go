// Command testprovider serves the end-to-end tests' stand-in provider; the tests install it as
// pulumi-resource-aws (and any other package they need).
package main

import (
	"fmt"
	"os"

	"github.com/pulumi-securely/pulumi-securely/internal/testprovider"
)

func main() {
	if err := testprovider.Serve(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
