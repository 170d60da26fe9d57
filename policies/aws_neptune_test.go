package policies

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestNeptuneStorageEncrypted(t *testing.T) {
	cluster := resourceCase(neptuneClusterType, "graph")
	global := resourceCase(neptuneGlobalClusterType, "world")
	packtest.Run(t, All(), "aws-neptune-storage-encrypted", []packtest.Case{
		named(cluster(packtest.Props{"engine": "neptune"}), "unset defaults to unencrypted", packtest.Violation,
			"Neptune cluster graph does not encrypt its storage (storageEncrypted is false by default): set "+
				"storageEncrypted: true"),
		named(cluster(packtest.Props{"storageEncrypted": false}), "sets false", packtest.Violation,
			"Neptune cluster graph sets storageEncrypted to false"),
		named(cluster(packtest.Props{"kmsKeyArn": "arn:aws:kms:us-east-1:111122223333:key/k"}),
			"a KMS key alone does not encrypt", packtest.Violation,
			"(storageEncrypted is false by default, and kmsKeyArn alone does not turn it on)"),
		named(cluster(packtest.Props{"storageEncrypted": true}), "encrypted", packtest.Pass, ""),
		named(cluster(packtest.Props{"snapshotIdentifier": "snap-1"}), "snapshot restore follows the snapshot",
			packtest.NotApplicable, "restored from a snapshot"),
		named(cluster(packtest.Props{"replicationSourceIdentifier": "arn:aws:rds:eu-west-1:1:cluster:src"}),
			"read replica follows its source", packtest.NotApplicable,
			"a read replica cluster: its encryption follows its source"),
		named(cluster(packtest.Props{"globalClusterIdentifier": "world"}), "global cluster member",
			packtest.NotApplicable, "a member of a global cluster"),
		named(cluster(packtest.Props{"storageEncrypted": packtest.Unknown}), "unknown storageEncrypted",
			packtest.NotApplicable, unknownDuringPreview),
		named(cluster(packtest.Props{"replicationSourceIdentifier": packtest.Unknown}),
			"unknown replicationSourceIdentifier", packtest.NotApplicable, unknownDuringPreview),
		named(cluster(packtest.Props{"kmsKeyArn": packtest.Unknown}), "unknown kmsKeyArn",
			packtest.NotApplicable, unknownDuringPreview),

		named(global(packtest.Props{"engine": "neptune"}), "global cluster unset", packtest.Violation,
			"Neptune global cluster world does not encrypt its storage"),
		named(global(packtest.Props{"storageEncrypted": true}), "encrypted global cluster", packtest.Pass, ""),
		named(global(packtest.Props{"sourceDbClusterIdentifier": "arn:aws:rds:us-east-1:1:cluster:graph"}),
			"global cluster made from a cluster", packtest.NotApplicable, "made from an existing cluster"),
	})
}

func TestNeptuneAuditLogs(t *testing.T) {
	cluster := resourceCase(neptuneClusterType, "graph")
	packtest.Run(t, All(), "aws-neptune-audit-logs", []packtest.Case{
		named(cluster(packtest.Props{"engine": "neptune"}), "no exports by default", packtest.Violation,
			"Neptune cluster graph exports no logs to CloudWatch Logs: add \"audit\" to enableCloudwatchLogsExports"),
		named(cluster(packtest.Props{"enableCloudwatchLogsExports": []any{"slowquery"}}), "slow queries only",
			packtest.Violation, "Neptune cluster graph exports \"slowquery\" to CloudWatch Logs but not its audit log"),
		named(cluster(packtest.Props{"enableCloudwatchLogsExports": []any{"audit"}}), "audit exported",
			packtest.Pass, ""),
		named(cluster(packtest.Props{"enabledCloudwatchLogsExports": []any{"audit"}}),
			"the DocumentDB spelling is not Neptune's", packtest.Violation, "exports no logs"),
		named(cluster(packtest.Props{"enableCloudwatchLogsExports": packtest.Unknown}), "unknown list",
			packtest.NotApplicable, unknownDuringPreview),
	})
}

func TestNeptuneBackupRetention(t *testing.T) {
	cluster := resourceCase(neptuneClusterType, "graph")
	packtest.Run(t, All(), "aws-neptune-backup-retention", []packtest.Case{
		named(cluster(packtest.Props{"engine": "neptune"}), "default of one day", packtest.Violation,
			"Neptune cluster graph keeps automated backups for 1 day (backupRetentionPeriod is unset): set "+
				"backupRetentionPeriod to at least 7"),
		named(cluster(packtest.Props{"backupRetentionPeriod": 3}), "too few days", packtest.Violation,
			"Neptune cluster graph keeps automated backups for 3 days: set backupRetentionPeriod to at least 7"),
		named(cluster(packtest.Props{"backupRetentionPeriod": 7}), "a week", packtest.Pass, ""),
		configure(named(cluster(packtest.Props{"backupRetentionPeriod": 10}), "configured minimum",
			packtest.Violation, "set backupRetentionPeriod to at least 30"), map[string]any{"minimumDays": 30}),
		named(cluster(packtest.Props{"backupRetentionPeriod": packtest.Unknown}), "unknown period",
			packtest.NotApplicable, unknownDuringPreview),
	})
}

func TestNeptuneIAMAuthentication(t *testing.T) {
	cluster := resourceCase(neptuneClusterType, "graph")
	packtest.Run(t, All(), "aws-neptune-iam-authentication", []packtest.Case{
		named(cluster(packtest.Props{"engine": "neptune"}), "unset defaults to off", packtest.Violation,
			"Neptune cluster graph does not turn on IAM database authentication (iamDatabaseAuthenticationEnabled "+
				"is false by default): any client that reaches its endpoint can query and change the graph; set "+
				"iamDatabaseAuthenticationEnabled: true"),
		named(cluster(packtest.Props{"iamDatabaseAuthenticationEnabled": false}), "turned off", packtest.Violation,
			"Neptune cluster graph sets iamDatabaseAuthenticationEnabled to false"),
		named(cluster(packtest.Props{"iamDatabaseAuthenticationEnabled": true}), "turned on", packtest.Pass, ""),
		named(cluster(packtest.Props{"iamDatabaseAuthenticationEnabled": packtest.Unknown}), "unknown",
			packtest.NotApplicable, unknownDuringPreview),
	})
}

func TestNeptuneInstanceNotPublic(t *testing.T) {
	packtest.Run(t, All(), "aws-neptune-instance-not-public", []packtest.Case{
		{Name: "public", Want: packtest.Violation, Message: "Neptune instance db1 has publiclyAccessible true",
			Resource: packtest.Resource(neptuneInstanceType, "db1", packtest.Props{"publiclyAccessible": true})},
		{Name: "private", Want: packtest.Pass,
			Resource: packtest.Resource(neptuneInstanceType, "db1", packtest.Props{"publiclyAccessible": false})},
		{Name: "unset is private", Want: packtest.Pass, Resource: packtest.Resource(neptuneInstanceType, "db1", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: publiclyAccessible",
			Resource: packtest.Resource(neptuneInstanceType, "db1", packtest.Props{"publiclyAccessible": packtest.Unknown})},
	})
}
