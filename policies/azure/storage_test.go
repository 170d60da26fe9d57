package azure

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

const (
	storageAccount        = "azure-native:storage:StorageAccount"
	classicStorageAccount = "azure:storage/account:Account"
)

// withAzureNative gives a resource the azure-native provider of the given version.
func withAzureNative(version string, r plugin.AnalyzerResource) plugin.AnalyzerResource {
	return packtest.WithProvider(r, "azure-native", packtest.Props{"version": version})
}

// withClassicAzure gives a resource the classic azure provider of the given version.
func withClassicAzure(version string, r plugin.AnalyzerResource) plugin.AnalyzerResource {
	return packtest.WithProvider(r, "azure", packtest.Props{"version": version})
}

func TestStorageHTTPSOnly(t *testing.T) {
	packtest.Run(t, Policies(), "azure-storage-https-only", []packtest.Case{
		{Name: "http allowed", Want: packtest.Violation, Message: "storage account data has enableHttpsTrafficOnly false",
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"enableHttpsTrafficOnly": false})},
		{Name: "https only", Want: packtest.Pass,
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"enableHttpsTrafficOnly": true})},
		{Name: "unset defaults to https only", Want: packtest.Pass,
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:storage/v20220901:StorageAccount", "data",
				packtest.Props{"enableHttpsTrafficOnly": false})},
		{Name: "classic 6.x name", Want: packtest.Violation, Message: "httpsTrafficOnlyEnabled false",
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{"httpsTrafficOnlyEnabled": false})},
		{Name: "classic 4.x name", Want: packtest.Violation, Message: "enableHttpsTrafficOnly false",
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{"enableHttpsTrafficOnly": false})},
		{Name: "classic as recorded in state", Want: packtest.Pass,
			Resource: packtest.Resource(classicStorageAccount, "sarmqsa", packtest.Props{
				"accountKind": "StorageV2", "enableHttpsTrafficOnly": true, "isHnsEnabled": false})},
		{Name: "classic unset", Want: packtest.Pass, Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: enableHttpsTrafficOnly",
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"enableHttpsTrafficOnly": packtest.Unknown})},
		{Name: "classic unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: httpsTrafficOnlyEnabled",
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{"httpsTrafficOnlyEnabled": packtest.Unknown})},
	})
}

func TestStorageMinimumTLS(t *testing.T) {
	packtest.Run(t, Policies(), "azure-storage-minimum-tls-version", []packtest.Case{
		{Name: "tls 1.0", Want: packtest.Violation, Message: `storage account data has minimumTlsVersion "TLS1_0"`,
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"minimumTlsVersion": "TLS1_0"})},
		{Name: "tls 1.1", Want: packtest.Violation,
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"minimumTlsVersion": "TLS1_1"})},
		{Name: "unset means tls 1.0", Want: packtest.Violation, Message: "leaves minimumTlsVersion unset",
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{})},
		{Name: "tls 1.2", Want: packtest.Pass,
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"minimumTlsVersion": "TLS1_2"})},
		{Name: "tls 1.3", Want: packtest.Pass,
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"minimumTlsVersion": "TLS1_3"})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:storage/v20240101:StorageAccount", "data", packtest.Props{})},
		{Name: "classic tls 1.0", Want: packtest.Violation, Message: `minTlsVersion "TLS1_0"`,
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{"minTlsVersion": "TLS1_0"})},
		{Name: "classic tls 1.2", Want: packtest.Pass,
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{"minTlsVersion": "TLS1_2"})},
		{Name: "classic 6.x unset defaults to tls 1.2", Want: packtest.Pass,
			Resource: withClassicAzure("6.40.0", packtest.Resource(classicStorageAccount, "data", packtest.Props{}))},
		{Name: "classic 4.x unset defaults to tls 1.0", Want: packtest.Violation, Message: "leaves minTlsVersion unset",
			Resource: withClassicAzure("3.11.0", packtest.Resource(classicStorageAccount, "data", packtest.Props{}))},
		{Name: "classic unset without a provider version", Want: packtest.NotApplicable, Message: "set minTlsVersion",
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: minimumTlsVersion",
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"minimumTlsVersion": packtest.Unknown})},
		{Name: "classic unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: minTlsVersion",
			Resource: withClassicAzure("6.40.0", packtest.Resource(classicStorageAccount, "data",
				packtest.Props{"minTlsVersion": packtest.Unknown}))},
		{Name: "unknown provider version", Want: packtest.NotApplicable, Message: "value unknown during preview: version",
			Resource: packtest.WithProvider(packtest.Resource(classicStorageAccount, "data", packtest.Props{}), "azure",
				packtest.Props{"version": packtest.Unknown})},
	})
}

