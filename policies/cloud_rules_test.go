package policies

import (
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The Azure and Google Cloud rules carry the metadata the rule-writing guide asks for.
func TestCloudRulesMetadata(t *testing.T) {
	seen := 0
	for _, p := range All() {
		cloud, _, _ := strings.Cut(p.Name, "-")
		if cloud != "azure" && cloud != "gcp" {
			continue
		}
		seen++
		t.Run(p.Name, func(t *testing.T) {
			assert.NotNil(t, p.Framework, "framework")
			assert.NotEmpty(t, p.DisplayName, "display name")
			assert.NotEmpty(t, p.Remediation, "remediation")
			assert.Contains(t, p.Tags, cloud, "the tags name the cloud")
			assert.NotEmpty(t, p.Types, "types")
			assert.Len(t, slices.Compact(slices.Sorted(slices.Values(p.Types))), len(p.Types), "duplicate type tokens")
			for _, typ := range p.Types {
				assert.True(t, strings.HasPrefix(typ, "azure-native:") || strings.HasPrefix(typ, "azure:") ||
					strings.HasPrefix(typ, "gcp:"), "type %s", typ)
				assert.NotContains(t, typ, "*", "exact type tokens")
			}
		})
	}
	assert.GreaterOrEqual(t, seen, 20)
}

func TestAzureAPIVersion(t *testing.T) {
	for typ, want := range map[string]string{
		"azure-native:storage/v20230101:StorageAccount":         "20230101",
		"azure-native:keyvault/v20240401preview:Vault":          "20240401preview",
		"azure-native:storage:StorageAccount":                   "",
		"azure:network/virtualNetwork:VirtualNetwork":           "",
		"azure:appservice/windowsWebAppSlot:WindowsWebAppSlot":  "",
		"azure-native:network/vpnGateway:VirtualNetworkGateway": "",
		"gcp:compute/instanceTemplate:InstanceTemplate":         "",
	} {
		assert.Equal(t, want, azureAPIVersion(typ), typ)
	}
}
