package aws

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy"
)

// Type tokens of Amazon SQS (the same in pulumi-aws v6 and v7).
const (
	sqsQueueType       = "aws:sqs/queue:Queue"
	sqsQueuePolicyType = "aws:sqs/queuePolicy:QueuePolicy"
)

func init() {
	register(
		pack.Policy{
			Name:        "aws-sqs-queue-encrypted",
			DisplayName: "SQS queues encrypt messages at rest",
			Description: "SQS queues keep server-side encryption on: with a KMS key (kmsMasterKeyId) or with " +
				"SQS-managed keys (sqsManagedSseEnabled, on by default for new queues). Only a queue that turns " +
				"SQS-managed encryption off without a KMS key is flagged.",
			Severity:  pack.High,
			Framework: frameworks.FSBP("SQS.1"),
			Tags:      []string{"aws", "sqs", "encryption"},
			Remediation: "Remove sqsManagedSseEnabled: false, or set kmsMasterKeyId (for example alias/aws/sqs or a " +
				"customer managed key that the queue's producers may use).",
			Types:    []string{sqsQueueType},
			Resource: checkSQSQueueEncrypted,
		},
		pack.Policy{
			Name:        "aws-sqs-queue-not-public",
			DisplayName: "SQS queue policies do not let anyone in",
			Description: "SQS queue policies (a queue's policy, or an aws.sqs.QueuePolicy) grant nothing to every " +
				"principal (\"*\") unless a condition ties the request to a known account, organization, source " +
				"or network.",
			Severity:  pack.Critical,
			Framework: frameworks.FSBP("SQS.3"),
			Tags:      []string{"aws", "sqs", "public-access", "identity"},
			Remediation: "Name the accounts, roles or services that need the queue in Principal, or keep \"*\" " +
				"with a condition such as aws:SourceArn (for an SNS topic or S3 bucket that sends to it), " +
				"aws:SourceAccount or aws:PrincipalOrgID.",
			Types:    []string{sqsQueueType, sqsQueuePolicyType},
			Resource: checkSQSQueueNotPublic,
		},
	)
}

func checkSQSQueueEncrypted(c *pack.Check, r *pack.Resource) {
	if r.Get("sqsManagedSseEnabled").Bool(true) {
		return // SSE-SQS is on for new queues unless turned off
	}
	if textIsSet(r.Get("kmsMasterKeyId")) {
		return
	}
	c.Violatef("SQS queue %s sets sqsManagedSseEnabled to false without a kmsMasterKeyId: its messages are "+
		"stored unencrypted; remove sqsManagedSseEnabled: false or set kmsMasterKeyId", r.Name)
}

func checkSQSQueueNotPublic(c *pack.Check, r *pack.Resource) {
	if i := iampolicy.FirstPublicStatement(r.Get("policy")); i > 0 {
		c.Violatef("SQS queue policy of %s lets anyone in (statement %d allows every principal, with no condition "+
			"naming a known account, organization, source or network): anyone can send, read or delete "+
			"messages as it allows; name the principals or add such a condition", r.Name, i)
	}
}
