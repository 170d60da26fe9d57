package pack_test

import (
	"encoding/json"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// catalogPack has policies on several packages, on every resource, and on the stack resource.
func catalogPack() pack.Pack {
	return pack.Pack{
		Name:        "catalog",
		DocsURL:     "https://example.com/rules/",
		CloudLabels: map[string]string{"azure-native": "azure"},
		Policies: []pack.Policy{
			{Name: "bucket", Types: []string{"aws:s3/bucket:Bucket"}, Tags: []string{"aws", "s3"}},
			{Name: "storage", Types: []string{"azure-native:storage:StorageAccount", "azure:storage/account:Account"}},
			{Name: "multi", Types: []string{"gcp:storage/bucket:Bucket", "aws:*"}},
			{Name: "inputs", Tags: []string{"secrets", "aws", "gcp", "not-a-cloud"}},
			{Name: "config", Types: []string{"pulumi:pulumi:Stack"}, Tags: []string{"secrets"}},
			{Name: "own-url", URL: "https://example.com/elsewhere"},
		},
	}
}

func TestClouds(t *testing.T) {
	t.Parallel()
	p := catalogPack()
	tests := map[string][]string{
		"bucket":  {"aws"},
		"storage": {"azure"},
		"multi":   {"aws", "gcp"},
		"inputs":  {"aws", "gcp"},
		"config":  nil,
		"own-url": nil,
	}
	for i := range p.Policies {
		pol := &p.Policies[i]
		assert.Equal(t, tests[pol.Name], p.Clouds(pol), pol.Name)
	}
}

func TestPolicyURL(t *testing.T) {
	t.Parallel()
	p := catalogPack()
	assert.Equal(t, "https://example.com/rules/bucket.md", p.PolicyURL(&p.Policies[0]))
	assert.Equal(t, "https://example.com/elsewhere", p.PolicyURL(&p.Policies[5]))
	p.DocsURL = ""
	assert.Empty(t, p.PolicyURL(&p.Policies[0]))
}

func TestConfigExample(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		policy pack.Policy
		want   map[string]any
	}{
		{name: "severity decides the level", policy: pack.Policy{Name: "a", Severity: pack.Critical},
			want: map[string]any{"enforcementLevel": "mandatory"}},
		{name: "own level and settings", policy: pack.Policy{Name: "a", Severity: pack.High, EnforcementLevel: pack.Advisory,
			Config: pack.Schema{Properties: map[string]pack.JSONSchema{"days": pack.Integer("Days.", 7, 1)}}},
			want: map[string]any{"enforcementLevel": "advisory", "days": 7.0}},
		{name: "pack default", policy: pack.Policy{Name: "a"}, want: map[string]any{"enforcementLevel": "disabled"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := pack.Pack{EnforcementLevel: pack.Disabled}
			example, err := p.ConfigExample(&tt.policy)
			require.NoError(t, err)
			var got map[string]map[string]any
			require.NoError(t, json.Unmarshal([]byte(example), &got))
			assert.Equal(t, map[string]map[string]any{"a": tt.want}, got)
		})
	}
}

func TestFrameworkString(t *testing.T) {
	t.Parallel()
	assert.Equal(t, "CIS 1.2", (&pack.Framework{Name: "CIS", Reference: "1.2"}).String())
	assert.Empty(t, (*pack.Framework)(nil).String())
}
