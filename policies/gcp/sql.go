package gcp

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/network"
)

var cloudSQLTypes = []string{"gcp:sql/databaseInstance:DatabaseInstance"}

var cloudSQLNoPublicIP = pack.Policy{
	Name:        "gcp-sql-no-public-ip",
	DisplayName: "Cloud SQL instances have no public IP address",
	Description: "Cloud SQL instances are reached on a private IP address (or Private Service Connect) only, " +
		"not on a public IPv4 address.",
	Severity:  pack.Medium,
	Framework: frameworks.CISGCP("6.6"),
	Tags:      []string{"gcp", "sql", "network"},
	Remediation: "Set settings.ipConfiguration.ipv4Enabled: false with settings.ipConfiguration.privateNetwork " +
		"(or pscConfigs), and connect from inside the VPC or through the Cloud SQL Auth Proxy.",
	Types:    cloudSQLTypes,
	Resource: checkCloudSQLNoPublicIP,
}

var cloudSQLNoInternetAuthorizedNetworks = pack.Policy{
	Name:        "gcp-sql-no-internet-authorized-networks",
	DisplayName: "Cloud SQL instances do not authorize the whole internet",
	Description: "No authorized network of a Cloud SQL instance with a public IP address is 0.0.0.0/0 or ::/0.",
	Severity:    pack.Critical,
	Framework:   frameworks.CISGCP("6.5"),
	Tags:        []string{"gcp", "sql", "network", "public-access"},
	Remediation: "Remove 0.0.0.0/0 from settings.ipConfiguration.authorizedNetworks and list only the addresses " +
		"of the clients that need access, or use the Cloud SQL Auth Proxy and private IP.",
	Types:    cloudSQLTypes,
	Resource: checkCloudSQLNoInternetAuthorizedNetworks,
}

var cloudSQLSSLRequired = pack.Policy{
	Name:        "gcp-sql-ssl-required",
	DisplayName: "Cloud SQL instances require SSL/TLS",
	Description: "Cloud SQL instances refuse unencrypted connections.",
	Severity:    pack.High,
	Framework:   frameworks.CISGCP("6.4"),
	Tags:        []string{"gcp", "sql", "encryption"},
	Remediation: "Set settings.ipConfiguration.sslMode: \"ENCRYPTED_ONLY\" (or \"TRUSTED_CLIENT_CERTIFICATE_REQUIRED\" " +
		"to also require client certificates). With gcp 7.x, requireSsl: true also counts.",
	Types:    cloudSQLTypes,
	Resource: checkCloudSQLSSLRequired,
}

var cloudSQLBackups = pack.Policy{
	Name:        "gcp-sql-backups-enabled",
	DisplayName: "Cloud SQL instances take automated backups",
	Description: "Cloud SQL primary instances turn on automated backups (read replicas take none).",
	Severity:    pack.Medium,
	Framework:   frameworks.CISGCP("6.7"),
	Tags:        []string{"gcp", "sql", "backup"},
	Remediation: "Set settings.backupConfiguration: { enabled: true, startTime, backupRetentionSettings } (and " +
		"pointInTimeRecoveryEnabled or binaryLogEnabled for point-in-time recovery).",
	Types:    cloudSQLTypes,
	Resource: checkCloudSQLBackups,
}

var cloudSQLPostgresLogFlags = pack.Policy{
	Name:        "gcp-sql-postgres-log-flags",
	DisplayName: "Cloud SQL for PostgreSQL logs connections and disconnections",
	Description: "Cloud SQL PostgreSQL instances set the log_connections and log_disconnections database flags to " +
		"on (both off by default), so that every connection attempt and session end is logged. Covers CIS 6.2.2 " +
		"and 6.2.3.",
	Severity:  pack.Medium,
	Framework: frameworks.CISGCP("6.2.2"),
	Tags:      []string{"gcp", "sql", "logging", "cis:6.2.3"},
	Remediation: "Add { name: \"log_connections\", value: \"on\" } and { name: \"log_disconnections\", value: \"on\" } " +
		"to settings.databaseFlags.",
	Types:    cloudSQLTypes,
	Resource: checkCloudSQLPostgresLogFlags,
}

