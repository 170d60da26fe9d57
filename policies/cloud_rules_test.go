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