func TestStorageNoPublicBlobAccess(t *testing.T) {
	packtest.Run(t, Policies(), "azure-storage-no-public-blob-access", []packtest.Case{
		{Name: "allowed", Want: packtest.Violation, Message: "storage account data has allowBlobPublicAccess true",
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"allowBlobPublicAccess": true})},
		{Name: "disallowed", Want: packtest.Pass,
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"allowBlobPublicAccess": false})},
		{Name: "unset with azure-native 3.x (API 2024-01-01) is disallowed", Want: packtest.Pass,
			Resource: withAzureNative("3.28.0", packtest.Resource(storageAccount, "data", packtest.Props{}))},
		{Name: "unset with azure-native 2.x (API 2022-09-01) is allowed", Want: packtest.Violation,
			Message:  "leaves allowBlobPublicAccess unset",
			Resource: withAzureNative("2.90.0", packtest.Resource(storageAccount, "data", packtest.Props{}))},
		{Name: "unset with API 2022-09-01", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:storage/v20220901:StorageAccount", "data", packtest.Props{})},
		{Name: "unset with API 2023-01-01", Want: packtest.Pass,
			Resource: packtest.Resource("azure-native:storage/v20230101:StorageAccount", "data", packtest.Props{})},
		{Name: "unset without a provider version", Want: packtest.NotApplicable, Message: "set allowBlobPublicAccess: false",
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{})},
		{Name: "classic 6.x allows nested items to be public by default", Want: packtest.Violation,
			Message:  "leaves allowNestedItemsToBePublic unset",
			Resource: withClassicAzure("6.40.0", packtest.Resource(classicStorageAccount, "data", packtest.Props{}))},
		{Name: "classic 6.x disallowed", Want: packtest.Pass,
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{"allowNestedItemsToBePublic": false})},
		{Name: "classic 4.x defaults to private", Want: packtest.Pass,
			Resource: withClassicAzure("4.42.0", packtest.Resource(classicStorageAccount, "data", packtest.Props{}))},
		{Name: "classic 4.x allowed", Want: packtest.Violation, Message: "allowBlobPublicAccess true",
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{"allowBlobPublicAccess": true})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: allowBlobPublicAccess",
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"allowBlobPublicAccess": packtest.Unknown})},
		{Name: "classic unknown", Want: packtest.NotApplicable, Message: "allowNestedItemsToBePublic",
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{"allowNestedItemsToBePublic": packtest.Unknown})},
		{Name: "unknown provider version", Want: packtest.NotApplicable, Message: "value unknown during preview: version",
			Resource: packtest.WithProvider(packtest.Resource(storageAccount, "data", packtest.Props{}), "azure-native",
				packtest.Props{"version": packtest.Unknown})},
	})
}

