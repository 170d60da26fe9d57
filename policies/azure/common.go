package azure

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// azureNativeTypes returns the type tokens of an azure-native resource: its default token
// ("azure-native:storage:StorageAccount", the same in versions 1 to 3 of the provider) and the
// API-versioned tokens ("azure-native:storage/v20230101:StorageAccount") of the given API
// versions, those that version 2 of the provider (2.90.0) generated with the same property names.
func azureNativeTypes(module, resource string, apiVersions ...string) []string {
	out := []string{"azure-native:" + module + ":" + resource}
	for _, v := range apiVersions {
		out = append(out, "azure-native:"+module+"/v"+v+":"+resource)
	}
	return out
}

// azureAPIVersion returns the API version an API-versioned azure-native token names, such as
// "20230101" for "azure-native:storage/v20230101:StorageAccount", or "" for a default token.
func azureAPIVersion(typ string) string {
	rest, native := strings.CutPrefix(typ, "azure-native:")
	module, _, _ := strings.Cut(rest, ":")
	_, version, versioned := strings.Cut(module, "/v")
	if !native || !versioned || version == "" || version[0] < '0' || version[0] > '9' {
		return ""
	}
	return version
}

// providerMajorVersion returns the major version of the provider plugin that manages r, read from
// the "version" input the engine gives provider resources; ok is false when the engine did not
// say. Some defaults changed between major versions of a provider.
func providerMajorVersion(r *pack.Resource) (major int, ok bool) {
	if r.Provider == nil {
		return 0, false
	}
	v, ok := r.Provider.Version()
	return int(v.Major), ok
}

// classicAzureDefault returns the value the classic azure provider gives a property left unset
// whose default changed in its 5.0 release (azurerm 3.0): current from 5.0 on, legacy before.
// When the property is unset and the engine did not send the provider's version, it skips the
// check, which cannot tell the two apart, and ok is false.
func classicAzureDefault(c *pack.Check, r *pack.Resource, name, current, legacy string) (def string, ok bool) {
	if r.Get(name).Exists() {
		return "", true
	}
	major, known := providerMajorVersion(r)
	switch {
	case !known:
		c.Skip(name + " is unset and its default depends on the version of the azure provider, which the " +
			"engine did not send: set " + name)
		return "", false
	case major >= 5:
		return current, true
	}
	return legacy, true
}

// isClassicAzure reports whether a type token belongs to the classic azure provider (azure:...),
// whose property names differ from azure-native's.
func isClassicAzure(typ string) bool { return strings.HasPrefix(typ, "azure:") }

// knownSet reports whether v is known and set to something other than an empty string (the
// classic provider records unset strings as ""). An object counts as set even when some of its
// fields are unknown.
func knownSet(v pack.Value) bool {
	raw := v.Raw()
	switch {
	case raw.IsComputed(), raw.IsNull():
		return false
	case raw.IsString():
		return raw.AsString() != ""
	}
	return true
}

// equalFoldValue reads a text value and compares it with want, ignoring case (Azure enums are
// case-insensitive: Key Vault documents "disabled", storage "Disabled").
func equalFoldValue(v pack.Value, want string) bool {
	return strings.EqualFold(strings.TrimSpace(v.Text("")), want)
}
