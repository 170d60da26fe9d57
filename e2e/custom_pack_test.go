package e2e

import (
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// customPackProgram is insecureProgram with an unversioned bucket, which only a rule the custom
// pack leaves out (aws-s3-bucket-versioning, medium) reports.
func customPackProgram(ctx *pulumi.Context) error {
	if err := insecureProgram(ctx); err != nil {
		return err
	}
	_, err := register(ctx, "aws:s3/bucketV2:BucketV2", "assets", pulumi.Map{"tags": ownedTags})
	return err
}

// The example custom pack (examples/custom-pack: its own module, built on this repository) runs
// by its folder as a team runs it: the built-in rules it keeps and its own rule report; a rule it
// leaves out, which pulumi-securely reports on the same program, does not.
func TestCustomPackFolder(t *testing.T) {
	t.Parallel()
	full := preview(t, taggedStack(t, customPackProgram))
	require.True(t, full.has("aws-s3-bucket-versioning", "", "assets"), full.policies())

	s := taggedStack(t, customPackProgram)
	c := collect()
	res, err := s.Preview(t.Context(), optpreview.PolicyPacks(filepath.Join(root, "examples", "custom-pack")),
		optpreview.EventStreams(c.ch))
	r := result{output: res.StdOut, violations: c.wait(), err: err}
	require.Error(t, r.err, "a mandatory built-in rule fails the preview")
	assert.True(t, r.has("no-plaintext-secrets-in-inputs", "mandatory", "api-key"), r.policies())
	assert.True(t, r.has("approved-packages", "mandatory", "analytics"), r.policies())
	assert.True(t, r.has("required-resource-tags", "advisory", "api-key"), r.policies())
	assert.True(t, r.has("acme-widget-size", "advisory", "analytics"), r.policies())
	assert.False(t, r.has("aws-s3-bucket-versioning", "", ""), r.policies())
	for _, v := range r.violations {
		assert.Equal(t, "acme-guardrails", v.PolicyPackName, v.PolicyName)
	}
	assertNoCanary(t, r)
}
