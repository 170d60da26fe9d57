package aws

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// Amazon Athena rules. The token and configuration.resultConfiguration.encryptionConfiguration are
// the same in pulumi-aws v6 (v6.83) and v7 (7.48); v7 adds managedQueryResultsConfiguration
// (results kept by Athena, always encrypted). The configuration blocks are single objects.

const athenaWorkgroupType = "aws:athena/workgroup:Workgroup"

func init() { register(athenaWorkgroupEncrypted) }

var athenaWorkgroupEncrypted = pack.Policy{
	Name:        "aws-athena-workgroup-encrypted",
	DisplayName: "Athena workgroups encrypt query results and enforce it",
	Description: "Athena workgroups encrypt the query results they write to S3 " +
		"(configuration.resultConfiguration.encryptionConfiguration.encryptionOption SSE_S3, SSE_KMS or CSE_KMS), " +
		"or keep results managed by Athena (managedQueryResultsConfiguration.enabled, pulumi-aws v7), and enforce " +
		"the workgroup's settings over the clients' (configuration.enforceWorkgroupConfiguration, true by " +
		"default). Without them, results take whatever the client and the output bucket choose.",
	Severity:  pack.Medium,
	Framework: frameworks.WellArchitected("SEC08-BP02"),
	Tags:      []string{"aws", "athena", "encryption"},
	Remediation: "Set configuration: { resultConfiguration: { encryptionConfiguration: { encryptionOption: " +
		"\"SSE_KMS\", kmsKeyArn } } } and leave enforceWorkgroupConfiguration true.",
	Types:    []string{athenaWorkgroupType},
	Resource: checkAthenaWorkgroupEncrypted,
}

func checkAthenaWorkgroupEncrypted(c *pack.Check, r *pack.Resource) {
	cfg := r.Get("configuration")
	if !cfg.Get("enforceWorkgroupConfiguration").Bool(true) {
		c.Violatef("Athena workgroup %s has configuration.enforceWorkgroupConfiguration false: clients choose "+
			"whether their query results are encrypted; set it to true", r.Name)
	}
	if cfg.Get("managedQueryResultsConfiguration", "enabled").Bool(false) {
		return
	}
	if !textIsSet(cfg.Get("resultConfiguration", "encryptionConfiguration", "encryptionOption")) {
		c.Violatef("Athena workgroup %s does not encrypt its query results: set configuration.resultConfiguration."+
			"encryptionConfiguration.encryptionOption (SSE_KMS with kmsKeyArn, or SSE_S3)", r.Name)
	}
}
