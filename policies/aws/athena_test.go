package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestAthenaWorkgroupEncrypted(t *testing.T) {
	encrypted := map[string]any{"encryptionConfiguration": map[string]any{"encryptionOption": "SSE_KMS", "kmsKeyArn": "arn:aws:kms:us-east-1:1:key/k"}}
	workgroup := func(cfg map[string]any) packtest.Props { return packtest.Props{"name": "wg", "configuration": cfg} }
	packtest.Run(t, Policies(), "aws-athena-workgroup-encrypted", []packtest.Case{
		{Name: "no configuration", Want: packtest.Violation, Message: "Athena workgroup wg does not encrypt its query results",
			Resource: packtest.Resource(athenaWorkgroupType, "wg", packtest.Props{"name": "wg"})},
		{Name: "result location without encryption", Want: packtest.Violation, Count: 1,
			Resource: packtest.Resource(athenaWorkgroupType, "wg", workgroup(map[string]any{
				"resultConfiguration": map[string]any{"outputLocation": "s3://results/"}}))},
		{Name: "encrypted", Want: packtest.Pass,
			Resource: packtest.Resource(athenaWorkgroupType, "wg", workgroup(map[string]any{"resultConfiguration": encrypted}))},
		{Name: "encrypted but not enforced", Want: packtest.Violation, Count: 1, Message: "enforceWorkgroupConfiguration false",
			Resource: packtest.Resource(athenaWorkgroupType, "wg", workgroup(map[string]any{
				"resultConfiguration": encrypted, "enforceWorkgroupConfiguration": false}))},
		{Name: "v7 managed query results", Want: packtest.Pass,
			Resource: packtest.Resource(athenaWorkgroupType, "wg", workgroup(map[string]any{
				"managedQueryResultsConfiguration": map[string]any{"enabled": true}}))},
		{Name: "unknown managed query results", Want: packtest.NotApplicable, Message: "managedQueryResultsConfiguration.enabled",
			Resource: packtest.Resource(athenaWorkgroupType, "wg", workgroup(map[string]any{
				"managedQueryResultsConfiguration": map[string]any{"enabled": packtest.Unknown}}))},
		{Name: "unknown option", Want: packtest.NotApplicable, Message: "encryptionConfiguration.encryptionOption",
			Resource: packtest.Resource(athenaWorkgroupType, "wg", workgroup(map[string]any{"resultConfiguration": map[string]any{
				"encryptionConfiguration": map[string]any{"encryptionOption": packtest.Unknown}}}))},
		{Name: "unknown enforcement", Want: packtest.NotApplicable, Message: "enforceWorkgroupConfiguration",
			Resource: packtest.Resource(athenaWorkgroupType, "wg", workgroup(map[string]any{
				"resultConfiguration": encrypted, "enforceWorkgroupConfiguration": packtest.Unknown}))},
	})
}
