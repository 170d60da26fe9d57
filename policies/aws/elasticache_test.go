package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestElastiCacheEncryptedAtRest(t *testing.T) {
	group := packtest.ResourceCase(elastiCacheReplicationGroupType, "cache")
	cluster := packtest.ResourceCase(elastiCacheClusterType, "node")
	packtest.Run(t, Policies(), "aws-elasticache-encrypted-at-rest", []packtest.Case{
		packtest.Named(group(packtest.Props{"description": "d"}), "redis group by default", packtest.Violation,
			"ElastiCache replication group cache does not encrypt at rest"),
		packtest.Named(group(packtest.Props{"engine": "redis", "atRestEncryptionEnabled": false}), "explicitly off",
			packtest.Violation, "sets atRestEncryptionEnabled to false"),
		packtest.Named(group(packtest.Props{"engine": "valkey", "atRestEncryptionEnabled": false}), "valkey explicitly off",
			packtest.Violation, "sets atRestEncryptionEnabled to false"),
		packtest.Named(group(packtest.Props{"atRestEncryptionEnabled": true}), "encrypted", packtest.Pass, ""),
		packtest.Named(group(packtest.Props{"atRestEncryptionEnabled": "true"}), "nullable boolean string (pulumi-aws v7)",
			packtest.Pass, ""),
		packtest.Named(group(packtest.Props{"atRestEncryptionEnabled": ""}), "empty nullable boolean is unset",
			packtest.Violation, "does not encrypt at rest"),
		packtest.Named(group(packtest.Props{"engine": "valkey"}), "valkey defaults to encrypted", packtest.Pass, ""),
		packtest.Named(group(packtest.Props{"globalReplicationGroupId": "ldgnf-global"}), "global datastore member",
			packtest.NotApplicable, "global datastore"),
		packtest.Named(cluster(packtest.Props{"engine": "redis"}), "standalone redis cluster", packtest.Violation,
			"standalone Redis OSS cache, which cannot encrypt at rest"),
		packtest.Named(cluster(packtest.Props{"engine": "memcached"}), "memcached", packtest.NotApplicable, "Memcached"),
		packtest.Named(cluster(packtest.Props{"engine": "valkey"}), "standalone valkey", packtest.NotApplicable, "valkey"),
		packtest.Named(cluster(packtest.Props{"replicationGroupId": "cache"}), "replication group member",
			packtest.NotApplicable, "member of a replication group"),
		packtest.Named(cluster(packtest.Props{}), "cluster without an engine", packtest.NotApplicable, "engine is not set"),
		packtest.Named(group(packtest.Props{"atRestEncryptionEnabled": packtest.Unknown}), "unknown flag",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(group(packtest.Props{"engine": packtest.Unknown}), "unknown engine", packtest.NotApplicable,
			packtest.UnknownDuringPreview),
		packtest.Named(group(packtest.Props{"globalReplicationGroupId": packtest.Unknown}), "unknown global datastore",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"replicationGroupId": packtest.Unknown, "engine": "redis"}),
			"unknown replication group", packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"engine": packtest.Unknown}), "unknown cluster engine", packtest.NotApplicable,
			packtest.UnknownDuringPreview),
	})
}

func TestElastiCacheEncryptedInTransit(t *testing.T) {
	packtest.Run(t, Policies(), "aws-elasticache-encrypted-in-transit", []packtest.Case{
		{Name: "group without TLS", Want: packtest.Violation,
			Message:  "ElastiCache replication group cache does not encrypt connections",
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache", packtest.Props{"engine": "redis"})},
		{Name: "group with TLS off", Want: packtest.Violation, Message: "set transitEncryptionEnabled: true",
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"transitEncryptionEnabled": false})},
		{Name: "group with TLS", Want: packtest.Pass,
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"transitEncryptionEnabled": true})},
		{Name: "group with TLS required", Want: packtest.Pass,
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"transitEncryptionEnabled": true, "transitEncryptionMode": "required"})},
		{Name: "group still accepting plaintext", Want: packtest.Violation, Message: "transitEncryptionMode preferred",
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"transitEncryptionEnabled": true, "transitEncryptionMode": "preferred"})},
		{Name: "global datastore member", Want: packtest.NotApplicable, Message: "global datastore",
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"globalReplicationGroupId": "g"})},
		{Name: "standalone memcached without TLS", Want: packtest.Violation, Message: "ElastiCache cluster node",
			Resource: packtest.Resource(elastiCacheClusterType, "node", packtest.Props{"engine": "memcached"})},
		{Name: "standalone cluster with TLS", Want: packtest.Pass,
			Resource: packtest.Resource(elastiCacheClusterType, "node",
				packtest.Props{"engine": "redis", "transitEncryptionEnabled": true})},
		{Name: "replication group member", Want: packtest.NotApplicable, Message: "member of a replication group",
			Resource: packtest.Resource(elastiCacheClusterType, "node", packtest.Props{"replicationGroupId": "cache"})},
		{Name: "unknown flag", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"transitEncryptionEnabled": packtest.Unknown})},
		{Name: "unknown mode", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"transitEncryptionEnabled": true, "transitEncryptionMode": packtest.Unknown})},
		{Name: "unknown replication group", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(elastiCacheClusterType, "node", packtest.Props{"replicationGroupId": packtest.Unknown})},
		{Name: "unknown global datastore", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"globalReplicationGroupId": packtest.Unknown})},
	})
}

