package azure

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

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
