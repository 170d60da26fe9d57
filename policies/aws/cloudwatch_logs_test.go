package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

const logGroupType = "aws:cloudwatch/logGroup:LogGroup"

func TestLogGroupRetention(t *testing.T) {
	packtest.Run(t, Policies(), "aws-cloudwatch-log-group-retention", []packtest.Case{
		{Name: "30 days", Want: packtest.Violation,
			Message:  "log group app keeps its events 30 days, fewer than 365: set retentionInDays to at least 365",
			Resource: packtest.Resource(logGroupType, "app", packtest.Props{"retentionInDays": 30})},
		{Name: "one day, in the singular", Want: packtest.Violation,
			Message:  "log group app keeps its events 1 day, fewer than 365",
			Resource: packtest.Resource(logGroupType, "app", packtest.Props{"retentionInDays": 1})},
		{Name: "a year", Want: packtest.Pass,
			Resource: packtest.Resource(logGroupType, "app", packtest.Props{"retentionInDays": 365})},
		{Name: "ten years", Want: packtest.Pass,
			Resource: packtest.Resource(logGroupType, "app", packtest.Props{"retentionInDays": 3653})},
		{Name: "0 never expires", Want: packtest.Pass,
			Resource: packtest.Resource(logGroupType, "app", packtest.Props{"retentionInDays": 0})},
		{Name: "unset never expires", Want: packtest.Pass,
			Resource: packtest.Resource(logGroupType, "app", packtest.Props{})},
		{Name: "setting lowers the minimum", Want: packtest.Pass, Config: map[string]any{"minimumDays": 30},
			Resource: packtest.Resource(logGroupType, "app", packtest.Props{"retentionInDays": 30})},
		{Name: "setting raises the minimum", Want: packtest.Violation, Config: map[string]any{"minimumDays": 731},
			Message:  "fewer than 731",
			Resource: packtest.Resource(logGroupType, "app", packtest.Props{"retentionInDays": 365})},
		{Name: "infrequent access class is judged", Want: packtest.Violation,
			Resource: packtest.Resource(logGroupType, "app", packtest.Props{"retentionInDays": 7, "logGroupClass": "INFREQUENT_ACCESS"})},
		{Name: "delivery class (v7) is not judged", Want: packtest.NotApplicable, Message: "DELIVERY log groups",
			Resource: packtest.Resource(logGroupType, "app", packtest.Props{"retentionInDays": 1, "logGroupClass": "DELIVERY"})},
		{Name: "retention unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: retentionInDays",
			Resource: packtest.Resource(logGroupType, "app", packtest.Props{"retentionInDays": packtest.Unknown})},
		{Name: "class unknown with short retention", Want: packtest.NotApplicable, Message: "value unknown during preview: logGroupClass",
			Resource: packtest.Resource(logGroupType, "app", packtest.Props{"retentionInDays": 7, "logGroupClass": packtest.Unknown})},
	})
}

func TestLogGroupKMSEncryption(t *testing.T) {
	packtest.Run(t, Policies(), "aws-cloudwatch-log-group-kms-encryption", []packtest.Case{
		{Name: "no key", Want: packtest.Violation,
			Message:  "log group app is not encrypted with a customer managed KMS key: set kmsKeyId",
			Resource: packtest.Resource(logGroupType, "app", packtest.Props{})},
		{Name: "key set", Want: packtest.Pass,
			Resource: packtest.Resource(logGroupType, "app", packtest.Props{"kmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/k"})},
		{Name: "delivery class (v7) is not judged", Want: packtest.NotApplicable, Message: "DELIVERY log groups",
			Resource: packtest.Resource(logGroupType, "app", packtest.Props{"logGroupClass": "DELIVERY"})},
		{Name: "key unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: kmsKeyId",
			Resource: packtest.Resource(logGroupType, "app", packtest.Props{"kmsKeyId": packtest.Unknown})},
		{Name: "class unknown without a key", Want: packtest.NotApplicable, Message: "value unknown during preview: logGroupClass",
			Resource: packtest.Resource(logGroupType, "app", packtest.Props{"logGroupClass": packtest.Unknown})},
	})
}
