package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/stretchr/testify/require"
)

func TestRDSStorageEncrypted(t *testing.T) {
	instance := packtest.ResourceCase(rdsInstanceType, "db")
	cluster := packtest.ResourceCase(rdsClusterType, "aurora")
	packtest.Run(t, Policies(), "aws-rds-storage-encrypted", []packtest.Case{
		packtest.Named(instance(packtest.Props{"storageEncrypted": false}), "instance sets false", packtest.Violation,
			"RDS instance db sets storageEncrypted to false"),
		packtest.Named(instance(packtest.Props{"engine": "postgres"}), "instance unset defaults to unencrypted",
			packtest.Violation, "set storageEncrypted: true"),
		packtest.Named(instance(packtest.Props{"storageEncrypted": true}), "instance encrypted", packtest.Pass, ""),
		packtest.Named(instance(packtest.Props{"storageEncrypted": "true"}), "nullable boolean as string", packtest.Pass, ""),
		packtest.Named(instance(packtest.Props{"kmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/k"}),
			"instance with a KMS key", packtest.Pass, ""),
		packtest.Named(instance(packtest.Props{"storageEncrypted": false, "kmsKeyId": "arn:aws:kms:us-east-1:1:key/k"}),
			"instance with a KMS key but storageEncrypted false", packtest.Violation, "sets storageEncrypted to false"),
		packtest.Named(instance(packtest.Props{"replicateSourceDb": "source-db"}), "read replica follows its source",
			packtest.NotApplicable, "read replica"),
		packtest.Named(instance(packtest.Props{"replicateSourceDb": "source-db", "storageEncrypted": false}),
			"read replica ignores storageEncrypted", packtest.NotApplicable, "read replica"),
		packtest.Named(instance(packtest.Props{"replicateSourceDb": "arn:aws:rds:eu-west-1:1:db:src", "kmsKeyId": "k"}),
			"cross-region encrypted replica", packtest.Pass, ""),
		packtest.Named(instance(packtest.Props{"snapshotIdentifier": "snap-1"}), "snapshot restore follows the snapshot",
			packtest.NotApplicable, "snapshot"),
		packtest.Named(instance(packtest.Props{"restoreToPointInTime": packtest.Props{"sourceDbInstanceIdentifier": "src"}}),
			"point-in-time restore follows its source", packtest.NotApplicable, "point in time"),
		packtest.Named(instance(packtest.Props{"storageEncrypted": packtest.Unknown}), "unknown storageEncrypted",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(instance(packtest.Props{"kmsKeyId": packtest.Unknown}), "unknown kmsKeyId",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(instance(packtest.Props{"replicateSourceDb": packtest.Unknown}), "unknown replicateSourceDb",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(instance(packtest.Props{"snapshotIdentifier": packtest.Unknown}), "unknown snapshotIdentifier",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(instance(packtest.Props{"restoreToPointInTime": packtest.Unknown}), "unknown restoreToPointInTime",
			packtest.NotApplicable, packtest.UnknownDuringPreview),

		packtest.Named(cluster(packtest.Props{"engine": "aurora-postgresql"}), "provisioned cluster unset",
			packtest.Violation, "RDS cluster aurora does not encrypt its storage"),
		packtest.Named(cluster(packtest.Props{"storageEncrypted": false, "engineMode": "serverless"}),
			"cluster sets false", packtest.Violation, "sets storageEncrypted to false"),
		packtest.Named(cluster(packtest.Props{"storageEncrypted": true}), "cluster encrypted", packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"engineMode": "serverless"}), "serverless v1 defaults to encrypted",
			packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"engine": "postgres", "dbClusterInstanceClass": "db.m6gd.large"}),
			"Multi-AZ DB cluster unset", packtest.Violation, "storageEncrypted"),
		packtest.Named(cluster(packtest.Props{"kmsKeyId": "arn:aws:kms:us-east-1:1:key/k"}), "cluster with a KMS key",
			packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"snapshotIdentifier": "snap"}), "cluster restored from a snapshot",
			packtest.NotApplicable, "snapshot"),
		packtest.Named(cluster(packtest.Props{"replicationSourceIdentifier": "arn:aws:rds:eu-west-1:1:cluster:src"}),
			"cluster read replica", packtest.NotApplicable, "read replica"),
		packtest.Named(cluster(packtest.Props{"globalClusterIdentifier": "global"}), "global database member",
			packtest.NotApplicable, "global"),
		packtest.Named(cluster(packtest.Props{"restoreToPointInTime": packtest.Props{"sourceClusterIdentifier": "src"}}),
			"cluster point-in-time restore", packtest.NotApplicable, "point in time"),
		packtest.Named(cluster(packtest.Props{"storageEncrypted": packtest.Unknown}), "cluster unknown storageEncrypted",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"engineMode": packtest.Unknown}), "unknown engineMode",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"kmsKeyId": packtest.Unknown}), "cluster unknown kmsKeyId",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"snapshotIdentifier": packtest.Unknown}), "cluster unknown snapshotIdentifier",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"replicationSourceIdentifier": packtest.Unknown}),
			"unknown replicationSourceIdentifier", packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"globalClusterIdentifier": packtest.Unknown}), "unknown globalClusterIdentifier",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"restoreToPointInTime": packtest.Unknown}),
			"cluster unknown restoreToPointInTime", packtest.NotApplicable, packtest.UnknownDuringPreview),

		{Name: "Aurora cluster instances inherit from the cluster", Want: packtest.NotApplicable,
			Message:  "other resource types",
			Resource: packtest.Resource(rdsClusterInstanceType, "member", packtest.Props{"engine": "aurora-mysql"})},
	})
}

