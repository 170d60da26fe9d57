package packtest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	stackURN    = resource.URN("urn:pulumi:dev::app::pulumi:pulumi:Stack::app-dev")
	providerURN = resource.URN("urn:pulumi:dev::app::pulumi:providers:aws::eu")
	bucketURN   = resource.URN("urn:pulumi:dev::app::aws:s3/bucket:Bucket::logs")
)

func TestLoadExport(t *testing.T) {
	export := packtest.LoadExport(t, filepath.Join("testdata", "small.export.json"))

	var names []string
	for _, r := range export {
		names = append(names, r.Name)
	}
	assert.Equal(t, []string{"app-dev", "eu", "logs", "logs-policy", "jobs"}, names,
		"in the export's order, without the resource pending deletion")

	bucket := export.Named("logs")
	assert.Equal(t, bucketURN, bucket.URN)
	assert.Equal(t, "aws:s3/bucket:Bucket", string(bucket.Type))
	assert.True(t, bucket.Protect)
	assert.Equal(t, stackURN, bucket.Parent)

	t.Run("internal keys are dropped", func(t *testing.T) {
		assert.Equal(t, packtest.Map(packtest.Props{
			"acl": "private", "forceDestroy": false, "tags": packtest.Props{"team": "data"},
			"grants": []any{packtest.Props{"permissions": []any{"READ"}, "type": "Group"}},
		}), bucket.Inputs)
		assert.Equal(t, packtest.Map(packtest.Props{
			"acl": "private", "arn": "arn:aws:s3:::logs-1234567", "bucket": "logs-1234567",
		}), bucket.Outputs)
	})

	t.Run("secrets", func(t *testing.T) {
		policy := export.Named("logs-policy")
		assert.Equal(t, packtest.Secret("[secret]"), policy.Outputs.Get("policy"), "ciphertext is redacted")
		assert.Equal(t, packtest.Secret(`{"Version":"2012-10-17"}`), policy.Inputs.Get("policy"),
			"plaintext is kept, marked secret")
		assert.Equal(t, packtest.Secret("[secret]"), bucket.Provider.Properties.Get("secretKey"))
	})

	t.Run("provider join", func(t *testing.T) {
		require.NotNil(t, bucket.Provider)
		assert.Equal(t, plugin.AnalyzerProviderResource{URN: providerURN, Type: "pulumi:providers:aws", Name: "eu",
			Properties: packtest.Map(packtest.Props{"region": "eu-west-1", "secretKey": packtest.Secret("[secret]")})},
			*bucket.Provider, "the provider's inputs, without internal keys")
		assert.Nil(t, export.Named("jobs").Provider, "a provider missing from the export")
		assert.Nil(t, export.Named("app-dev").Provider)
	})

	t.Run("propertyDependencies", func(t *testing.T) {
		policy := export.Named("logs-policy").StackResource()
		assert.Equal(t, map[resource.PropertyKey][]resource.URN{"bucket": {bucketURN}, "policy": {}},
			policy.PropertyDependencies)
		assert.Equal(t, []resource.URN{bucketURN}, policy.Dependencies)
		assert.Equal(t, stackURN, policy.Parent)
	})

	t.Run("Analyze sees inputs, AnalyzeStack outputs", func(t *testing.T) {
		r := bucket.Resource()
		assert.Equal(t, bucket.Inputs, r.Properties)
		assert.Equal(t, plugin.AnalyzerResourceOptions{Protect: true, Parent: stackURN}, r.Options)
		assert.Same(t, bucket.Provider, r.Provider)
		sr := bucket.StackResource()
		assert.Equal(t, bucket.Outputs, sr.Properties)
		assert.Equal(t, r.Options, sr.Options)
		assert.Same(t, bucket.Provider, sr.Provider)
		stack := export.Stack()
		require.Len(t, stack, len(export))
		assert.Equal(t, sr, stack[2])
	})

	assert.Equal(t, packtest.ExportedResource{}, export.Named("old"), "pending deletion")
	assert.Equal(t, property.Map{}, export.Named("app-dev").Inputs, "no inputs")
}

func TestReadExportRejects(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(content), 0o600))
		return path
	}
	_, err := packtest.ReadExport(write("v1.json", `{"version": 1, "deployment": {}}`))
	assert.ErrorContains(t, err, "only version 3")
	_, err = packtest.ReadExport(write("asset.json", `{"version": 3, "deployment": {"resources": [
		{"urn": "urn:pulumi:dev::app::aws:lambda/function:Function::fn", "type": "aws:lambda/function:Function",
		 "inputs": {"code": {"4dabf18193072939515e22adb298388d": "0def7320c3a5731c473e5ecbe6d01bc7"}}}]}}`))
	assert.ErrorContains(t, err, "code: signed value of kind 0def7320c3a5731c473e5ecbe6d01bc7 is not supported")
	_, err = packtest.ReadExport(filepath.Join(dir, "absent.json"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestRealWorldSkipsWhenAbsent(t *testing.T) {
	t.Run("absent", func(t *testing.T) {
		packtest.RealWorld(t, "no-such.export.json")
		t.Error("did not skip")
	})
}
