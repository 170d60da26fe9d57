package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestCloudTrailRules(t *testing.T) {
	const trail = "aws:cloudtrail/trail:Trail"
	// A trail that every CloudTrail rule accepts; each case changes one property.
	good := func(prop string, value any) packtest.Props {
		p := packtest.Props{"s3BucketName": "logs", "isMultiRegionTrail": true, "enableLogging": true,
			"enableLogFileValidation": true, "kmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/k",
			"cloudWatchLogsGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:trail:*",
			"cloudWatchLogsRoleArn":  "arn:aws:iam::123456789012:role/trail"}
		if prop != "" {
			p[prop] = value
		}
		return p
	}
	for _, tc := range []struct {
		policy, property string
		bad              any
		message          string
		unsetFails       bool
	}{
		{"aws-cloudtrail-multi-region", "isMultiRegionTrail", false,
			"trail audit records only its own region: set isMultiRegionTrail: true", true},
		{"aws-cloudtrail-logging-enabled", "enableLogging", false,
			"trail audit is paused and records nothing: set enableLogging: true", false},
		{"aws-cloudtrail-log-file-validation", "enableLogFileValidation", false,
			"trail audit does not validate its log files: set enableLogFileValidation: true", true},
		{"aws-cloudtrail-kms-encryption", "kmsKeyId", "",
			"trail audit does not encrypt its log files with a KMS key: set kmsKeyId", true},
		{"aws-cloudtrail-cloudwatch-logs", "cloudWatchLogsGroupArn", "",
			"trail audit does not deliver its events to CloudWatch Logs: set cloudWatchLogsGroupArn", true},
	} {
		t.Run(tc.policy, func(t *testing.T) {
			unset := packtest.Pass
			if tc.unsetFails {
				unset = packtest.Violation
			}
			packtest.Run(t, Policies(), tc.policy, []packtest.Case{
				{Name: "compliant trail", Want: packtest.Pass, Resource: packtest.Resource(trail, "audit", good("", nil))},
				{Name: "bad value", Want: packtest.Violation, Count: 1, Message: tc.message,
					Resource: packtest.Resource(trail, "audit", good(tc.property, tc.bad))},
				{Name: "unset takes the provider default", Want: unset,
					Resource: packtest.Resource(trail, "audit", good(tc.property, nil))},
				{Name: "unknown during preview", Want: packtest.NotApplicable,
					Message:  "value unknown during preview: " + tc.property,
					Resource: packtest.Resource(trail, "audit", good(tc.property, packtest.Unknown))},
				{Name: "other types", Want: packtest.NotApplicable, Message: "other resource types",
					Resource: packtest.Resource("aws:cloudtrail/eventDataStore:EventDataStore", "audit", packtest.Props{})},
			})
		})
	}
}