func TestRDSNotPubliclyAccessible(t *testing.T) {
	packtest.Run(t, Policies(), "aws-rds-not-publicly-accessible", []packtest.Case{
		{Name: "public instance", Want: packtest.Violation, Message: "RDS instance db has publiclyAccessible true",
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"publiclyAccessible": true})},
		{Name: "public cluster instance", Want: packtest.Violation, Message: "RDS cluster instance member",
			Resource: packtest.Resource(rdsClusterInstanceType, "member", packtest.Props{"publiclyAccessible": true})},
		{Name: "private instance", Want: packtest.Pass,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"publiclyAccessible": false})},
		{Name: "unset defaults to private", Want: packtest.Pass,
			Resource: packtest.Resource(rdsClusterInstanceType, "member", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"publiclyAccessible": packtest.Unknown})},
		{Name: "clusters have no such setting", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource(rdsClusterType, "aurora", packtest.Props{})},
	})
}

func TestRDSBackupRetention(t *testing.T) {
	fourteen := map[string]any{"minimumDays": 14}
	packtest.Run(t, Policies(), "aws-rds-backup-retention", []packtest.Case{
		{Name: "instance without backups", Want: packtest.Violation,
			Message:  "RDS instance db keeps no automated backups (backupRetentionPeriod is unset): set backupRetentionPeriod to at least 7",
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": "postgres"})},
		{Name: "instance with backups turned off", Want: packtest.Violation, Message: "keeps no automated backups:",
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"backupRetentionPeriod": 0})},
		{Name: "instance with too few days", Want: packtest.Violation, Message: "keeps automated backups for 3 days",
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"backupRetentionPeriod": 3})},
		{Name: "instance with a week", Want: packtest.Pass,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"backupRetentionPeriod": 7})},
		{Name: "configured minimum", Want: packtest.Violation, Message: "at least 14", Config: fourteen,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"backupRetentionPeriod": 7})},
		{Name: "configured minimum met", Want: packtest.Pass, Config: fourteen,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"backupRetentionPeriod": 35})},
		{Name: "read replica is covered by its source", Want: packtest.NotApplicable, Message: "read replica",
			Resource: packtest.Resource(rdsInstanceType, "replica", packtest.Props{"replicateSourceDb": "db"})},
		{Name: "read replica with its own backups", Want: packtest.Pass,
			Resource: packtest.Resource(rdsInstanceType, "replica",
				packtest.Props{"replicateSourceDb": "db", "backupRetentionPeriod": 7})},
		{Name: "cluster default of one day", Want: packtest.Violation,
			Message:  "RDS cluster aurora keeps automated backups for 1 day (backupRetentionPeriod is unset)",
			Resource: packtest.Resource(rdsClusterType, "aurora", packtest.Props{"engine": "aurora-mysql"})},
		{Name: "cluster with a week", Want: packtest.Pass,
			Resource: packtest.Resource(rdsClusterType, "aurora", packtest.Props{"backupRetentionPeriod": 7})},
		{Name: "cluster default meets a one-day minimum", Want: packtest.Pass, Config: map[string]any{"minimumDays": 1},
			Resource: packtest.Resource(rdsClusterType, "aurora", packtest.Props{})},
		{Name: "numeric string", Want: packtest.Pass,
			Resource: packtest.Resource(rdsClusterType, "aurora", packtest.Props{"backupRetentionPeriod": "10"})},
		{Name: "unknown period", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"backupRetentionPeriod": packtest.Unknown})},
		{Name: "unknown replicateSourceDb", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"replicateSourceDb": packtest.Unknown})},
		{Name: "cluster instances follow the cluster", Want: packtest.NotApplicable,
			Message:  "other resource types",
			Resource: packtest.Resource(rdsClusterInstanceType, "member", packtest.Props{})},
	})
}

