package policies

import (
	"fmt"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// Helpers the AWS database, cache, search, queue and secret rules share (aws_rds.go,
// aws_elasticache.go, aws_opensearch.go, aws_redshift.go, aws_sqs.go, aws_sns.go,
// aws_secretsmanager.go).

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
	what := fmt.Sprintf("keeps automated backups for %d days", days)
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
