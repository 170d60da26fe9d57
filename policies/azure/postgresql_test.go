package azure

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestPostgreSQLFlexibleNoPublicAccess(t *testing.T) {
	const (
		server        = "azure-native:dbforpostgresql:Server"
		classicServer = "azure:postgresql/flexibleServer:FlexibleServer"
		subnet        = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/db"
	)
	network := func(p packtest.Props) packtest.Props { return packtest.Props{"version": "16", "network": p} }
	packtest.Run(t, Policies(), "azure-postgresql-flexible-no-public-access", []packtest.Case{
		{Name: "no network settings", Want: packtest.Violation,
			Message:  "PostgreSQL flexible server db sets no network.delegatedSubnetResourceId, so it accepts connections on its public endpoint",
			Resource: packtest.Resource(server, "db", packtest.Props{"version": "16", "sku": packtest.Props{"name": "Standard_B1ms"}})},
		{Name: "public access enabled", Want: packtest.Violation,
			Message:  `PostgreSQL flexible server db has network.publicNetworkAccess "Enabled" and no delegated subnet`,
			Resource: packtest.Resource(server, "db", network(packtest.Props{"publicNetworkAccess": "Enabled"}))},
		{Name: "public access disabled", Want: packtest.Pass,
			Resource: packtest.Resource(server, "db", network(packtest.Props{"publicNetworkAccess": "Disabled"}))},
		{Name: "delegated subnet", Want: packtest.Pass,
			Resource: packtest.Resource(server, "db", network(packtest.Props{"delegatedSubnetResourceId": subnet,
				"privateDnsZoneArmResourceId": "/subscriptions/s/zone"}))},
		{Name: "delegated subnet computed from another resource", Want: packtest.Pass,
			Resource: packtest.Resource(server, "db", network(packtest.Props{"delegatedSubnetResourceId": subnet,
				"publicNetworkAccess": packtest.Unknown}))},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:dbforpostgresql/v20240801:Server", "db",
				network(packtest.Props{"publicNetworkAccess": "Enabled"}))},
		{Name: "replica inherits its network", Want: packtest.NotApplicable, Message: "takes its network settings from its source",
			Resource: packtest.Resource(server, "replica", packtest.Props{"createMode": "Replica", "sourceServerResourceId": "/subscriptions/s/db"})},
		{Name: "replica with public access of its own", Want: packtest.Violation,
			Resource: packtest.Resource(server, "replica", packtest.Props{"createMode": "Replica",
				"network": packtest.Props{"publicNetworkAccess": "Enabled"}})},
		{Name: "single server of azure-native 1.x", Want: packtest.NotApplicable, Message: "single server",
			Resource: withAzureNative("1.104.0", packtest.Resource(server, "db", packtest.Props{
				"properties": packtest.Props{"createMode": "Default", "publicNetworkAccess": "Enabled"}}))},
		{Name: "flexible server of azure-native 2.x", Want: packtest.Violation,
			Resource: withAzureNative("2.90.0", packtest.Resource(server, "db", packtest.Props{"version": "15"}))},
		{Name: "classic default", Want: packtest.Violation,
			Message:  "PostgreSQL flexible server db accepts connections on its public endpoint: set publicNetworkAccessEnabled: false",
			Resource: packtest.Resource(classicServer, "db", packtest.Props{"version": "16"})},
		{Name: "classic public access off", Want: packtest.Pass,
			Resource: packtest.Resource(classicServer, "db", packtest.Props{"publicNetworkAccessEnabled": false})},
		{Name: "classic delegated subnet", Want: packtest.Pass,
			Resource: packtest.Resource(classicServer, "db", packtest.Props{"delegatedSubnetId": subnet})},
		{Name: "unknown public access", Want: packtest.NotApplicable, Message: "value unknown during preview: network.publicNetworkAccess",
			Resource: packtest.Resource(server, "db", network(packtest.Props{"publicNetworkAccess": packtest.Unknown}))},
		{Name: "unknown delegated subnet", Want: packtest.NotApplicable, Message: "value unknown during preview: network.delegatedSubnetResourceId",
			Resource: packtest.Resource(server, "db", network(packtest.Props{"delegatedSubnetResourceId": packtest.Unknown}))},
		{Name: "unknown create mode", Want: packtest.NotApplicable, Message: "value unknown during preview: createMode",
			Resource: packtest.Resource(server, "db", packtest.Props{"createMode": packtest.Unknown})},
		{Name: "classic unknown public access", Want: packtest.NotApplicable, Message: "value unknown during preview: publicNetworkAccessEnabled",
			Resource: packtest.Resource(classicServer, "db", packtest.Props{"publicNetworkAccessEnabled": packtest.Unknown})},
		{Name: "classic unknown delegated subnet", Want: packtest.NotApplicable, Message: "value unknown during preview: delegatedSubnetId",
			Resource: packtest.Resource(classicServer, "db", packtest.Props{"delegatedSubnetId": packtest.Unknown})},
	})
}

func TestPostgreSQLFlexibleTLS(t *testing.T) {
	const configuration = "azure-native:dbforpostgresql:Configuration"
	param := func(name, value any) packtest.Props {
		return packtest.Props{"serverName": "db", "resourceGroupName": "rg", "configurationName": name, "value": value,
			"source": "user-override"}
	}
	packtest.Run(t, Policies(), "azure-postgresql-flexible-tls", []packtest.Case{
		{Name: "tls turned off", Want: packtest.Violation,
			Message:  `PostgreSQL configuration tls sets require_secure_transport to "off": the server accepts connections without TLS`,
			Resource: packtest.Resource(configuration, "tls", param("require_secure_transport", "off"))},
		{Name: "upper case OFF", Want: packtest.Violation,
			Resource: packtest.Resource(configuration, "tls", param("require_secure_transport", "OFF"))},
		{Name: "tls on", Want: packtest.Pass, Resource: packtest.Resource(configuration, "tls", param("require_secure_transport", "on"))},
		{Name: "another parameter off", Want: packtest.Pass,
			Resource: packtest.Resource(configuration, "log", param("log_connections", "off"))},
		{Name: "named after the resource", Want: packtest.Violation,
			Resource: packtest.Resource(configuration, "require_secure_transport", packtest.Props{"serverName": "db", "value": "off"})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:dbforpostgresql/v20221201:Configuration", "tls", param("require_secure_transport", "off"))},
		{Name: "classic", Want: packtest.Violation, Message: "PostgreSQL configuration tls sets require_secure_transport",
			Resource: packtest.Resource("azure:postgresql/flexibleServerConfiguration:FlexibleServerConfiguration", "tls",
				packtest.Props{"serverId": "/subscriptions/s/db", "name": "require_secure_transport", "value": "off"})},
		{Name: "unknown value", Want: packtest.NotApplicable, Message: "value unknown during preview: value",
			Resource: packtest.Resource(configuration, "tls", param("require_secure_transport", packtest.Unknown))},
		{Name: "unknown value of another parameter", Want: packtest.Pass,
			Resource: packtest.Resource(configuration, "log", param("log_connections", packtest.Unknown))},
		{Name: "unknown name", Want: packtest.NotApplicable, Message: "value unknown during preview: configurationName",
			Resource: packtest.Resource(configuration, "tls", param(packtest.Unknown, "off"))},
		{Name: "unknown name with tls on", Want: packtest.Pass,
			Resource: packtest.Resource(configuration, "tls", param(packtest.Unknown, "on"))},
	})
}
