package aws

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/joins"
)

// Type tokens of Amazon RDS and Aurora (the same in pulumi-aws v6 and v7, without aliases).
const (
	rdsInstanceType        = "aws:rds/instance:Instance"
	rdsClusterType         = "aws:rds/cluster:Cluster"
	rdsClusterInstanceType = "aws:rds/clusterInstance:ClusterInstance"
)

var rdsSnapshotTypes = []string{
	"aws:rds/snapshot:Snapshot",
	"aws:rds/clusterSnapshot:ClusterSnapshot",
	"aws:rds/snapshotCopy:SnapshotCopy",
	"aws:rds/clusterSnapshotCopy:ClusterSnapshotCopy",
}

func init() {
	register(
		pack.Policy{
			Name:        "aws-rds-storage-encrypted",
			DisplayName: "RDS storage is encrypted",
			Description: "RDS DB instances and Aurora and Multi-AZ DB clusters encrypt their storage at rest. " +
				"Read replicas, snapshot restores and members of a global database take their encryption from " +
				"their source, and Aurora cluster instances from their cluster, so they are not judged here.",
			Severity:  pack.High,
			Framework: frameworks.FSBP("RDS.3"),
			Tags:      []string{"aws", "rds", "encryption", "cis:2.3.1", "fsbp:RDS.27"},
			Remediation: "Set storageEncrypted: true (and kmsKeyId for a customer managed key). Encryption cannot be " +
				"turned on for an existing database: restore an encrypted copy of a snapshot and switch over.",
			Types:    []string{rdsInstanceType, rdsClusterType},
			Resource: checkRDSStorageEncrypted,
		},
		pack.Policy{
			Name:        "aws-rds-not-publicly-accessible",
			DisplayName: "RDS databases are not publicly accessible",
			Description: "RDS DB instances and Aurora cluster instances do not get a public endpoint " +
				"(publiclyAccessible, false by default).",
			Severity:  pack.Critical,
			Framework: frameworks.FSBP("RDS.2"),
			Tags:      []string{"aws", "rds", "network", "cis:2.3.3"},
			Remediation: "Set publiclyAccessible: false and reach the database from inside its VPC (a bastion, " +
				"AWS Systems Manager Session Manager port forwarding, or a VPN).",
			Types:    []string{rdsInstanceType, rdsClusterInstanceType},
			Resource: checkRDSNotPubliclyAccessible,
		},
		pack.Policy{
			Name:        "aws-rds-backup-retention",
			DisplayName: "RDS keeps automated backups long enough",
			Description: "RDS DB instances and DB clusters keep automated backups for at least the configured " +
				"number of days (7 by default). Read replicas are covered by their source's backups and Aurora " +
				"cluster instances by their cluster's, so they are not judged.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("RDS.11"),
			Tags:      []string{"aws", "rds", "backup", "fsbp:RDS.50"},
			Remediation: "Set backupRetentionPeriod to at least the required number of days (at most 35); " +
				"instances default to 0 (no automated backups), clusters to 1.",
			Config: pack.Schema{Properties: map[string]pack.JSONSchema{
				"minimumDays": pack.Integer("Fewest days of automated backups a database must keep "+
					"(backupRetentionPeriod; RDS allows 1 to 35). Default 7.", 7, 1),
			}},
			Settings: func() any { return &dbBackupSettings{} },
			Types:    []string{rdsInstanceType, rdsClusterType},
			Resource: checkRDSBackupRetention,
		},
		pack.Policy{
			Name:        "aws-rds-iam-authentication",
			DisplayName: "RDS accepts IAM database authentication",
			Description: "RDS for MySQL, MariaDB and PostgreSQL instances and Aurora clusters enable IAM database " +
				"authentication, so that people and applications can connect with short-lived IAM tokens " +
				"instead of long-lived database passwords. Engines without IAM authentication (Oracle, SQL Server, " +
				"Db2, and RDS for MariaDB before 10.11) are not judged.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("RDS.10"),
			Tags:      []string{"aws", "rds", "identity", "fsbp:RDS.12"},
			Remediation: "Set iamDatabaseAuthenticationEnabled: true, then grant rds-db:connect to the roles " +
				"that connect and create their database users with the IAM authentication plugin.",
			Types:    []string{rdsInstanceType, rdsClusterType},
			Resource: checkRDSIAMAuthentication,
		},
		pack.Policy{
			Name:        "aws-rds-multi-az",
			DisplayName: "RDS instances run in multiple Availability Zones",
			Description: "RDS DB instances keep a standby in a second Availability Zone (multiAz), so that a zone " +
				"failure or maintenance does not take the database down. Read replicas and SQL Server Express " +
				"(which cannot run Multi-AZ) are not judged.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("RDS.5"),
			Tags:      []string{"aws", "rds", "availability"},
			Remediation: "Set multiAz: true (it doubles the instance cost; for Aurora, run instances in two " +
				"Availability Zones instead).",
			Types:    []string{rdsInstanceType},
			Resource: checkRDSMultiAZ,
		},
		pack.Policy{
			Name:        "aws-rds-cluster-multi-az",
			DisplayName: "RDS clusters run instances in multiple Availability Zones",
			Description: "Every Aurora DB cluster of the stack has DB instances (aws.rds.ClusterInstance) in at least " +
				"two Availability Zones, so that it fails over to a reader when a zone fails, as RDS reports in the " +
				"cluster's MultiAZ attribute. The zones are read from the instances' availabilityZone outputs, so a " +
				"new cluster is judged by the update that creates it. Multi-AZ DB clusters (dbClusterInstanceClass " +
				"set) always run in three zones. Aurora Serverless v1, which cannot, and clusters whose instances " +
				"are managed outside the stack are not judged.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("RDS.15"),
			Tags:      []string{"aws", "rds", "availability"},
			Remediation: "Add an aws.rds.ClusterInstance reader with clusterIdentifier set to the cluster's id in an " +
				"Availability Zone other than the writer's (set availabilityZone on both: RDS may otherwise place " +
				"them in the same zone). For RDS for MySQL and PostgreSQL, a Multi-AZ DB cluster " +
				"(dbClusterInstanceClass) runs in three zones by itself.",
			Types: []string{rdsClusterType},
			Stack: checkRDSClusterMultiAZ,
		},
		pack.Policy{
			Name:        "aws-rds-auto-minor-version-upgrade",
			DisplayName: "RDS applies minor engine upgrades automatically",
			Description: "RDS DB instances, Aurora cluster instances and DB clusters keep automatic minor version " +
				"upgrades on (autoMinorVersionUpgrade, true by default), so that engine security patches are " +
				"applied in the maintenance window. RDS Custom, which cannot upgrade automatically, is not judged.",
			Severity:    pack.Medium,
			Framework:   frameworks.FSBP("RDS.13"),
			Tags:        []string{"aws", "rds", "patching", "cis:2.3.2", "fsbp:RDS.35"},
			Remediation: "Remove autoMinorVersionUpgrade: false (or set it to true) and pick a maintenance window.",
			Types:       []string{rdsInstanceType, rdsClusterInstanceType, rdsClusterType},
			Resource:    checkRDSAutoMinorVersionUpgrade,
		},
		pack.Policy{
			Name:        "aws-rds-log-exports",
			DisplayName: "RDS publishes its database logs to CloudWatch Logs",
			Description: "RDS DB instances and DB clusters export at least one database log " +
				"(enabledCloudwatchLogsExports) to CloudWatch Logs, where it is kept, searched and alarmed on.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("RDS.9"),
			Tags:      []string{"aws", "rds", "logging"},
			Remediation: "Set enabledCloudwatchLogsExports to the engine's logs: postgresql and upgrade for " +
				"PostgreSQL; audit, error, general and slowquery for MySQL and MariaDB; alert, audit, listener " +
				"and trace for Oracle; agent and error for SQL Server.",
			Types:    []string{rdsInstanceType, rdsClusterType},
			Resource: checkRDSLogExports,
		},
		pack.Policy{
			Name:        "aws-rds-snapshot-not-public",
			DisplayName: "RDS snapshots are not public",
			Description: "RDS DB snapshots and DB cluster snapshots (and their copies) are not shared with all AWS " +
				"accounts (sharedAccounts \"all\"): anyone could restore the data they hold.",
			Severity:  pack.Critical,
			Framework: frameworks.FSBP("RDS.1"),
			Tags:      []string{"aws", "rds", "backup", "public-access"},
			Remediation: "Remove \"all\" from sharedAccounts and list the account ids that need the snapshot " +
				"(share encrypted snapshots with a customer managed key those accounts may use).",
			Types:    rdsSnapshotTypes,
			Resource: checkRDSSnapshotNotPublic,
		},
	)
}

