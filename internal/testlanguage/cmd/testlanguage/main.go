// Command testlanguage serves the stand-in Go language host; the tests install it as
// pulumi-language-go.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi-securely/pulumi-securely/internal/testlanguage"
)

func main() {
	if err := testlanguage.Serve(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
