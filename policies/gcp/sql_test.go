package gcp

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

const cloudSQLInstance = "gcp:sql/databaseInstance:DatabaseInstance"

// sqlInstance is a Cloud SQL instance with the given ipConfiguration and other settings.
func sqlInstance(ip packtest.Props, settings packtest.Props) packtest.Props {
	s := packtest.Props{"tier": "db-f1-micro"}
	if ip != nil {
		s["ipConfiguration"] = ip
	}
	for k, v := range settings {
		s[k] = v
	}
	return packtest.Props{"databaseVersion": "POSTGRES_16", "settings": s}
}

func TestCloudSQLNoPublicIP(t *testing.T) {
	packtest.Run(t, Policies(), "gcp-sql-no-public-ip", []packtest.Case{
		{Name: "unset means public", Want: packtest.Violation, Message: "Cloud SQL instance db leaves settings.ipConfiguration.ipv4Enabled unset",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(nil, nil))},
		{Name: "public", Want: packtest.Violation, Message: "ipv4Enabled true",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(packtest.Props{"ipv4Enabled": true}, nil))},
		{Name: "private only", Want: packtest.Pass,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(packtest.Props{"ipv4Enabled": false,
				"privateNetwork": "projects/p/global/networks/vpc"}, nil))},
		{Name: "clone without settings", Want: packtest.NotApplicable, Message: "sets no settings of its own",
			Resource: packtest.Resource(cloudSQLInstance, "db", packtest.Props{"clone": packtest.Props{"sourceInstanceName": "prod"}})},
		{Name: "unknown ipv4Enabled", Want: packtest.NotApplicable, Message: "settings.ipConfiguration.ipv4Enabled",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(packtest.Props{"ipv4Enabled": packtest.Unknown}, nil))},
		{Name: "unknown settings", Want: packtest.NotApplicable, Message: "value unknown during preview: settings",
			Resource: packtest.Resource(cloudSQLInstance, "db", packtest.Props{"settings": packtest.Unknown})},
	})
}

func TestCloudSQLNoInternetAuthorizedNetworks(t *testing.T) {
	networks := func(values ...any) []any {
		out := make([]any, len(values))
		for i, v := range values {
			out[i] = packtest.Props{"name": "n", "value": v}
		}
		return out
	}
	packtest.Run(t, Policies(), "gcp-sql-no-internet-authorized-networks", []packtest.Case{
		{Name: "open to the world", Want: packtest.Violation, Message: `Cloud SQL instance db authorizes "0.0.0.0/0", the whole internet`,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(packtest.Props{
				"authorizedNetworks": networks("203.0.113.0/24", "0.0.0.0/0")}, nil))},
		{Name: "open to the world with ipv4 explicit", Want: packtest.Violation,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(packtest.Props{"ipv4Enabled": true,
				"authorizedNetworks": networks("0.0.0.0/0")}, nil))},
		{Name: "office range", Want: packtest.Pass,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(packtest.Props{"authorizedNetworks": networks("203.0.113.0/24")}, nil))},
		{Name: "no public address", Want: packtest.Pass,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(packtest.Props{"ipv4Enabled": false,
				"authorizedNetworks": networks("0.0.0.0/0")}, nil))},
		{Name: "no authorized networks", Want: packtest.Pass, Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(nil, nil))},
		{Name: "unknown network value", Want: packtest.NotApplicable, Message: "authorizedNetworks[0].value",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(packtest.Props{"authorizedNetworks": networks(packtest.Unknown)}, nil))},
		{Name: "unknown networks", Want: packtest.NotApplicable, Message: "settings.ipConfiguration.authorizedNetworks",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(packtest.Props{"authorizedNetworks": packtest.Unknown}, nil))},
		{Name: "unknown ipv4Enabled", Want: packtest.NotApplicable, Message: "settings.ipConfiguration.ipv4Enabled",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(packtest.Props{"ipv4Enabled": packtest.Unknown,
				"authorizedNetworks": networks("0.0.0.0/0")}, nil))},
		{Name: "clone without settings", Want: packtest.NotApplicable, Message: "sets no settings of its own",
			Resource: packtest.Resource(cloudSQLInstance, "db", packtest.Props{})},
	})
}

