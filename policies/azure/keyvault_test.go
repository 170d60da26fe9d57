package azure

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

const (
	keyVault        = "azure-native:keyvault:Vault"
	classicKeyVault = "azure:keyvault/keyVault:KeyVault"
)

// vaultProps are a vault's inputs with the given properties.
func vaultProps(properties packtest.Props) packtest.Props {
	p := packtest.Props{"tenantId": "00000000-0000-0000-0000-000000000000", "sku": packtest.Props{"family": "A", "name": "standard"}}
	for k, v := range properties {
		p[k] = v
	}
	return packtest.Props{"resourceGroupName": "rg", "properties": p}
}

func TestKeyVaultRecoverable(t *testing.T) {
	packtest.Run(t, Policies(), "azure-keyvault-recoverable", []packtest.Case{
		{Name: "purge protection unset", Want: packtest.Violation, Count: 1,
			Message:  "key vault keys does not set properties.enablePurgeProtection",
			Resource: packtest.Resource(keyVault, "keys", vaultProps(nil))},
		{Name: "soft delete off", Want: packtest.Violation, Message: "properties.enableSoftDelete false",
			Resource: packtest.Resource(keyVault, "keys", vaultProps(packtest.Props{
				"enableSoftDelete": false, "enablePurgeProtection": true}))},
		{Name: "purge protection on, soft delete by default", Want: packtest.Pass,
			Resource: packtest.Resource(keyVault, "keys", vaultProps(packtest.Props{"enablePurgeProtection": true}))},
		{Name: "both explicit", Want: packtest.Pass,
			Resource: packtest.Resource(keyVault, "keys", vaultProps(packtest.Props{
				"enableSoftDelete": true, "enablePurgeProtection": true}))},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:keyvault/v20230701:Vault", "keys", vaultProps(nil))},
		{Name: "classic without purge protection", Want: packtest.Violation, Message: "does not set purgeProtectionEnabled",
			Resource: packtest.Resource(classicKeyVault, "keys", packtest.Props{"skuName": "standard"})},
		{Name: "classic with purge protection", Want: packtest.Pass,
			Resource: packtest.Resource(classicKeyVault, "keys", packtest.Props{"purgeProtectionEnabled": true})},
		{Name: "unknown purge protection", Want: packtest.NotApplicable, Message: "properties.enablePurgeProtection",
			Resource: packtest.Resource(keyVault, "keys", vaultProps(packtest.Props{"enablePurgeProtection": packtest.Unknown}))},
		{Name: "unknown soft delete", Want: packtest.NotApplicable, Message: "properties.enableSoftDelete",
			Resource: packtest.Resource(keyVault, "keys", vaultProps(packtest.Props{
				"enableSoftDelete": packtest.Unknown, "enablePurgeProtection": true}))},
		{Name: "unknown properties", Want: packtest.NotApplicable, Message: "value unknown during preview: properties",
			Resource: packtest.Resource(keyVault, "keys", packtest.Props{"properties": packtest.Unknown})},
		{Name: "classic unknown", Want: packtest.NotApplicable, Message: "purgeProtectionEnabled",
			Resource: packtest.Resource(classicKeyVault, "keys", packtest.Props{"purgeProtectionEnabled": packtest.Unknown})},
	})
}

func TestKeyVaultNetworkDefaultDeny(t *testing.T) {
	packtest.Run(t, Policies(), "azure-keyvault-network-default-deny", []packtest.Case{
		{Name: "no network rules", Want: packtest.Violation, Message: "key vault keys accepts connections from any network",
			Resource: packtest.Resource(keyVault, "keys", vaultProps(nil))},
		{Name: "default action allow", Want: packtest.Violation,
			Resource: packtest.Resource(keyVault, "keys", vaultProps(packtest.Props{
				"networkAcls": packtest.Props{"defaultAction": "Allow"}}))},
		{Name: "public access enabled", Want: packtest.Violation,
			Resource: packtest.Resource(keyVault, "keys", vaultProps(packtest.Props{"publicNetworkAccess": "enabled"}))},
		{Name: "default action deny", Want: packtest.Pass,
			Resource: packtest.Resource(keyVault, "keys", vaultProps(packtest.Props{
				"networkAcls": packtest.Props{"defaultAction": "Deny", "bypass": "AzureServices"}}))},
		{Name: "public access disabled", Want: packtest.Pass,
			Resource: packtest.Resource(keyVault, "keys", vaultProps(packtest.Props{"publicNetworkAccess": "disabled"}))},
		{Name: "public access Disabled in another case", Want: packtest.Pass,
			Resource: packtest.Resource(keyVault, "keys", vaultProps(packtest.Props{"publicNetworkAccess": "Disabled"}))},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:keyvault/v20241101:Vault", "keys", vaultProps(nil))},
		{Name: "deny decides while public access is unknown", Want: packtest.Pass,
			Resource: packtest.Resource(keyVault, "keys", vaultProps(packtest.Props{"publicNetworkAccess": packtest.Unknown,
				"networkAcls": packtest.Props{"defaultAction": "Deny"}}))},
		{Name: "classic open", Want: packtest.Violation, Message: "publicNetworkAccessEnabled: false",
			Resource: packtest.Resource(classicKeyVault, "keys", packtest.Props{
				"networkAcls": packtest.Props{"defaultAction": "Allow", "bypass": "AzureServices"}})},
		{Name: "classic default deny", Want: packtest.Pass,
			Resource: packtest.Resource(classicKeyVault, "keys", packtest.Props{
				"networkAcls": packtest.Props{"defaultAction": "Deny", "bypass": "AzureServices"}})},
		{Name: "classic public access disabled", Want: packtest.Pass,
			Resource: packtest.Resource(classicKeyVault, "keys", packtest.Props{"publicNetworkAccessEnabled": false})},
		{Name: "unknown public access", Want: packtest.NotApplicable, Message: "properties.publicNetworkAccess",
			Resource: packtest.Resource(keyVault, "keys", vaultProps(packtest.Props{"publicNetworkAccess": packtest.Unknown}))},
		{Name: "unknown default action", Want: packtest.NotApplicable, Message: "properties.networkAcls.defaultAction",
			Resource: packtest.Resource(keyVault, "keys", vaultProps(packtest.Props{
				"networkAcls": packtest.Props{"defaultAction": packtest.Unknown}}))},
		{Name: "classic unknown public access", Want: packtest.NotApplicable, Message: "publicNetworkAccessEnabled",
			Resource: packtest.Resource(classicKeyVault, "keys", packtest.Props{"publicNetworkAccessEnabled": packtest.Unknown})},
		{Name: "classic unknown default action", Want: packtest.NotApplicable, Message: "networkAcls.defaultAction",
			Resource: packtest.Resource(classicKeyVault, "keys", packtest.Props{
				"networkAcls": packtest.Props{"defaultAction": packtest.Unknown}})},
	})
}
