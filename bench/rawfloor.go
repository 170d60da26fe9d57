package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/pulumi-securely/pulumi-securely/internal/engine"
	"github.com/pulumi-securely/pulumi-securely/internal/rawfloor"
	"github.com/pulumi-securely/pulumi-securely/internal/rawfloor/packspec"
	"github.com/pulumi-securely/pulumi-securely/policies"
)

// buildRawFloor builds the raw floor into dir, and tells it the pack's policies through the file
// its command reads, named in this process's environment, which the engine host passes on to the
// plugins it launches.
func buildRawFloor(ctx context.Context, root, dir string) (string, error) {
	bin, err := engine.Build(ctx, filepath.Join(root, "internal", "rawfloor", "cmd", "rawfloor"), dir, "rawfloor")
	if err != nil {
		return "", err
	}
	spec, err := json.Marshal(packspec.Of(policies.All()))
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "rawfloor-policies.json")
	if err := os.WriteFile(path, spec, 0o644); err != nil {
		return "", err
	}
	return bin, os.Setenv(rawfloor.PoliciesVar, path)
}
