package aws

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// Amazon DocumentDB (with MongoDB compatibility) rules. pulumi-aws v6 and v7 share these tokens and
// the inputs the rules read. Elastic clusters (aws.docdb.ElasticCluster) are always encrypted and
// have no backup retention or log exports of this kind, so they are not judged.

const (
	docDBClusterType       = "aws:docdb/cluster:Cluster"
	docDBGlobalClusterType = "aws:docdb/globalCluster:GlobalCluster"
)

func init() {
	register(docDBStorageEncrypted, docDBBackupRetention, docDBAuditLogs, docDBDeletionProtection)
}

var docDBStorageEncrypted = pack.Policy{
	Name:        "aws-docdb-storage-encrypted",
	DisplayName: "DocumentDB storage is encrypted",
	Description: "DocumentDB clusters and global clusters encrypt their storage at rest (storageEncrypted, false " +
		"by default). Clusters restored from a snapshot or to a point in time, members of a global cluster and " +
		"global clusters made from an existing cluster take their encryption from their source, so they are " +
		"judged only when they set storageEncrypted to false.",
	Severity:  pack.High,
	Framework: frameworks.FSBP("DocumentDB.1"),
	Tags:      []string{"aws", "docdb", "encryption"},
	Remediation: "Set storageEncrypted: true (and kmsKeyId for a customer managed key). Encryption cannot be " +
		"turned on for an existing cluster: restore a snapshot into a new encrypted cluster and switch over.",
	Types:    []string{docDBClusterType, docDBGlobalClusterType},
	Resource: checkDocDBStorageEncrypted,
}

func checkDocDBStorageEncrypted(c *pack.Check, r *pack.Resource) {
	kind := "DocumentDB cluster"
	if r.Type == docDBGlobalClusterType {
		kind = "DocumentDB global cluster"
	}
	checkDBClusterStorageEncrypted(c, r, kind, r.Get("kmsKeyId"))
}

var docDBBackupRetention = clusterBackupRetention("aws-docdb-backup-retention", "DocumentDB", "docdb",
	"DocumentDB.2", docDBClusterType)

var docDBAuditLogs = pack.Policy{
	Name:        "aws-docdb-audit-logs",
	DisplayName: "DocumentDB publishes its audit log to CloudWatch Logs",
	Description: "DocumentDB clusters export their audit log (\"audit\" in enabledCloudwatchLogsExports, which " +
		"exports nothing when unset) to CloudWatch Logs, where authentication attempts and changes to " +
		"collections, indexes and users are kept and can be alarmed on.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("DocumentDB.4"),
	Tags:      []string{"aws", "docdb", "logging"},
	Remediation: "Add \"audit\" to enabledCloudwatchLogsExports, and set the audit_logs parameter to enabled in " +
		"the cluster's parameter group (an aws.docdb.ClusterParameterGroup named by " +
		"dbClusterParameterGroupName): without it DocumentDB records no audit events to export.",
	Types:    []string{docDBClusterType},
	Resource: checkDocDBAuditLogs,
}

func checkDocDBAuditLogs(c *pack.Check, r *pack.Resource) {
	checkAuditLogExport(c, r, "DocumentDB cluster", r.Get("enabledCloudwatchLogsExports"))
}

var docDBDeletionProtection = pack.Policy{
	Name:        "aws-docdb-deletion-protection",
	DisplayName: "DocumentDB clusters have deletion protection",
	Description: "DocumentDB clusters turn on deletion protection (deletionProtection, false by default), so " +
		"that no delete, by accident or by an unauthorized user, removes the cluster and its automated " +
		"backups. In production stacks the production-protection rule asks for the same.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("DocumentDB.5"),
	Tags:      []string{"aws", "docdb", "resilience"},
	Remediation: "Set deletionProtection: true. To delete the cluster on purpose later, set it to false in one " +
		"update, then delete.",
	Types:    []string{docDBClusterType},
	Resource: checkDocDBDeletionProtection,
}

func checkDocDBDeletionProtection(c *pack.Check, r *pack.Resource) {
	protection := r.Get("deletionProtection")
	if protection.Bool(false) {
		return
	}
	what := "does not turn on deletion protection (deletionProtection is false by default)"
	if protection.Exists() {
		what = "sets deletionProtection to false"
	}
	c.Violatef("DocumentDB cluster %s %s: one delete removes the cluster and its automated backups; set "+
		"deletionProtection: true", r.Name, what)
}
