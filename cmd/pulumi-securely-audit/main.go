// Command pulumi-securely-audit is `pulumi-securely audit` with every source: a folder of stack
// exports, a DIY backend (file://, s3://, gs://, azblob://) and a Pulumi Cloud organization. The
// pack's own binary reads folders of exports only, as the DIY backends' storage SDKs and the
// Pulumi Cloud client would make the binary every preview launches three times larger
// (docs/audit.md).
//
// Usage: pulumi-securely-audit [merge] [flags], the flags of `pulumi-securely audit`.
package main

import (
	"os"
	"runtime/debug"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/audit"
	_ "github.com/pulumi-securely/pulumi-securely/audit/cloud" // --org
	_ "github.com/pulumi-securely/pulumi-securely/audit/diy"   // --backend
	"github.com/pulumi-securely/pulumi-securely/policies"
)

// version is the release version, stamped by release builds (.goreleaser.yaml passes
// -ldflags "-X main.version=<version>"); other builds report the module's version as Go
// recorded it (`go install ...@v0.2.0`), or 0.0.0-devel for a build from a checkout, as the pack
// needs a semantic version.
var version string

func main() {
	os.Exit(audit.Main(policies.Bare(packVersion()), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func packVersion() string {
	if version != "" {
		return version
	}
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		return strings.TrimPrefix(info.Main.Version, "v")
	}
	return "0.0.0-devel"
}