func checkRDSStorageEncrypted(c *pack.Check, r *pack.Resource) {
	encrypted := r.Get("storageEncrypted")
	if encrypted.Bool(false) {
		return
	}
	if r.Type == rdsInstanceType {
		checkRDSInstanceStorageEncrypted(c, r, encrypted)
		return
	}
	if encrypted.Exists() {
		c.Violatef("RDS cluster %s sets storageEncrypted to false: its storage and snapshots are not encrypted; "+
			"set storageEncrypted: true", r.Name)
		return
	}
	switch {
	case strings.EqualFold(r.Get("engineMode").Text("provisioned"), "serverless"):
		return // Aurora Serverless v1 clusters are encrypted unless told otherwise
	case textIsSet(r.Get("kmsKeyId")):
		return
	case textIsSet(r.Get("snapshotIdentifier")):
		c.Skip("restored from a snapshot without kmsKeyId: its encryption follows the snapshot")
	case textIsSet(r.Get("replicationSourceIdentifier")):
		c.Skip("a read replica cluster: its encryption follows its source")
	case textIsSet(r.Get("globalClusterIdentifier")):
		c.Skip("a member of a global database: its encryption follows the global cluster")
	case r.Get("restoreToPointInTime").Exists():
		c.Skip("restored to a point in time: its encryption follows the source cluster")
	default:
		c.Violatef("RDS cluster %s does not encrypt its storage (storageEncrypted is false by default for "+
			"provisioned clusters): set storageEncrypted: true", r.Name)
	}
}

