package aws

import (
	"regexp"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy"
)

// Type tokens of Amazon SNS (the same in pulumi-aws v6 and v7).
const (
	snsTopicType       = "aws:sns/topic:Topic"
	snsTopicPolicyType = "aws:sns/topicPolicy:TopicPolicy"
)

func init() {
	register(
		pack.Policy{
			Name:        "aws-sns-topic-encrypted",
			DisplayName: "SNS topics encrypt messages with KMS",
			Description: "SNS topics encrypt the messages they hold with a KMS key (kmsMasterKeyId), so that reading " +
				"them takes kms:Decrypt on top of the topic's permissions. SNS otherwise keeps messages only " +
				"on encrypted disks it controls.",
			Severity:  pack.Low,
			Framework: frameworks.WellArchitected("SEC08-BP02"),
			Tags:      []string{"aws", "sns", "encryption", "nist-800-53:SC-28"},
			Remediation: "Set kmsMasterKeyId (alias/aws/sns, or a customer managed key whose policy lets the " +
				"topic's publishers and the AWS services that publish to it use it).",
			Types:    []string{snsTopicType},
			Resource: checkSNSTopicEncrypted,
		},
		pack.Policy{
			Name:        "aws-sns-topic-customer-managed-key",
			DisplayName: "SNS topics encrypt with a customer managed KMS key",
			Description: "SNS topics that encrypt with KMS use a customer managed key rather than the AWS managed " +
				"alias/aws/sns, whose key policy cannot be changed: CloudWatch alarms, EventBridge rules and other " +
				"services cannot publish to a topic under alias/aws/sns, and access cannot be narrowed by key " +
				"policy. Topics without kmsMasterKeyId are aws-sns-topic-encrypted's finding.",
			Severity:  pack.Low,
			Framework: frameworks.WellArchitected("SEC08-BP01"),
			Tags:      []string{"aws", "sns", "encryption", "kms"},
			Remediation: "Create a KMS key whose policy lets the topic's publishers (and the AWS services that " +
				"publish to it) use it, and set kmsMasterKeyId to its ARN or alias.",
			Types:    []string{snsTopicType},
			Resource: checkSNSTopicCustomerManagedKey,
		},
		pack.Policy{
			Name:        "aws-sns-topic-not-public",
			DisplayName: "SNS topic policies do not let anyone in",
			Description: "SNS topic policies (a topic's policy, or an aws.sns.TopicPolicy) grant nothing to every " +
				"principal (\"*\") unless a condition ties the request to a known account, organization, source " +
				"or network.",
			Severity:  pack.Critical,
			Framework: frameworks.FSBP("SNS.4"),
			Tags:      []string{"aws", "sns", "public-access", "identity"},
			Remediation: "Name the accounts, roles or services that need the topic in Principal, or keep \"*\" " +
				"with a condition such as aws:SourceOwner / aws:SourceAccount (the topic's own account), " +
				"aws:SourceArn or aws:PrincipalOrgID.",
			Types:    []string{snsTopicType, snsTopicPolicyType},
			Resource: checkSNSTopicNotPublic,
		},
	)
}

func checkSNSTopicEncrypted(c *pack.Check, r *pack.Resource) {
	if !textIsSet(r.Get("kmsMasterKeyId")) {
		c.Violatef("SNS topic %s does not encrypt its messages with KMS: set kmsMasterKeyId", r.Name)
	}
}

func checkSNSTopicCustomerManagedKey(c *pack.Check, r *pack.Resource) {
	key := r.Get("kmsMasterKeyId")
	if !textIsSet(key) {
		c.Skip("the topic does not encrypt with KMS (aws-sns-topic-encrypted's finding)")
		return
	}
	if snsAWSManagedKey.MatchString(strings.TrimSpace(key.Text(""))) {
		c.Violatef("SNS topic %s encrypts with the AWS managed key %v, whose policy cannot be changed: use a "+
			"customer managed key", r.Name, key)
	}
}

// snsAWSManagedKey matches the AWS managed SNS key, by alias or alias ARN.
var snsAWSManagedKey = regexp.MustCompile(`^(arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:)?alias/aws/sns$`)

func checkSNSTopicNotPublic(c *pack.Check, r *pack.Resource) {
	if i := iampolicy.FirstPublicStatement(r.Get("policy")); i > 0 {
		c.Violatef("SNS topic policy of %s lets anyone in (statement %d allows every principal, with no condition "+
			"naming a known account, organization, source or network): anyone can publish or subscribe as it "+
			"allows; name the principals or add such a condition", r.Name, i)
	}
}
