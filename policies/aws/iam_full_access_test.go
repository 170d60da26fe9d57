package aws

import (
	"slices"
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/stretchr/testify/assert"
)

func TestIAMNoFullAccessAttachments(t *testing.T) {
	const s3 = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
	attachment := func(typ, principal string, arn any) plugin.AnalyzerResource {
		return packtest.Resource(typ, "data", packtest.Props{principal: "ops", "policyArn": arn})
	}
	exclusive := func(typ, principal string, arns ...any) plugin.AnalyzerResource {
		return packtest.Resource(typ, "data", packtest.Props{principal: "ops", "policyArns": arns})
	}
	allowS3 := map[string]any{"allowedPolicies": []any{"AmazonS3FullAccess"}}
	packtest.Run(t, Policies(), "aws-iam-no-full-access-managed-policies", []packtest.Case{
		{Name: "role attachment", Want: packtest.Violation, Count: 1,
			Message: `data attaches the AWS managed AmazonS3FullAccess policy (policyArn) to role "ops", which grants ` +
				"every action of its service on every resource",
			Resource: attachment(iamRolePolicyAttachmentType, "role", s3)},
		{Name: "user attachment", Want: packtest.Violation, Message: `to user "ops"`,
			Resource: attachment(iamUserPolicyAttachmentType, "user", "arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess")},
		{Name: "group attachment", Want: packtest.Violation, Message: `to group "ops"`,
			Resource: attachment(iamGroupPolicyAttachmentType, "group", s3)},
		{Name: "service-role path and GovCloud partition", Want: packtest.Violation, Message: "AmazonPersonalizeFullAccess",
			Resource: attachment(iamRolePolicyAttachmentType, "role",
				"arn:aws-us-gov:iam::aws:policy/service-role/AmazonPersonalizeFullAccess")},
		{Name: "IAMFullAccess", Want: packtest.Violation,
			Message:  "IAMFullAccess lets the holder give itself any permission",
			Resource: attachment(iamRolePolicyAttachmentType, "role", "arn:aws:iam::aws:policy/IAMFullAccess")},
		{Name: "policy attachment", Want: packtest.Violation,
			Message: "data attaches the AWS managed AmazonS3FullAccess policy (policyArn) to its users, groups and roles",
			Resource: packtest.Resource(iamPolicyAttachmentType, "data",
				packtest.Props{"policyArn": s3, "groups": []any{"ops"}})},
		{Name: "policy attachment to nobody", Want: packtest.Pass,
			Resource: packtest.Resource(iamPolicyAttachmentType, "data", packtest.Props{"policyArn": s3})},
		{Name: "role managedPolicyArns", Want: packtest.Violation, Count: 1,
			Message: "role ops has the AWS managed AmazonSQSFullAccess policy in managedPolicyArns[1]",
			Resource: packtest.Resource(iamRoleType, "ops", packtest.Props{"managedPolicyArns": []any{
				"arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonSQSFullAccess"}})},
		{Name: "exclusive attachments", Want: packtest.Violation, Count: 3,
			Resource: exclusive(iamRolePolicyAttachmentsExclusiveType, "roleName", s3,
				"arn:aws:iam::aws:policy/AWSLambda_FullAccess", "arn:aws:iam::aws:policy/CloudWatchFullAccess")},
		{Name: "read-only policy", Want: packtest.Pass,
			Resource: attachment(iamRolePolicyAttachmentType, "role", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")},
		{Name: "customer managed policy with a FullAccess name", Want: packtest.Pass,
			Resource: attachment(iamRolePolicyAttachmentType, "role", "arn:aws:iam::123456789012:policy/AmazonS3FullAccess")},
		{Name: "AdministratorAccess is the other rule's", Want: packtest.Pass,
			Resource: attachment(iamRolePolicyAttachmentType, "role", "arn:aws:iam::aws:policy/AdministratorAccess")},
		{Name: "allowed by config", Want: packtest.Pass, Config: allowS3,
			Resource: attachment(iamRolePolicyAttachmentType, "role", s3)},
		{Name: "another policy than the allowed one", Want: packtest.Violation, Config: allowS3,
			Resource: attachment(iamRolePolicyAttachmentType, "role", "arn:aws:iam::aws:policy/AmazonEC2FullAccess")},
		{Name: "known FullAccess before an unknown ARN", Want: packtest.Violation, Message: "managedPolicyArns[1]",
			Resource: packtest.Resource(iamRoleType, "ops", packtest.Props{"managedPolicyArns": []any{packtest.Unknown, s3}})},
		{Name: "unknown policy ARN", Want: packtest.NotApplicable, Message: "value unknown during preview: policyArn",
			Resource: attachment(iamRolePolicyAttachmentType, "role", packtest.Unknown)},
	})
}

// IAMFullAccess is reported as high, above the policy's medium severity.
func TestIAMNoFullAccessAttachmentsSeverity(t *testing.T) {
	for arn, want := range map[string]pack.Severity{
		"arn:aws:iam::aws:policy/IAMFullAccess":      pack.High,
		"arn:aws:iam::aws:policy/AmazonS3FullAccess": pack.Medium,
	} {
		res := packtest.Check(t, iamNoFullAccessAttachments, packtest.Case{Resource: packtest.Resource(
			iamRolePolicyAttachmentType, "ops", packtest.Props{"role": "ops", "policyArn": arn})})
		if assert.Len(t, res.Diagnostics, 1) {
			assert.Equal(t, want, res.Diagnostics[0].Severity, arn)
		}
	}
}

func TestIAMFullAccessManagedPoliciesTable(t *testing.T) {
	assert.Len(t, iamFullAccessManagedPolicies, 286)
	assert.True(t, slices.IsSorted(iamFullAccessManagedPolicies))
	for _, name := range iamFullAccessManagedPolicies {
		assert.True(t, strings.HasSuffix(name, "FullAccess"), name)
	}
	assert.NotContains(t, iamFullAccessManagedPolicies, "AdministratorAccess")
}