func TestRDSIAMAuthentication(t *testing.T) {
	packtest.Run(t, Policies(), "aws-rds-iam-authentication", []packtest.Case{
		{Name: "postgres without IAM auth", Want: packtest.Violation,
			Message:  "RDS instance db does not enable IAM database authentication",
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": "postgres"})},
		{Name: "mysql with IAM auth off", Want: packtest.Violation, Message: "iamDatabaseAuthenticationEnabled: true",
			Resource: packtest.Resource(rdsInstanceType, "db",
				packtest.Props{"engine": "mysql", "iamDatabaseAuthenticationEnabled": false})},
		{Name: "mariadb with IAM auth", Want: packtest.Pass,
			Resource: packtest.Resource(rdsInstanceType, "db",
				packtest.Props{"engine": "mariadb", "iamDatabaseAuthenticationEnabled": true})},
		{Name: "mariadb 10.11 without IAM auth", Want: packtest.Violation, Message: "RDS instance db",
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": "mariadb", "engineVersion": "10.11.8"})},
		{Name: "mariadb of the default version without IAM auth", Want: packtest.Violation, Message: "RDS instance db",
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": "mariadb"})},
		{Name: "mariadb 10.6 cannot", Want: packtest.NotApplicable,
			Message:  `engine mariadb "10.6.14" does not support IAM database authentication (RDS for MariaDB has it from 10.11)`,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": "mariadb", "engineVersion": "10.6.14"})},
		{Name: "mariadb 10.4 by major version cannot", Want: packtest.NotApplicable, Message: "from 10.11",
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": "mariadb", "engineVersion": "10.4"})},
		{Name: "mysql 5.7 is not judged by version", Want: packtest.Violation, Message: "RDS instance db",
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": "mysql", "engineVersion": "5.7.44"})},
		{Name: "unknown mariadb version", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": engineVersion",
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": "mariadb", "engineVersion": packtest.Unknown})},
		{Name: "oracle cannot", Want: packtest.NotApplicable, Message: `engine "oracle-ee" does not support`,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": "oracle-ee"})},
		{Name: "sql server cannot", Want: packtest.NotApplicable, Message: "does not support",
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": "sqlserver-se"})},
		{Name: "replica without an engine", Want: packtest.NotApplicable, Message: "read replica",
			Resource: packtest.Resource(rdsInstanceType, "replica", packtest.Props{"replicateSourceDb": "db"})},
		{Name: "snapshot restore without an engine", Want: packtest.NotApplicable, Message: "snapshot",
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"snapshotIdentifier": "snap"})},
		{Name: "aurora cluster without IAM auth", Want: packtest.Violation, Message: "RDS cluster aurora",
			Resource: packtest.Resource(rdsClusterType, "aurora", packtest.Props{"engine": "aurora-postgresql"})},
		{Name: "aurora cluster with IAM auth", Want: packtest.Pass,
			Resource: packtest.Resource(rdsClusterType, "aurora",
				packtest.Props{"engine": "aurora-mysql", "iamDatabaseAuthenticationEnabled": true})},
		{Name: "Multi-AZ DB clusters cannot", Want: packtest.NotApplicable, Message: "does not support",
			Resource: packtest.Resource(rdsClusterType, "maz", packtest.Props{"engine": "mysql"})},
		{Name: "unknown flag", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(rdsInstanceType, "db",
				packtest.Props{"engine": "postgres", "iamDatabaseAuthenticationEnabled": packtest.Unknown})},
		{Name: "unknown engine", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": packtest.Unknown})},
		{Name: "unknown replicateSourceDb", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"replicateSourceDb": packtest.Unknown})},
		{Name: "unknown snapshotIdentifier", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"snapshotIdentifier": packtest.Unknown})},
	})
}

func TestRDSMultiAZ(t *testing.T) {
	packtest.Run(t, Policies(), "aws-rds-multi-az", []packtest.Case{
		{Name: "single zone by default", Want: packtest.Violation,
			Message:  "RDS instance db runs in a single Availability Zone",
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": "postgres"})},
		{Name: "multiAz false", Want: packtest.Violation, Message: "set multiAz: true",
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": "mysql", "multiAz": false})},
		{Name: "multiAz true", Want: packtest.Pass,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"multiAz": true})},
		{Name: "read replica", Want: packtest.NotApplicable, Message: "read replica",
			Resource: packtest.Resource(rdsInstanceType, "replica", packtest.Props{"replicateSourceDb": "db"})},
		{Name: "SQL Server Express", Want: packtest.NotApplicable, Message: "SQL Server Express",
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": "sqlserver-ex"})},
		{Name: "unknown multiAz", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"multiAz": packtest.Unknown})},
		{Name: "unknown replicateSourceDb", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"replicateSourceDb": packtest.Unknown})},
		{Name: "unknown engine", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": packtest.Unknown})},
	})
}

func TestRDSAutoMinorVersionUpgrade(t *testing.T) {
	off := packtest.Props{"autoMinorVersionUpgrade": false}
	packtest.Run(t, Policies(), "aws-rds-auto-minor-version-upgrade", []packtest.Case{
		{Name: "instance turned off", Want: packtest.Violation,
			Message:  "RDS instance db sets autoMinorVersionUpgrade to false",
			Resource: packtest.Resource(rdsInstanceType, "db", off)},
		{Name: "cluster instance turned off", Want: packtest.Violation, Message: "RDS cluster instance member",
			Resource: packtest.Resource(rdsClusterInstanceType, "member", off)},
		{Name: "cluster turned off (pulumi-aws v7)", Want: packtest.Violation, Message: "RDS cluster aurora",
			Resource: packtest.Resource(rdsClusterType, "aurora", off)},
		{Name: "instance default", Want: packtest.Pass,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": "postgres"})},
		{Name: "cluster without the input (pulumi-aws v6)", Want: packtest.Pass,
			Resource: packtest.Resource(rdsClusterType, "aurora", packtest.Props{"engine": "aurora-mysql"})},
		{Name: "explicitly on", Want: packtest.Pass,
			Resource: packtest.Resource(rdsClusterInstanceType, "member", packtest.Props{"autoMinorVersionUpgrade": true})},
		{Name: "RDS Custom cannot", Want: packtest.NotApplicable, Message: "RDS Custom",
			Resource: packtest.Resource(rdsInstanceType, "custom",
				packtest.Props{"engine": "custom-oracle-ee", "autoMinorVersionUpgrade": false})},
		{Name: "unknown flag", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"autoMinorVersionUpgrade": packtest.Unknown})},
		{Name: "unknown engine", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(rdsInstanceType, "db",
				packtest.Props{"autoMinorVersionUpgrade": false, "engine": packtest.Unknown})},
	})
}

func TestRDSLogExports(t *testing.T) {
	packtest.Run(t, Policies(), "aws-rds-log-exports", []packtest.Case{
		{Name: "postgres exports nothing", Want: packtest.Violation,
			Message: `RDS instance db exports no database logs to CloudWatch Logs: set enabledCloudwatchLogsExports ` +
				`(for this engine: ["postgresql", "upgrade"])`,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": "postgres"})},
		{Name: "aurora mysql cluster with an empty list", Want: packtest.Violation,
			Message: `["audit", "error", "general", "slowquery"]`,
			Resource: packtest.Resource(rdsClusterType, "aurora",
				packtest.Props{"engine": "aurora-mysql", "enabledCloudwatchLogsExports": []any{}})},
		{Name: "oracle hint", Want: packtest.Violation, Message: `"alert"`,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": "oracle-se2"})},
		{Name: "unknown engine leaves out the hint", Want: packtest.Violation,
			Message:  "set enabledCloudwatchLogsExports",
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{"engine": packtest.Unknown})},
		{Name: "exports logs", Want: packtest.Pass,
			Resource: packtest.Resource(rdsInstanceType, "db", packtest.Props{
				"engine": "postgres", "enabledCloudwatchLogsExports": []any{"postgresql"}})},
		{Name: "cluster exports logs", Want: packtest.Pass,
			Resource: packtest.Resource(rdsClusterType, "aurora", packtest.Props{
				"engine": "aurora-mysql", "enabledCloudwatchLogsExports": []any{"audit", "error"}})},
		{Name: "Aurora Serverless v1", Want: packtest.NotApplicable, Message: "Serverless v1",
			Resource: packtest.Resource(rdsClusterType, "aurora",
				packtest.Props{"engine": "aurora-mysql", "engineMode": "serverless"})},
		{Name: "unknown engineMode", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(rdsClusterType, "aurora", packtest.Props{"engineMode": packtest.Unknown})},
		{Name: "unknown exports", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(rdsInstanceType, "db",
				packtest.Props{"enabledCloudwatchLogsExports": packtest.Unknown})},
	})
}

func TestRDSSnapshotNotPublic(t *testing.T) {
	packtest.Run(t, Policies(), "aws-rds-snapshot-not-public", []packtest.Case{
		{Name: "public snapshot", Want: packtest.Violation, Message: `RDS snapshot snap is shared with "all"`,
			Resource: packtest.Resource("aws:rds/snapshot:Snapshot", "snap",
				packtest.Props{"sharedAccounts": []any{"111122223333", "all"}})},
		{Name: "public cluster snapshot", Want: packtest.Violation, Message: "every AWS account",
			Resource: packtest.Resource("aws:rds/clusterSnapshot:ClusterSnapshot", "snap",
				packtest.Props{"sharedAccounts": []any{"all"}})},
		{Name: "public snapshot copy", Want: packtest.Violation, Message: "sharedAccounts",
			Resource: packtest.Resource("aws:rds/snapshotCopy:SnapshotCopy", "snap",
				packtest.Props{"sharedAccounts": []any{"ALL"}})},
		{Name: "public cluster snapshot copy", Want: packtest.Violation, Message: "sharedAccounts",
			Resource: packtest.Resource("aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy", "snap",
				packtest.Props{"sharedAccounts": []any{"all"}})},
		{Name: "shared with one account", Want: packtest.Pass,
			Resource: packtest.Resource("aws:rds/snapshot:Snapshot", "snap",
				packtest.Props{"sharedAccounts": []any{"111122223333"}})},
		{Name: "not shared", Want: packtest.Pass,
			Resource: packtest.Resource("aws:rds/clusterSnapshot:ClusterSnapshot", "snap", packtest.Props{})},
		{Name: "unknown accounts", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource("aws:rds/snapshot:Snapshot", "snap",
				packtest.Props{"sharedAccounts": []any{packtest.Unknown}})},
	})
}

func TestRDSRealWorld(t *testing.T) {
	upgrade := packtest.LoadExport(t, packtest.RealWorld(t, "aws-rds-instance.export.json"))
	fixtures := packtest.LoadExport(t, packtest.RealWorld(t, "opa-fixtures.export.json"))
	tested := upgrade.Named("tested-resource").Resource() // pulumi-aws 5.42.0: unencrypted, no backups
	public := fixtures.Named("aws-rds_invalid_public").Resource()
	valid := fixtures.Named("aws-rds_valid").Resource()
	require.NotEmpty(t, tested.Type)
	require.NotEmpty(t, public.Type)
	require.NotEmpty(t, valid.Type)
	for _, tc := range []struct {
		policy string
		cases  []packtest.Case
	}{
		{"aws-rds-storage-encrypted", []packtest.Case{
			{Name: "upgrade test instance", Want: packtest.Violation, Message: "does not encrypt", Resource: tested},
			{Name: "opa public fixture", Want: packtest.Pass, Resource: public},
			{Name: "opa valid fixture", Want: packtest.Pass, Resource: valid},
		}},
		{"aws-rds-backup-retention", []packtest.Case{
			{Name: "upgrade test instance", Want: packtest.Violation, Message: "keeps no automated backups", Resource: tested},
			{Name: "opa public fixture", Want: packtest.Pass, Resource: public},
			{Name: "opa valid fixture", Want: packtest.Pass, Resource: valid},
		}},
		{"aws-rds-not-publicly-accessible", []packtest.Case{
			{Name: "upgrade test instance", Want: packtest.Pass, Resource: tested},
			{Name: "opa public fixture", Want: packtest.Violation, Message: "publiclyAccessible true", Resource: public},
			{Name: "opa valid fixture", Want: packtest.Pass, Resource: valid},
		}},
		{"aws-rds-multi-az", []packtest.Case{
			{Name: "opa public fixture", Want: packtest.Violation, Resource: public},
			{Name: "opa valid fixture", Want: packtest.Pass, Resource: valid},
		}},
	} {
		t.Run(tc.policy, func(t *testing.T) { packtest.Run(t, Policies(), tc.policy, tc.cases) })
	}
}

// Cluster and cluster instance tokens, and the properties read, are the same in pulumi-aws v6 and v7.
func TestRDSClusterMultiAZ(t *testing.T) {
	// Clusters and instances as a stack check sees them: their outputs.
	aurora := func(name string, props packtest.Props) plugin.AnalyzerResource {
		return packtest.Resource(rdsClusterType, name, packtest.With(packtest.Props{"clusterIdentifier": name,
			"engine": "aurora-postgresql", "engineMode": "provisioned", "clusterMembers": []any{},
			"availabilityZones": []any{"us-east-1a", "us-east-1b", "us-east-1c"}}, props))
	}
	orders := aurora("orders", nil)
	instance := func(name, cluster string, zone any) plugin.AnalyzerResource {
		return packtest.Resource(rdsClusterInstanceType, name, packtest.Props{"identifier": name,
			"clusterIdentifier": cluster, "availabilityZone": zone, "instanceClass": "db.r6g.large"})
	}
	in := func(cluster plugin.AnalyzerResource, name string, zone any) plugin.AnalyzerStackResource {
		return packtest.DependsOn(instance(name, cluster.Name, zone), "clusterIdentifier", cluster)
	}
	stack := func(cluster plugin.AnalyzerResource, rest ...plugin.AnalyzerStackResource) []plugin.AnalyzerStackResource {
		return append([]plugin.AnalyzerStackResource{packtest.StackResource(cluster, nil)}, rest...)
	}
	packtest.Run(t, Policies(), "aws-rds-cluster-multi-az", []packtest.Case{
		{Name: "writer and reader in two zones", Want: packtest.Pass,
			Stack: stack(orders, in(orders, "writer", "us-east-1a"), in(orders, "reader", "us-east-1b"))},
		{Name: "writer and reader in one zone", Want: packtest.Violation, Count: 1,
			Message: `RDS cluster orders runs all its 2 DB instances in the Availability Zone "us-east-1a": put a ` +
				`reader in another zone (availabilityZone on its aws.rds.ClusterInstance) for Aurora to fail over to`,
			Stack: stack(orders, in(orders, "writer", "us-east-1a"), in(orders, "reader", "us-east-1a"))},
		{Name: "a single instance, whatever the storage zones", Want: packtest.Violation, Count: 1,
			Message: "RDS cluster orders has a single DB instance (writer), in one Availability Zone: add a reader " +
				"(an aws.rds.ClusterInstance) in another zone for Aurora to fail over to",
			Stack: stack(orders, in(orders, "writer", "us-east-1a"))},
		{Name: "no instance", Want: packtest.Violation, Count: 1,
			Message: "RDS cluster orders has no DB instances in the stack, so nothing can take over when a zone " +
				"fails: add aws.rds.ClusterInstance resources with clusterIdentifier set to its id in at least two " +
				"Availability Zones",
			Stack: stack(orders)},
		{Name: "the instances in two zones are another cluster's", Want: packtest.Violation, Count: 1,
			Message: "RDS cluster orders has a single DB instance (writer)",
			Stack: append(stack(orders, in(orders, "writer", "us-east-1a")), packtest.StackResource(aurora("billing", nil), nil),
				in(aurora("billing", nil), "billing-writer", "us-east-1a"),
				in(aurora("billing", nil), "billing-reader", "us-east-1b"))},
		{Name: "instances naming the cluster (old state without dependencies)", Want: packtest.Pass,
			Stack: packtest.Stack(orders, instance("writer", "orders", "us-east-1a"),
				instance("reader", "orders", "us-east-1c"))},
		{Name: "instances naming another cluster", Want: packtest.Violation, Count: 1,
			Message: "RDS cluster orders has no DB instances in the stack",
			Stack: packtest.Stack(orders, instance("writer", "billing", "us-east-1a"),
				instance("reader", "billing", "us-east-1c"))},
		{Name: "Multi-AZ DB cluster", Want: packtest.Pass,
			Stack: packtest.Stack(aurora("orders", packtest.Props{"engine": "postgres",
				"dbClusterInstanceClass": "db.m6gd.large"}))},
		{Name: "Aurora Serverless v1", Want: packtest.NotApplicable, Message: "orders: an Aurora Serverless v1 cluster",
			Stack: packtest.Stack(aurora("orders", packtest.Props{"engineMode": "serverless"}))},
		{Name: "instances whose zones are still unknown", Want: packtest.NotApplicable,
			Message: "orders: " + packtest.UnknownDuringPreview,
			Stack:   stack(orders, in(orders, "writer", packtest.Unknown), in(orders, "reader", packtest.Unknown))},
		{Name: "a reader whose zone is still unknown", Want: packtest.NotApplicable,
			Message: "orders: " + packtest.UnknownDuringPreview,
			Stack:   stack(orders, in(orders, "writer", "us-east-1a"), in(orders, "reader", packtest.Unknown))},
		{Name: "a single instance whose zone is unknown is still one zone", Want: packtest.Violation,
			Message: "RDS cluster orders has a single DB instance (writer)",
			Stack:   stack(orders, in(orders, "writer", packtest.Unknown))},
		{Name: "new cluster: its members are unknown", Want: packtest.NotApplicable,
			Message: "orders: " + packtest.UnknownDuringPreview,
			Stack: stack(aurora("orders", packtest.Props{"clusterMembers": packtest.Unknown}),
				in(orders, "writer", packtest.Unknown))},
		{Name: "instances managed outside the stack", Want: packtest.NotApplicable,
			Message: "orders: its clusterMembers lists 2 DB instances but the stack declares 1",
			Stack: stack(aurora("orders", packtest.Props{"clusterMembers": []any{"writer", "reader"}}),
				in(orders, "writer", "us-east-1a"))},
		{Name: "zones not recorded", Want: packtest.NotApplicable,
			Message: "orders: the Availability Zones of its instances are not recorded",
			Stack:   stack(orders, in(orders, "writer", nil), in(orders, "reader", nil))},
		{Name: "an instance of an unknown cluster", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Stack: packtest.Stack(orders, instance("writer", "orders", "us-east-1a"),
				packtest.Resource(rdsClusterInstanceType, "reader", packtest.Props{"clusterIdentifier": packtest.Unknown}))},
		{Name: "unknown engine of a cluster with an instance class", Want: packtest.NotApplicable,
			Message: packtest.UnknownDuringPreview,
			Stack: packtest.Stack(aurora("orders", packtest.Props{"engine": packtest.Unknown,
				"dbClusterInstanceClass": "db.m6gd.large"}))},
		{Name: "no cluster in the stack", Want: packtest.NotApplicable, Message: "no resources of its types",
			Stack: packtest.Stack(instance("writer", "orders", "us-east-1a"))},
	})
}