func TestStorageContainerNotPublic(t *testing.T) {
	const container = "azure-native:storage:BlobContainer"
	packtest.Run(t, Policies(), "azure-storage-container-not-public", []packtest.Case{
		{Name: "container access", Want: packtest.Violation, Message: `blob container site has publicAccess "Container": anyone`,
			Resource: packtest.Resource(container, "site", packtest.Props{"publicAccess": "Container"})},
		{Name: "blob access", Want: packtest.Violation, Message: "can read its blobs",
			Resource: packtest.Resource(container, "site", packtest.Props{"publicAccess": "Blob"})},
		{Name: "none", Want: packtest.Pass, Resource: packtest.Resource(container, "site", packtest.Props{"publicAccess": "None"})},
		{Name: "unset is private", Want: packtest.Pass, Resource: packtest.Resource(container, "site", packtest.Props{})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:storage/v20230101:BlobContainer", "site", packtest.Props{"publicAccess": "Blob"})},
		{Name: "classic container access", Want: packtest.Violation, Message: `containerAccessType "container"`,
			Resource: packtest.Resource("azure:storage/container:Container", "site", packtest.Props{"containerAccessType": "container"})},
		{Name: "classic private", Want: packtest.Pass,
			Resource: packtest.Resource("azure:storage/container:Container", "site", packtest.Props{"containerAccessType": "private"})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: publicAccess",
			Resource: packtest.Resource(container, "site", packtest.Props{"publicAccess": packtest.Unknown})},
		{Name: "classic unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: containerAccessType",
			Resource: packtest.Resource("azure:storage/container:Container", "site", packtest.Props{"containerAccessType": packtest.Unknown})},
	})
}

func TestStorageNetworkDefaultDeny(t *testing.T) {
	packtest.Run(t, Policies(), "azure-storage-network-default-deny", []packtest.Case{
		{Name: "no network rules", Want: packtest.Violation, Message: "storage account data has no networkRuleSet",
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{})},
		{Name: "default action allow", Want: packtest.Violation, Message: `networkRuleSet.defaultAction "Allow"`,
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"networkRuleSet": packtest.Props{"defaultAction": "Allow"}})},
		{Name: "public network access enabled", Want: packtest.Violation,
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"publicNetworkAccess": "Enabled"})},
		{Name: "default action deny", Want: packtest.Pass,
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"networkRuleSet": packtest.Props{
				"defaultAction": "Deny", "ipRules": []any{packtest.Props{"iPAddressOrRange": "203.0.113.0/24"}}}})},
		{Name: "public network access disabled", Want: packtest.Pass,
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"publicNetworkAccess": "Disabled"})},
		{Name: "secured by perimeter", Want: packtest.Pass,
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"publicNetworkAccess": "SecuredByPerimeter"})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:storage/v20230501:StorageAccount", "data", packtest.Props{})},
		{Name: "deny decides while public access is unknown", Want: packtest.Pass,
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"publicNetworkAccess": packtest.Unknown,
				"networkRuleSet": packtest.Props{"defaultAction": "Deny"}})},
		{Name: "unknown public network access", Want: packtest.NotApplicable, Message: "value unknown during preview: publicNetworkAccess",
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"publicNetworkAccess": packtest.Unknown})},
		{Name: "unknown default action", Want: packtest.NotApplicable, Message: "networkRuleSet.defaultAction",
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"networkRuleSet": packtest.Props{"defaultAction": packtest.Unknown}})},
		{Name: "unknown rule set", Want: packtest.NotApplicable, Message: "networkRuleSet",
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"networkRuleSet": packtest.Unknown})},
	})
}

func TestStorageInfrastructureEncryption(t *testing.T) {
	packtest.Run(t, Policies(), "azure-storage-infrastructure-encryption", []packtest.Case{
		{Name: "unset", Want: packtest.Violation, Message: "does not set encryption.requireInfrastructureEncryption",
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{})},
		{Name: "false", Want: packtest.Violation,
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"encryption": packtest.Props{
				"requireInfrastructureEncryption": false, "keySource": "Microsoft.Storage"}})},
		{Name: "enabled", Want: packtest.Pass,
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"encryption": packtest.Props{
				"requireInfrastructureEncryption": true, "keySource": "Microsoft.Storage"}})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:storage/v20230401:StorageAccount", "data", packtest.Props{})},
		{Name: "classic unset", Want: packtest.Violation, Message: "infrastructureEncryptionEnabled",
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{})},
		{Name: "classic enabled", Want: packtest.Pass,
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{"infrastructureEncryptionEnabled": true})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "encryption.requireInfrastructureEncryption",
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"encryption": packtest.Unknown})},
		{Name: "classic unknown", Want: packtest.NotApplicable, Message: "infrastructureEncryptionEnabled",
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{"infrastructureEncryptionEnabled": packtest.Unknown})},
	})
}

