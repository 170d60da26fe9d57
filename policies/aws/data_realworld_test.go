package aws

import (
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestAWSDataRulesOnOPAFixtures runs the S3 rules over the pulumi-policy-opa fixtures: buckets
// whose file names say what their authors expect (aws-s3_valid, aws-s3_invalid_public,
// aws-s3_invalid_no_encryption), all of the legacy aws:s3/bucket:Bucket shape.
func TestAWSDataRulesOnOPAFixtures(t *testing.T) {
	resources := packtest.LoadExport(t, packtest.RealWorld(t, "opa-fixtures.export.json"))

	// Resource rules see each resource's inputs: which buckets does each rule flag?
	flagged := func(policy string) map[string][]string {
		out := map[string][]string{}
		for _, r := range resources {
			res := packtest.Check(t, packtest.Find(t, Policies(), policy), packtest.Case{Resource: r.Resource()})
			for _, d := range res.Diagnostics {
				out[r.Name] = append(out[r.Name], d.Message)
			}
		}
		return out
	}
	publicACL := flagged("aws-s3-bucket-public-acl")
	assert.Len(t, publicACL, 1, "only the public fixture has a public ACL: %v", publicACL)
	assert.Contains(t, strings.Join(publicACL["aws-s3_invalid_public"], "\n"), `has acl "public-read"`)
	assert.Empty(t, flagged("aws-s3-bucket-policy-public"), "no fixture has a bucket policy")

	// Stack rules see every resource's outputs at once: which buckets does each rule flag?
	stack := resources.Stack()
	stackFlagged := func(policy string) []string {
		res := packtest.Check(t, packtest.Find(t, Policies(), policy), packtest.Case{Stack: stack})
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