var cloudSQLMySQLLocalInfile = pack.Policy{
	Name:        "gcp-sql-mysql-local-infile-off",
	DisplayName: "Cloud SQL for MySQL refuses LOAD DATA LOCAL",
	Description: "Cloud SQL MySQL instances set the local_infile database flag to off, so that the server refuses " +
		"LOAD DATA LOCAL statements, which let a compromised client or SQL injection read files (the CIS " +
		"benchmark gives on as the Cloud SQL default).",
	Severity:    pack.Medium,
	Framework:   frameworks.CISGCP("6.1.3"),
	Tags:        []string{"gcp", "sql", "hardening"},
	Remediation: "Add { name: \"local_infile\", value: \"off\" } to settings.databaseFlags.",
	Types:       cloudSQLTypes,
	Resource:    checkCloudSQLMySQLLocalInfile,
}

var cloudSQLSQLServerContainedAuth = pack.Policy{
	Name:        "gcp-sql-sqlserver-contained-db-auth-off",
	DisplayName: "Cloud SQL for SQL Server does not allow contained database authentication",
	Description: "Cloud SQL SQL Server instances do not set the contained database authentication database flag " +
		"to on (it is off by default), so that users cannot authenticate to a database without a login at " +
		"the instance.",
	Severity:    pack.Medium,
	Framework:   frameworks.CISGCP("6.3.7"),
	Tags:        []string{"gcp", "sql", "identity"},
	Remediation: "Remove the \"contained database authentication\" flag from settings.databaseFlags or set its value to \"off\".",
	Types:       cloudSQLTypes,
	Resource:    checkCloudSQLSQLServerContainedAuth,
}

func init() {
	register(cloudSQLNoPublicIP, cloudSQLNoInternetAuthorizedNetworks, cloudSQLSSLRequired, cloudSQLBackups,
		cloudSQLPostgresLogFlags, cloudSQLMySQLLocalInfile, cloudSQLSQLServerContainedAuth)
}

// cloudSQLSettings returns an instance's settings, or skips the check when it has none of its own
// (a clone copies its source's).
func cloudSQLSettings(c *pack.Check, r *pack.Resource) (pack.Value, bool) {
	settings := r.Get("settings")
	if !settings.Exists() {
		c.Skip("the instance sets no settings of its own (a clone copies those of its source)")
		return settings, false
	}
	return settings, true
}

// cloudSQLPublicIP reports whether an instance has a public IPv4 address: ipv4Enabled defaults
// to true.
func cloudSQLPublicIP(settings pack.Value) bool {
	return settings.Get("ipConfiguration", "ipv4Enabled").Bool(true)
}

func checkCloudSQLNoPublicIP(c *pack.Check, r *pack.Resource) {
	settings, ok := cloudSQLSettings(c, r)
	if !ok || !cloudSQLPublicIP(settings) {
		return
	}
	if !settings.Get("ipConfiguration", "ipv4Enabled").Exists() {
		c.Violatef("Cloud SQL instance %s leaves settings.ipConfiguration.ipv4Enabled unset, so it gets a public IP "+
			"address: set ipv4Enabled: false and use privateNetwork", r.Name)
		return
	}
	c.Violatef("Cloud SQL instance %s has settings.ipConfiguration.ipv4Enabled true, so it gets a public IP address: "+
		"set it to false and use privateNetwork", r.Name)
}

func checkCloudSQLNoInternetAuthorizedNetworks(c *pack.Check, r *pack.Resource) {
	settings, ok := cloudSQLSettings(c, r)
	if !ok || !cloudSQLPublicIP(settings) {
		return // without a public address, authorized networks admit nobody
	}
	for _, authorized := range settings.Get("ipConfiguration", "authorizedNetworks").Items() {
		if value := authorized.Get("value"); network.IsInternet(value.Text("")) {
			c.Violatef("Cloud SQL instance %s authorizes %v, the whole internet, to connect to its public IP address: "+
				"list only the clients that need access in settings.ipConfiguration.authorizedNetworks", r.Name, value)
		}
	}
}

func checkCloudSQLSSLRequired(c *pack.Check, r *pack.Resource) {
	settings, ok := cloudSQLSettings(c, r)
	if !ok {
		return
	}
	ip := settings.Get("ipConfiguration")
	mode := ip.Get("sslMode")
	switch strings.ToUpper(strings.TrimSpace(mode.Text(""))) {
	case "ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED":
		return
	case "":
		if ip.Get("requireSsl").Bool(false) { // gcp 7.x and before
			return
		}
		c.Violatef("Cloud SQL instance %s does not set settings.ipConfiguration.sslMode, so it accepts unencrypted "+
			"connections: set sslMode: \"ENCRYPTED_ONLY\"", r.Name)
	default:
		c.Violatef("Cloud SQL instance %s has settings.ipConfiguration.sslMode %v, so it accepts unencrypted "+
			"connections: set sslMode: \"ENCRYPTED_ONLY\"", r.Name, mode)
	}
}

