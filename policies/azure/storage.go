package azure

import (
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// API versions of the storage module that azure-native 2.x generated besides its default.
var azureStorageAPIVersions = []string{"20220901", "20230101", "20230401", "20230501", "20240101"}

var (
	storageAccountNativeTypes = azureNativeTypes("storage", "StorageAccount", azureStorageAPIVersions...)
	storageAccountTypes       = append(slices.Clone(storageAccountNativeTypes), "azure:storage/account:Account")
	blobContainerTypes        = append(azureNativeTypes("storage", "BlobContainer", azureStorageAPIVersions...),
		"azure:storage/container:Container")
	// azure-native sets an account's blob service with a side resource; the classic provider inline.
	blobServicePropertiesTypes = append(azureNativeTypes("storage", "BlobServiceProperties", azureStorageAPIVersions...),
		"azure:storage/account:Account")
)

var storageHTTPSOnly = pack.Policy{
	Name:        "azure-storage-https-only",
	DisplayName: "Storage accounts accept HTTPS only",
	Description: "Storage accounts require secure transfer: requests over plain HTTP are refused.",
	Severity:    pack.High,
	Framework:   frameworks.CISAzure("3.1"),
	Tags:        []string{"azure", "storage", "encryption", "network"},
	Remediation: "Remove enableHttpsTrafficOnly: false, or set it to true (httpsTrafficOnlyEnabled in the " +
		"classic azure provider 6.x, enableHttpsTrafficOnly before).",
	Types:    storageAccountTypes,
	Resource: checkStorageHTTPSOnly,
}

var storageMinimumTLS = pack.Policy{
	Name:        "azure-storage-minimum-tls-version",
	DisplayName: "Storage accounts refuse TLS older than 1.2",
	Description: "Storage accounts set their minimum TLS version to 1.2 or later.",
	Severity:    pack.Medium,
	Framework:   frameworks.CISAzure("3.15"),
	Tags:        []string{"azure", "storage", "encryption"},
	Remediation: "Set minimumTlsVersion: \"TLS1_2\" (minTlsVersion in the classic azure provider). Clients " +
		"that still use TLS 1.0 or 1.1 must be upgraded.",
	Types:    storageAccountTypes,
	Resource: checkStorageMinimumTLS,
}

var storageNoPublicBlobAccess = pack.Policy{
	Name:        "azure-storage-no-public-blob-access",
	DisplayName: "Storage accounts disallow anonymous blob access",
	Description: "Storage accounts do not let their containers be made public (Allow Blob Anonymous Access " +
		"is disabled).",
	Severity:  pack.High,
	Framework: frameworks.CISAzure("3.17"),
	Tags:      []string{"azure", "storage", "public-access"},
	Remediation: "Set allowBlobPublicAccess: false (allowNestedItemsToBePublic: false in the classic azure " +
		"provider 5.x and later). Share data with SAS tokens or Entra ID roles instead.",
	Types:    storageAccountTypes,
	Resource: checkStorageNoPublicBlobAccess,
}

var storageContainerNotPublic = pack.Policy{
	Name:        "azure-storage-container-not-public",
	DisplayName: "Blob containers are not public",
	Description: "Blob containers do not allow anonymous read access to their blobs or their listing.",
	Severity:    pack.Critical,
	Framework:   frameworks.CISAzure("3.17"),
	Tags:        []string{"azure", "storage", "public-access"},
	Remediation: "Set publicAccess: \"None\" (containerAccessType: \"private\" in the classic azure provider), " +
		"and share blobs with SAS tokens or Entra ID roles.",
	Types:    blobContainerTypes,
	Resource: checkStorageContainerNotPublic,
}

var storageNetworkDefaultDeny = pack.Policy{
	Name:        "azure-storage-network-default-deny",
	DisplayName: "Storage accounts deny network access by default",
	Description: "Storage accounts accept connections only from the networks their rules allow: public " +
		"network access is disabled, or the network rule set's default action is Deny.",
	Severity:  pack.Medium,
	Framework: frameworks.CISAzure("3.8"),
	Tags:      []string{"azure", "storage", "network", "cis:3.7"},
	Remediation: "Set networkRuleSet: { defaultAction: \"Deny\", ipRules / virtualNetworkRules for the clients " +
		"that need access, bypass: \"AzureServices\" }, or publicNetworkAccess: \"Disabled\" with private endpoints.",
	Types:    storageAccountNativeTypes,
	Resource: checkStorageNetworkDefaultDeny,
}

var storageInfrastructureEncryption = pack.Policy{
	Name:        "azure-storage-infrastructure-encryption",
	DisplayName: "Storage accounts use infrastructure encryption",
	Description: "Storage accounts encrypt their data a second time at the infrastructure level, with a " +
		"different algorithm and key than the service-level encryption.",
	Severity:  pack.Medium,
	Framework: frameworks.CISAzure("3.2"),
	Tags:      []string{"azure", "storage", "encryption"},
	Remediation: "Set encryption.requireInfrastructureEncryption: true (infrastructureEncryptionEnabled: true in " +
		"the classic azure provider) on a StorageV2 or premium block blob / file account. It can only be set " +
		"when the account is created: create a new account and move the data.",
	Types:    storageAccountTypes,
	Resource: checkStorageInfrastructureEncryption,
}

var storageBlobSoftDelete = pack.Policy{
	Name:        "azure-storage-blob-soft-delete",
	DisplayName: "Storage accounts keep deleted blobs recoverable",
	Description: "The blob service of a storage account turns on soft delete for blobs, so that deleted or " +
		"overwritten blobs can be restored during the retention period. Judged where the program configures the " +
		"blob service: an azure-native BlobServiceProperties resource, or the classic provider's blobProperties.",
	Severity:  pack.Medium,
	Framework: frameworks.CISAzure("3.11"),
	Tags:      []string{"azure", "storage", "backup"},
	Remediation: "Set deleteRetentionPolicy: { enabled: true, days: 7 } or more on the BlobServiceProperties " +
		"resource (blobProperties.deleteRetentionPolicy: { days: 7 } on the classic azure provider's account), " +
		"and containerDeleteRetentionPolicy likewise for deleted containers.",
	Types:    blobServicePropertiesTypes,
	Resource: checkStorageBlobSoftDelete,
}

func init() {
	register(storageHTTPSOnly, storageMinimumTLS, storageNoPublicBlobAccess, storageContainerNotPublic,
		storageNetworkDefaultDeny, storageInfrastructureEncryption, storageBlobSoftDelete)
}

// firstSet returns the first of the property names that the resource sets (or leaves unknown),
// with its value; the first name when none is set. It reads properties renamed across versions of
// a provider.
func firstSet(r *pack.Resource, names ...string) (string, pack.Value) {
	for _, name := range names {
		if v := r.Get(name); v.Unknown() || v.Exists() {
			return name, v
		}
	}
	return names[0], r.Get(names[0])
}

func checkStorageHTTPSOnly(c *pack.Check, r *pack.Resource) {
	name, v := "enableHttpsTrafficOnly", r.Get("enableHttpsTrafficOnly")
	if isClassicAzure(r.Type) {
		name, v = firstSet(r, "httpsTrafficOnlyEnabled", "enableHttpsTrafficOnly")
	}
	// Every provider version and API version in Types defaults to HTTPS only.
	if !v.Bool(true) {
		c.Violatef("storage account %s has %s false: clients can read and write its data over plain HTTP; "+
			"set %s: true", r.Name, name, name)
	}
}

func checkStorageMinimumTLS(c *pack.Check, r *pack.Resource) {
	name, def := "minimumTlsVersion", "TLS1_0" // azure-native: "The default interpretation is TLS 1.0"
	if isClassicAzure(r.Type) {
		var ok bool
		name = "minTlsVersion"
		if def, ok = classicAzureDefault(c, r, name, "TLS1_2", "TLS1_0"); !ok {
			return
		}
	}
	v := r.Get(name)
	if version := v.Text(def); version != "TLS1_2" && version != "TLS1_3" {
		if !v.Exists() {
			c.Violatef("storage account %s leaves %s unset, which accepts TLS 1.0 and 1.1: set %s: \"TLS1_2\"",
				r.Name, name, name)
			return
		}
		c.Violatef("storage account %s has %s %v, which accepts TLS versions older than 1.2: set %s: \"TLS1_2\"",
			r.Name, name, v, name)
	}
}

func checkStorageNoPublicBlobAccess(c *pack.Check, r *pack.Resource) {
	name, v := "allowBlobPublicAccess", r.Get("allowBlobPublicAccess")
	if isClassicAzure(r.Type) {
		name, v = firstSet(r, "allowNestedItemsToBePublic", "allowBlobPublicAccess")
	}
	if v.Exists() {
		if v.Bool(false) {
			c.Violatef("storage account %s has %s true: its containers can be made readable by anyone on the "+
				"internet; set %s: false", r.Name, name, name)
		}
		return
	}
	allowed, known := storagePublicBlobDefault(r)
	switch {
	case !known:
		c.Skip(name + " is unset and its default depends on the provider version or API version, which the " +
			"engine did not send: set " + name + ": false")
	case allowed:
		c.Violatef("storage account %s leaves %s unset, which allows anonymous blob access with this provider "+
			"or API version: set %s: false", r.Name, name, name)
	}
}

// storagePublicBlobDefault reports whether a storage account that leaves anonymous blob access
// unset allows it. azure-native: API versions before 2023-01-01 interpret unset as true, later
// ones as false; the default token uses 2021-02-01 in provider 1.x, 2022-09-01 in 2.x and
// 2024-01-01 in 3.x. Classic azure: allowNestedItemsToBePublic defaults to true (5.x and later),
// allowBlobPublicAccess to false (4.x and before).
func storagePublicBlobDefault(r *pack.Resource) (allowed, known bool) {
	if api := azureAPIVersion(r.Type); api != "" {
		return api < "20230101", true
	}
	major, ok := providerMajorVersion(r)
	if !ok {
		return false, false
	}
	if isClassicAzure(r.Type) {
		return major >= 5, true
	}
	return major < 3, true
}

func checkStorageContainerNotPublic(c *pack.Check, r *pack.Resource) {
	name, fix := "publicAccess", "\"None\""
	if isClassicAzure(r.Type) {
		name, fix = "containerAccessType", "\"private\""
	}
	v := r.Get(name)
	switch strings.ToLower(v.Text("")) {
	case "blob":
		c.Violatef("blob container %s has %s %v: anyone on the internet can read its blobs; set %s: %s",
			r.Name, name, v, name, fix)
	case "container":
		c.Violatef("blob container %s has %s %v: anyone on the internet can list and read its blobs; set %s: %s",
			r.Name, name, v, name, fix)
	}
}

func checkStorageNetworkDefaultDeny(c *pack.Check, r *pack.Resource) {
	access, action := r.Get("publicNetworkAccess"), r.Get("networkRuleSet", "defaultAction")
	if known.OneOf(access, "Disabled", "SecuredByPerimeter") || known.OneOf(action, "Deny") {
		return
	}
	known.Require(access)
	if !action.Exists() {
		c.Violatef("storage account %s has no networkRuleSet, so it accepts connections from any network: set "+
			"networkRuleSet.defaultAction: \"Deny\" with rules for the clients that need access, or "+
			"publicNetworkAccess: \"Disabled\"", r.Name)
		return
	}
	c.Violatef("storage account %s has networkRuleSet.defaultAction %v, so it accepts connections from any "+
		"network: set it to \"Deny\" with rules for the clients that need access, or publicNetworkAccess: "+
		"\"Disabled\"", r.Name, action)
}

func checkStorageInfrastructureEncryption(c *pack.Check, r *pack.Resource) {
	name, v := "encryption.requireInfrastructureEncryption", r.Get("encryption", "requireInfrastructureEncryption")
	if isClassicAzure(r.Type) {
		name, v = "infrastructureEncryptionEnabled", r.Get("infrastructureEncryptionEnabled")
	}
	if !v.Bool(false) {
		c.Violatef("storage account %s does not set %s: its data is encrypted once, at the service level "+
			"only; set %s: true when creating the account", r.Name, name, name)
	}
}

// checkStorageBlobSoftDelete judges the blob service settings a program sets. Azure leaves blob soft
// delete off on accounts created through its API (only the portal turns it on), so a
// BlobServiceProperties resource without deleteRetentionPolicy leaves it off. An azure-native
// account without such a resource, or a classic account without blobProperties, is not judged: its
// blob service is not configured here, and flagging every such account would report accounts
// whose kind has no blob service or whose settings are managed elsewhere.
func checkStorageBlobSoftDelete(c *pack.Check, r *pack.Resource) {
	if isClassicAzure(r.Type) {
		// The classic provider turns soft delete on when blobProperties has a deleteRetentionPolicy block.
		properties := r.Get("blobProperties")
		if !knownSet(properties) || len(properties.Items()) == 0 {
			known.Require(properties)
			return
		}
		policy := properties.Get("deleteRetentionPolicy")
		if knownSet(policy) {
			return
		}
		known.Require(policy)
		c.Violatef("storage account %s sets blobProperties without deleteRetentionPolicy: deleted blobs cannot "+
			"be recovered; add blobProperties.deleteRetentionPolicy: { days: 7 } or more", r.Name)
		return
	}
	policy := r.Get("deleteRetentionPolicy")
	if policy.Get("enabled").Bool(false) {
		return
	}
	if !policy.Exists() {
		c.Violatef("blob service %s sets no deleteRetentionPolicy, which leaves blob soft delete off: deleted "+
			"blobs cannot be recovered; set deleteRetentionPolicy: { enabled: true, days: 7 } or more", r.Name)
		return
	}
	c.Violatef("blob service %s has deleteRetentionPolicy.enabled %v: deleted blobs cannot be recovered; set "+
		"deleteRetentionPolicy: { enabled: true, days: 7 } or more", r.Name, policy.Get("enabled"))
}
