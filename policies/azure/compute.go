package azure

import (
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

var managedDiskTypes = append(azureNativeTypes("compute", "Disk", "20220702", "20230102", "20230402", "20231002",
	"20240302"), "azure:compute/managedDisk:ManagedDisk")

var diskCustomerManagedKey = pack.Policy{
	Name:        "azure-compute-disk-customer-managed-key",
	DisplayName: "Managed disks are encrypted with a customer-managed key",
	Description: "Managed disks encrypt their data with a key the organization manages in Key Vault (through a " +
		"disk encryption set or Azure Disk Encryption), not only with the platform-managed key every disk has.",
	Severity:  pack.Medium,
	Framework: frameworks.CISAzure("7.3"),
	Tags:      []string{"azure", "compute", "encryption", "cis:7.4"},
	Remediation: "Create a disk encryption set over a Key Vault key and set encryption: { type: " +
		"\"EncryptionAtRestWithCustomerKey\", diskEncryptionSetId } (diskEncryptionSetId in the classic azure " +
		"provider).",
	Types:    managedDiskTypes,
	Resource: checkDiskCustomerManagedKey,
}

func init() { register(diskCustomerManagedKey) }

func checkDiskCustomerManagedKey(c *pack.Check, r *pack.Resource) {
	if isClassicAzure(r.Type) {
		set, secure, ade := r.Get("diskEncryptionSetId"), r.Get("secureVmDiskEncryptionSetId"), r.Get("encryptionSettings")
		if knownSet(set) || knownSet(secure) || knownSet(ade) {
			return
		}
		known.Require(set, secure, ade)
		c.Violatef("managed disk %s is encrypted with the platform-managed key only: set diskEncryptionSetId to a "+
			"disk encryption set over a customer-managed key", r.Name)
		return
	}
	typ, set := r.Get("encryption", "type"), r.Get("encryption", "diskEncryptionSetId")
	secure, ade := r.Get("securityProfile", "secureVMDiskEncryptionSetId"), r.Get("encryptionSettingsCollection", "enabled")
	if known.OneOf(typ, "EncryptionAtRestWithCustomerKey", "EncryptionAtRestWithPlatformAndCustomerKeys") ||
		knownSet(set) || knownSet(secure) || (!ade.Unknown() && ade.Bool(false)) {
		return
	}
	known.Require(typ, set, secure, ade)
	c.Violatef("disk %s is encrypted with the platform-managed key only: set encryption.type: "+
		"\"EncryptionAtRestWithCustomerKey\" and encryption.diskEncryptionSetId", r.Name)
}

// API versions of the compute module's virtual machines and scale sets that azure-native 2.x
// generated besides its default, all with securityProfile.encryptionAtHost.
var azureVMAPIVersions = []string{"20230301", "20230701", "20230901", "20240301", "20240701", "20241101"}

const classicFlexibleScaleSet = "azure:compute/orchestratedVirtualMachineScaleSet:OrchestratedVirtualMachineScaleSet"

// The classic azure provider's virtual machines and scale sets that can encrypt at host (its
// legacy VirtualMachine and ScaleSet cannot).
var (
	classicVMTypes = []string{"azure:compute/linuxVirtualMachine:LinuxVirtualMachine",
		"azure:compute/windowsVirtualMachine:WindowsVirtualMachine"}
	classicScaleSetTypes = []string{"azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet",
		"azure:compute/windowsVirtualMachineScaleSet:WindowsVirtualMachineScaleSet",
		classicFlexibleScaleSet}
	vmScaleSetNativeTypes = azureNativeTypes("compute", "VirtualMachineScaleSet", azureVMAPIVersions...)
)

var vmEncryptionAtHost = pack.Policy{
	Name:        "azure-vm-encryption-at-host",
	DisplayName: "Virtual machines encrypt at host",
	Description: "Virtual machines and scale sets turn on encryption at host, which encrypts their temporary " +
		"disks and OS and data disk caches on the host, where the encryption of managed disks does not reach.",
	Severity:  pack.Medium,
	Framework: frameworks.MCSB("DP-4"),
	Tags:      []string{"azure", "compute", "encryption"},
	Remediation: "Set securityProfile.encryptionAtHost: true (virtualMachineProfile.securityProfile.encryptionAtHost " +
		"on a scale set, encryptionAtHostEnabled: true in the classic azure provider). Register the " +
		"EncryptionAtHost feature of Microsoft.Compute in the subscription first, use a VM size that supports it, " +
		"and deallocate a running VM to turn it on.",
	Types: slices.Concat(azureNativeTypes("compute", "VirtualMachine", azureVMAPIVersions...), classicVMTypes,
		vmScaleSetNativeTypes, classicScaleSetTypes),
	Resource: checkVMEncryptionAtHost,
}

func init() { register(vmEncryptionAtHost) }

func checkVMEncryptionAtHost(c *pack.Check, r *pack.Resource) {
	kind := "virtual machine"
	if slices.Contains(vmScaleSetNativeTypes, r.Type) || slices.Contains(classicScaleSetTypes, r.Type) {
		kind = "scale set"
	}
	if isClassicAzure(r.Type) {
		if r.Get("encryptionAtHostEnabled").Bool(false) {
			return
		}
		// A flexible scale set without a SKU has no VM profile: VMs join it with settings of their own.
		if r.Type == classicFlexibleScaleSet && strings.TrimSpace(r.Get("skuName").Text("")) == "" {
			c.Skip("the scale set sets no skuName, so no VM profile: the virtual machines that join it are judged " +
				"on their own")
			return
		}
		c.Violatef("%s %s does not set encryptionAtHostEnabled: its temporary disks and disk caches are not "+
			"encrypted on the host; set encryptionAtHostEnabled: true", kind, r.Name)
		return
	}
	profile, path := r.Get("securityProfile"), "securityProfile"
	if kind == "scale set" {
		vm := r.Get("virtualMachineProfile")
		if !vm.Exists() {
			c.Skip("the scale set has no virtualMachineProfile: the virtual machines that join it are judged on " +
				"their own")
			return
		}
		profile, path = vm.Get("securityProfile"), "virtualMachineProfile.securityProfile"
	}
	if !profile.Get("encryptionAtHost").Bool(false) {
		c.Violatef("%s %s does not set %s.encryptionAtHost: its temporary disks and disk caches are not encrypted "+
			"on the host; set %s.encryptionAtHost: true", kind, r.Name, path, path)
	}
}