func TestElastiCacheAuthentication(t *testing.T) {
	packtest.Run(t, Policies(), "aws-elasticache-authentication", []packtest.Case{
		{Name: "group without authentication", Want: packtest.Violation,
			Message:  "ElastiCache replication group cache lets clients connect without authenticating",
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache", packtest.Props{"engine": "redis"})},
		{Name: "empty user groups", Want: packtest.Violation, Message: "set userGroupIds",
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"userGroupIds": []any{}, "authToken": ""})},
		{Name: "AUTH token as a secret", Want: packtest.Pass,
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache", packtest.Props{
				"transitEncryptionEnabled": true, "authToken": packtest.Secret(packtest.Canary)})},
		{Name: "write-only AUTH token (pulumi-aws v7)", Want: packtest.Pass,
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache", packtest.Props{
				"transitEncryptionEnabled": true, "authTokenWo": packtest.Secret(packtest.Canary)})},
		{Name: "RBAC user group", Want: packtest.Pass,
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"engine": "valkey", "userGroupIds": []any{"app-users"}})},
		{Name: "a known user group decides while the token is unknown", Want: packtest.Pass,
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"userGroupIds": []any{"app-users"}, "authToken": packtest.Unknown})},
		{Name: "global datastore member", Want: packtest.NotApplicable, Message: "global datastore",
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"globalReplicationGroupId": "g"})},
		{Name: "standalone redis cluster", Want: packtest.Violation,
			Message:  `ElastiCache cluster node is a standalone "redis" cache, which cannot require clients to authenticate`,
			Resource: packtest.Resource(elastiCacheClusterType, "node", packtest.Props{"engine": "redis"})},
		{Name: "memcached has no authentication", Want: packtest.NotApplicable, Message: "Memcached",
			Resource: packtest.Resource(elastiCacheClusterType, "node", packtest.Props{"engine": "memcached"})},
		{Name: "replication group member", Want: packtest.NotApplicable, Message: "member of a replication group",
			Resource: packtest.Resource(elastiCacheClusterType, "node", packtest.Props{"replicationGroupId": "cache"})},
		{Name: "unknown user groups", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"userGroupIds": packtest.Unknown})},
		{Name: "unknown token", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache", packtest.Props{"authToken": packtest.Unknown})},
		{Name: "unknown write-only token", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"authTokenWo": packtest.Unknown})},
		{Name: "unknown engine", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(elastiCacheClusterType, "node", packtest.Props{"engine": packtest.Unknown})},
		{Name: "unknown replication group", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(elastiCacheClusterType, "node", packtest.Props{"replicationGroupId": packtest.Unknown})},
		{Name: "unknown global datastore", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"globalReplicationGroupId": packtest.Unknown})},
	})
}

