package aws

import (
	"fmt"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// CloudWatch Logs rules. aws:cloudwatch/logGroup:LogGroup, retentionInDays, kmsKeyId and
// logGroupClass are the same in pulumi-aws v6 (v6.83.4) and v7 (7.48.0); v7 adds the DELIVERY
// class, whose events stay one day in CloudWatch Logs on their way to S3 or Firehose (retention is
// forced and neither rule applies to it).

var logGroupTypes = []string{"aws:cloudwatch/logGroup:LogGroup"}

func init() { register(logGroupRetention, logGroupKMSEncryption) }

// deliveryLogGroup reports whether a log group is of the DELIVERY class, and skips the check if so.
func deliveryLogGroup(c *pack.Check, r *pack.Resource) bool {
	if strings.EqualFold(r.Get("logGroupClass").Text("STANDARD"), "DELIVERY") {
		c.Skip("DELIVERY log groups only pass events on to S3 or Firehose; retention and encryption are set there")
		return true
	}
	return false
}

type logRetentionSettings struct {
	MinimumDays int `json:"minimumDays"`
}

func (s *logRetentionSettings) Prepare() error {
	if s.MinimumDays <= 1 {
		return pack.TurnsRuleOff("minimumDays", fmt.Sprintf("%d is no more than 1 day, the shortest retention "+
			"CloudWatch Logs offers, so every log group meets it", s.MinimumDays),
			"set the fewest days log groups must keep their events (by default 365)")
	}
	return nil
}

var logGroupRetention = pack.Policy{
	Name:        "aws-cloudwatch-log-group-retention",
	DisplayName: "CloudWatch log groups keep events long enough",
	Description: "Log groups keep their events at least the configured number of days (365 by default). " +
		"Never expiring (retentionInDays unset or 0) is compliant.",
	Severity:  pack.Medium,
	Framework: frameworks.WellArchitected("SEC04-BP01"),
	Tags:      []string{"aws", "cloudwatch", "logging"},
	Remediation: "Set retentionInDays to at least the required number of days (one of 365, 400, 545, 731, " +
		"1096, 1827, 2192, 2557, 2922, 3288, 3653), or 0 to keep events forever.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"minimumDays": pack.Integer("Fewest days a log group must keep its events, more than 1 (the "+
			"shortest retention, which every log group meets). Default 365.", 365, 1),
	}},
	Settings: func() any { return &logRetentionSettings{} },
	Types:    logGroupTypes,
	Resource: func(c *pack.Check, r *pack.Resource) {
		days := r.Get("retentionInDays").Int(0) // unset: events never expire
		minimum := pack.SettingsOf[logRetentionSettings](c).MinimumDays
		if days == 0 || days >= minimum || deliveryLogGroup(c, r) {
			return
		}
		c.Violatef("log group %s keeps its events %s, fewer than %d: set retentionInDays to at least %d "+
			"(or 0 to keep them forever)", r.Name, pack.Count(days, "day"), minimum, minimum)
	},
}

var logGroupKMSEncryption = pack.Policy{
	Name:        "aws-cloudwatch-log-group-kms-encryption",
	DisplayName: "CloudWatch log groups are encrypted with a KMS key",
	Description: "Log groups encrypt their events with a customer managed KMS key (kmsKeyId), so that reading " +
		"them takes kms:Decrypt on the key; without one, CloudWatch Logs encrypts them with a key of its own.",
	Severity:  pack.Low,
	Framework: frameworks.WellArchitected("SEC08-BP01"),
	Tags:      []string{"aws", "cloudwatch", "logging", "encryption"},
	Remediation: "Set kmsKeyId to the ARN of a symmetric KMS key whose key policy lets " +
		"logs.<region>.amazonaws.com use it.",
	Types: logGroupTypes,
	Resource: func(c *pack.Check, r *pack.Resource) {
		if r.Get("kmsKeyId").Text("") != "" || deliveryLogGroup(c, r) {
			return
		}
		c.Violatef("log group %s is not encrypted with a customer managed KMS key: set kmsKeyId", r.Name)
	},
}
