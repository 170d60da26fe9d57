package aws

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// AWS AppSync rules. The type token and logConfig.fieldLogLevel are the same in pulumi-aws v6
// (v6.83.4) and v7; logConfig is one object (Get would read a one-element list alike).
const appSyncGraphQLAPIType = "aws:appsync/graphQLApi:GraphQLApi"

func init() {
	register(pack.Policy{
		Name:        "aws-appsync-field-logging",
		DisplayName: "AppSync GraphQL APIs log field resolvers",
		Description: "AppSync GraphQL APIs send field-level logs to CloudWatch Logs: logConfig is set with a " +
			"fieldLogLevel other than NONE (ERROR, INFO, DEBUG or ALL). Without logConfig, AppSync logs nothing.",
		Severity:  pack.Medium,
		Framework: frameworks.FSBP("AppSync.2"),
		Tags:      []string{"aws", "appsync", "logging"},
		Remediation: "Set logConfig: { fieldLogLevel: \"ERROR\" (or \"ALL\"), cloudwatchLogsRoleArn } with a role " +
			"that AppSync may assume to write to CloudWatch Logs (the AWSAppSyncPushToCloudWatchLogs managed " +
			"policy); set excludeVerboseContent: true to keep headers and resolver context out of the logs.",
		Types: []string{appSyncGraphQLAPIType},
		Resource: func(c *pack.Check, r *pack.Resource) {
			level := r.Get("logConfig", "fieldLogLevel")
			switch {
			case !r.Get("logConfig").Exists():
				c.Violatef("AppSync GraphQL API %s has no logConfig, so it logs nothing: set logConfig: { "+
					"fieldLogLevel: \"ERROR\", cloudwatchLogsRoleArn }", r.Name)
			case !level.Exists():
				c.Violatef("AppSync GraphQL API %s sets no logConfig.fieldLogLevel, so it logs no field resolvers: "+
					"set fieldLogLevel to \"ERROR\" or \"ALL\"", r.Name)
			case netTextIs(level, "", "NONE"):
				c.Violatef("AppSync GraphQL API %s has logConfig.fieldLogLevel %v, so it logs no field resolvers: set "+
					"fieldLogLevel to \"ERROR\" or \"ALL\"", r.Name, level)
			}
		},
	})
}
