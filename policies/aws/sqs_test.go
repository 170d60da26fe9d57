package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy/iampolicytest"
)

func TestSQSQueueEncrypted(t *testing.T) {
	packtest.Run(t, Policies(), "aws-sqs-queue-encrypted", []packtest.Case{
		{Name: "SQS-managed encryption turned off", Want: packtest.Violation,
			Message:  "SQS queue jobs sets sqsManagedSseEnabled to false without a kmsMasterKeyId",
			Resource: packtest.Resource(sqsQueueType, "jobs", packtest.Props{"sqsManagedSseEnabled": false})},
		{Name: "turned off with an empty key", Want: packtest.Violation, Message: "stored unencrypted",
			Resource: packtest.Resource(sqsQueueType, "jobs",
				packtest.Props{"sqsManagedSseEnabled": false, "kmsMasterKeyId": ""})},
		{Name: "default SQS-managed encryption", Want: packtest.Pass,
			Resource: packtest.Resource(sqsQueueType, "jobs", packtest.Props{"visibilityTimeoutSeconds": 30})},
		{Name: "SQS-managed encryption on", Want: packtest.Pass,
			Resource: packtest.Resource(sqsQueueType, "jobs", packtest.Props{"sqsManagedSseEnabled": true})},
		{Name: "KMS key", Want: packtest.Pass,
			Resource: packtest.Resource(sqsQueueType, "jobs",
				packtest.Props{"kmsMasterKeyId": "alias/aws/sqs", "sqsManagedSseEnabled": false})},
		{Name: "unknown SSE flag", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(sqsQueueType, "jobs", packtest.Props{"sqsManagedSseEnabled": packtest.Unknown})},
		{Name: "unknown KMS key", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(sqsQueueType, "jobs",
				packtest.Props{"sqsManagedSseEnabled": false, "kmsMasterKeyId": packtest.Unknown})},
	})
}

