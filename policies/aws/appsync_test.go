package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestAppSyncFieldLogging(t *testing.T) {
	api := func(logConfig any) packtest.Props {
		props := packtest.Props{"authenticationType": "AWS_IAM", "name": "orders"}
		if logConfig != nil {
			props["logConfig"] = logConfig
		}
		return props
	}
	logConfig := func(level any) map[string]any {
		return map[string]any{"fieldLogLevel": level, "cloudwatchLogsRoleArn": "arn:aws:iam::111122223333:role/appsync"}
	}
	packtest.Run(t, Policies(), "aws-appsync-field-logging", []packtest.Case{
		{Name: "no log config", Want: packtest.Violation,
			Message:  "AppSync GraphQL API orders has no logConfig, so it logs nothing",
			Resource: packtest.Resource(appSyncGraphQLAPIType, "orders", api(nil))},
		{Name: "field logging NONE", Want: packtest.Violation,
			Message:  "AppSync GraphQL API orders has logConfig.fieldLogLevel \"NONE\"",
			Resource: packtest.Resource(appSyncGraphQLAPIType, "orders", api(logConfig("NONE")))},
		{Name: "field logging ERROR", Want: packtest.Pass,
			Resource: packtest.Resource(appSyncGraphQLAPIType, "orders", api(logConfig("ERROR")))},
		{Name: "field logging ALL, as a one-element list", Want: packtest.Pass,
			Resource: packtest.Resource(appSyncGraphQLAPIType, "orders", api([]any{logConfig("ALL")}))},
		{Name: "unknown level", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(appSyncGraphQLAPIType, "orders", api(logConfig(packtest.Unknown)))},
		{Name: "unknown log config", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(appSyncGraphQLAPIType, "orders", api(packtest.Unknown))},
	})
}
