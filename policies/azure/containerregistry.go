package azure

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// API versions of Registry that azure-native 2.x (2.90.0) generated besides its default; all read
// adminUserEnabled, publicNetworkAccess and networkRuleSet.defaultAction with the same names
// (2017-03-01 has no publicNetworkAccess nor networkRuleSet, which reads as unset).
var containerRegistryTypes = append(azureNativeTypes("containerregistry", "Registry", "20170301", "20190501",
	"20221201", "20230101preview", "20230601preview", "20230701", "20230801preview", "20231101preview",
	"20241101preview"), "azure:containerservice/registry:Registry")

var containerRegistryAdminUserDisabled = pack.Policy{
	Name:        "azure-acr-admin-user-disabled",
	DisplayName: "Container registries disable the admin user",
	Description: "Azure Container Registry registries do not enable their local admin user, a single shared " +
		"account with push and pull rights whose passwords bypass Entra ID, roles and per-user auditing.",
	Severity:  pack.High,
	Framework: frameworks.MCSB("IM-1"),
	Tags:      []string{"azure", "containerregistry", "identity"},
	Remediation: "Remove adminUserEnabled: true, or set it to false (adminEnabled in the classic azure provider), " +
		"and give pipelines and clusters Entra ID identities with the AcrPush / AcrPull roles instead.",
	Types:    containerRegistryTypes,
	Resource: checkContainerRegistryAdminUserDisabled,
}

var containerRegistryNoPublicNetworkAccess = pack.Policy{
	Name:        "azure-acr-no-public-network-access",
	DisplayName: "Container registries do not accept connections from every network",
	Description: "Azure Container Registry registries disable public network access, or deny it by default with " +
		"network rules; by default a registry accepts connections from any network.",
	Severity:  pack.Medium,
	Framework: frameworks.MCSB("NS-2"),
	Tags:      []string{"azure", "containerregistry", "network"},
	Remediation: "On a Premium registry, set publicNetworkAccess: \"Disabled\" and connect through private endpoints, " +
		"or set networkRuleSet: { defaultAction: \"Deny\", ipRules: [...] } for the clients that need access " +
		"(publicNetworkAccessEnabled: false or networkRuleSet.defaultAction in the classic azure provider). Basic " +
		"and Standard registries support neither: move to Premium.",
	Types:    containerRegistryTypes,
	Resource: checkContainerRegistryNoPublicNetworkAccess,
}

func init() { register(containerRegistryAdminUserDisabled, containerRegistryNoPublicNetworkAccess) }

func checkContainerRegistryAdminUserDisabled(c *pack.Check, r *pack.Resource) {
	name := "adminUserEnabled"
	if isClassicAzure(r.Type) {
		name = "adminEnabled"
	}
	// Both providers, and Azure, leave the admin user disabled when the setting is unset.
	if v := r.Get(name); v.Bool(false) {
		c.Violatef("container registry %s has %s true: anyone with its shared admin password can push and pull "+
			"images outside Entra ID roles and auditing; set %s: false", r.Name, name, name)
	}
}

// checkContainerRegistryNoPublicNetworkAccess follows the built-in Azure Policy "Container registries
// should not allow unrestricted network access" (d0793b48): a registry is open when its network rule
// set's default action is unset or Allow and its public network access is unset or Enabled.
func checkContainerRegistryNoPublicNetworkAccess(c *pack.Check, r *pack.Resource) {
	public, action := r.Get("publicNetworkAccess"), r.Get("networkRuleSet", "defaultAction")
	fix, disabled := "publicNetworkAccess: \"Disabled\"", known.OneOf(public, "Disabled")
	if isClassicAzure(r.Type) {
		public, fix = r.Get("publicNetworkAccessEnabled"), "publicNetworkAccessEnabled: false"
		disabled = !public.Unknown() && !public.Bool(true)
	}
	if disabled || known.OneOf(action, "Deny") {
		return
	}
	known.Require(public, action)
	c.Violatef("container registry %s accepts connections from every network: set %s and use private "+
		"endpoints, or networkRuleSet.defaultAction: \"Deny\" with rules for the clients that "+
		"need access (Premium registries)", r.Name, fix)
}