func TestStorageBlobSoftDelete(t *testing.T) {
	const blobService = "azure-native:storage:BlobServiceProperties"
	service := func(p packtest.Props) packtest.Props {
		p["accountName"], p["resourceGroupName"], p["blobServicesName"] = "data", "rg", "default"
		return p
	}
	packtest.Run(t, Policies(), "azure-storage-blob-soft-delete", []packtest.Case{
		{Name: "soft delete off", Want: packtest.Violation,
			Message: "blob service blobs has deleteRetentionPolicy.enabled false: deleted blobs cannot be recovered",
			Resource: packtest.Resource(blobService, "blobs", service(packtest.Props{
				"deleteRetentionPolicy": packtest.Props{"enabled": false}}))},
		{Name: "no retention policy", Want: packtest.Violation,
			Message:  "blob service blobs sets no deleteRetentionPolicy, which leaves blob soft delete off",
			Resource: packtest.Resource(blobService, "blobs", service(packtest.Props{"isVersioningEnabled": true}))},
		{Name: "policy without enabled", Want: packtest.Violation,
			Resource: packtest.Resource(blobService, "blobs", service(packtest.Props{"deleteRetentionPolicy": packtest.Props{"days": 7}}))},
		{Name: "soft delete on", Want: packtest.Pass,
			Resource: packtest.Resource(blobService, "blobs", service(packtest.Props{
				"deleteRetentionPolicy": packtest.Props{"enabled": true, "days": 7}}))},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:storage/v20230101:BlobServiceProperties", "blobs", service(packtest.Props{}))},
		{Name: "azure-native account is not judged", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource(storageAccount, "data", packtest.Props{"kind": "StorageV2"})},
		{Name: "classic blob properties without retention", Want: packtest.Violation,
			Message:  "storage account data sets blobProperties without deleteRetentionPolicy: deleted blobs cannot be recovered",
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{"blobProperties": packtest.Props{"versioningEnabled": true}})},
		{Name: "classic retention policy", Want: packtest.Pass,
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{"blobProperties": packtest.Props{
				"deleteRetentionPolicy": packtest.Props{"days": 7}}})},
		{Name: "classic retention policy with defaults", Want: packtest.Pass,
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{"blobProperties": packtest.Props{
				"deleteRetentionPolicy": packtest.Props{}}})},
		{Name: "classic 4.x list shape", Want: packtest.Pass,
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{"blobProperties": []any{packtest.Props{
				"deleteRetentionPolicy": []any{packtest.Props{"days": 7}}}}})},
		{Name: "classic without blob properties is not judged", Want: packtest.Pass,
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{"accountTier": "Standard"})},
		{Name: "unknown policy", Want: packtest.NotApplicable, Message: "value unknown during preview: deleteRetentionPolicy",
			Resource: packtest.Resource(blobService, "blobs", service(packtest.Props{"deleteRetentionPolicy": packtest.Unknown}))},
		{Name: "unknown enabled", Want: packtest.NotApplicable, Message: "value unknown during preview: deleteRetentionPolicy.enabled",
			Resource: packtest.Resource(blobService, "blobs", service(packtest.Props{"deleteRetentionPolicy": packtest.Props{"enabled": packtest.Unknown}}))},
		{Name: "classic unknown blob properties", Want: packtest.NotApplicable, Message: "value unknown during preview: blobProperties",
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{"blobProperties": packtest.Unknown})},
		{Name: "classic unknown retention policy", Want: packtest.NotApplicable,
			Message: "value unknown during preview: blobProperties.deleteRetentionPolicy",
			Resource: packtest.Resource(classicStorageAccount, "data", packtest.Props{"blobProperties": packtest.Props{
				"deleteRetentionPolicy": packtest.Unknown}})},
	})
}
