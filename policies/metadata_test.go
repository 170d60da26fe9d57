package policies

import (
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/stretchr/testify/assert"
)

// TestEveryRuleHasCompleteMetadata holds every rule to the metadata Pulumi Cloud shows and the
// README documents: a display name, a description, a severity, a framework citation, tags, and
// remediation steps; and a name prefixed by its cloud (Pulumi Cloud's rules by "pulumi-cloud-").
func TestEveryRuleHasCompleteMetadata(t *testing.T) {
	seed := map[string]bool{
		"required-stack-tags": true, "approved-packages": true, "no-plaintext-secrets-in-config": true,
		"no-plaintext-secrets-in-inputs": true, "required-resource-tags": true, "production-protection": true,
		"production-updates-from-pipelines": true, "pulumi-cloud-access": true,
	}
	for _, p := range All() {
		assert.NotEmpty(t, p.DisplayName, p.Name)
		assert.NotEmpty(t, p.Description, p.Name)
		assert.NotEmpty(t, p.Remediation, p.Name)
		assert.NotEmpty(t, p.Tags, p.Name)
		assert.Contains(t, []pack.Severity{pack.Low, pack.Medium, pack.High, pack.Critical}, p.Severity, p.Name)
		if assert.NotNil(t, p.Framework, p.Name) {
			assert.NotEmpty(t, p.Framework.Name, p.Name)
			assert.NotEmpty(t, p.Framework.Reference, p.Name)
		}
		prefixed := false
		for _, cloud := range []string{"aws-", "azure-", "gcp-", "kubernetes-", "pulumi-cloud-"} {
			prefixed = prefixed || strings.HasPrefix(p.Name, cloud)
		}
		assert.True(t, prefixed || seed[p.Name], "%s names no cloud and is not a seed rule", p.Name)
	}
	for name := range seed {
		assert.True(t, registered(name), "seed rule %s is missing", name)
	}
}

func registered(name string) bool {
	for _, p := range All() {
		if p.Name == name {
			return true
		}
	}
	return false
}
