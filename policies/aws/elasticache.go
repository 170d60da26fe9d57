package aws

import (
	"fmt"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// Type tokens of Amazon ElastiCache (the same in pulumi-aws v6 and v7, without aliases). A
// replication group is a Redis OSS or Valkey deployment with replicas; a cluster is a single
// Memcached, Redis OSS or Valkey cache, or a member of a replication group (replicationGroupId).
const (
	elastiCacheReplicationGroupType = "aws:elasticache/replicationGroup:ReplicationGroup"
	elastiCacheClusterType          = "aws:elasticache/cluster:Cluster"
)

var elastiCacheTypes = []string{elastiCacheReplicationGroupType, elastiCacheClusterType}

type elastiCacheBackupSettings struct {
	MinimumDays int `json:"minimumDays"`
}

func init() {
	register(
		pack.Policy{
			Name:        "aws-elasticache-encrypted-at-rest",
			DisplayName: "ElastiCache encrypts data at rest",
			Description: "ElastiCache Redis OSS and Valkey caches encrypt their data at rest (disk swaps, backups). " +
				"Members of a global datastore take the setting from it, and Memcached keeps no data at rest.",
			Severity:  pack.High,
			Framework: frameworks.FSBP("ElastiCache.4"),
			Tags:      []string{"aws", "elasticache", "encryption"},
			Remediation: "Set atRestEncryptionEnabled: true on the replication group (and kmsKeyId for a customer " +
				"managed key); it can only be set at creation. A standalone cache cluster cannot encrypt at rest: " +
				"create a replication group instead.",
			Types:    elastiCacheTypes,
			Resource: checkElastiCacheEncryptedAtRest,
		},
		pack.Policy{
			Name:        "aws-elasticache-encrypted-in-transit",
			DisplayName: "ElastiCache requires TLS",
			Description: "ElastiCache caches encrypt connections in transit (transitEncryptionEnabled) and do not " +
				"also accept plaintext connections (transitEncryptionMode preferred). Members of a replication " +
				"group or global datastore take the setting from it.",
			Severity:  pack.High,
			Framework: frameworks.FSBP("ElastiCache.5"),
			Tags:      []string{"aws", "elasticache", "encryption", "tls"},
			Remediation: "Set transitEncryptionEnabled: true and leave transitEncryptionMode at required (when " +
				"migrating a running group, set preferred first and required once every client uses TLS).",
			Types:    elastiCacheTypes,
			Resource: checkElastiCacheEncryptedInTransit,
		},
		pack.Policy{
			Name:        "aws-elasticache-authentication",
			DisplayName: "ElastiCache requires clients to authenticate",
			Description: "ElastiCache Redis OSS and Valkey caches require clients to authenticate, with an AUTH token " +
				"(authToken) or role-based access control user groups (userGroupIds); otherwise anyone who can " +
				"reach the port can read and write every key. Memcached, which has no authentication, and members " +
				"of a replication group or global datastore are not judged.",
			Severity:  pack.High,
			Framework: frameworks.FSBP("ElastiCache.6"),
			Tags:      []string{"aws", "elasticache", "identity"},
			Remediation: "Set userGroupIds to an aws.elasticache.UserGroup (RBAC) or authToken (a Pulumi secret) " +
				"together with transitEncryptionEnabled: true. A standalone cache cluster cannot authenticate " +
				"clients: create a replication group instead.",
			Types:    elastiCacheTypes,
			Resource: checkElastiCacheAuthentication,
		},
		pack.Policy{
			Name:        "aws-elasticache-backup-retention",
			DisplayName: "ElastiCache keeps automatic backups",
			Description: "ElastiCache Redis OSS and Valkey caches take daily automatic backups and keep them for at " +
				"least the configured number of days (1 by default). Memcached cannot back up, and members of a " +
				"replication group follow the group.",
			Severity:    pack.Medium,
			Framework:   frameworks.FSBP("ElastiCache.1"),
			Tags:        []string{"aws", "elasticache", "backup"},
			Remediation: "Set snapshotRetentionLimit to the number of days to keep (at most 35; 0, the default, turns automatic backups off).",
			Config: pack.Schema{Properties: map[string]pack.JSONSchema{
				"minimumDays": pack.Integer("Fewest days of automatic backups a cache must keep "+
					"(snapshotRetentionLimit; ElastiCache allows up to 35). Default 1.", 1, 1),
			}},
			Settings: func() any { return &elastiCacheBackupSettings{} },
			Types:    elastiCacheTypes,
			Resource: checkElastiCacheBackupRetention,
		},
		pack.Policy{
			Name:        "aws-elasticache-auto-minor-version-upgrade",
			DisplayName: "ElastiCache applies minor engine upgrades automatically",
			Description: "ElastiCache Redis OSS and Valkey caches keep automatic minor version upgrades on " +
				"(autoMinorVersionUpgrade, true by default; a \"true\"/\"false\" string on clusters, a boolean on " +
				"replication groups), so that engine security patches are applied in the maintenance window. " +
				"Memcached, which does not take the setting, and members of a replication group are not judged.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("ElastiCache.2"),
			Tags:      []string{"aws", "elasticache", "patching"},
			Remediation: "Remove autoMinorVersionUpgrade: false (or set it to true) and pick a maintenanceWindow. " +
				"It takes effect on Redis OSS 6.0 and later and on Valkey.",
			Types:    elastiCacheTypes,
			Resource: checkElastiCacheAutoMinorVersionUpgrade,
		},
	)
}

// elastiCacheInherited reports (and marks the check not applicable) when the resource takes its
// settings from another one: a cluster that is a member of a replication group, or a replication
// group that joins a global datastore. what names the setting, for the reason.
func elastiCacheInherited(c *pack.Check, r *pack.Resource, what string) bool {
	switch {
	case r.Type == elastiCacheClusterType && textIsSet(r.Get("replicationGroupId")):
		c.Skip("a member of a replication group, which decides " + what)
	case r.Type == elastiCacheReplicationGroupType && textIsSet(r.Get("globalReplicationGroupId")):
		c.Skip("a member of a global datastore, which decides " + what)
	default:
		return false
	}
	return true
}

// elastiCacheEngine returns a cache's engine, lower case: replication groups default to redis; a
// standalone cluster must name its engine ("" when it does not).
func elastiCacheEngine(r *pack.Resource) string {
	def := ""
	if r.Type == elastiCacheReplicationGroupType {
		def = "redis"
	}
	return strings.ToLower(r.Get("engine").Text(def))
}

func checkElastiCacheEncryptedAtRest(c *pack.Check, r *pack.Resource) {
	if r.Type == elastiCacheReplicationGroupType {
		if enabled := r.Get("atRestEncryptionEnabled"); textIsSet(enabled) {
			if !enabled.Bool(false) {
				c.Violatef("ElastiCache replication group %s sets atRestEncryptionEnabled to false: its data and "+
					"backups are stored unencrypted; set atRestEncryptionEnabled: true", r.Name)
			}
			return
		}
		if elastiCacheInherited(c, r, "encryption at rest") {
			return
		}
		if elastiCacheEngine(r) == "valkey" {
			return // Valkey replication groups are encrypted at rest by default
		}
		c.Violatef("ElastiCache replication group %s does not encrypt at rest (atRestEncryptionEnabled is false "+
			"by default for Redis OSS): set atRestEncryptionEnabled: true", r.Name)
		return
	}
	if elastiCacheInherited(c, r, "encryption at rest") {
		return
	}
	switch engine := elastiCacheEngine(r); engine {
	case "redis":
		c.Violatef("ElastiCache cluster %s is a standalone Redis OSS cache, which cannot encrypt at rest: create "+
			"an aws.elasticache.ReplicationGroup with atRestEncryptionEnabled: true instead", r.Name)
	case "memcached":
		c.Skip("Memcached keeps its data in memory only")
	case "":
		c.Skip("engine is not set")
	default:
		c.Skip(fmt.Sprintf("a standalone %s cache: its encryption at rest is decided by the service", r.Get("engine")))
	}
}

func checkElastiCacheEncryptedInTransit(c *pack.Check, r *pack.Resource) {
	if r.Get("transitEncryptionEnabled").Bool(false) {
		mode := r.Get("transitEncryptionMode")
		if r.Type == elastiCacheReplicationGroupType && strings.EqualFold(mode.Text("required"), "preferred") {
			c.Violatef("ElastiCache replication group %s has transitEncryptionMode preferred: it still accepts "+
				"plaintext connections; set transitEncryptionMode to required once every client uses TLS", r.Name)
		}
		return
	}
	if elastiCacheInherited(c, r, "encryption in transit") {
		return
	}
	c.Violatef("ElastiCache %s %s does not encrypt connections (transitEncryptionEnabled is false by default): "+
		"data and credentials cross the network in plaintext; set transitEncryptionEnabled: true",
		elastiCacheKind(r), r.Name)
}

func checkElastiCacheAuthentication(c *pack.Check, r *pack.Resource) {
	if r.Type == elastiCacheReplicationGroupType {
		if anyValueSet(r.Get("userGroupIds"), r.Get("authToken"), r.Get("authTokenWo")) {
			return
		}
		if elastiCacheInherited(c, r, "authentication") {
			return
		}
		c.Violatef("ElastiCache replication group %s lets clients connect without authenticating: set "+
			"userGroupIds (role-based access control) or authToken (as a Pulumi secret, with "+
			"transitEncryptionEnabled: true)", r.Name)
		return
	}
	if elastiCacheInherited(c, r, "authentication") {
		return
	}
	switch engine := elastiCacheEngine(r); engine {
	case "memcached":
		c.Skip("Memcached has no client authentication")
	case "":
		c.Skip("engine is not set")
	default:
		c.Violatef("ElastiCache cluster %s is a standalone %s cache, which cannot require clients to "+
			"authenticate: create an aws.elasticache.ReplicationGroup with userGroupIds or authToken instead",
			r.Name, r.Get("engine"))
	}
}

func checkElastiCacheBackupRetention(c *pack.Check, r *pack.Resource) {
	minimum := pack.SettingsOf[elastiCacheBackupSettings](c).MinimumDays
	days := r.Get("snapshotRetentionLimit").Int(0)
	if days >= minimum {
		return
	}
	if r.Type == elastiCacheClusterType {
		if elastiCacheInherited(c, r, "automatic backups") {
			return
		}
		switch elastiCacheEngine(r) {
		case "memcached":
			c.Skip("Memcached cannot back up")
			return
		case "":
			c.Skip("engine is not set")
			return
		}
	}
	what := "takes no automatic backups (snapshotRetentionLimit is 0 by default)"
	if days > 0 {
		what = fmt.Sprintf("keeps automatic backups for %s (snapshotRetentionLimit %d)", pack.Count(days, "day"), days)
	}
	c.Violatef("ElastiCache %s %s %s: set snapshotRetentionLimit to at least %d", elastiCacheKind(r), r.Name, what,
		minimum)
}

func checkElastiCacheAutoMinorVersionUpgrade(c *pack.Check, r *pack.Resource) {
	if r.Get("autoMinorVersionUpgrade").Bool(true) {
		return
	}
	if r.Type == elastiCacheClusterType {
		if elastiCacheInherited(c, r, "minor version upgrades") {
			return
		}
		switch elastiCacheEngine(r) {
		case "memcached":
			c.Skip("Memcached does not take autoMinorVersionUpgrade")
			return
		case "":
			c.Skip("engine is not set")
			return
		}
	}
	c.Violatef("ElastiCache %s %s sets autoMinorVersionUpgrade to false: engine security patches wait for someone "+
		"to apply them; set autoMinorVersionUpgrade: true", elastiCacheKind(r), r.Name)
}

// elastiCacheKind names the kind of ElastiCache resource for a message.
func elastiCacheKind(r *pack.Resource) string {
	if r.Type == elastiCacheReplicationGroupType {
		return "replication group"
	}
	return "cluster"
}
