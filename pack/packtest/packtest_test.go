package packtest_test

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDependsOn(t *testing.T) {
	bucket := packtest.Resource("aws:s3/bucket:Bucket", "logs", nil)
	policy := packtest.Resource("aws:s3/bucketPolicy:BucketPolicy", "logs", packtest.Props{"bucket": "logs-1"})
	sr := packtest.DependsOn(policy, "bucket", bucket)
	assert.Equal(t, policy, sr.AnalyzerResource)
	assert.Equal(t, map[resource.PropertyKey][]resource.URN{"bucket": {bucket.URN}}, sr.PropertyDependencies)
	assert.Equal(t, []resource.URN{bucket.URN}, sr.Dependencies)
}

// A redacted secret of an export is the string "[secret]", which is also what a message quoting
// any secret shows: that is no leak.
func TestRedactedSecretIsNoLeak(t *testing.T) {
	quote := pack.Policy{Name: "quote", Description: "d", Severity: pack.Low,
		Resource: func(c *pack.Check, r *pack.Resource) { c.Violatef("password is %v", r.Get("password")) }}
	res := packtest.Check(t, quote, packtest.Case{
		Resource: packtest.Resource("aws:rds/instance:Instance", "db", packtest.Props{"password": packtest.Secret(pack.Redacted)})})
	require.Len(t, res.Diagnostics, 1)
	assert.Equal(t, "password is [secret]", res.Diagnostics[0].Message)
}
