package packtest_test

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/stretchr/testify/assert"
)

func TestDependsOn(t *testing.T) {
	bucket := packtest.Resource("aws:s3/bucket:Bucket", "logs", nil)
	policy := packtest.Resource("aws:s3/bucketPolicy:BucketPolicy", "logs", packtest.Props{"bucket": "logs-1"})
	sr := packtest.DependsOn(policy, "bucket", bucket)
	assert.Equal(t, policy, sr.AnalyzerResource)
	assert.Equal(t, map[resource.PropertyKey][]resource.URN{"bucket": {bucket.URN}}, sr.PropertyDependencies)
	assert.Equal(t, []resource.URN{bucket.URN}, sr.Dependencies)
}
