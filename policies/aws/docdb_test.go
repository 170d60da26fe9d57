package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestDocDBStorageEncrypted(t *testing.T) {
	cluster := packtest.ResourceCase(docDBClusterType, "docs")
	global := packtest.ResourceCase(docDBGlobalClusterType, "world")
	packtest.Run(t, Policies(), "aws-docdb-storage-encrypted", []packtest.Case{
		packtest.Named(cluster(packtest.Props{"engine": "docdb"}), "unset defaults to unencrypted", packtest.Violation,
			"DocumentDB cluster docs does not encrypt its storage (storageEncrypted is false by default): set "+
				"storageEncrypted: true"),
		packtest.Named(cluster(packtest.Props{"storageEncrypted": false}), "sets false", packtest.Violation,
			"DocumentDB cluster docs sets storageEncrypted to false: its storage, backups and snapshots are not "+
				"encrypted; set storageEncrypted: true"),
		packtest.Named(cluster(packtest.Props{"kmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/k"}),
			"a KMS key alone does not encrypt", packtest.Violation,
			"(storageEncrypted is false by default, and kmsKeyId alone does not turn it on)"),
		packtest.Named(cluster(packtest.Props{"storageEncrypted": true}), "encrypted", packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"storageEncrypted": "true", "kmsKeyId": "arn:aws:kms:us-east-1:1:key/k"}),
			"encrypted with a customer managed key, boolean as string", packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"snapshotIdentifier": "snap-1"}), "snapshot restore follows the snapshot",
			packtest.NotApplicable, "restored from a snapshot: its encryption follows the snapshot"),
		packtest.Named(cluster(packtest.Props{"snapshotIdentifier": "snap-1", "storageEncrypted": false}),
			"snapshot restore that asks for no encryption", packtest.Violation, "sets storageEncrypted to false"),
		packtest.Named(cluster(packtest.Props{"restoreToPointInTime": packtest.Props{"sourceClusterIdentifier": "src"}}),
			"point-in-time restore follows its source", packtest.NotApplicable, "restored to a point in time"),
		packtest.Named(cluster(packtest.Props{"globalClusterIdentifier": "world"}), "global cluster member",
			packtest.NotApplicable, "a member of a global cluster: its encryption follows the global cluster"),
		packtest.Named(cluster(packtest.Props{"storageEncrypted": packtest.Unknown}), "unknown storageEncrypted",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"snapshotIdentifier": packtest.Unknown}), "unknown snapshotIdentifier",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"restoreToPointInTime": packtest.Unknown}), "unknown restoreToPointInTime",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"globalClusterIdentifier": packtest.Unknown}), "unknown globalClusterIdentifier",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"kmsKeyId": packtest.Unknown}), "unknown kmsKeyId",
			packtest.NotApplicable, packtest.UnknownDuringPreview),

		packtest.Named(global(packtest.Props{"engine": "docdb"}), "global cluster unset", packtest.Violation,
			"DocumentDB global cluster world does not encrypt its storage (storageEncrypted is false by default)"),
		packtest.Named(global(packtest.Props{"storageEncrypted": true}), "encrypted global cluster", packtest.Pass, ""),
		packtest.Named(global(packtest.Props{"sourceDbClusterIdentifier": "arn:aws:rds:us-east-1:1:cluster:docs"}),
			"global cluster made from a cluster", packtest.NotApplicable,
			"made from an existing cluster: its encryption follows that cluster"),
		packtest.Named(global(packtest.Props{"sourceDbClusterIdentifier": packtest.Unknown}),
			"unknown sourceDbClusterIdentifier", packtest.NotApplicable, packtest.UnknownDuringPreview),

		{Name: "elastic clusters are always encrypted", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource("aws:docdb/elasticCluster:ElasticCluster", "elastic", packtest.Props{})},
	})
}

