package azure

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/stretchr/testify/assert"
)

const (
	sqlServer        = "azure-native:sql:Server"
	classicSQLServer = "azure:mssql/server:Server"
)

func TestSQLServerNoPublicNetworkAccess(t *testing.T) {
	packtest.Run(t, Policies(), "azure-sql-server-no-public-network-access", []packtest.Case{
		{Name: "unset is enabled", Want: packtest.Violation, Message: "SQL server db leaves publicNetworkAccess unset",
			Resource: packtest.Resource(sqlServer, "db", packtest.Props{"resourceGroupName": "rg"})},
		{Name: "enabled", Want: packtest.Violation, Message: `publicNetworkAccess "Enabled"`,
			Resource: packtest.Resource(sqlServer, "db", packtest.Props{"publicNetworkAccess": "Enabled"})},
		{Name: "disabled", Want: packtest.Pass,
			Resource: packtest.Resource(sqlServer, "db", packtest.Props{"publicNetworkAccess": "Disabled"})},
		{Name: "secured by perimeter", Want: packtest.Pass,
			Resource: packtest.Resource(sqlServer, "db", packtest.Props{"publicNetworkAccess": "SecuredByPerimeter"})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:sql/v20211101:Server", "db", packtest.Props{})},
		{Name: "classic default", Want: packtest.Violation, Message: "publicNetworkAccessEnabled: false",
			Resource: packtest.Resource(classicSQLServer, "db", packtest.Props{"version": "12.0"})},
		{Name: "classic disabled", Want: packtest.Pass,
			Resource: packtest.Resource(classicSQLServer, "db", packtest.Props{"publicNetworkAccessEnabled": false})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: publicNetworkAccess",
			Resource: packtest.Resource(sqlServer, "db", packtest.Props{"publicNetworkAccess": packtest.Unknown})},
		{Name: "classic unknown", Want: packtest.NotApplicable, Message: "publicNetworkAccessEnabled",
			Resource: packtest.Resource(classicSQLServer, "db", packtest.Props{"publicNetworkAccessEnabled": packtest.Unknown})},
	})
}

func TestSQLServerMinimumTLS(t *testing.T) {
	packtest.Run(t, Policies(), "azure-sql-server-minimum-tls-version", []packtest.Case{
		{Name: "unset accepts old versions", Want: packtest.Violation, Message: "SQL server db leaves minimalTlsVersion unset",
			Resource: packtest.Resource(sqlServer, "db", packtest.Props{})},
		{Name: "none", Want: packtest.Violation, Message: `minimalTlsVersion "None"`,
			Resource: packtest.Resource(sqlServer, "db", packtest.Props{"minimalTlsVersion": "None"})},
		{Name: "1.1", Want: packtest.Violation,
			Resource: packtest.Resource(sqlServer, "db", packtest.Props{"minimalTlsVersion": "1.1"})},
		{Name: "1.2", Want: packtest.Pass, Resource: packtest.Resource(sqlServer, "db", packtest.Props{"minimalTlsVersion": "1.2"})},
		{Name: "1.3", Want: packtest.Pass, Resource: packtest.Resource(sqlServer, "db", packtest.Props{"minimalTlsVersion": "1.3"})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:sql/v20230801:Server", "db", packtest.Props{"minimalTlsVersion": "1.0"})},
		{Name: "classic disabled", Want: packtest.Violation, Message: `minimumTlsVersion "Disabled"`,
			Resource: packtest.Resource(classicSQLServer, "db", packtest.Props{"minimumTlsVersion": "Disabled"})},
		{Name: "classic 6.x default is 1.2", Want: packtest.Pass,
			Resource: withClassicAzure("6.40.0", packtest.Resource(classicSQLServer, "db", packtest.Props{}))},
		{Name: "classic 4.x has no default", Want: packtest.Violation, Message: "leaves minimumTlsVersion unset",
			Resource: withClassicAzure("4.42.0", packtest.Resource(classicSQLServer, "db", packtest.Props{}))},
		{Name: "classic without a provider version", Want: packtest.NotApplicable, Message: "set minimumTlsVersion",
			Resource: packtest.Resource(classicSQLServer, "db", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: minimalTlsVersion",
			Resource: packtest.Resource(sqlServer, "db", packtest.Props{"minimalTlsVersion": packtest.Unknown})},
		{Name: "classic unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: minimumTlsVersion",
			Resource: packtest.Resource(classicSQLServer, "db", packtest.Props{"minimumTlsVersion": packtest.Unknown})},
	})
}

func TestSQLFirewallNoInternet(t *testing.T) {
	const rule = "azure-native:sql:FirewallRule"
	ips := func(start, end any) packtest.Props {
		return packtest.Props{"serverName": "db", "startIpAddress": start, "endIpAddress": end}
	}
	packtest.Run(t, Policies(), "azure-sql-firewall-no-internet", []packtest.Case{
		{Name: "whole internet", Want: packtest.Violation, Message: `SQL firewall rule all admits every address on the internet ("0.0.0.0" to "255.255.255.255")`,
			Resource: packtest.Resource(rule, "all", ips("0.0.0.0", "255.255.255.255"))},
		{Name: "allow azure services", Want: packtest.Violation, Message: "admits every Azure address",
			Resource: packtest.Resource(rule, "azure", ips("0.0.0.0", "0.0.0.0"))},
		{Name: "an office range", Want: packtest.Pass, Resource: packtest.Resource(rule, "office", ips("203.0.113.0", "203.0.113.255"))},
		{Name: "one address", Want: packtest.Pass, Resource: packtest.Resource(rule, "office", ips("203.0.113.7", "203.0.113.7"))},
		{Name: "2014 api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:sql/v20140401:FirewallRule", "all", ips("0.0.0.0", "255.255.255.255"))},
		{Name: "classic", Want: packtest.Violation,
			Resource: packtest.Resource("azure:mssql/firewallRule:FirewallRule", "all", ips("0.0.0.0", "255.255.255.255"))},
		{Name: "unknown start", Want: packtest.NotApplicable, Message: "value unknown during preview: startIpAddress",
			Resource: packtest.Resource(rule, "all", ips(packtest.Unknown, "255.255.255.255"))},
		{Name: "unknown end", Want: packtest.NotApplicable, Message: "value unknown during preview: endIpAddress",
			Resource: packtest.Resource(rule, "all", ips("0.0.0.0", packtest.Unknown))},
	})
}

// The "Allow Azure services" rule is reported as high, below the policy's critical severity.
func TestSQLFirewallAzureServicesSeverity(t *testing.T) {
	policy := sqlFirewallNoInternet
	res := packtest.Check(t, policy, packtest.Case{Resource: packtest.Resource("azure-native:sql:FirewallRule", "azure",
		packtest.Props{"startIpAddress": "0.0.0.0", "endIpAddress": "0.0.0.0"})})
	if assert.Len(t, res.Diagnostics, 1) {
		assert.Equal(t, pack.High, res.Diagnostics[0].Severity)
	}
	res = packtest.Check(t, policy, packtest.Case{Resource: packtest.Resource("azure-native:sql:FirewallRule", "all",
		packtest.Props{"startIpAddress": "0.0.0.0", "endIpAddress": "255.255.255.255"})})
	if assert.Len(t, res.Diagnostics, 1) {
		assert.Equal(t, pack.Critical, res.Diagnostics[0].Severity)
	}
}

func TestSQLDatabaseTDE(t *testing.T) {
	const tde = "azure-native:sql:TransparentDataEncryption"
	packtest.Run(t, Policies(), "azure-sql-database-tde-enabled", []packtest.Case{
		{Name: "disabled", Want: packtest.Violation, Message: `transparent data encryption current has state "Disabled"`,
			Resource: packtest.Resource(tde, "current", packtest.Props{"databaseName": "app", "state": "Disabled"})},
		{Name: "enabled", Want: packtest.Pass,
			Resource: packtest.Resource(tde, "current", packtest.Props{"databaseName": "app", "state": "Enabled"})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:sql/v20221101preview:TransparentDataEncryption", "current",
				packtest.Props{"state": "Disabled"})},
		{Name: "classic database with tde off", Want: packtest.Violation, Message: "transparentDataEncryptionEnabled false",
			Resource: packtest.Resource("azure:mssql/database:Database", "app", packtest.Props{"transparentDataEncryptionEnabled": false})},
		{Name: "classic database by default", Want: packtest.Pass,
			Resource: packtest.Resource("azure:mssql/database:Database", "app", packtest.Props{"serverId": "id"})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: state",
			Resource: packtest.Resource(tde, "current", packtest.Props{"state": packtest.Unknown})},
		{Name: "classic unknown", Want: packtest.NotApplicable, Message: "transparentDataEncryptionEnabled",
			Resource: packtest.Resource("azure:mssql/database:Database", "app", packtest.Props{"transparentDataEncryptionEnabled": packtest.Unknown})},
	})
}
