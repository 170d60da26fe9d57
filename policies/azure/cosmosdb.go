package azure

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// Cosmos DB accounts are azure-native's cosmosdb module from version 3 on, its documentdb module
// before; azure-native 2.x generated these API versions of documentdb besides its default.
var cosmosAccountTypes = slices.Concat(azureNativeTypes("cosmosdb", "DatabaseAccount"),
	azureNativeTypes("documentdb", "DatabaseAccount", "20230315preview", "20230415", "20230915", "20230915preview",
		"20231115", "20231115preview", "20240215preview", "20240515", "20240515preview", "20240815",
		"20240901preview", "20241115", "20241201preview"),
	[]string{"azure:cosmosdb/account:Account"})

var cosmosNoPublicNetworkAccess = pack.Policy{
	Name:        "azure-cosmosdb-no-public-network-access",
	DisplayName: "Cosmos DB accounts do not accept connections from every network",
	Description: "Azure Cosmos DB accounts disable public network access, or limit it to selected networks with IP " +
		"firewall rules or virtual network rules; by default an account accepts connections from any network.",
	Severity:  pack.Medium,
	Framework: frameworks.MCSB("NS-2"),
	Tags:      []string{"azure", "cosmosdb", "network"},
	Remediation: "Set publicNetworkAccess: \"Disabled\" and connect through private endpoints, or list the clients " +
		"that need access in ipRules and set isVirtualNetworkFilterEnabled: true with virtualNetworkRules " +
		"(publicNetworkAccessEnabled: false, ipRangeFilters, isVirtualNetworkFilterEnabled in the classic azure " +
		"provider).",
	Types:    cosmosAccountTypes,
	Resource: checkCosmosNoPublicNetworkAccess,
}

func init() { register(cosmosNoPublicNetworkAccess) }

// checkCosmosNoPublicNetworkAccess follows the built-in Azure Policy "Azure Cosmos DB accounts should
// have firewall rules": an account passes when public network access is disabled, the virtual network
// filter is on, or an IP rule limits the addresses that may connect.
func checkCosmosNoPublicNetworkAccess(c *pack.Check, r *pack.Resource) {
	public, filter := r.Get("publicNetworkAccess"), r.Get("isVirtualNetworkFilterEnabled")
	rulesName, rules := "ipRules", r.Get("ipRules")
	disabled := known.OneOf(public, "Disabled", "SecuredByPerimeter")
	if isClassicAzure(r.Type) {
		public = r.Get("publicNetworkAccessEnabled")
		rulesName, rules = firstSet(r, "ipRangeFilters", "ipRangeFilter") // a comma-separated string before 5.0
		disabled = !public.Unknown() && !public.Bool(true)
	}
	if disabled || (!filter.Unknown() && filter.Bool(false)) || cosmosIPRulesRestrict(rules, isClassicAzure(r.Type)) {
		return
	}
	known.Require(public, filter, rules)
	for _, rule := range rules.Items() {
		cosmosIPRule(rule, isClassicAzure(r.Type)).Text("") // stops on a rule unknown during preview
	}
	c.Violatef("Cosmos DB account %s accepts connections from every network: set publicNetworkAccess: \"Disabled\", "+
		"or limit it to selected networks with %s or isVirtualNetworkFilterEnabled: true", r.Name, rulesName)
}

// cosmosIPRulesRestrict reports whether an account's IP rules are known and name at least one
// address or range short of the whole internet (0.0.0.0/0); "0.0.0.0", which admits Azure's
// datacenters, counts as a restriction, as it does for the built-in Azure Policy.
// The classic provider lists the ranges as strings, azure-native as { ipAddressOrRange } objects.
func cosmosIPRulesRestrict(rules pack.Value, classic bool) bool {
	if rules.Raw().IsComputed() {
		return false
	}
	for _, rule := range rules.Items() {
		v := cosmosIPRule(rule, classic)
		if v.Unknown() {
			continue
		}
		s := strings.TrimSpace(v.Text(""))
		if p, err := netip.ParsePrefix(s); s == "" || (err == nil && p.Bits() == 0) {
			continue
		}
		return true
	}
	return false
}

// cosmosIPRule is the address or range of an IP rule.
func cosmosIPRule(rule pack.Value, classic bool) pack.Value {
	if classic {
		return rule
	}
	return rule.Get("ipAddressOrRange")
}
