package azure

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// API versions of the sql module that azure-native 2.x generated besides its default, with the
// property names of the current API (2014-04-01 had others, and lacks public network access and
// minimal TLS).
var azureSQLAPIVersions = []string{"20211101", "20221101preview", "20230201preview", "20230501preview",
	"20230801", "20230801preview", "20240501preview"}

var (
	sqlServerTypes   = append(azureNativeTypes("sql", "Server", azureSQLAPIVersions...), "azure:mssql/server:Server")
	sqlFirewallTypes = append(azureNativeTypes("sql", "FirewallRule", append([]string{"20140401"}, azureSQLAPIVersions...)...),
		"azure:mssql/firewallRule:FirewallRule")
	sqlTDETypes = append(azureNativeTypes("sql", "TransparentDataEncryption", azureSQLAPIVersions...),
		"azure:mssql/database:Database")
)

var sqlServerNoPublicNetworkAccess = pack.Policy{
	Name:        "azure-sql-server-no-public-network-access",
	DisplayName: "SQL servers disable public network access",
	Description: "Azure SQL logical servers accept connections through private endpoints only, not on their " +
		"public endpoint.",
	Severity:  pack.Medium,
	Framework: frameworks.MCSB("NS-2"),
	Tags:      []string{"azure", "sql", "network"},
	Remediation: "Set publicNetworkAccess: \"Disabled\" (publicNetworkAccessEnabled: false in the classic azure " +
		"provider) and connect through a private endpoint.",
	Types:    sqlServerTypes,
	Resource: checkSQLServerNoPublicNetworkAccess,
}

var sqlServerMinimumTLS = pack.Policy{
	Name:        "azure-sql-server-minimum-tls-version",
	DisplayName: "SQL servers refuse TLS older than 1.2",
	Description: "Azure SQL logical servers set their minimal TLS version to 1.2 or later.",
	Severity:    pack.Medium,
	Framework:   frameworks.MCSB("DP-3"),
	Tags:        []string{"azure", "sql", "encryption"},
	Remediation: "Set minimalTlsVersion: \"1.2\" (minimumTlsVersion in the classic azure provider). Clients that " +
		"still use TLS 1.0 or 1.1 must be upgraded.",
	Types:    sqlServerTypes,
	Resource: checkSQLServerMinimumTLS,
}

var sqlFirewallNoInternet = pack.Policy{
	Name:        "azure-sql-firewall-no-internet",
	DisplayName: "SQL server firewalls do not admit the whole internet",
	Description: "No Azure SQL server firewall rule admits every address (0.0.0.0 to 255.255.255.255), nor " +
		"every Azure address (0.0.0.0 to 0.0.0.0, \"Allow Azure services\"), which includes other tenants.",
	Severity: pack.Critical,
	SeverityVaries: "a rule for the whole internet is critical; the \"Allow Azure services\" " +
		"rule (0.0.0.0 to 0.0.0.0) admits every Azure address, other tenants' too, and is high",
	Framework: frameworks.CISAzure("4.1.2"),
	Tags:      []string{"azure", "sql", "network", "public-access"},
	Remediation: "Narrow startIpAddress and endIpAddress to the addresses of the clients that need access, or " +
		"use private endpoints or virtual network rules.",
	Types:    sqlFirewallTypes,
	Resource: checkSQLFirewallNoInternet,
}

var sqlDatabaseTDE = pack.Policy{
	Name:        "azure-sql-database-tde-enabled",
	DisplayName: "SQL databases keep transparent data encryption on",
	Description: "Azure SQL databases encrypt their data, backups and logs at rest with transparent data encryption.",
	Severity:    pack.High,
	Framework:   frameworks.CISAzure("4.1.5"),
	Tags:        []string{"azure", "sql", "encryption"},
	Remediation: "Set state: \"Enabled\" on the TransparentDataEncryption resource (remove " +
		"transparentDataEncryptionEnabled: false from the classic azure provider's mssql Database).",
	Types:    sqlTDETypes,
	Resource: checkSQLDatabaseTDE,
}

func init() {
	register(sqlServerNoPublicNetworkAccess, sqlServerMinimumTLS, sqlFirewallNoInternet, sqlDatabaseTDE)
}

func checkSQLServerNoPublicNetworkAccess(c *pack.Check, r *pack.Resource) {
	if isClassicAzure(r.Type) {
		if r.Get("publicNetworkAccessEnabled").Bool(true) {
			c.Violatef("SQL server %s accepts connections on its public endpoint: set publicNetworkAccessEnabled: "+
				"false and connect through a private endpoint", r.Name)
		}
		return
	}
	access := r.Get("publicNetworkAccess")
	if known.OneOf(access, "Disabled", "SecuredByPerimeter") {
		return
	}
	if !access.Exists() {
		c.Violatef("SQL server %s leaves publicNetworkAccess unset, so it accepts connections on its public "+
			"endpoint: set publicNetworkAccess: \"Disabled\" and connect through a private endpoint", r.Name)
		return
	}
	c.Violatef("SQL server %s has publicNetworkAccess %v: set it to \"Disabled\" and connect through a private "+
		"endpoint", r.Name, access)
}

func checkSQLServerMinimumTLS(c *pack.Check, r *pack.Resource) {
	// azure-native: unset accepts every TLS version Azure SQL still serves.
	name, def := "minimalTlsVersion", ""
	if isClassicAzure(r.Type) {
		var ok bool
		name = "minimumTlsVersion" // defaults to 1.2 since the provider's 5.0, to none before
		if def, ok = classicAzureDefault(c, r, name, "1.2", ""); !ok {
			return
		}
	}
	v := r.Get(name)
	switch version := v.Text(def); {
	case version == "1.2" || version == "1.3":
	case version == "":
		c.Violatef("SQL server %s leaves %s unset, which accepts TLS 1.0 and 1.1: set %s: \"1.2\"", r.Name, name, name)
	default:
		c.Violatef("SQL server %s has %s %v, which accepts TLS versions older than 1.2: set %s: \"1.2\"",
			r.Name, name, v, name)
	}
}

func checkSQLFirewallNoInternet(c *pack.Check, r *pack.Resource) {
	start, end := r.Get("startIpAddress"), r.Get("endIpAddress")
	if strings.TrimSpace(start.Text("")) != "0.0.0.0" {
		return
	}
	switch strings.TrimSpace(end.Text("")) {
	case "255.255.255.255":
		c.Violatef("SQL firewall rule %s admits every address on the internet (%v to %v): narrow "+
			"startIpAddress and endIpAddress to the clients that need access", r.Name, start, end)
	case "0.0.0.0":
		c.Report(pack.Violation{Severity: pack.High, Message: "SQL firewall rule " + r.Name + " admits every " +
			"Azure address (0.0.0.0 to 0.0.0.0, \"Allow Azure services\"), including other tenants' resources: " +
			"remove it and use private endpoints or virtual network rules"})
	}
}

func checkSQLDatabaseTDE(c *pack.Check, r *pack.Resource) {
	if isClassicAzure(r.Type) {
		if !r.Get("transparentDataEncryptionEnabled").Bool(true) {
			c.Violatef("SQL database %s has transparentDataEncryptionEnabled false: its data, backups and logs "+
				"are stored unencrypted; remove it or set it to true", r.Name)
		}
		return
	}
	if state := r.Get("state"); strings.EqualFold(state.Text("Enabled"), "Disabled") {
		c.Violatef("transparent data encryption %s has state %v: the database's data, backups and logs are "+
			"stored unencrypted; set state: \"Enabled\"", r.Name, state)
	}
}