func TestSQSQueueNotPublic(t *testing.T) {
	public := map[string]any{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": "*"}
	fromTopic := map[string]any{"Effect": "Allow", "Principal": map[string]any{"AWS": "*"}, "Action": "sqs:SendMessage",
		"Resource":  "arn:aws:sqs:us-east-1:111122223333:jobs",
		"Condition": map[string]any{"ArnEquals": map[string]any{"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:t"}}}
	service := map[string]any{"Effect": "Allow", "Principal": map[string]any{"Service": "events.amazonaws.com"},
		"Action": "sqs:SendMessage", "Resource": "*"}
	account := map[string]any{"Effect": "Allow", "Principal": map[string]any{"AWS": "arn:aws:iam::111122223333:root"},
		"Action": "sqs:*", "Resource": "*"}
	packtest.Run(t, Policies(), "aws-sqs-queue-not-public", []packtest.Case{
		{Name: "queue policy open to anyone", Want: packtest.Violation,
			Message: "SQS queue policy of jobs-policy lets anyone in (statement 2 allows every principal",
			Resource: packtest.Resource(sqsQueuePolicyType, "jobs-policy", packtest.Props{
				"queueUrl": "https://sqs.us-east-1.amazonaws.com/111122223333/jobs",
				"policy":   iampolicytest.Doc(service, public)})},
		{Name: "inline queue policy open to anyone", Want: packtest.Violation, Message: "SQS queue policy of jobs",
			Resource: packtest.Resource(sqsQueueType, "jobs", packtest.Props{"policy": iampolicytest.Doc(public)})},
		{Name: "policy given as an object", Want: packtest.Violation, Message: "statement 1",
			Resource: packtest.Resource(sqsQueuePolicyType, "jobs-policy", packtest.Props{
				"policy": map[string]any{"Version": "2012-10-17", "Statement": []any{public}}})},
		{Name: "public policy given as a secret: the finding is withheld", Want: packtest.Violation, Message: "the details are withheld because the check read secret values (policy)",
			Resource: packtest.Resource(sqsQueuePolicyType, "jobs-policy", packtest.Props{
				"policy": packtest.Secret(iampolicytest.Doc(public))})},
		{Name: "anyone, but only from one topic", Want: packtest.Pass,
			Resource: packtest.Resource(sqsQueuePolicyType, "jobs-policy", packtest.Props{"policy": iampolicytest.Doc(fromTopic)})},
		{Name: "a service and an account", Want: packtest.Pass,
			Resource: packtest.Resource(sqsQueuePolicyType, "jobs-policy",
				packtest.Props{"policy": iampolicytest.Doc(service, account)})},
		{Name: "no policy", Want: packtest.Pass, Resource: packtest.Resource(sqsQueueType, "jobs", packtest.Props{})},
		{Name: "unknown policy", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(sqsQueuePolicyType, "jobs-policy", packtest.Props{"policy": packtest.Unknown})},
		{Name: "malformed policy", Want: packtest.NotApplicable, Message: "not valid JSON",
			Resource: packtest.Resource(sqsQueuePolicyType, "jobs-policy", packtest.Props{"policy": "{"})},
	})
}

// TestOpenToAnyone covers the conditions that do and do not narrow a public statement, shared by
// the queue, topic and secret policy rules.
func TestOpenToAnyone(t *testing.T) {
	statement := func(principal any, condition map[string]any) map[string]any {
		return packtest.With(iampolicytest.AllowPrincipal("sqs:SendMessage", principal, condition), packtest.Props{"Resource": "*"})
	}
	cond := func(operator, key string, value any) map[string]any {
		return map[string]any{operator: map[string]any{key: value}}
	}
	for _, tc := range []struct {
		name      string
		statement map[string]any
		public    bool
	}{
		{"star", statement("*", nil), true},
		{"AWS star", statement(map[string]any{"AWS": []any{"arn:aws:iam::1:root", "*"}}, nil), true},
		{"any account's root", statement(map[string]any{"AWS": "arn:aws:iam::*:root"}, nil), true},
		{"NotPrincipal", map[string]any{"Effect": "Allow", "NotPrincipal": map[string]any{"AWS": "arn:aws:iam::1:root"},
			"Action": "sqs:*", "Resource": "*"}, true},
		{"deny", map[string]any{"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*"}, false},
		{"one account", statement(map[string]any{"AWS": "111122223333"}, nil), false},
		{"a service", statement(map[string]any{"Service": "sns.amazonaws.com"}, nil), false},
		{"source account", statement("*", cond("StringEquals", "aws:SourceAccount", "111122223333")), false},
		{"organization", statement("*", cond("ForAnyValue:StringEquals", "aws:PrincipalOrgID", "o-abc")), false},
		{"source owner, case of the key", statement("*", cond("StringEquals", "AWS:SourceOwner", "111122223333")), false},
		{"private network", statement("*", cond("IpAddress", "aws:SourceIp", []any{"10.0.0.0/8"})), false},
		{"the whole internet", statement("*", cond("IpAddress", "aws:SourceIp", "0.0.0.0/0")), true},
		{"negated operator", statement("*", cond("StringNotEquals", "aws:SourceAccount", "111122223333")), true},
		{"IfExists holds without the key", statement("*", cond("StringEqualsIfExists", "aws:SourceAccount", "1")), true},
		{"ForAllValues holds without the key", statement("*", cond("ForAllValues:StringEquals", "aws:PrincipalOrgID", "o-1")), true},
		{"Null operator", statement("*", cond("Null", "aws:SourceArn", "false")), true},
		{"wildcard ARN", statement("*", cond("ArnLike", "aws:SourceArn", "arn:aws:sns:*:*:*")), true},
		{"wildcard account", statement("*", cond("StringLike", "aws:SourceAccount", "*")), true},
		{"specific ARN pattern", statement("*", cond("ArnLike", "aws:SourceArn", "arn:aws:sns:us-east-1:1:topic")), false},
		{"a key that names nobody", statement("*", cond("Bool", "aws:SecureTransport", "true")), true},
		{"empty value", statement("*", cond("StringEquals", "aws:SourceAccount", "")), true},
		{"the resource's own organization", statement("*", cond("StringEquals", "aws:ResourceOrgID", "o-abc")), true},
		{"a VPC endpoint", statement("*", cond("StringEquals", "aws:SourceVpce", "vpce-1a2b3c4d")), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := packtest.Pass
			if tc.public {
				want = packtest.Violation
			}
			packtest.Run(t, Policies(), "aws-sqs-queue-not-public", []packtest.Case{{Name: tc.name, Want: want,
				Resource: packtest.Resource(sqsQueuePolicyType, "p", packtest.Props{"policy": iampolicytest.Doc(tc.statement)})}})
		})
	}
}
