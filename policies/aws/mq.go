package aws

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// Amazon MQ rules. The type token and the properties (publiclyAccessible, engineType,
// logs.{general,audit}, encryptionOptions.{useAwsOwnedKey,kmsKeyId}) are the same in pulumi-aws v6
// (v6.83) and v7 (7.48); logs and encryptionOptions are single objects in both.

const mqBrokerType = "aws:mq/broker:Broker"

func init() { register(mqBrokerNotPublic, mqBrokerLogging, mqBrokerCustomerManagedKey) }

var mqBrokerNotPublic = pack.Policy{
	Name:        "aws-mq-broker-not-public",
	DisplayName: "Amazon MQ brokers are not publicly accessible",
	Description: "Amazon MQ brokers do not accept connections from outside their VPC (publiclyAccessible, false " +
		"by default): a public broker's endpoints and web console are reachable from the internet, guarded " +
		"only by its users' passwords.",
	Severity:  pack.High,
	Framework: frameworks.WellArchitected("SEC05-BP01"),
	Tags:      []string{"aws", "mq", "network", "public-access"},
	Remediation: "Set publiclyAccessible: false with subnetIds and securityGroups in private subnets; reach " +
		"the broker from inside the VPC (peering, a VPN, or a load balancer you control). The setting cannot be " +
		"changed on an existing broker: create a new one.",
	Types:    []string{mqBrokerType},
	Resource: checkMQBrokerNotPublic,
}

func checkMQBrokerNotPublic(c *pack.Check, r *pack.Resource) {
	if r.Get("publiclyAccessible").Bool(false) {
		c.Violatef("Amazon MQ broker %s has publiclyAccessible true: its endpoints and console are reachable from "+
			"the internet; set publiclyAccessible: false and reach it from inside its VPC", r.Name)
	}
}

var mqBrokerLogging = pack.Policy{
	Name:        "aws-mq-broker-logging",
	DisplayName: "Amazon MQ brokers send their logs to CloudWatch Logs",
	Description: "Amazon MQ brokers publish their general log (logs.general) and, for ActiveMQ, their audit log " +
		"of management actions (logs.audit) to CloudWatch Logs; both are off by default. RabbitMQ brokers have " +
		"no audit log.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("MQ.2"),
	Tags:      []string{"aws", "mq", "logging"},
	Remediation: "Set logs: { general: true, audit: true } (audit on ActiveMQ only), and let the broker write to " +
		"CloudWatch Logs (a resource policy for mq.amazonaws.com on /aws/amazonmq/*).",
	Types:    []string{mqBrokerType},
	Resource: checkMQBrokerLogging,
}

func checkMQBrokerLogging(c *pack.Check, r *pack.Resource) {
	activeMQ := strings.EqualFold(r.Get("engineType").Text(""), "ActiveMQ")
	var missing []string
	if activeMQ && !r.Get("logs", "audit").Bool(false) {
		missing = append(missing, "logs.audit (who changed queues, topics and users)")
	}
	if !r.Get("logs", "general").Bool(false) {
		missing = append(missing, "logs.general")
	}
	if len(missing) > 0 {
		c.Violatef("Amazon MQ broker %s does not publish %s to CloudWatch Logs: set them to true", r.Name,
			strings.Join(missing, " or "))
	}
}

var mqBrokerCustomerManagedKey = pack.Policy{
	Name:        "aws-mq-broker-kms-key",
	DisplayName: "Amazon MQ ActiveMQ brokers encrypt with a KMS key of the account",
	Description: "Amazon MQ for ActiveMQ brokers encrypt their data at rest with a KMS key of the account (an AWS " +
		"managed aws/mq key or a customer managed key), whose use CloudTrail records and key policies control, " +
		"rather than with the AWS owned key the broker uses by default (encryptionOptions.useAwsOwnedKey true). " +
		"RabbitMQ brokers support only AWS owned keys and are not judged.",
	Severity:  pack.Low,
	Framework: frameworks.WellArchitected("SEC08-BP01"),
	Tags:      []string{"aws", "mq", "encryption", "kms"},
	Remediation: "Set encryptionOptions: { useAwsOwnedKey: false, kmsKeyId: <key ARN> }. The key cannot be " +
		"changed on an existing broker: create a new one.",
	Types:    []string{mqBrokerType},
	Resource: checkMQBrokerCustomerManagedKey,
}

func checkMQBrokerCustomerManagedKey(c *pack.Check, r *pack.Resource) {
	if !strings.EqualFold(r.Get("engineType").Text(""), "ActiveMQ") {
		c.Skip("only ActiveMQ brokers can use a KMS key of the account")
		return
	}
	if r.Get("encryptionOptions", "useAwsOwnedKey").Bool(true) {
		c.Violatef("Amazon MQ broker %s encrypts with an AWS owned key (encryptionOptions.useAwsOwnedKey is true "+
			"or unset), whose use the account cannot see or control: set useAwsOwnedKey: false and kmsKeyId", r.Name)
	}
}
