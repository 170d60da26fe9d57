package audit

import (
	"bytes"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// runMain runs audit.Main with arguments and returns its exit code, stdout and stderr.
func runMain(t testing.TB, p pack.Pack, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	var code int
	if len(args) > 0 && args[0] == "merge" {
		code = mergeMain(p, args[1:], &stdout, &stderr)
	} else {
		code = auditMain(p, args, &stdout, &stderr, lookup)
	}
	return code, stdout.String(), stderr.String()
}
