package azure

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestMySQLFlexibleNoPublicAccess(t *testing.T) {
	const (
		server        = "azure-native:dbformysql:Server"
		classicServer = "azure:mysql/flexibleServer:FlexibleServer"
		subnet        = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/db"
	)
	network := func(p packtest.Props) packtest.Props { return packtest.Props{"version": "8.0.21", "network": p} }
	packtest.Run(t, Policies(), "azure-mysql-flexible-no-public-access", []packtest.Case{
		{Name: "no network settings", Want: packtest.Violation,
			Message:  "MySQL flexible server db sets no network.delegatedSubnetResourceId, so it accepts connections on its public endpoint",
			Resource: packtest.Resource(server, "db", packtest.Props{"version": "8.0.21", "sku": packtest.Props{"name": "Standard_B1ms", "tier": "Burstable"}})},
		{Name: "public access enabled", Want: packtest.Violation,
			Message:  `MySQL flexible server db has network.publicNetworkAccess "Enabled" and no delegated subnet`,
			Resource: packtest.Resource(server, "db", network(packtest.Props{"publicNetworkAccess": "Enabled"}))},
		{Name: "public access disabled", Want: packtest.Pass,
			Resource: packtest.Resource(server, "db", network(packtest.Props{"publicNetworkAccess": "Disabled"}))},
		{Name: "delegated subnet", Want: packtest.Pass,
			Resource: packtest.Resource(server, "db", network(packtest.Props{"delegatedSubnetResourceId": subnet,
				"privateDnsZoneResourceId": "/subscriptions/s/zone"}))},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:dbformysql/v20231230:Server", "db",
				network(packtest.Props{"publicNetworkAccess": "Enabled"}))},
		{Name: "replica inherits its network", Want: packtest.NotApplicable, Message: "takes its network settings from its source",
			Resource: packtest.Resource(server, "replica", packtest.Props{"createMode": "Replica", "sourceServerResourceId": "/subscriptions/s/db"})},
		{Name: "single server of azure-native 1.x", Want: packtest.NotApplicable, Message: "single server",
			Resource: withAzureNative("1.104.0", packtest.Resource(server, "db", packtest.Props{
				"properties": packtest.Props{"createMode": "Default", "publicNetworkAccess": "Enabled"}}))},
		{Name: "classic default", Want: packtest.Violation,
			Message:  `MySQL flexible server db accepts connections on its public endpoint: set publicNetworkAccess: "Disabled"`,
			Resource: packtest.Resource(classicServer, "db", packtest.Props{"version": "8.0.21"})},
		{Name: "classic public access enabled", Want: packtest.Violation,
			Resource: packtest.Resource(classicServer, "db", packtest.Props{"publicNetworkAccess": "Enabled"})},
		{Name: "classic public access disabled", Want: packtest.Pass,
			Resource: packtest.Resource(classicServer, "db", packtest.Props{"publicNetworkAccess": "Disabled"})},
		{Name: "classic delegated subnet", Want: packtest.Pass,
			Resource: packtest.Resource(classicServer, "db", packtest.Props{"delegatedSubnetId": subnet})},
		{Name: "unknown public access", Want: packtest.NotApplicable, Message: "value unknown during preview: network.publicNetworkAccess",
			Resource: packtest.Resource(server, "db", network(packtest.Props{"publicNetworkAccess": packtest.Unknown}))},
		{Name: "unknown delegated subnet", Want: packtest.NotApplicable, Message: "value unknown during preview: network.delegatedSubnetResourceId",
			Resource: packtest.Resource(server, "db", network(packtest.Props{"delegatedSubnetResourceId": packtest.Unknown}))},
		{Name: "classic unknown public access", Want: packtest.NotApplicable, Message: "value unknown during preview: publicNetworkAccess",
			Resource: packtest.Resource(classicServer, "db", packtest.Props{"publicNetworkAccess": packtest.Unknown})},
		{Name: "classic unknown delegated subnet", Want: packtest.NotApplicable, Message: "value unknown during preview: delegatedSubnetId",
			Resource: packtest.Resource(classicServer, "db", packtest.Props{"delegatedSubnetId": packtest.Unknown})},
	})
}