func TestDocDBBackupRetention(t *testing.T) {
	cluster := packtest.ResourceCase(docDBClusterType, "docs")
	fourteen := map[string]any{"minimumDays": 14}
	packtest.Run(t, Policies(), "aws-docdb-backup-retention", []packtest.Case{
		packtest.Named(cluster(packtest.Props{"engine": "docdb"}), "default of one day", packtest.Violation,
			"DocumentDB cluster docs keeps automated backups for 1 day (backupRetentionPeriod is unset): set "+
				"backupRetentionPeriod to at least 7"),
		packtest.Named(cluster(packtest.Props{"backupRetentionPeriod": 5}), "too few days", packtest.Violation,
			"DocumentDB cluster docs keeps automated backups for 5 days: set backupRetentionPeriod to at least 7"),
		packtest.Named(cluster(packtest.Props{"backupRetentionPeriod": 7}), "a week", packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"backupRetentionPeriod": "35"}), "numeric string", packtest.Pass, ""),
		packtest.Configured(packtest.Named(cluster(packtest.Props{"backupRetentionPeriod": 7}), "configured minimum",
			packtest.Violation, "keeps automated backups for 7 days: set backupRetentionPeriod to at least 14"),
			fourteen),
		packtest.Configured(packtest.Named(cluster(packtest.Props{"backupRetentionPeriod": 14}), "configured minimum met",
			packtest.Pass, ""), fourteen),
		packtest.Named(cluster(packtest.Props{"backupRetentionPeriod": packtest.Unknown}), "unknown period",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
	})
}

func TestDocDBAuditLogs(t *testing.T) {
	cluster := packtest.ResourceCase(docDBClusterType, "docs")
	packtest.Run(t, Policies(), "aws-docdb-audit-logs", []packtest.Case{
		packtest.Named(cluster(packtest.Props{"engine": "docdb"}), "no exports by default", packtest.Violation,
			"DocumentDB cluster docs exports no logs to CloudWatch Logs: add \"audit\" to enabledCloudwatchLogsExports"),
		packtest.Named(cluster(packtest.Props{"enabledCloudwatchLogsExports": []any{"profiler"}}), "profiler only",
			packtest.Violation, "DocumentDB cluster docs exports \"profiler\" to CloudWatch Logs but not its audit "+
				"log: add \"audit\" to enabledCloudwatchLogsExports"),
		packtest.Named(cluster(packtest.Props{"enabledCloudwatchLogsExports": []any{}}), "empty list", packtest.Violation,
			"exports no logs"),
		packtest.Named(cluster(packtest.Props{"enabledCloudwatchLogsExports": []any{"audit", "profiler"}}), "audit exported",
			packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"enabledCloudwatchLogsExports": []any{"Audit"}}), "any case", packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"enabledCloudwatchLogsExports": packtest.Unknown}), "unknown list",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"enabledCloudwatchLogsExports": []any{"profiler", packtest.Unknown}}),
			"unknown entry may be audit", packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"enabledCloudwatchLogsExports": []any{packtest.Unknown, "audit"}}),
			"a known audit entry decides", packtest.Pass, ""),
	})
}

func TestDocDBDeletionProtection(t *testing.T) {
	cluster := packtest.ResourceCase(docDBClusterType, "docs")
	packtest.Run(t, Policies(), "aws-docdb-deletion-protection", []packtest.Case{
		packtest.Named(cluster(packtest.Props{"engine": "docdb"}), "unset defaults to off", packtest.Violation,
			"DocumentDB cluster docs does not turn on deletion protection (deletionProtection is false by default): "+
				"one delete removes the cluster and its automated backups; set deletionProtection: true"),
		packtest.Named(cluster(packtest.Props{"deletionProtection": false}), "turned off", packtest.Violation,
			"DocumentDB cluster docs sets deletionProtection to false"),
		packtest.Named(cluster(packtest.Props{"deletionProtection": true}), "protected", packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"deletionProtection": packtest.Unknown}), "unknown", packtest.NotApplicable,
			packtest.UnknownDuringPreview),
	})
}
