//go:build tools

// Package pulumicli pins the Pulumi CLI that the end-to-end tests and the demo run.
// `go build -o <dir>/pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi` in this folder builds it.
package pulumicli

import _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
