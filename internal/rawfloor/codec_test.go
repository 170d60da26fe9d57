package rawfloor

import (
	"testing"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"
)

func wire(t *testing.T, m proto.Message) mem.BufferSlice {
	t.Helper()
	b, err := proto.Marshal(m)
	require.NoError(t, err)
	return mem.BufferSlice{mem.SliceBuffer(b)}
}

func TestCodecReadsOnlyTypes(t *testing.T) {
	props, err := structpb.NewStruct(map[string]any{"bucket": "b", "tags": map[string]any{"team": "x"}})
	require.NoError(t, err)
	var req pulumirpc.AnalyzeRequest
	require.NoError(t, codec{}.Unmarshal(wire(t, &pulumirpc.AnalyzeRequest{
		Urn: "urn:x", Properties: props, Type: "aws:s3/bucket:Bucket"}), &req))
	assert.Equal(t, "aws:s3/bucket:Bucket", req.GetType())
	assert.Nil(t, req.GetProperties())
	assert.Empty(t, req.GetUrn())

	var stack pulumirpc.AnalyzeStackRequest
	require.NoError(t, codec{}.Unmarshal(wire(t, &pulumirpc.AnalyzeStackRequest{Resources: []*pulumirpc.AnalyzerResource{
		{Type: "aws:s3/bucket:Bucket", Properties: props}, {Name: "n", Type: "gcp:storage/bucket:Bucket"}}}), &stack))
	require.Len(t, stack.GetResources(), 2)
	assert.Equal(t, "gcp:storage/bucket:Bucket", stack.GetResources()[1].GetType())
	assert.Nil(t, stack.GetResources()[0].GetProperties())
}

func TestCodecRefusesBadRequests(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		into any
	}{
		{"truncated field", []byte{0x0a, 0x05, 'a'}, &pulumirpc.AnalyzeRequest{}},
		{"no type token", []byte{0x1a, 0x01, 'u'}, &pulumirpc.AnalyzeRequest{}},
		{"truncated resource", []byte{0x0a, 0x09, 0x0a}, &pulumirpc.AnalyzeStackRequest{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Error(t, codec{}.Unmarshal(mem.BufferSlice{mem.SliceBuffer(tt.data)}, tt.into))
		})
	}
}

func TestPolicyAppliesTo(t *testing.T) {
	tests := []struct {
		types []string
		typ   string
		want  bool
	}{
		{nil, "aws:s3/bucket:Bucket", true},
		{[]string{"aws:s3/bucket:Bucket"}, "aws:s3/bucket:Bucket", true},
		{[]string{"aws:s3/bucket:Bucket"}, "aws:s3/bucketAcl:BucketAcl", false},
		{[]string{"aws:s3/*"}, "aws:s3/bucketAcl:BucketAcl", true},
		{[]string{"aws:s3/*"}, "gcp:storage/bucket:Bucket", false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, Policy{Types: tt.types}.appliesTo(tt.typ), "%v %s", tt.types, tt.typ)
	}
}
