package pack

import (
	"context"
	"fmt"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/propertyrpc"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/proto"
)

// richStack is an AnalyzeStackRequest with everything the adapter converts: secrets and unknowns
// at every depth, internal "__" keys, options, providers, parents, dependencies and property
// dependencies (one of them empty, which the adapter drops).
func richStack(n int) *pulumirpc.AnalyzeStackRequest {
	req := &pulumirpc.AnalyzeStackRequest{}
	provider := &pulumirpc.AnalyzerProviderResource{
		Type: "pulumi:providers:aws", Urn: "urn:pulumi:dev::app::pulumi:providers:aws::default", Name: "default",
		Properties: propertyrpc.Marshal(property.NewMap(map[string]property.Value{
			"region":     property.New("us-east-1"),
			"accessKey":  property.New("AKIA-not-real").WithSecret(true),
			"__internal": property.New(true),
		})),
	}
	for i := range n {
		urn := fmt.Sprintf("urn:pulumi:dev::app::aws:s3/bucket:Bucket::b%d", i)
		props := property.NewMap(map[string]property.Value{
			"bucket":   property.New(fmt.Sprintf("b%d", i)),
			"password": property.New("hunter2").WithSecret(true),
			"arn":      property.New(property.Computed),
			"policy":   property.New(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*"}]}`),
			"rules": property.New(property.NewArray([]property.Value{
				property.New(property.NewMap(map[string]property.Value{
					"size":   property.New(float64(i)),
					"secret": property.New(property.NewMap(map[string]property.Value{"k": property.New("v")})).WithSecret(true),
					"later":  property.New(property.Computed),
					"nil":    property.Value{},
				})),
			})),
			"__defaults": property.New(property.NewArray([]property.Value{property.New("bucket")})),
		})
		r := &pulumirpc.AnalyzerResource{
			Type: "aws:s3/bucket:Bucket", Urn: urn, Name: fmt.Sprintf("b%d", i),
			Properties: propertyrpc.Marshal(props),
			Options: &pulumirpc.AnalyzerResourceOptions{Protect: i%2 == 0, IgnoreChanges: []string{"tags"},
				DeleteBeforeReplace: true, DeleteBeforeReplaceDefined: i%3 == 0,
				AdditionalSecretOutputs: []string{"password"}, Aliases: []string{urn + "-old"},
				Parent: "urn:pulumi:dev::app::pulumi:pulumi:Stack::app-dev"},
			Provider: provider,
			Parent:   "urn:pulumi:dev::app::pulumi:pulumi:Stack::app-dev",
			PropertyDependencies: map[string]*pulumirpc.AnalyzerPropertyDependencies{
				"policy": {Urns: []string{"urn:pulumi:dev::app::aws:iam/role:Role::r"}},
				"bucket": {},
			},
		}
		if i > 0 {
			r.Dependencies = []string{fmt.Sprintf("urn:pulumi:dev::app::aws:s3/bucket:Bucket::b%d", i-1)}
		}
		req.Resources = append(req.Resources, r)
	}
	return req
}

// TestDecodeStackMatchesTheAdapter checks that decoding AnalyzeStack's request resource by
// resource gives the analyzer exactly the resources the SDK's adapter gives it from the whole
// request.
func TestDecodeStackMatchesTheAdapter(t *testing.T) {
	a, err := NewAnalyzer(Pack{Name: "test", Version: "1.0.0"})
	require.NoError(t, err)
	s := newServer(a, newLenientCodec())
	tests := []struct {
		name string
		req  *pulumirpc.AnalyzeStackRequest
	}{
		{"empty stack", &pulumirpc.AnalyzeStackRequest{}},
		{"one resource", richStack(1)},
		{"many resources", richStack(50)},
		{"a resource with nothing set", &pulumirpc.AnalyzeStackRequest{Resources: []*pulumirpc.AnalyzerResource{{}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wire, err := proto.Marshal(tt.req)
			require.NoError(t, err)

			whole := &stackCall{}
			_, err = s.AnalyzerServer.AnalyzeStack(context.WithValue(t.Context(), stackKey{}, whole), tt.req)
			require.NoError(t, err)

			each := &stackCall{}
			_, err = s.readStack(context.WithValue(t.Context(), stackKey{}, each), wire)
			require.NoError(t, err)

			require.Len(t, each.resources, len(tt.req.GetResources()))
			require.Equal(t, whole.resources, each.resources)
		})
	}
}

// TestDecodeStackRefusesBadBytes checks that a request that is not an AnalyzeStackRequest is an
// error, not a crash.
func TestDecodeStackRefusesBadBytes(t *testing.T) {
	a, err := NewAnalyzer(Pack{Name: "test", Version: "1.0.0"})
	require.NoError(t, err)
	s := newServer(a, newLenientCodec())
	for _, wire := range [][]byte{{0x0a, 0x05, 0x01}, {0xff}, {0x0a, 0x02, 0xff, 0xff}} {
		_, err := s.readStack(context.WithValue(t.Context(), stackKey{}, &stackCall{}), wire)
		require.Error(t, err)
	}
}