func TestCloudSQLSSLRequired(t *testing.T) {
	packtest.Run(t, Policies(), "gcp-sql-ssl-required", []packtest.Case{
		{Name: "unset", Want: packtest.Violation, Message: "Cloud SQL instance db does not set settings.ipConfiguration.sslMode",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(nil, nil))},
		{Name: "unencrypted allowed", Want: packtest.Violation, Message: `sslMode "ALLOW_UNENCRYPTED_AND_ENCRYPTED"`,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(packtest.Props{"sslMode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED"}, nil))},
		{Name: "encrypted only", Want: packtest.Pass,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(packtest.Props{"sslMode": "ENCRYPTED_ONLY"}, nil))},
		{Name: "client certificates", Want: packtest.Pass,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(packtest.Props{"sslMode": "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"}, nil))},
		{Name: "gcp 7.x requireSsl", Want: packtest.Pass,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(packtest.Props{"requireSsl": true}, nil))},
		{Name: "gcp 7.x requireSsl false", Want: packtest.Violation,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(packtest.Props{"requireSsl": false}, nil))},
		{Name: "unknown ssl mode", Want: packtest.NotApplicable, Message: "settings.ipConfiguration.sslMode",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(packtest.Props{"sslMode": packtest.Unknown}, nil))},
		{Name: "unknown requireSsl", Want: packtest.NotApplicable, Message: "settings.ipConfiguration.requireSsl",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(packtest.Props{"requireSsl": packtest.Unknown}, nil))},
		{Name: "clone without settings", Want: packtest.NotApplicable, Message: "sets no settings of its own",
			Resource: packtest.Resource(cloudSQLInstance, "db", packtest.Props{})},
	})
}

func TestCloudSQLBackups(t *testing.T) {
	backups := func(enabled any) packtest.Props {
		return packtest.Props{"backupConfiguration": packtest.Props{"enabled": enabled, "startTime": "03:00"}}
	}
	packtest.Run(t, Policies(), "gcp-sql-backups-enabled", []packtest.Case{
		{Name: "unset", Want: packtest.Violation, Message: "Cloud SQL instance db does not set settings.backupConfiguration.enabled",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(nil, nil))},
		{Name: "disabled", Want: packtest.Violation, Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(nil, backups(false)))},
		{Name: "enabled", Want: packtest.Pass, Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(nil, backups(true)))},
		{Name: "read replica", Want: packtest.NotApplicable, Message: "read replicas take no backups",
			Resource: packtest.Resource(cloudSQLInstance, "replica", func() packtest.Props {
				p := sqlInstance(nil, nil)
				p["masterInstanceName"] = "db"
				return p
			}())},
		{Name: "read replica by instance type", Want: packtest.NotApplicable, Message: "read replicas take no backups",
			Resource: packtest.Resource(cloudSQLInstance, "replica", func() packtest.Props {
				p := sqlInstance(nil, nil)
				p["instanceType"] = "READ_REPLICA_INSTANCE"
				return p
			}())},
		{Name: "unknown enabled", Want: packtest.NotApplicable, Message: "settings.backupConfiguration.enabled",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlInstance(nil, backups(packtest.Unknown)))},
		{Name: "unknown master", Want: packtest.NotApplicable, Message: "value unknown during preview: masterInstanceName",
			Resource: packtest.Resource(cloudSQLInstance, "replica", packtest.Props{"masterInstanceName": packtest.Unknown})},
		{Name: "unknown instance type", Want: packtest.NotApplicable, Message: "value unknown during preview: instanceType",
			Resource: packtest.Resource(cloudSQLInstance, "replica", packtest.Props{"instanceType": packtest.Unknown})},
	})
}

// sqlFlags is a Cloud SQL instance of the given version with the given database flags (name, value pairs).
func sqlFlags(version any, pairs ...any) packtest.Props {
	var flags []any
	for i := 0; i+1 < len(pairs); i += 2 {
		flags = append(flags, packtest.Props{"name": pairs[i], "value": pairs[i+1]})
	}
	settings := packtest.Props{"tier": "db-custom-1-3840"}
	if flags != nil {
		settings["databaseFlags"] = flags
	}
	return packtest.Props{"databaseVersion": version, "settings": settings}
}