func checkRDSInstanceStorageEncrypted(c *pack.Check, r *pack.Resource, encrypted pack.Value) {
	switch {
	case textIsSet(r.Get("replicateSourceDb")):
		if !textIsSet(r.Get("kmsKeyId")) {
			c.Skip("a read replica: its storage encryption follows its source database")
		}
		return
	case textIsSet(r.Get("snapshotIdentifier")):
		c.Skip("restored from a snapshot: its storage encryption follows the snapshot")
		return
	case r.Get("restoreToPointInTime").Exists():
		c.Skip("restored to a point in time: its storage encryption follows the source database")
		return
	case encrypted.Exists():
		c.Violatef("RDS instance %s sets storageEncrypted to false: its storage, backups and snapshots are not "+
			"encrypted; set storageEncrypted: true", r.Name)
	case textIsSet(r.Get("kmsKeyId")):
		return // a KMS key asks for encryption
	default:
		c.Violatef("RDS instance %s does not encrypt its storage (storageEncrypted is false by default): "+
			"set storageEncrypted: true", r.Name)
	}
}

func checkRDSNotPubliclyAccessible(c *pack.Check, r *pack.Resource) {
	if r.Get("publiclyAccessible").Bool(false) {
		c.Violatef("RDS %s %s has publiclyAccessible true: it gets a public IP address, reachable from the "+
			"internet wherever its security groups allow; set publiclyAccessible: false", rdsKind(r), r.Name)
	}
}

func checkRDSBackupRetention(c *pack.Check, r *pack.Resource) {
	minimum := pack.SettingsOf[dbBackupSettings](c).MinimumDays
	def := 0 // instances: no automated backups unless asked
	if r.Type == rdsClusterType {
		def = 1 // clusters always keep at least a day
	}
	short := backupShortfall(r, def, minimum)
	if short == "" {
		return
	}
	if r.Type == rdsInstanceType && textIsSet(r.Get("replicateSourceDb")) {
		c.Skip("a read replica: automated backups are kept by its source database")
		return
	}
	c.Violatef("RDS %s %s %s: set backupRetentionPeriod to at least %d", rdsKind(r), r.Name, short, minimum)
}

// rdsVersionBelow reports whether an engine version ("10.6.14", "10.6") is known to be below
// major.minor; an empty or unreadable version (RDS then picks its default, a recent one) is not.
func rdsVersionBelow(version string, major, minor int) bool {
	parts := strings.SplitN(strings.TrimSpace(version), ".", 3)
	if len(parts) < 2 {
		return false
	}
	x, errX := strconv.Atoi(parts[0])
	y, errY := strconv.Atoi(parts[1])
	return errX == nil && errY == nil && (x < major || x == major && y < minor)
}

// rdsIAMAuthEngines are the engines of DB instances and clusters that take IAM database
// authentication.
var rdsIAMAuthEngines = []string{"mysql", "mariadb", "postgres", "aurora", "aurora-mysql", "aurora-postgresql"}

