package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy/iampolicytest"
)

func TestSNSTopicEncrypted(t *testing.T) {
	packtest.Run(t, Policies(), "aws-sns-topic-encrypted", []packtest.Case{
		{Name: "no KMS key", Want: packtest.Violation,
			Message:  "SNS topic alerts does not encrypt its messages with KMS: set kmsMasterKeyId",
			Resource: packtest.Resource(snsTopicType, "alerts", packtest.Props{"displayName": "alerts"})},
		{Name: "empty KMS key", Want: packtest.Violation, Message: "kmsMasterKeyId",
			Resource: packtest.Resource(snsTopicType, "alerts", packtest.Props{"kmsMasterKeyId": ""})},
		{Name: "AWS managed key", Want: packtest.Pass,
			Resource: packtest.Resource(snsTopicType, "alerts", packtest.Props{"kmsMasterKeyId": "alias/aws/sns"})},
		{Name: "unknown key", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(snsTopicType, "alerts", packtest.Props{"kmsMasterKeyId": packtest.Unknown})},
	})
}

func TestSNSTopicNotPublic(t *testing.T) {
	public := map[string]any{"Effect": "Allow", "Principal": map[string]any{"AWS": "*"},
		"Action": []any{"SNS:Subscribe", "SNS:Receive"}, "Resource": "*"}
	// The policy SNS gives a topic by default: every principal, but only from the topic's own account.
	owner := map[string]any{"Sid": "__default_statement_ID", "Effect": "Allow", "Principal": map[string]any{"AWS": "*"},
		"Action":    []any{"SNS:GetTopicAttributes", "SNS:Publish"},
		"Resource":  "arn:aws:sns:us-east-1:111122223333:alerts",
		"Condition": map[string]any{"StringEquals": map[string]any{"AWS:SourceOwner": "111122223333"}}}
	packtest.Run(t, Policies(), "aws-sns-topic-not-public", []packtest.Case{
		{Name: "topic policy open to anyone", Want: packtest.Violation,
			Message: "SNS topic policy of alerts-policy lets anyone in (statement 2 allows every principal",
			Resource: packtest.Resource(snsTopicPolicyType, "alerts-policy", packtest.Props{
				"arn": "arn:aws:sns:us-east-1:111122223333:alerts", "policy": iampolicytest.Doc(owner, public)})},
		{Name: "inline topic policy open to anyone", Want: packtest.Violation, Message: "SNS topic policy of alerts",
			Resource: packtest.Resource(snsTopicType, "alerts", packtest.Props{"policy": iampolicytest.Doc(public)})},
		{Name: "default owner policy", Want: packtest.Pass,
			Resource: packtest.Resource(snsTopicPolicyType, "alerts-policy", packtest.Props{"policy": iampolicytest.Doc(owner)})},
		{Name: "policy given as an object", Want: packtest.Pass,
			Resource: packtest.Resource(snsTopicPolicyType, "alerts-policy", packtest.Props{
				"policy": map[string]any{"Version": "2012-10-17", "Statement": []any{owner}}})},
		{Name: "no policy", Want: packtest.Pass, Resource: packtest.Resource(snsTopicType, "alerts", packtest.Props{})},
		{Name: "unknown policy", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(snsTopicType, "alerts", packtest.Props{"policy": packtest.Unknown})},
	})
}

func TestSNSTopicCustomerManagedKey(t *testing.T) {
	packtest.Run(t, Policies(), "aws-sns-topic-customer-managed-key", []packtest.Case{
		{Name: "AWS managed alias", Want: packtest.Violation, Message: `SNS topic alerts encrypts with the AWS managed key "alias/aws/sns"`,
			Resource: packtest.Resource(snsTopicType, "alerts", packtest.Props{"kmsMasterKeyId": "alias/aws/sns"})},
		{Name: "AWS managed alias ARN", Want: packtest.Violation, Resource: packtest.Resource(snsTopicType, "alerts",
			packtest.Props{"kmsMasterKeyId": "arn:aws:kms:us-east-1:123456789012:alias/aws/sns"})},
		{Name: "customer managed alias", Want: packtest.Pass,
			Resource: packtest.Resource(snsTopicType, "alerts", packtest.Props{"kmsMasterKeyId": "alias/alerts"})},
		{Name: "customer managed key ARN", Want: packtest.Pass, Resource: packtest.Resource(snsTopicType, "alerts",
			packtest.Props{"kmsMasterKeyId": "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"})},
		{Name: "unencrypted is the other rule's", Want: packtest.NotApplicable, Message: "aws-sns-topic-encrypted's finding",
			Resource: packtest.Resource(snsTopicType, "alerts", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: kmsMasterKeyId",
			Resource: packtest.Resource(snsTopicType, "alerts", packtest.Props{"kmsMasterKeyId": packtest.Unknown})},
	})
}
