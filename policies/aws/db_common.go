package aws

import (
	"fmt"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// Helpers the AWS database, cache, search, queue and secret rules share (rds.go,
// docdb.go, neptune.go, elasticache.go, opensearch.go, redshift.go,
// sqs.go, sns.go, secretsmanager.go, kinesis.go, sagemaker.go).

// awsProviderMajorVersion returns the major version of the pulumi-aws provider that manages r,
// read from the provider resource's version input ("6.83.4", "7.2.0"), and whether the engine
// told it. An unknown version stops the check like any unknown value.
func awsProviderMajorVersion(r *pack.Resource) (int, bool) {
	if r.Provider == nil || r.Provider.Package() != "aws" {
		return 0, false
	}
	v, ok := r.Provider.Version()
	return int(v.Major), ok && v.Major > 0
}

// textIsSet reports whether a string property holds something other than the empty string.
func textIsSet(v pack.Value) bool { return v.Text("") != "" }

// textSettingShortfall says how a resource's text property falls short of want (compared ignoring
// case), for messages: "does not set p (it defaults to "def")" or "sets p "v""; "" when it is want.
func textSettingShortfall(r *pack.Resource, property, want, def string) string {
	v := r.Get(property)
	switch {
	case strings.EqualFold(v.Text(def), want):
		return ""
	case textIsSet(v):
		return fmt.Sprintf("sets %s %v", property, v)
	}
	return fmt.Sprintf("does not set %s (it defaults to %q)", property, def)
}

// anyValueSet reports whether any of the values is set: a non-empty string, a non-empty list, or
// any other value. Known values are looked at first, so that a value that is set decides even
// when another is unknown; an unknown value is read (and stops the check) only when no known
// value is set.
func anyValueSet(values ...pack.Value) bool {
	var unknown []pack.Value
	for _, v := range values {
		if v.Unknown() {
			unknown = append(unknown, v)
			continue
		}
		if valueIsSet(v) {
			return true
		}
	}
	for _, v := range unknown {
		if valueIsSet(v) { // stops the check: the value is unknown
			return true
		}
	}
	return false
}

func valueIsSet(v pack.Value) bool {
	if !v.Exists() {
		return false
	}
	raw := v.Raw()
	switch {
	case raw.IsString():
		return raw.AsString() != ""
	case raw.IsArray():
		return len(v.Items()) > 0
	}
	return true
}

// dbBackupSettings configures the backup retention rules of the databases built on the RDS
// platform (RDS and Aurora, DocumentDB, Neptune), which all keep automated backups for
// backupRetentionPeriod days, 1 to 35.
type dbBackupSettings struct {
	MinimumDays int `json:"minimumDays"`
}

// backupShortfall reads the backupRetentionPeriod of an RDS, DocumentDB or Neptune database (def
// days when unset) and, when it keeps automated backups for fewer than minimum days, says how long
// it keeps them, for a message: "keeps no automated backups", "keeps automated backups for 1 day
// (backupRetentionPeriod is unset)". It returns "" when the database keeps enough.
func backupShortfall(r *pack.Resource, def, minimum int) string {
	period := r.Get("backupRetentionPeriod")
	days := period.Int(def)
	if days >= minimum {
		return ""
	}
	what := "keeps automated backups for " + pack.Count(days, "day")
	switch {
	case days == 0:
		what = "keeps no automated backups"
	case days == 1:
		what = "keeps automated backups for 1 day"
	}
	if !period.Exists() {
		what += " (backupRetentionPeriod is unset)"
	}
	return what
}

// checkDBClusterStorageEncrypted judges the storage encryption of a DocumentDB or Neptune cluster or
// global cluster; kind names it in messages ("DocumentDB cluster") and key is its KMS key input
// (kmsKeyId, kmsKeyArn). Both services leave storageEncrypted false when it is unset, and a KMS
// key alone does not turn it on (the provider asks for storageEncrypted: true with it). A cluster
// restored from a snapshot or to a point in time, a read replica, a member of a global cluster and
// a global cluster made from an existing cluster take their encryption from their source, so they
// are judged only when they set storageEncrypted to false. Each of those inputs exists on some of
// the types only; on the others it reads as unset.
func checkDBClusterStorageEncrypted(c *pack.Check, r *pack.Resource, kind string, key pack.Value) {
	encrypted := r.Get("storageEncrypted")
	if encrypted.Bool(false) {
		return
	}
	if encrypted.Exists() {
		c.Violatef("%s %s sets storageEncrypted to false: its storage, backups and snapshots are not encrypted; "+
			"set storageEncrypted: true", kind, r.Name)
		return
	}
	switch {
	case textIsSet(r.Get("snapshotIdentifier")):
		c.Skip("restored from a snapshot: its encryption follows the snapshot")
	case r.Get("restoreToPointInTime").Exists():
		c.Skip("restored to a point in time: its encryption follows the source cluster")
	case textIsSet(r.Get("replicationSourceIdentifier")):
		c.Skip("a read replica cluster: its encryption follows its source")
	case textIsSet(r.Get("globalClusterIdentifier")):
		c.Skip("a member of a global cluster: its encryption follows the global cluster")
	case textIsSet(r.Get("sourceDbClusterIdentifier")):
		c.Skip("made from an existing cluster: its encryption follows that cluster")
	default:
		alone := ""
		if textIsSet(key) {
			alone = ", and " + key.Path() + " alone does not turn it on"
		}
		c.Violatef("%s %s does not encrypt its storage (storageEncrypted is false by default%s): set "+
			"storageEncrypted: true", kind, r.Name, alone)
	}
}

// checkAuditLogExport flags a DocumentDB or Neptune cluster whose list of logs exported to
// CloudWatch Logs (exports: enabledCloudwatchLogsExports for DocumentDB,
// enableCloudwatchLogsExports for Neptune; nothing is exported when it is unset) leaves out the
// audit log.
func checkAuditLogExport(c *pack.Check, r *pack.Resource, kind string, exports pack.Value) {
	logs := exports.Items()
	quoted := make([]string, 0, len(logs))
	var unknown []pack.Value
	for _, log := range logs {
		if log.Unknown() {
			unknown = append(unknown, log)
			continue
		}
		if strings.EqualFold(strings.TrimSpace(log.Text("")), "audit") {
			return
		}
		quoted = append(quoted, log.String())
	}
	for _, log := range unknown {
		_ = log.Text("") // stops: the unknown entry may be the audit log
	}
	what := "exports no logs to CloudWatch Logs"
	if len(quoted) > 0 {
		what = "exports " + strings.Join(quoted, ", ") + " to CloudWatch Logs but not its audit log"
	}
	c.Violatef("%s %s %s: add \"audit\" to %s", kind, r.Name, what, exports.Path())
}

// clusterBackupSettings configures the backup retention rule of a service whose clusters keep at
// least a day of automated backups (DocumentDB, Neptune), named in errors.
type clusterBackupSettings struct {
	dbBackupSettings

	service string
}

func (s *clusterBackupSettings) Prepare() error {
	if s.MinimumDays <= 1 {
		return pack.TurnsRuleOff("minimumDays", fmt.Sprintf("%d is no more than 1 day, the least a %s cluster "+
			"keeps automated backups, so every cluster meets it", s.MinimumDays, s.service),
			"set the fewest days clusters must keep (by default 7)")
	}
	return nil
}

// clusterBackupRetention is the backup retention rule of a database service whose clusters keep
// automated backups for backupRetentionPeriod days, 1 when unset (DocumentDB, Neptune): service
// names it in messages, tag in the rule's tags, control is its FSBP control.
func clusterBackupRetention(name, service, tag, control, clusterType string) pack.Policy {
	return pack.Policy{
		Name:        name,
		DisplayName: service + " keeps automated backups long enough",
		Description: service + " clusters keep automated backups for at least the configured number of days (7 " +
			"by default; backupRetentionPeriod is 1 day when unset), so that they can be restored to any point " +
			"in that period.",
		Severity:    pack.Medium,
		Framework:   frameworks.FSBP(control),
		Tags:        []string{"aws", tag, "backup"},
		Remediation: "Set backupRetentionPeriod to at least the required number of days (at most 35).",
		Config: pack.Schema{Properties: map[string]pack.JSONSchema{
			"minimumDays": pack.Integer("Fewest days of automated backups a "+service+" cluster must keep "+
				"(backupRetentionPeriod; "+service+" allows 1 to 35), more than 1 (the least, which every cluster "+
				"keeps). Default 7.", 7, 1),
		}},
		Settings: func() any { return &clusterBackupSettings{service: service} },
		Types:    []string{clusterType},
		Resource: func(c *pack.Check, r *pack.Resource) {
			minimum := pack.SettingsOf[clusterBackupSettings](c).MinimumDays
			if short := backupShortfall(r, 1, minimum); short != "" {
				c.Violatef("%s cluster %s %s: set backupRetentionPeriod to at least %d", service, r.Name, short, minimum)
			}
		},
	}
}