func checkRDSIAMAuthentication(c *pack.Check, r *pack.Resource) {
	if r.Get("iamDatabaseAuthenticationEnabled").Bool(false) {
		return
	}
	engine := strings.ToLower(r.Get("engine").Text(""))
	if engine == "" {
		switch {
		case r.Type != rdsInstanceType:
			c.Skip("engine is not set")
		case textIsSet(r.Get("replicateSourceDb")):
			c.Skip("a read replica that does not name its engine: the engine follows its source")
		case textIsSet(r.Get("snapshotIdentifier")):
			c.Skip("restored from a snapshot without naming its engine")
		default:
			c.Skip("engine is not set")
		}
		return
	}
	supported := slices.Contains(rdsIAMAuthEngines, engine)
	if r.Type == rdsClusterType {
		supported = strings.HasPrefix(engine, "aurora") // Multi-AZ DB clusters do not take it
	}
	if !supported {
		c.Skip(fmt.Sprintf("engine %s does not support IAM database authentication", r.Get("engine")))
		return
	}
	if version := r.Get("engineVersion"); engine == "mariadb" && rdsVersionBelow(version.Text(""), 10, 11) {
		c.Skip(fmt.Sprintf("engine mariadb %v does not support IAM database authentication (RDS for MariaDB "+
			"has it from 10.11)", version))
		return
	}
	c.Violatef("RDS %s %s does not enable IAM database authentication: every connection needs a long-lived "+
		"database password; set iamDatabaseAuthenticationEnabled: true", rdsKind(r), r.Name)
}

func checkRDSMultiAZ(c *pack.Check, r *pack.Resource) {
	if r.Get("multiAz").Bool(false) {
		return
	}
	if textIsSet(r.Get("replicateSourceDb")) {
		c.Skip("a read replica: its source database carries the availability")
		return
	}
	engine := r.Get("engine")
	if strings.EqualFold(engine.Text(""), "sqlserver-ex") {
		c.Skip("SQL Server Express cannot run Multi-AZ")
		return
	}
	c.Violatef("RDS instance %s runs in a single Availability Zone: set multiAz: true for a standby in another "+
		"zone", r.Name)
}

// checkRDSClusterMultiAZ judges what RDS reports as a DB cluster's MultiAZ attribute (the AWS Config
// rule rds-cluster-multi-az-enabled behind FSBP RDS.15): whether its DB instances run in more
// than one Availability Zone. The cluster's own availabilityZones input is no guide: it lists
// the zones of Aurora's storage, which RDS always spreads over three (filling the list up to
// three when it is shorter or absent), whatever the zones of the instances that serve queries.
// The instances are joined to their cluster through clusterIdentifier, and their zones read
// from their availabilityZone outputs: RDS picks a zone for an instance that names none, and
// the output shows which once it exists. So an instance whose zone is still unknown (during
// preview), like the cluster's list of members when the cluster is new, leaves the decision to
// the update.
func checkRDSClusterMultiAZ(c *pack.Check, s *pack.Stack) {
	members := joins.Sides(s, []string{rdsClusterInstanceType}, joins.OnName("clusterIdentifier", "clusterIdentifier", "id"))
	c.ForEach(s.OfType(rdsClusterType), func(cluster *pack.Resource) {
		if textIsSet(cluster.Get("dbClusterInstanceClass")) &&
			!strings.HasPrefix(strings.ToLower(cluster.Get("engine").Text("")), "aurora") {
			return // a Multi-AZ DB cluster: a writer and two readers, each in its own zone
		}
		if strings.EqualFold(cluster.Get("engineMode").Text("provisioned"), "serverless") {
			c.Defer(cluster, "an Aurora Serverless v1 cluster, whose capacity runs in one Availability Zone: "+
				"migrate it to Serverless v2 instances to run in several")
			return
		}
		instances := members.Matching(cluster)
		zones := map[string]pack.Value{}
		var unknown []pack.Value
		unrecorded := 0
		for _, instance := range instances {
			switch zone := instance.Get("availabilityZone"); {
			case zone.Unknown():
				unknown = append(unknown, zone)
			case zone.Text("") == "":
				unrecorded++
			default:
				zones[zone.Text("")] = zone
			}
		}
		if len(zones) >= 2 {
			return
		}
		members.StopIfUntraced(cluster) // an instance of an unknown cluster could be this one's
		// clusterMembers, the instances RDS listed when the cluster was last read, tells of instances
		// managed outside the stack (unknown for a new cluster: the update decides).
		if members := len(cluster.Get("clusterMembers").Strings()); members > len(instances) {
			c.Defer(cluster, fmt.Sprintf("its clusterMembers lists %d DB instances but the stack declares %d: the "+
				"others are managed outside the stack", members, len(instances)))
			return
		}
		if len(zones)+len(unknown)+unrecorded >= 2 {
			for _, zone := range unknown {
				_ = zone.Text("") // stops: the instance may land in another zone
			}
			c.Defer(cluster, "the Availability Zones of its instances are not recorded")
			return
		}
		var message string
		switch len(instances) {
		case 0:
			message = fmt.Sprintf("RDS cluster %s has no DB instances in the stack, so nothing can take over when "+
				"a zone fails: add aws.rds.ClusterInstance resources with clusterIdentifier set to its id in at "+
				"least two Availability Zones", cluster.Name)
		case 1:
			message = fmt.Sprintf("RDS cluster %s has a single DB instance (%s), in one Availability Zone: add a "+
				"reader (an aws.rds.ClusterInstance) in another zone for Aurora to fail over to", cluster.Name,
				instances[0].Name)
		default:
			var zone pack.Value
			for _, z := range zones {
				zone = z
			}
			message = fmt.Sprintf("RDS cluster %s runs all its %d DB instances in the Availability Zone %v: put a "+
				"reader in another zone (availabilityZone on its aws.rds.ClusterInstance) for Aurora to fail over to",
				cluster.Name, len(instances), zone)
		}
		c.Report(pack.Violation{URN: cluster.URN, Message: message})
	})
}