func TestElastiCacheBackupRetention(t *testing.T) {
	packtest.Run(t, Policies(), "aws-elasticache-backup-retention", []packtest.Case{
		{Name: "group without backups", Want: packtest.Violation,
			Message: "ElastiCache replication group cache takes no automatic backups (snapshotRetentionLimit is 0 " +
				"by default): set snapshotRetentionLimit to at least 1",
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache", packtest.Props{})},
		{Name: "group with backups", Want: packtest.Pass,
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"snapshotRetentionLimit": 5})},
		{Name: "configured minimum", Want: packtest.Violation, Config: map[string]any{"minimumDays": 7},
			Message: "keeps automatic backups for 5 days",
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"snapshotRetentionLimit": 5})},
		{Name: "global datastore member keeps its own backups", Want: packtest.Violation, Message: "snapshotRetentionLimit",
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"globalReplicationGroupId": "g"})},
		{Name: "standalone redis without backups", Want: packtest.Violation, Message: "ElastiCache cluster node",
			Resource: packtest.Resource(elastiCacheClusterType, "node", packtest.Props{"engine": "redis"})},
		{Name: "standalone valkey with backups", Want: packtest.Pass,
			Resource: packtest.Resource(elastiCacheClusterType, "node",
				packtest.Props{"engine": "valkey", "snapshotRetentionLimit": 1})},
		{Name: "memcached cannot back up", Want: packtest.NotApplicable, Message: "Memcached",
			Resource: packtest.Resource(elastiCacheClusterType, "node", packtest.Props{"engine": "memcached"})},
		{Name: "replication group member", Want: packtest.NotApplicable, Message: "member of a replication group",
			Resource: packtest.Resource(elastiCacheClusterType, "node", packtest.Props{"replicationGroupId": "cache"})},
		{Name: "unknown retention", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(elastiCacheReplicationGroupType, "cache",
				packtest.Props{"snapshotRetentionLimit": packtest.Unknown})},
		{Name: "unknown replication group", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(elastiCacheClusterType, "node", packtest.Props{"replicationGroupId": packtest.Unknown})},
		{Name: "unknown engine", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(elastiCacheClusterType, "node", packtest.Props{"engine": packtest.Unknown})},
	})
}

// pulumi-aws v6 and v7 type autoMinorVersionUpgrade as a "true"/"false" string on clusters and a
// boolean on replication groups.
func TestElastiCacheAutoMinorVersionUpgrade(t *testing.T) {
	group := packtest.ResourceCase(elastiCacheReplicationGroupType, "cache")
	cluster := packtest.ResourceCase(elastiCacheClusterType, "node")
	packtest.Run(t, Policies(), "aws-elasticache-auto-minor-version-upgrade", []packtest.Case{
		packtest.Named(group(packtest.Props{"autoMinorVersionUpgrade": false}), "group turns it off", packtest.Violation,
			"ElastiCache replication group cache sets autoMinorVersionUpgrade to false: engine security patches "+
				"wait for someone to apply them; set autoMinorVersionUpgrade: true"),
		packtest.Named(group(packtest.Props{"engine": "valkey"}), "group default is on", packtest.Pass, ""),
		packtest.Named(group(packtest.Props{"autoMinorVersionUpgrade": true}), "group turns it on", packtest.Pass, ""),
		packtest.Named(group(packtest.Props{"autoMinorVersionUpgrade": false, "globalReplicationGroupId": "g"}),
			"a global datastore member still has its own setting", packtest.Violation, "replication group cache"),
		packtest.Named(cluster(packtest.Props{"engine": "redis", "autoMinorVersionUpgrade": "false"}), "cluster string false",
			packtest.Violation, "ElastiCache cluster node sets autoMinorVersionUpgrade to false"),
		packtest.Named(cluster(packtest.Props{"engine": "valkey", "autoMinorVersionUpgrade": "false"}), "valkey cluster off",
			packtest.Violation, "ElastiCache cluster node sets autoMinorVersionUpgrade to false"),
		packtest.Named(cluster(packtest.Props{"engine": "redis", "autoMinorVersionUpgrade": "true"}), "cluster string true",
			packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"engine": "redis", "autoMinorVersionUpgrade": ""}), "empty string is unset",
			packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"engine": "redis"}), "cluster default is on", packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"engine": "memcached", "autoMinorVersionUpgrade": "false"}), "memcached",
			packtest.NotApplicable, "Memcached does not take autoMinorVersionUpgrade"),
		packtest.Named(cluster(packtest.Props{"replicationGroupId": "cache", "autoMinorVersionUpgrade": "false"}),
			"replication group member", packtest.NotApplicable, "member of a replication group"),
		packtest.Named(cluster(packtest.Props{"autoMinorVersionUpgrade": "false"}), "cluster without an engine",
			packtest.NotApplicable, "engine is not set"),
		packtest.Named(group(packtest.Props{"autoMinorVersionUpgrade": packtest.Unknown}), "unknown group setting",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"engine": "redis", "autoMinorVersionUpgrade": packtest.Unknown}),
			"unknown cluster setting", packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"engine": packtest.Unknown, "autoMinorVersionUpgrade": "false"}),
			"unknown engine", packtest.NotApplicable, packtest.UnknownDuringPreview),
	})
}
