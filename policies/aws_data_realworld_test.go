package policies

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// awsDataRealWorldDir holds stack exports written by people outside this project (see its README).
var awsDataRealWorldDir = filepath.Join("..", "..", "shared", "realworld")

// awsDataExported is one resource of a `pulumi stack export`.
type awsDataExported struct {
	URN     string         `json:"urn"`
	Type    string         `json:"type"`
	Inputs  map[string]any `json:"inputs"`
	Outputs map[string]any `json:"outputs"`
}

// loadAWSDataExport reads a stack export from the real-world folder, skipping the test without it.
func loadAWSDataExport(t *testing.T, file string) []awsDataExported {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(awsDataRealWorldDir, file))
	if os.IsNotExist(err) {
		t.Skipf("%s is absent", file)
	}
	require.NoError(t, err)
	var export struct {
		Deployment struct {
			Resources []awsDataExported `json:"resources"`
		} `json:"deployment"`
	}
	require.NoError(t, json.Unmarshal(data, &export))
	return export.Deployment.Resources
}

func (r awsDataExported) name() string { return r.URN[strings.LastIndex(r.URN, "::")+2:] }

func awsDataPolicy(t *testing.T, name string) pack.Policy {
	t.Helper()
	for _, p := range All() {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no policy named %q", name)
	return pack.Policy{}
}

// TestAWSDataRulesOnOPAFixtures runs the S3 rules over the pulumi-policy-opa fixtures: buckets
// whose file names say what their authors expect (aws-s3_valid, aws-s3_invalid_public,
// aws-s3_invalid_no_encryption), all of the legacy aws:s3/bucket:Bucket shape.
func TestAWSDataRulesOnOPAFixtures(t *testing.T) {
	resources := loadAWSDataExport(t, "opa-fixtures.export.json")

	// Resource rules see each resource's inputs: which buckets does each rule flag?
	flagged := func(policy string) map[string][]string {
		out := map[string][]string{}
		for _, r := range resources {
			res := packtest.Check(t, awsDataPolicy(t, policy), packtest.Case{
				Resource: packtest.Resource(r.Type, r.name(), r.Inputs)})
			for _, d := range res.Diagnostics {
				out[r.name()] = append(out[r.name()], d.Message)
			}
		}
		return out
	}
	publicACL := flagged("aws-s3-bucket-public-acl")
	assert.Len(t, publicACL, 1, "only the public fixture has a public ACL: %v", publicACL)
	assert.Contains(t, strings.Join(publicACL["aws-s3_invalid_public"], "\n"), `has acl "public-read"`)
	assert.Empty(t, flagged("aws-s3-bucket-policy-public"), "no fixture has a bucket policy")

	// Stack rules see every resource's outputs at once: which buckets does each rule flag?
	stack := make([]plugin.AnalyzerStackResource, len(resources))
	for i, r := range resources {
		stack[i] = packtest.StackResource(packtest.Resource(r.Type, r.name(), r.Outputs), nil)
	}
	stackFlagged := func(policy string) []string {
		res := packtest.Check(t, awsDataPolicy(t, policy), packtest.Case{Stack: stack})
		require.True(t, res.Applicable, "%s did not decide: %s", policy, res.Reason)
		var names []string
		for _, d := range res.Diagnostics {
			names = append(names, d.URN.Name())
		}
		return names
	}
	all := []string{"aws-s3_invalid_no_encryption", "aws-s3_invalid_public", "aws-s3_valid"}
	invalid := []string{"aws-s3_invalid_no_encryption", "aws-s3_invalid_public"}
	// The valid fixture logs to another bucket and keeps versions.
	assert.ElementsMatch(t, invalid, stackFlagged("aws-s3-bucket-versioning"))
	assert.ElementsMatch(t, invalid, stackFlagged("aws-s3-bucket-logging"))
	// The valid fixture encrypts with SSE-S3 (AES256), which its authors count as valid; this pack
	// asks for KMS, as Security Hub's S3.17 does (S3 has applied SSE-S3 to every bucket since 2023).
	assert.ElementsMatch(t, all, stackFlagged("aws-s3-bucket-kms-encryption"))
	// No fixture declares a public access block or a bucket policy denying plain HTTP.
	assert.ElementsMatch(t, all, stackFlagged("aws-s3-bucket-public-access-block"))
	assert.ElementsMatch(t, all, stackFlagged("aws-s3-bucket-ssl-only"))
}
