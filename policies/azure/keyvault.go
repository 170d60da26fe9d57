package azure

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

var keyVaultTypes = append(azureNativeTypes("keyvault", "Vault", "20230201", "20230701", "20240401preview",
	"20241101", "20241201preview"), "azure:keyvault/keyVault:KeyVault")

var keyVaultRecoverable = pack.Policy{
	Name:        "azure-keyvault-recoverable",
	DisplayName: "Key vaults are recoverable",
	Description: "Key vaults keep soft delete on and enable purge protection, so that a deleted vault and its " +
		"keys, secrets and certificates can be recovered for the retention period and cannot be purged before.",
	Severity:  pack.Medium,
	Framework: frameworks.CISAzure("8.5"),
	Tags:      []string{"azure", "keyvault", "backup"},
	Remediation: "Set properties.enablePurgeProtection: true and leave properties.enableSoftDelete unset or true " +
		"(purgeProtectionEnabled: true in the classic azure provider). Purge protection cannot be turned off " +
		"once on.",
	Types:    keyVaultTypes,
	Resource: checkKeyVaultRecoverable,
}

var keyVaultNetworkDefaultDeny = pack.Policy{
	Name:        "azure-keyvault-network-default-deny",
	DisplayName: "Key vaults deny network access by default",
	Description: "Key vaults accept connections only from the networks their ACLs allow: public network access " +
		"is disabled, or the network ACLs' default action is Deny.",
	Severity:  pack.Medium,
	Framework: frameworks.MCSB("NS-2"),
	Tags:      []string{"azure", "keyvault", "network"},
	Remediation: "Set properties.networkAcls: { defaultAction: \"Deny\", bypass: \"AzureServices\", ipRules / " +
		"virtualNetworkRules for the clients that need access }, or properties.publicNetworkAccess: \"disabled\" " +
		"with private endpoints (networkAcls.defaultAction or publicNetworkAccessEnabled: false in the classic " +
		"azure provider).",
	Types:    keyVaultTypes,
	Resource: checkKeyVaultNetworkDefaultDeny,
}

func init() { register(keyVaultRecoverable, keyVaultNetworkDefaultDeny) }

func checkKeyVaultRecoverable(c *pack.Check, r *pack.Resource) {
	if isClassicAzure(r.Type) {
		// Soft delete is always on since the classic provider 3.0 (azurerm 3.0 removed the switch).
		if !r.Get("purgeProtectionEnabled").Bool(false) {
			c.Violatef("key vault %s does not set purgeProtectionEnabled: a deleted vault and its keys and secrets "+
				"can be purged at once; set purgeProtectionEnabled: true", r.Name)
		}
		return
	}
	props := r.Get("properties")
	if !props.Get("enableSoftDelete").Bool(true) {
		c.Violatef("key vault %s has properties.enableSoftDelete false: a deleted vault and its keys and secrets "+
			"are lost at once; remove enableSoftDelete: false", r.Name)
	}
	if !props.Get("enablePurgeProtection").Bool(false) {
		c.Violatef("key vault %s does not set properties.enablePurgeProtection: a deleted vault and its keys and "+
			"secrets can be purged before the retention period ends; set enablePurgeProtection: true", r.Name)
	}
}

func checkKeyVaultNetworkDefaultDeny(c *pack.Check, r *pack.Resource) {
	if isClassicAzure(r.Type) {
		public, action := r.Get("publicNetworkAccessEnabled"), r.Get("networkAcls", "defaultAction")
		if (!public.Unknown() && !public.Bool(true)) || known.OneOf(action, "Deny") {
			return
		}
		known.Require(public, action)
		c.Violatef("key vault %s accepts connections from any network: set networkAcls.defaultAction: \"Deny\" "+
			"with rules for the clients that need access, or publicNetworkAccessEnabled: false", r.Name)
		return
	}
	props := r.Get("properties")
	// azure-native documents "disabled" in lower case; Azure compares without case.
	public, action := props.Get("publicNetworkAccess"), props.Get("networkAcls", "defaultAction")
	if known.OneOf(public, "disabled") || known.OneOf(action, "Deny") {
		return
	}
	known.Require(public, action)
	c.Violatef("key vault %s accepts connections from any network: set properties.networkAcls.defaultAction: "+
		"\"Deny\" with rules for the clients that need access, or properties.publicNetworkAccess: \"disabled\"", r.Name)
}
