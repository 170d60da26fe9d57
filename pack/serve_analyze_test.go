package pack

import (
	"context"
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/propertyrpc"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/require"
)

// capture is an analyzer that records the resource the adapter hands it.
type capture struct {
	*Analyzer
	got plugin.AnalyzerResource
}

func (c *capture) Analyze(_ context.Context, in plugin.AnalyzerResource) (plugin.AnalyzeResponse, error) {
	c.got = in
	return plugin.AnalyzeResponse{}, nil
}

// TestReadResourceMatchesTheAdapter checks that the server reads an Analyze request exactly as
// the SDK's adapter does, whether or not the properties need filtering.
func TestReadResourceMatchesTheAdapter(t *testing.T) {
	rich := richStack(2).GetResources()[1]
	withDeps := property.NewMap(map[string]property.Value{
		"bucket": property.New("b").WithDependencies([]resource.URN{"urn:pulumi:dev::app::aws:s3/bucket:Bucket::b0"}),
	})
	withRef := property.NewMap(map[string]property.Value{
		"role": property.New(property.NewResourceReference("urn:pulumi:dev::app::aws:iam/role:Role::r",
			property.New("role-id"), "7.0.0")),
		"nested": property.New(property.NewArray([]property.Value{property.New(property.NewMap(map[string]property.Value{
			"__inner": property.New("dropped"), "kept": property.New("yes").WithSecret(true)}))})),
	})
	plain := property.NewMap(map[string]property.Value{
		"acl": property.New("private"), "later": property.New(property.Computed),
		"list": property.New(property.NewArray([]property.Value{property.New(1.0), property.Value{}})),
	})
	tests := []struct {
		name string
		req  *pulumirpc.AnalyzeRequest
	}{
		{"nothing set", &pulumirpc.AnalyzeRequest{}},
		{"secrets, unknowns, internal keys, options and provider", &pulumirpc.AnalyzeRequest{Type: rich.Type,
			Urn: rich.Urn, Name: rich.Name, Properties: rich.Properties, Options: rich.Options, Provider: rich.Provider}},
		{"dependencies on a value", &pulumirpc.AnalyzeRequest{Type: "aws:s3/bucketAcl:BucketAcl",
			Properties: propertyrpc.Marshal(withDeps)}},
		{"a resource reference and a nested internal key", &pulumirpc.AnalyzeRequest{Type: "aws:iam/x:X",
			Properties: propertyrpc.Marshal(withRef)}},
		{"nothing to filter", &pulumirpc.AnalyzeRequest{Type: "aws:s3/bucketAcl:BucketAcl",
			Properties: propertyrpc.Marshal(plain),
			Options:    &pulumirpc.AnalyzerResourceOptions{CustomTimeouts: &pulumirpc.AnalyzerResourceOptions_CustomTimeouts{Create: 5}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &capture{}
			_, err := plugin.NewAnalyzerServer(c).Analyze(t.Context(), tt.req)
			require.NoError(t, err)
			got, err := readResource(tt.req)
			require.NoError(t, err)
			require.Equal(t, c.got, got)
		})
	}
}