func checkRDSAutoMinorVersionUpgrade(c *pack.Check, r *pack.Resource) {
	if r.Get("autoMinorVersionUpgrade").Bool(true) {
		return
	}
	if r.Type == rdsInstanceType && strings.HasPrefix(strings.ToLower(r.Get("engine").Text("")), "custom-") {
		c.Skip("RDS Custom instances cannot apply minor version upgrades automatically")
		return
	}
	c.Violatef("RDS %s %s sets autoMinorVersionUpgrade to false: engine security patches wait for someone to "+
		"apply them; set autoMinorVersionUpgrade: true", rdsKind(r), r.Name)
}

func checkRDSLogExports(c *pack.Check, r *pack.Resource) {
	if len(r.Get("enabledCloudwatchLogsExports").Strings()) > 0 {
		return
	}
	if r.Type == rdsClusterType && strings.EqualFold(r.Get("engineMode").Text("provisioned"), "serverless") {
		c.Skip("Aurora Serverless v1 publishes its logs through its cluster parameter group, not " +
			"enabledCloudwatchLogsExports")
		return
	}
	hint := ""
	if engine := r.Get("engine"); !engine.Unknown() {
		if logs := rdsEngineLogs(engine.Text("")); logs != "" {
			hint = " (for this engine: " + logs + ")"
		}
	}
	c.Violatef("RDS %s %s exports no database logs to CloudWatch Logs: set enabledCloudwatchLogsExports%s",
		rdsKind(r), r.Name, hint)
}

// rdsEngineLogs lists the logs an engine can export to CloudWatch Logs, for a message.
func rdsEngineLogs(engine string) string {
	e := strings.ToLower(engine)
	switch {
	case strings.Contains(e, "postgres"):
		return `["postgresql", "upgrade"]`
	case strings.Contains(e, "mysql"), e == "aurora", e == "mariadb":
		return `["audit", "error", "general", "slowquery"]`
	case strings.HasPrefix(e, "oracle"), strings.HasPrefix(e, "custom-oracle"):
		return `["alert", "audit", "listener", "trace"]`
	case strings.HasPrefix(e, "sqlserver"), strings.HasPrefix(e, "custom-sqlserver"):
		return `["agent", "error"]`
	}
	return ""
}

func checkRDSSnapshotNotPublic(c *pack.Check, r *pack.Resource) {
	for _, account := range r.Get("sharedAccounts").Strings() {
		if strings.EqualFold(strings.TrimSpace(account), "all") {
			c.Violatef("RDS snapshot %s is shared with \"all\" in sharedAccounts: every AWS account can copy and "+
				"restore it; list the account ids that need it instead", r.Name)
			return
		}
	}
}

// rdsKind names the kind of RDS resource for a message.
func rdsKind(r *pack.Resource) string {
	switch r.Type {
	case rdsClusterType:
		return "cluster"
	case rdsClusterInstanceType:
		return "cluster instance"
	}
	return "instance"
}
