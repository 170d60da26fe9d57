package aws

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// CloudTrail rules. aws:cloudtrail/trail:Trail and its properties are the same in pulumi-aws v6
// (v6.83.4) and v7 (7.48.0); the defaults quoted are the provider's.

var cloudTrailTypes = []string{"aws:cloudtrail/trail:Trail"}

func init() {
	register(cloudTrailMultiRegion, cloudTrailLoggingEnabled, cloudTrailLogFileValidation,
		cloudTrailKMSEncryption, cloudTrailCloudWatchLogs)
}

// cloudTrailRule completes a trail rule that requires one setting: ok judges the trail, and a
// trail that fails it is reported as "trail <name> <problem>".
func cloudTrailRule(p pack.Policy, ok func(r *pack.Resource) bool, problem string) pack.Policy {
	p.Types = cloudTrailTypes
	p.Resource = func(c *pack.Check, r *pack.Resource) {
		if !ok(r) {
			c.Violatef("trail %s %s", r.Name, problem)
		}
	}
	return p
}

// trailFlag requires a boolean property to be true; def is the provider's default.
func trailFlag(property string, def bool) func(r *pack.Resource) bool {
	return func(r *pack.Resource) bool { return r.Get(property).Bool(def) }
}

// trailSetting requires a string property to be set.
func trailSetting(property string) func(r *pack.Resource) bool {
	return func(r *pack.Resource) bool { return r.Get(property).Text("") != "" }
}

var cloudTrailMultiRegion = cloudTrailRule(pack.Policy{
	Name:        "aws-cloudtrail-multi-region",
	DisplayName: "CloudTrail trails record every region",
	Description: "Trails are multi-region (isMultiRegionTrail), so activity in regions nobody watches is " +
		"recorded too.",
	Severity:    pack.Medium,
	Framework:   frameworks.FSBP("CloudTrail.1"),
	Tags:        []string{"aws", "cloudtrail", "logging", "cis:3.1"},
	Remediation: "Set isMultiRegionTrail: true (the provider defaults to false).",
}, trailFlag("isMultiRegionTrail", false), "records only its own region: set isMultiRegionTrail: true")

var cloudTrailLoggingEnabled = cloudTrailRule(pack.Policy{
	Name:        "aws-cloudtrail-logging-enabled",
	DisplayName: "CloudTrail trails are logging",
	Description: "Trails are not paused (enableLogging: false stops recording API activity).",
	Severity:    pack.Medium,
	Framework:   frameworks.FSBP("CloudTrail.1"),
	Tags:        []string{"aws", "cloudtrail", "logging"},
	Remediation: "Remove enableLogging: false (the provider defaults to true).",
}, trailFlag("enableLogging", true), "is paused and records nothing: set enableLogging: true")

var cloudTrailLogFileValidation = cloudTrailRule(pack.Policy{
	Name:        "aws-cloudtrail-log-file-validation",
	DisplayName: "CloudTrail log file validation is enabled",
	Description: "Trails write digest files (enableLogFileValidation), so that changed or deleted log files " +
		"can be detected.",
	Severity:    pack.Medium,
	Framework:   frameworks.FSBP("CloudTrail.4"),
	Tags:        []string{"aws", "cloudtrail", "logging", "cis:3.2"},
	Remediation: "Set enableLogFileValidation: true (the provider defaults to false).",
}, trailFlag("enableLogFileValidation", false), "does not validate its log files: set enableLogFileValidation: true")

var cloudTrailKMSEncryption = cloudTrailRule(pack.Policy{
	Name:        "aws-cloudtrail-kms-encryption",
	DisplayName: "CloudTrail logs are encrypted with a KMS key",
	Description: "Trails encrypt their log files with a customer managed KMS key (kmsKeyId), so that " +
		"reading them takes kms:Decrypt on the key as well as access to the bucket.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("CloudTrail.2"),
	Tags:      []string{"aws", "cloudtrail", "logging", "encryption", "cis:3.5"},
	Remediation: "Set kmsKeyId to the ARN of a KMS key whose key policy lets cloudtrail.amazonaws.com " +
		"encrypt with it.",
}, trailSetting("kmsKeyId"), "does not encrypt its log files with a KMS key: set kmsKeyId")

var cloudTrailCloudWatchLogs = cloudTrailRule(pack.Policy{
	Name:        "aws-cloudtrail-cloudwatch-logs",
	DisplayName: "CloudTrail trails deliver to CloudWatch Logs",
	Description: "Trails send their events to a CloudWatch Logs group (cloudWatchLogsGroupArn), where " +
		"metric filters and alarms can watch them as they happen.",
	Severity:  pack.Low,
	Framework: frameworks.FSBP("CloudTrail.5"),
	Tags:      []string{"aws", "cloudtrail", "logging", "monitoring"},
	Remediation: "Set cloudWatchLogsGroupArn (the log group's ARN followed by \":*\") and " +
		"cloudWatchLogsRoleArn (a role CloudTrail can assume to write to it).",
}, trailSetting("cloudWatchLogsGroupArn"), "does not deliver its events to CloudWatch Logs: set cloudWatchLogsGroupArn and cloudWatchLogsRoleArn")
