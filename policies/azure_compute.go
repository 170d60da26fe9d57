package policies

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
)

var managedDiskTypes = append(azureNativeTypes("compute", "Disk", "20220702", "20230102", "20230402", "20231002",
	"20240302"), "azure:compute/managedDisk:ManagedDisk")

var diskCustomerManagedKey = pack.Policy{
	Name:        "azure-compute-disk-customer-managed-key",
	DisplayName: "Managed disks are encrypted with a customer-managed key",
	Description: "Managed disks encrypt their data with a key the organization manages in Key Vault (through a " +
		"disk encryption set or Azure Disk Encryption), not only with the platform-managed key every disk has.",
	Severity:  pack.Medium,
	Framework: cisAzure("7.3"),
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
		requireKnown(set, secure, ade)
		c.Violatef("managed disk %s is encrypted with the platform-managed key only: set diskEncryptionSetId to a "+
			"disk encryption set over a customer-managed key", r.Name)
		return
	}
	typ, set := r.Get("encryption", "type"), r.Get("encryption", "diskEncryptionSetId")
	secure, ade := r.Get("securityProfile", "secureVMDiskEncryptionSetId"), r.Get("encryptionSettingsCollection", "enabled")
	if knownOneOf(typ, "EncryptionAtRestWithCustomerKey", "EncryptionAtRestWithPlatformAndCustomerKeys") ||
		knownSet(set) || knownSet(secure) || (!ade.Unknown() && ade.Bool(false)) {
		return
	}
	requireKnown(typ, set, secure, ade)
	c.Violatef("disk %s is encrypted with the platform-managed key only: set encryption.type: "+
		"\"EncryptionAtRestWithCustomerKey\" and encryption.diskEncryptionSetId", r.Name)
}