func TestCloudSQLPostgresLogFlags(t *testing.T) {
	packtest.Run(t, Policies(), "gcp-sql-postgres-log-flags", []packtest.Case{
		{Name: "no flags", Want: packtest.Violation, Count: 2,
			Message: `Cloud SQL instance db does not set the log_connections database flag, which is off by default: add ` +
				`{ name: "log_connections", value: "on" } to settings.databaseFlags`,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlFlags("POSTGRES_16"))},
		{Name: "disconnections off", Want: packtest.Violation, Count: 1,
			Message:  `Cloud SQL instance db sets the log_disconnections database flag to "off": set it to "on"`,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlFlags("POSTGRES_16", "log_connections", "on", "log_disconnections", "off"))},
		{Name: "both on", Want: packtest.Pass,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlFlags("POSTGRES_15", "log_min_duration_statement", "-1",
				"log_connections", "on", "log_disconnections", "on"))},
		{Name: "MySQL instance", Want: packtest.NotApplicable, Message: "not a PostgreSQL instance",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlFlags("MYSQL_8_0"))},
		{Name: "clone without settings", Want: packtest.NotApplicable, Message: "sets no settings of its own",
			Resource: packtest.Resource(cloudSQLInstance, "db", packtest.Props{"databaseVersion": "POSTGRES_16"})},
		{Name: "unknown version", Want: packtest.NotApplicable, Message: "value unknown during preview: databaseVersion",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlFlags(packtest.Unknown))},
		{Name: "unknown flag value", Want: packtest.NotApplicable, Message: "value unknown during preview: settings.databaseFlags[0].value",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlFlags("POSTGRES_16", "log_connections", packtest.Unknown,
				"log_disconnections", "on"))},
		{Name: "unknown flags", Want: packtest.NotApplicable, Message: "value unknown during preview: settings.databaseFlags",
			Resource: packtest.Resource(cloudSQLInstance, "db", packtest.Props{"databaseVersion": "POSTGRES_16",
				"settings": packtest.Props{"databaseFlags": packtest.Unknown}})},
	})
}

func TestCloudSQLMySQLLocalInfile(t *testing.T) {
	packtest.Run(t, Policies(), "gcp-sql-mysql-local-infile-off", []packtest.Case{
		{Name: "unset", Want: packtest.Violation,
			Message: `Cloud SQL instance db does not set the local_infile database flag, so the server may accept LOAD DATA LOCAL: ` +
				`add { name: "local_infile", value: "off" } to settings.databaseFlags`,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlFlags("MYSQL_8_0"))},
		{Name: "on", Want: packtest.Violation, Message: `sets the local_infile database flag to "on", so the server accepts LOAD DATA LOCAL`,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlFlags("MYSQL_5_7", "local_infile", "on"))},
		{Name: "off", Want: packtest.Pass,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlFlags("MYSQL_8_0_31", "general_log", "on", "local_infile", "off"))},
		{Name: "PostgreSQL instance", Want: packtest.NotApplicable, Message: "not a MySQL instance",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlFlags("POSTGRES_16"))},
		{Name: "unknown flag value", Want: packtest.NotApplicable, Message: "value unknown during preview: settings.databaseFlags[0].value",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlFlags("MYSQL_8_0", "local_infile", packtest.Unknown))},
		{Name: "unknown flag name", Want: packtest.NotApplicable, Message: "value unknown during preview: settings.databaseFlags[0].name",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlFlags("MYSQL_8_0", packtest.Unknown, "off"))},
	})
}

func TestCloudSQLSQLServerContainedAuth(t *testing.T) {
	packtest.Run(t, Policies(), "gcp-sql-sqlserver-contained-db-auth-off", []packtest.Case{
		{Name: "on", Want: packtest.Violation,
			Message: `Cloud SQL instance db sets the contained database authentication database flag to "on": users of contained ` +
				`databases authenticate without a login at the instance; set it to "off"`,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlFlags("SQLSERVER_2022_STANDARD", "contained database authentication", "on"))},
		{Name: "unset is off", Want: packtest.Pass,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlFlags("SQLSERVER_2022_STANDARD"))},
		{Name: "off", Want: packtest.Pass,
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlFlags("SQLSERVER_2019_ENTERPRISE", "contained database authentication", "off"))},
		{Name: "PostgreSQL instance", Want: packtest.NotApplicable, Message: "not a SQL Server instance",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlFlags("POSTGRES_16", "contained database authentication", "on"))},
		{Name: "unknown flag value", Want: packtest.NotApplicable, Message: "value unknown during preview: settings.databaseFlags[0].value",
			Resource: packtest.Resource(cloudSQLInstance, "db", sqlFlags("SQLSERVER_2022_STANDARD", "contained database authentication", packtest.Unknown))},
	})
}
