package azure

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

const (
	containerRegistry        = "azure-native:containerregistry:Registry"
	classicContainerRegistry = "azure:containerservice/registry:Registry"
)

func TestContainerRegistryAdminUserDisabled(t *testing.T) {
	sku := packtest.Props{"name": "Premium"}
	packtest.Run(t, Policies(), "azure-acr-admin-user-disabled", []packtest.Case{
		{Name: "admin user enabled", Want: packtest.Violation,
			Message:  "container registry acr has adminUserEnabled true: anyone with its shared admin password can push and pull images",
			Resource: packtest.Resource(containerRegistry, "acr", packtest.Props{"sku": sku, "adminUserEnabled": true})},
		{Name: "admin user disabled", Want: packtest.Pass,
			Resource: packtest.Resource(containerRegistry, "acr", packtest.Props{"sku": sku, "adminUserEnabled": false})},
		{Name: "unset is disabled", Want: packtest.Pass,
			Resource: packtest.Resource(containerRegistry, "acr", packtest.Props{"sku": sku})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:containerregistry/v20230701:Registry", "acr",
				packtest.Props{"adminUserEnabled": true})},
		{Name: "classic admin enabled", Want: packtest.Violation, Message: "container registry acr has adminEnabled true",
			Resource: packtest.Resource(classicContainerRegistry, "acr", packtest.Props{"sku": "Basic", "adminEnabled": true})},
		{Name: "classic admin disabled", Want: packtest.Pass,
			Resource: packtest.Resource(classicContainerRegistry, "acr", packtest.Props{"sku": "Basic", "adminEnabled": false})},
		{Name: "classic unset", Want: packtest.Pass,
			Resource: packtest.Resource(classicContainerRegistry, "acr", packtest.Props{"sku": "Basic"})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: adminUserEnabled",
			Resource: packtest.Resource(containerRegistry, "acr", packtest.Props{"adminUserEnabled": packtest.Unknown})},
		{Name: "classic unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: adminEnabled",
			Resource: packtest.Resource(classicContainerRegistry, "acr", packtest.Props{"adminEnabled": packtest.Unknown})},
	})
}

func TestContainerRegistryNoPublicNetworkAccess(t *testing.T) {
	sku := packtest.Props{"name": "Premium"}
	rules := func(action any) packtest.Props {
		return packtest.Props{"sku": sku, "networkRuleSet": packtest.Props{"defaultAction": action,
			"ipRules": []any{packtest.Props{"iPAddressOrRange": "203.0.113.0/24", "action": "Allow"}}}}
	}
	packtest.Run(t, Policies(), "azure-acr-no-public-network-access", []packtest.Case{
		{Name: "no network settings", Want: packtest.Violation,
			Message: `container registry acr accepts connections from every network: set publicNetworkAccess: "Disabled" ` +
				`and use private endpoints, or networkRuleSet.defaultAction: "Deny"`,
			Resource: packtest.Resource(containerRegistry, "acr", packtest.Props{"sku": sku})},
		{Name: "public access enabled, default action allow", Want: packtest.Violation,
			Resource: packtest.Resource(containerRegistry, "acr", packtest.Props{"sku": sku, "publicNetworkAccess": "Enabled",
				"networkRuleSet": packtest.Props{"defaultAction": "Allow"}})},
		{Name: "basic registry", Want: packtest.Violation,
			Resource: packtest.Resource(containerRegistry, "acr", packtest.Props{"sku": packtest.Props{"name": "Basic"}})},
		{Name: "public access disabled", Want: packtest.Pass,
			Resource: packtest.Resource(containerRegistry, "acr", packtest.Props{"sku": sku, "publicNetworkAccess": "Disabled"})},
		{Name: "default action deny", Want: packtest.Pass, Resource: packtest.Resource(containerRegistry, "acr", rules("Deny"))},
		{Name: "default action deny decides while public access is unknown", Want: packtest.Pass,
			Resource: packtest.Resource(containerRegistry, "acr", packtest.Props{"publicNetworkAccess": packtest.Unknown,
				"networkRuleSet": packtest.Props{"defaultAction": "Deny"}})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:containerregistry/v20241101preview:Registry", "acr", rules("Allow"))},
		{Name: "classic default", Want: packtest.Violation,
			Message:  "container registry acr accepts connections from every network: set publicNetworkAccessEnabled: false",
			Resource: packtest.Resource(classicContainerRegistry, "acr", packtest.Props{"sku": "Premium"})},
		{Name: "classic public access off", Want: packtest.Pass,
			Resource: packtest.Resource(classicContainerRegistry, "acr", packtest.Props{"sku": "Premium", "publicNetworkAccessEnabled": false})},
		{Name: "classic default action deny", Want: packtest.Pass,
			Resource: packtest.Resource(classicContainerRegistry, "acr", packtest.Props{"sku": "Premium",
				"networkRuleSet": packtest.Props{"defaultAction": "Deny"}})},
		{Name: "unknown public access", Want: packtest.NotApplicable, Message: "value unknown during preview: publicNetworkAccess",
			Resource: packtest.Resource(containerRegistry, "acr", packtest.Props{"publicNetworkAccess": packtest.Unknown})},
		{Name: "unknown default action", Want: packtest.NotApplicable, Message: "value unknown during preview: networkRuleSet.defaultAction",
			Resource: packtest.Resource(containerRegistry, "acr", rules(packtest.Unknown))},
		{Name: "unknown rule set", Want: packtest.NotApplicable, Message: "value unknown during preview: networkRuleSet",
			Resource: packtest.Resource(containerRegistry, "acr", packtest.Props{"networkRuleSet": packtest.Unknown})},
		{Name: "classic unknown public access", Want: packtest.NotApplicable, Message: "value unknown during preview: publicNetworkAccessEnabled",
			Resource: packtest.Resource(classicContainerRegistry, "acr", packtest.Props{"publicNetworkAccessEnabled": packtest.Unknown})},
	})
}
