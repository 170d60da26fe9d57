package aws

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// Amazon Neptune rules. pulumi-aws v6 and v7 share these tokens and the inputs the rules read.
// Neptune names some inputs unlike DocumentDB and RDS: kmsKeyArn, enableCloudwatchLogsExports.

const (
	neptuneClusterType       = "aws:neptune/cluster:Cluster"
	neptuneGlobalClusterType = "aws:neptune/globalCluster:GlobalCluster"
	neptuneInstanceType      = "aws:neptune/clusterInstance:ClusterInstance"
)

func init() {
	register(neptuneStorageEncrypted, neptuneAuditLogs, neptuneBackupRetention, neptuneIAMAuthentication,
		neptuneInstanceNotPublic)
}

var neptuneStorageEncrypted = pack.Policy{
	Name:        "aws-neptune-storage-encrypted",
	DisplayName: "Neptune storage is encrypted",
	Description: "Neptune DB clusters and global clusters encrypt their storage at rest (storageEncrypted, false " +
		"by default). Clusters restored from a snapshot, read replica clusters, members of a global cluster and " +
		"global clusters made from an existing cluster take their encryption from their source, so they are " +
		"judged only when they set storageEncrypted to false.",
	Severity:  pack.High,
	Framework: frameworks.FSBP("Neptune.1"),
	Tags:      []string{"aws", "neptune", "encryption"},
	Remediation: "Set storageEncrypted: true (and kmsKeyArn for a customer managed key). Encryption cannot be " +
		"turned on for an existing cluster: restore a snapshot into a new encrypted cluster and switch over.",
	Types:    []string{neptuneClusterType, neptuneGlobalClusterType},
	Resource: checkNeptuneStorageEncrypted,
}

func checkNeptuneStorageEncrypted(c *pack.Check, r *pack.Resource) {
	kind := "Neptune cluster"
	if r.Type == neptuneGlobalClusterType {
		kind = "Neptune global cluster"
	}
	checkDBClusterStorageEncrypted(c, r, kind, r.Get("kmsKeyArn"))
}

var neptuneAuditLogs = pack.Policy{
	Name:        "aws-neptune-audit-logs",
	DisplayName: "Neptune publishes its audit log to CloudWatch Logs",
	Description: "Neptune DB clusters export their audit log (\"audit\" in enableCloudwatchLogsExports, which " +
		"exports nothing when unset) to CloudWatch Logs, where every query and the client that sent it are " +
		"kept and can be alarmed on.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("Neptune.2"),
	Tags:      []string{"aws", "neptune", "logging"},
	Remediation: "Add \"audit\" to enableCloudwatchLogsExports, and set the neptune_enable_audit_log parameter to 1 " +
		"in the cluster's parameter group (an aws.neptune.ClusterParameterGroup named by " +
		"neptuneClusterParameterGroupName): without it Neptune records no audit events to export.",
	Types:    []string{neptuneClusterType},
	Resource: checkNeptuneAuditLogs,
}

func checkNeptuneAuditLogs(c *pack.Check, r *pack.Resource) {
	checkAuditLogExport(c, r, "Neptune cluster", r.Get("enableCloudwatchLogsExports"))
}

var neptuneBackupRetention = clusterBackupRetention("aws-neptune-backup-retention", "Neptune", "neptune",
	"Neptune.5", neptuneClusterType)

var neptuneIAMAuthentication = pack.Policy{
	Name:        "aws-neptune-iam-authentication",
	DisplayName: "Neptune requires IAM database authentication",
	Description: "Neptune DB clusters turn on IAM database authentication (iamDatabaseAuthenticationEnabled, " +
		"false by default), so that every request is signed with the caller's IAM credentials and allowed " +
		"by IAM policy. Neptune has no database users of its own: without IAM authentication any client that " +
		"reaches the endpoint can query and change the graph.",
	Severity:  pack.High,
	Framework: frameworks.FSBP("Neptune.7"),
	Tags:      []string{"aws", "neptune", "identity"},
	Remediation: "Set iamDatabaseAuthenticationEnabled: true, grant neptune-db:* actions (for example " +
		"neptune-db:ReadDataViaQuery) on the cluster to the roles that connect, and sign their requests with " +
		"Signature Version 4.",
	Types:    []string{neptuneClusterType},
	Resource: checkNeptuneIAMAuthentication,
}

func checkNeptuneIAMAuthentication(c *pack.Check, r *pack.Resource) {
	enabled := r.Get("iamDatabaseAuthenticationEnabled")
	if enabled.Bool(false) {
		return
	}
	what := "does not turn on IAM database authentication (iamDatabaseAuthenticationEnabled is false by default)"
	if enabled.Exists() {
		what = "sets iamDatabaseAuthenticationEnabled to false"
	}
	c.Violatef("Neptune cluster %s %s: any client that reaches its endpoint can query and change the graph; set "+
		"iamDatabaseAuthenticationEnabled: true", r.Name, what)
}

var neptuneInstanceNotPublic = pack.Policy{
	Name:        "aws-neptune-instance-not-public",
	DisplayName: "Neptune instances are not publicly accessible",
	Description: "Neptune cluster instances do not get a public endpoint (publiclyAccessible, false by default): " +
		"a public instance answers graph queries from the internet, guarded only by IAM authentication.",
	Severity:  pack.High,
	Framework: frameworks.WellArchitected("SEC05-BP01"),
	Tags:      []string{"aws", "neptune", "network", "public-access"},
	Remediation: "Set publiclyAccessible: false and reach the cluster from inside its VPC (a bastion, Session " +
		"Manager port forwarding, or a VPN).",
	Types:    []string{neptuneInstanceType},
	Resource: checkNeptuneInstanceNotPublic,
}

func checkNeptuneInstanceNotPublic(c *pack.Check, r *pack.Resource) {
	if r.Get("publiclyAccessible").Bool(false) {
		c.Violatef("Neptune instance %s has publiclyAccessible true: it answers from the internet; set "+
			"publiclyAccessible: false", r.Name)
	}
}
