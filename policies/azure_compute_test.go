package policies

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestDiskCustomerManagedKey(t *testing.T) {
	const disk = "azure-native:compute:Disk"
	packtest.Run(t, All(), "azure-compute-disk-customer-managed-key", []packtest.Case{
		{Name: "platform key by default", Want: packtest.Violation, Message: "disk data is encrypted with the platform-managed key only",
			Resource: packtest.Resource(disk, "data", packtest.Props{"creationData": packtest.Props{"createOption": "Empty"}})},
		{Name: "platform key explicit", Want: packtest.Violation,
			Resource: packtest.Resource(disk, "data", packtest.Props{"encryption": packtest.Props{"type": "EncryptionAtRestWithPlatformKey"}})},
		{Name: "customer key", Want: packtest.Pass,
			Resource: packtest.Resource(disk, "data", packtest.Props{"encryption": packtest.Props{
				"type": "EncryptionAtRestWithCustomerKey", "diskEncryptionSetId": "/subscriptions/s/des"}})},
		{Name: "platform and customer keys", Want: packtest.Pass,
			Resource: packtest.Resource(disk, "data", packtest.Props{"encryption": packtest.Props{
				"type": "EncryptionAtRestWithPlatformAndCustomerKeys", "diskEncryptionSetId": "/subscriptions/s/des"}})},
		{Name: "disk encryption set without a type", Want: packtest.Pass,
			Resource: packtest.Resource(disk, "data", packtest.Props{"encryption": packtest.Props{"diskEncryptionSetId": "/subscriptions/s/des"}})},
		{Name: "confidential vm disk with customer key", Want: packtest.Pass,
			Resource: packtest.Resource(disk, "os", packtest.Props{"securityProfile": packtest.Props{
				"securityType": "ConfidentialVM_DiskEncryptedWithCustomerKey", "secureVMDiskEncryptionSetId": "/subscriptions/s/des"}})},
		{Name: "azure disk encryption", Want: packtest.Pass,
			Resource: packtest.Resource(disk, "data", packtest.Props{"encryptionSettingsCollection": packtest.Props{"enabled": true}})},
		{Name: "azure disk encryption off", Want: packtest.Violation,
			Resource: packtest.Resource(disk, "data", packtest.Props{"encryptionSettingsCollection": packtest.Props{"enabled": false}})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:compute/v20230402:Disk", "data", packtest.Props{})},
		{Name: "classic platform key", Want: packtest.Violation, Message: "managed disk data",
			Resource: packtest.Resource("azure:compute/managedDisk:ManagedDisk", "data", packtest.Props{"diskEncryptionSetId": ""})},
		{Name: "classic disk encryption set", Want: packtest.Pass,
			Resource: packtest.Resource("azure:compute/managedDisk:ManagedDisk", "data", packtest.Props{"diskEncryptionSetId": "/subscriptions/s/des"})},
		{Name: "classic azure disk encryption with an unknown key", Want: packtest.Pass,
			Resource: packtest.Resource("azure:compute/managedDisk:ManagedDisk", "data", packtest.Props{
				"encryptionSettings": packtest.Props{"diskEncryptionKey": packtest.Unknown}})},
		{Name: "unknown type", Want: packtest.NotApplicable, Message: "encryption.type",
			Resource: packtest.Resource(disk, "data", packtest.Props{"encryption": packtest.Props{"type": packtest.Unknown}})},
		{Name: "unknown encryption set", Want: packtest.NotApplicable, Message: "encryption.diskEncryptionSetId",
			Resource: packtest.Resource(disk, "data", packtest.Props{"encryption": packtest.Props{"diskEncryptionSetId": packtest.Unknown}})},
		{Name: "unknown confidential encryption set", Want: packtest.NotApplicable, Message: "securityProfile.secureVMDiskEncryptionSetId",
			Resource: packtest.Resource(disk, "data", packtest.Props{"securityProfile": packtest.Props{"secureVMDiskEncryptionSetId": packtest.Unknown}})},
		{Name: "unknown azure disk encryption", Want: packtest.NotApplicable, Message: "encryptionSettingsCollection.enabled",
			Resource: packtest.Resource(disk, "data", packtest.Props{"encryptionSettingsCollection": packtest.Props{"enabled": packtest.Unknown}})},
		{Name: "classic unknown encryption set", Want: packtest.NotApplicable, Message: "diskEncryptionSetId",
			Resource: packtest.Resource("azure:compute/managedDisk:ManagedDisk", "data", packtest.Props{"diskEncryptionSetId": packtest.Unknown})},
		{Name: "classic unknown confidential encryption set", Want: packtest.NotApplicable, Message: "secureVmDiskEncryptionSetId",
			Resource: packtest.Resource("azure:compute/managedDisk:ManagedDisk", "data", packtest.Props{"secureVmDiskEncryptionSetId": packtest.Unknown})},
		{Name: "classic unknown encryption settings", Want: packtest.NotApplicable, Message: "encryptionSettings",
			Resource: packtest.Resource("azure:compute/managedDisk:ManagedDisk", "data", packtest.Props{"encryptionSettings": packtest.Unknown})},
	})
}
