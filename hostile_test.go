package main

import (
	"testing"

	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nested is a value nested depth objects deep.
func nested(depth int) property.Value {
	v := property.New("leaf")
	for range depth {
		v = property.New(map[string]property.Value{"a": v})
	}
	return v
}

// TestDeeplyNestedInputs sends inputs nested deeper than Protocol Buffers decodes: the pack
// reports them on their resource, naming itself, the resource and the input, and checks the
// rest, instead of failing the engine's whole run with a decoding error.
func TestDeeplyNestedInputs(t *testing.T) {
	t.Parallel()
	a := launch(t, packBinary, stackOptions(true, map[string]string{"owner": "a", "environment": "dev"}))
	bucket := plugin.AnalyzerResource{
		URN: urn("aws:s3/bucket:Bucket", "deep"), Type: "aws:s3/bucket:Bucket", Name: "deep",
		Properties: property.NewMap(map[string]property.Value{"tags": nested(5000), "acl": property.New("public-read")}),
	}
	wantMessage := "policy pack pulumi-securely could not read input tags of " + string(bucket.URN)

	resp, err := a.Analyze(t.Context(), bucket)
	require.NoError(t, err)
	unread := diagnosticOf(resp.Diagnostics, "pack-reads-every-input")
	require.NotNil(t, unread, "diagnostics: %v", policyNames(resp.Diagnostics))
	assert.Contains(t, unread.Message, wantMessage)
	assert.Equal(t, bucket.URN, unread.URN)
	assert.Contains(t, policyNames(resp.Diagnostics), "aws-s3-bucket-public-acl", "the other inputs are checked")

	other := plugin.AnalyzerStackResource{AnalyzerResource: plugin.AnalyzerResource{
		URN: urn("aws:s3/bucket:Bucket", "flat"), Type: "aws:s3/bucket:Bucket", Name: "flat",
		Properties: property.NewMap(map[string]property.Value{"bucket": property.New("flat")}),
	}}
	deepOutputs := bucket
	deepOutputs.URN, deepOutputs.Name = urn("aws:s3/bucket:Bucket", "deep-outputs"), "deep-outputs"
	stack, err := a.AnalyzeStack(t.Context(),
		[]plugin.AnalyzerStackResource{{AnalyzerResource: bucket}, {AnalyzerResource: deepOutputs}, other})
	require.NoError(t, err)
	var unreadURNs []string
	for _, d := range stack.Diagnostics {
		if d.PolicyName == "pack-reads-every-input" {
			unreadURNs = append(unreadURNs, string(d.URN))
			assert.Contains(t, d.Message, "could not read input tags of "+string(deepOutputs.URN))
		}
	}
	assert.Equal(t, []string{string(deepOutputs.URN)}, unreadURNs, "what Analyze reported is not reported twice")
	var flat []string
	for _, d := range stack.Diagnostics {
		if d.URN == other.URN {
			flat = append(flat, d.PolicyName)
		}
	}
	assert.NotEmpty(t, flat, "the stack policies still judge the other resources")

	fixed, err := a.Remediate(t.Context(), bucket)
	require.NoError(t, err)
	assert.Empty(t, fixed.Remediations, "a resource read in part is never rewritten")
}

func diagnosticOf(diags []plugin.AnalyzeDiagnostic, policy string) *plugin.AnalyzeDiagnostic {
	for i := range diags {
		if diags[i].PolicyName == policy {
			return &diags[i]
		}
	}
	return nil
}
