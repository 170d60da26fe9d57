// Command rawfloor serves the raw protocol floor for the benchmarks. It reads the pack's policies
// (names, types, kinds of check) as JSON from the file named by PULUMI_SECURELY_RAWFLOOR_POLICIES,
// which the bench writes, so that its answers list as many not-applicable policies as the pack's
// without building the pack; with the variable unset it knows no policies.
package main

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/pulumi-securely/pulumi-securely/internal/rawfloor"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run() error {
	var policies []rawfloor.Policy
	if path := os.Getenv(rawfloor.PoliciesVar); path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(b, &policies); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return rawfloor.Serve(os.Stdout, policies)
}
