package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestNeptuneStorageEncrypted(t *testing.T) {
	cluster := packtest.ResourceCase(neptuneClusterType, "graph")
	global := packtest.ResourceCase(neptuneGlobalClusterType, "world")
	packtest.Run(t, Policies(), "aws-neptune-storage-encrypted", []packtest.Case{
		packtest.Named(cluster(packtest.Props{"engine": "neptune"}), "unset defaults to unencrypted", packtest.Violation,
			"Neptune cluster graph does not encrypt its storage (storageEncrypted is false by default): set "+
				"storageEncrypted: true"),
		packtest.Named(cluster(packtest.Props{"storageEncrypted": false}), "sets false", packtest.Violation,
			"Neptune cluster graph sets storageEncrypted to false"),
		packtest.Named(cluster(packtest.Props{"kmsKeyArn": "arn:aws:kms:us-east-1:111122223333:key/k"}),
			"a KMS key alone does not encrypt", packtest.Violation,
			"(storageEncrypted is false by default, and kmsKeyArn alone does not turn it on)"),
		packtest.Named(cluster(packtest.Props{"storageEncrypted": true}), "encrypted", packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"snapshotIdentifier": "snap-1"}), "snapshot restore follows the snapshot",
			packtest.NotApplicable, "restored from a snapshot"),
		packtest.Named(cluster(packtest.Props{"replicationSourceIdentifier": "arn:aws:rds:eu-west-1:1:cluster:src"}),
			"read replica follows its source", packtest.NotApplicable,
			"a read replica cluster: its encryption follows its source"),
		packtest.Named(cluster(packtest.Props{"globalClusterIdentifier": "world"}), "global cluster member",
			packtest.NotApplicable, "a member of a global cluster"),
		packtest.Named(cluster(packtest.Props{"storageEncrypted": packtest.Unknown}), "unknown storageEncrypted",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"replicationSourceIdentifier": packtest.Unknown}),
			"unknown replicationSourceIdentifier", packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"kmsKeyArn": packtest.Unknown}), "unknown kmsKeyArn",
			packtest.NotApplicable, packtest.UnknownDuringPreview),

		packtest.Named(global(packtest.Props{"engine": "neptune"}), "global cluster unset", packtest.Violation,
			"Neptune global cluster world does not encrypt its storage"),
		packtest.Named(global(packtest.Props{"storageEncrypted": true}), "encrypted global cluster", packtest.Pass, ""),
		packtest.Named(global(packtest.Props{"sourceDbClusterIdentifier": "arn:aws:rds:us-east-1:1:cluster:graph"}),
			"global cluster made from a cluster", packtest.NotApplicable, "made from an existing cluster"),
	})
}

func TestNeptuneAuditLogs(t *testing.T) {
	cluster := packtest.ResourceCase(neptuneClusterType, "graph")
	packtest.Run(t, Policies(), "aws-neptune-audit-logs", []packtest.Case{
		packtest.Named(cluster(packtest.Props{"engine": "neptune"}), "no exports by default", packtest.Violation,
			"Neptune cluster graph exports no logs to CloudWatch Logs: add \"audit\" to enableCloudwatchLogsExports"),
		packtest.Named(cluster(packtest.Props{"enableCloudwatchLogsExports": []any{"slowquery"}}), "slow queries only",
			packtest.Violation, "Neptune cluster graph exports \"slowquery\" to CloudWatch Logs but not its audit log"),
		packtest.Named(cluster(packtest.Props{"enableCloudwatchLogsExports": []any{"audit"}}), "audit exported",
			packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"enabledCloudwatchLogsExports": []any{"audit"}}),
			"the DocumentDB spelling is not Neptune's", packtest.Violation, "exports no logs"),
		packtest.Named(cluster(packtest.Props{"enableCloudwatchLogsExports": packtest.Unknown}), "unknown list",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
	})
}

func TestNeptuneBackupRetention(t *testing.T) {
	cluster := packtest.ResourceCase(neptuneClusterType, "graph")
	packtest.Run(t, Policies(), "aws-neptune-backup-retention", []packtest.Case{
		packtest.Named(cluster(packtest.Props{"engine": "neptune"}), "default of one day", packtest.Violation,
			"Neptune cluster graph keeps automated backups for 1 day (backupRetentionPeriod is unset): set "+
				"backupRetentionPeriod to at least 7"),
		packtest.Named(cluster(packtest.Props{"backupRetentionPeriod": 3}), "too few days", packtest.Violation,
			"Neptune cluster graph keeps automated backups for 3 days: set backupRetentionPeriod to at least 7"),
		packtest.Named(cluster(packtest.Props{"backupRetentionPeriod": 7}), "a week", packtest.Pass, ""),
		packtest.Configured(packtest.Named(cluster(packtest.Props{"backupRetentionPeriod": 10}), "configured minimum",
			packtest.Violation, "set backupRetentionPeriod to at least 30"), map[string]any{"minimumDays": 30}),
		packtest.Named(cluster(packtest.Props{"backupRetentionPeriod": packtest.Unknown}), "unknown period",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
	})
}

func TestNeptuneIAMAuthentication(t *testing.T) {
	cluster := packtest.ResourceCase(neptuneClusterType, "graph")
	packtest.Run(t, Policies(), "aws-neptune-iam-authentication", []packtest.Case{
		packtest.Named(cluster(packtest.Props{"engine": "neptune"}), "unset defaults to off", packtest.Violation,
			"Neptune cluster graph does not turn on IAM database authentication (iamDatabaseAuthenticationEnabled "+
				"is false by default): any client that reaches its endpoint can query and change the graph; set "+
				"iamDatabaseAuthenticationEnabled: true"),
		packtest.Named(cluster(packtest.Props{"iamDatabaseAuthenticationEnabled": false}), "turned off", packtest.Violation,
			"Neptune cluster graph sets iamDatabaseAuthenticationEnabled to false"),
		packtest.Named(cluster(packtest.Props{"iamDatabaseAuthenticationEnabled": true}), "turned on", packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"iamDatabaseAuthenticationEnabled": packtest.Unknown}), "unknown",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
	})
}

func TestNeptuneInstanceNotPublic(t *testing.T) {
	packtest.Run(t, Policies(), "aws-neptune-instance-not-public", []packtest.Case{
		{Name: "public", Want: packtest.Violation, Message: "Neptune instance db1 has publiclyAccessible true",
			Resource: packtest.Resource(neptuneInstanceType, "db1", packtest.Props{"publiclyAccessible": true})},
		{Name: "private", Want: packtest.Pass,
			Resource: packtest.Resource(neptuneInstanceType, "db1", packtest.Props{"publiclyAccessible": false})},
		{Name: "unset is private", Want: packtest.Pass, Resource: packtest.Resource(neptuneInstanceType, "db1", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: publiclyAccessible",
			Resource: packtest.Resource(neptuneInstanceType, "db1", packtest.Props{"publiclyAccessible": packtest.Unknown})},
	})
}