func checkCloudSQLBackups(c *pack.Check, r *pack.Resource) {
	if strings.TrimSpace(r.Get("masterInstanceName").Text("")) != "" ||
		strings.EqualFold(r.Get("instanceType").Text(""), "READ_REPLICA_INSTANCE") {
		c.Skip("read replicas take no backups")
		return
	}
	settings, ok := cloudSQLSettings(c, r)
	if ok && !settings.Get("backupConfiguration", "enabled").Bool(false) {
		c.Violatef("Cloud SQL instance %s does not set settings.backupConfiguration.enabled: it takes no automated "+
			"backups; set backupConfiguration: { enabled: true }", r.Name)
	}
}

// cloudSQLEngineSettings returns the settings of an instance of the engine whose databaseVersion starts
// with prefix (POSTGRES_, MYSQL_, SQLSERVER_), or skips the check for other engines and clones.
func cloudSQLEngineSettings(c *pack.Check, r *pack.Resource, prefix, engine string) (pack.Value, bool) {
	if !strings.HasPrefix(strings.ToUpper(strings.TrimSpace(r.Get("databaseVersion").Text(""))), prefix) {
		c.Skip("not a " + engine + " instance")
		return pack.Value{}, false
	}
	return cloudSQLSettings(c, r)
}

// cloudSQLFlag returns the value of the database flag name (case-insensitive) in settings.databaseFlags,
// and whether it is set.
func cloudSQLFlag(settings pack.Value, name string) (pack.Value, bool) {
	for _, flag := range settings.Get("databaseFlags").Items() {
		if strings.EqualFold(strings.TrimSpace(flag.Get("name").Text("")), name) {
			return flag.Get("value"), true
		}
	}
	return pack.Value{}, false
}

// cloudSQLFlagOn reads a boolean database flag's value ("on", "off", and the other spellings
// PostgreSQL and MySQL accept).
func cloudSQLFlagOn(value pack.Value) bool {
	switch strings.ToLower(strings.TrimSpace(value.Text(""))) {
	case "on", "true", "1", "yes":
		return true
	}
	return false
}

func checkCloudSQLPostgresLogFlags(c *pack.Check, r *pack.Resource) {
	settings, ok := cloudSQLEngineSettings(c, r, "POSTGRES_", "PostgreSQL")
	if !ok {
		return
	}
	for _, name := range []string{"log_connections", "log_disconnections"} {
		value, set := cloudSQLFlag(settings, name)
		switch {
		case !set:
			c.Violatef("Cloud SQL instance %s does not set the %s database flag, which is off by default: add "+
				"{ name: %q, value: \"on\" } to settings.databaseFlags", r.Name, name, name)
		case !cloudSQLFlagOn(value):
			c.Violatef("Cloud SQL instance %s sets the %s database flag to %v: set it to \"on\"", r.Name, name, value)
		}
	}
}

func checkCloudSQLMySQLLocalInfile(c *pack.Check, r *pack.Resource) {
	settings, ok := cloudSQLEngineSettings(c, r, "MYSQL_", "MySQL")
	if !ok {
		return
	}
	value, set := cloudSQLFlag(settings, "local_infile")
	switch {
	case !set:
		c.Violatef("Cloud SQL instance %s does not set the local_infile database flag, so the server may accept "+
			"LOAD DATA LOCAL: add { name: \"local_infile\", value: \"off\" } to settings.databaseFlags", r.Name)
	case cloudSQLFlagOn(value):
		c.Violatef("Cloud SQL instance %s sets the local_infile database flag to %v, so the server accepts LOAD "+
			"DATA LOCAL: set it to \"off\"", r.Name, value)
	}
}

func checkCloudSQLSQLServerContainedAuth(c *pack.Check, r *pack.Resource) {
	settings, ok := cloudSQLEngineSettings(c, r, "SQLSERVER_", "SQL Server")
	if !ok {
		return
	}
	if value, set := cloudSQLFlag(settings, "contained database authentication"); set && cloudSQLFlagOn(value) {
		c.Violatef("Cloud SQL instance %s sets the contained database authentication database flag to %v: users "+
			"of contained databases authenticate without a login at the instance; set it to \"off\"", r.Name, value)
	}
}
