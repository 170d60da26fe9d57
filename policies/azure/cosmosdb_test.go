package azure

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestCosmosNoPublicNetworkAccess(t *testing.T) {
	const (
		account        = "azure-native:cosmosdb:DatabaseAccount"
		classicAccount = "azure:cosmosdb/account:Account"
	)
	ip := func(ranges ...any) []any {
		out := make([]any, len(ranges))
		for i, r := range ranges {
			out[i] = packtest.Props{"ipAddressOrRange": r}
		}
		return out
	}
	packtest.Run(t, Policies(), "azure-cosmosdb-no-public-network-access", []packtest.Case{
		{Name: "every network by default", Want: packtest.Violation,
			Message:  "Cosmos DB account docs accepts connections from every network",
			Resource: packtest.Resource(account, "docs", packtest.Props{"databaseAccountOfferType": "Standard"})},
		{Name: "enabled without rules", Want: packtest.Violation,
			Resource: packtest.Resource(account, "docs", packtest.Props{"publicNetworkAccess": "Enabled", "ipRules": []any{}})},
		{Name: "disabled", Want: packtest.Pass, Resource: packtest.Resource(account, "docs", packtest.Props{"publicNetworkAccess": "Disabled"})},
		{Name: "secured by perimeter", Want: packtest.Pass,
			Resource: packtest.Resource(account, "docs", packtest.Props{"publicNetworkAccess": "SecuredByPerimeter"})},
		{Name: "ip rules", Want: packtest.Pass,
			Resource: packtest.Resource(account, "docs", packtest.Props{"publicNetworkAccess": "Enabled", "ipRules": ip("203.0.113.0/24")})},
		{Name: "azure datacenters only", Want: packtest.Pass,
			Resource: packtest.Resource(account, "docs", packtest.Props{"ipRules": ip("0.0.0.0")})},
		{Name: "an ip rule for the whole internet", Want: packtest.Violation,
			Resource: packtest.Resource(account, "docs", packtest.Props{"ipRules": ip("0.0.0.0/0")})},
		{Name: "virtual network filter", Want: packtest.Pass,
			Resource: packtest.Resource(account, "docs", packtest.Props{"isVirtualNetworkFilterEnabled": true,
				"virtualNetworkRules": []any{packtest.Props{"id": "/subscriptions/s/subnets/app"}}})},
		{Name: "known ip rule beside an unknown one", Want: packtest.Pass,
			Resource: packtest.Resource(account, "docs", packtest.Props{"ipRules": ip(packtest.Unknown, "203.0.113.7")})},
		{Name: "azure-native 2.x token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:documentdb:DatabaseAccount", "docs", packtest.Props{})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:documentdb/v20240815:DatabaseAccount", "docs", packtest.Props{})},
		{Name: "classic default", Want: packtest.Violation, Message: "with ipRangeFilters or isVirtualNetworkFilterEnabled: true",
			Resource: packtest.Resource(classicAccount, "docs", packtest.Props{"offerType": "Standard"})},
		{Name: "classic public access off", Want: packtest.Pass,
			Resource: packtest.Resource(classicAccount, "docs", packtest.Props{"publicNetworkAccessEnabled": false})},
		{Name: "classic ip range filters", Want: packtest.Pass,
			Resource: packtest.Resource(classicAccount, "docs", packtest.Props{"ipRangeFilters": []any{"203.0.113.0/24"}})},
		{Name: "classic 4.x ip range filter string", Want: packtest.Pass,
			Resource: packtest.Resource(classicAccount, "docs", packtest.Props{"ipRangeFilter": "203.0.113.7,198.51.100.0/24"})},
		{Name: "unknown public network access", Want: packtest.NotApplicable, Message: "value unknown during preview: publicNetworkAccess",
			Resource: packtest.Resource(account, "docs", packtest.Props{"publicNetworkAccess": packtest.Unknown})},
		{Name: "unknown virtual network filter", Want: packtest.NotApplicable, Message: "isVirtualNetworkFilterEnabled",
			Resource: packtest.Resource(account, "docs", packtest.Props{"isVirtualNetworkFilterEnabled": packtest.Unknown})},
		{Name: "unknown ip rules", Want: packtest.NotApplicable, Message: "value unknown during preview: ipRules",
			Resource: packtest.Resource(account, "docs", packtest.Props{"ipRules": packtest.Unknown})},
		{Name: "unknown ip rule", Want: packtest.NotApplicable, Message: "ipRules[0].ipAddressOrRange",
			Resource: packtest.Resource(account, "docs", packtest.Props{"ipRules": ip(packtest.Unknown)})},
		{Name: "classic unknown public access", Want: packtest.NotApplicable, Message: "publicNetworkAccessEnabled",
			Resource: packtest.Resource(classicAccount, "docs", packtest.Props{"publicNetworkAccessEnabled": packtest.Unknown})},
		{Name: "classic unknown ip range filters", Want: packtest.NotApplicable, Message: "ipRangeFilters",
			Resource: packtest.Resource(classicAccount, "docs", packtest.Props{"ipRangeFilters": packtest.Unknown})},
	})
}
