package azure

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestDiskCustomerManagedKey(t *testing.T) {
	const disk = "azure-native:compute:Disk"
	packtest.Run(t, Policies(), "azure-compute-disk-customer-managed-key", []packtest.Case{
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

func TestVMEncryptionAtHost(t *testing.T) {
	const (
		vm       = "azure-native:compute:VirtualMachine"
		scaleSet = "azure-native:compute:VirtualMachineScaleSet"
	)
	atHost := func(v any) packtest.Props { return packtest.Props{"encryptionAtHost": v} }
	packtest.Run(t, Policies(), "azure-vm-encryption-at-host", []packtest.Case{
		{Name: "unset", Want: packtest.Violation,
			Message:  "virtual machine app does not set securityProfile.encryptionAtHost: its temporary disks and disk caches are not encrypted on the host",
			Resource: packtest.Resource(vm, "app", packtest.Props{"hardwareProfile": packtest.Props{"vmSize": "Standard_D2s_v5"}})},
		{Name: "off", Want: packtest.Violation,
			Resource: packtest.Resource(vm, "app", packtest.Props{"securityProfile": atHost(false)})},
		{Name: "trusted launch without encryption at host", Want: packtest.Violation,
			Resource: packtest.Resource(vm, "app", packtest.Props{"securityProfile": packtest.Props{"securityType": "TrustedLaunch"}})},
		{Name: "on", Want: packtest.Pass, Resource: packtest.Resource(vm, "app", packtest.Props{"securityProfile": atHost(true)})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:compute/v20240701:VirtualMachine", "app", packtest.Props{})},
		{Name: "scale set unset", Want: packtest.Violation,
			Message: "scale set web does not set virtualMachineProfile.securityProfile.encryptionAtHost",
			Resource: packtest.Resource(scaleSet, "web", packtest.Props{"virtualMachineProfile": packtest.Props{
				"osProfile": packtest.Props{"computerNamePrefix": "web"}}})},
		{Name: "scale set on", Want: packtest.Pass,
			Resource: packtest.Resource(scaleSet, "web", packtest.Props{"virtualMachineProfile": packtest.Props{
				"securityProfile": atHost(true)}})},
		{Name: "flexible scale set without a profile", Want: packtest.NotApplicable, Message: "no virtualMachineProfile",
			Resource: packtest.Resource(scaleSet, "flex", packtest.Props{"orchestrationMode": "Flexible"})},
		{Name: "classic linux vm", Want: packtest.Violation, Message: "virtual machine app does not set encryptionAtHostEnabled",
			Resource: packtest.Resource("azure:compute/linuxVirtualMachine:LinuxVirtualMachine", "app", packtest.Props{"size": "Standard_D2s_v5"})},
		{Name: "classic windows vm on", Want: packtest.Pass,
			Resource: packtest.Resource("azure:compute/windowsVirtualMachine:WindowsVirtualMachine", "app",
				packtest.Props{"encryptionAtHostEnabled": true})},
		{Name: "classic scale set", Want: packtest.Violation, Message: "scale set web does not set encryptionAtHostEnabled",
			Resource: packtest.Resource("azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet", "web",
				packtest.Props{"encryptionAtHostEnabled": false})},
		{Name: "classic flexible scale set with a sku", Want: packtest.Violation,
			Resource: packtest.Resource(classicFlexibleScaleSet, "flex", packtest.Props{"skuName": "Standard_D2s_v5"})},
		{Name: "classic flexible scale set without a sku", Want: packtest.NotApplicable, Message: "sets no skuName",
			Resource: packtest.Resource(classicFlexibleScaleSet, "flex", packtest.Props{"platformFaultDomainCount": 1})},
		{Name: "legacy classic vm is not judged", Want: packtest.NotApplicable,
			Resource: packtest.Resource("azure:compute/virtualMachine:VirtualMachine", "old", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: securityProfile.encryptionAtHost",
			Resource: packtest.Resource(vm, "app", packtest.Props{"securityProfile": atHost(packtest.Unknown)})},
		{Name: "unknown security profile", Want: packtest.NotApplicable, Message: "value unknown during preview: securityProfile",
			Resource: packtest.Resource(vm, "app", packtest.Props{"securityProfile": packtest.Unknown})},
		{Name: "scale set unknown profile", Want: packtest.NotApplicable, Message: "value unknown during preview: virtualMachineProfile",
			Resource: packtest.Resource(scaleSet, "web", packtest.Props{"virtualMachineProfile": packtest.Unknown})},
		{Name: "classic unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: encryptionAtHostEnabled",
			Resource: packtest.Resource("azure:compute/linuxVirtualMachine:LinuxVirtualMachine", "app",
				packtest.Props{"encryptionAtHostEnabled": packtest.Unknown})},
		{Name: "classic flexible scale set unknown sku", Want: packtest.NotApplicable, Message: "value unknown during preview: skuName",
			Resource: packtest.Resource(classicFlexibleScaleSet, "flex", packtest.Props{"skuName": packtest.Unknown})},
	})
}
