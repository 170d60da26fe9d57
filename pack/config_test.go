package pack_test

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/internal/testpack"
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/stretchr/testify/assert"
)

func TestConfigureRejectsRemediateOnAPolicyThatOnlyReports(t *testing.T) {
	for name, tc := range map[string]struct {
		config map[string]plugin.AnalyzerPolicyConfig
		want   string
	}{
		"a reporting policy": {map[string]plugin.AnalyzerPolicyConfig{"panics": {EnforcementLevel: pack.Remediate}},
			`panics: enforcement level "remediate" needs a policy that fixes what it finds, and this one only ` +
				`reports: choose advisory, mandatory or disabled`},
		"a remediating policy": {map[string]plugin.AnalyzerPolicyConfig{
			"thing-enabled": {EnforcementLevel: pack.Remediate}}, ""},
		// The engine applies "all" to every policy before Configure: it cannot single one out.
		"every policy through all": {map[string]plugin.AnalyzerPolicyConfig{
			"all": {EnforcementLevel: pack.Remediate}, "panics": {EnforcementLevel: pack.Remediate}}, ""},
	} {
		err := newAnalyzer(t, testpack.Pack()).Configure(t.Context(), tc.config)
		if tc.want == "" {
			assert.NoError(t, err, name)
		} else {
			assert.ErrorContains(t, err, tc.want, name)
		}
	}
}

func TestConfigureSuggestsTheSettingAMisspeltKeyMeant(t *testing.T) {
	a := newAnalyzer(t, testpack.Pack())
	err := a.Configure(t.Context(), map[string]plugin.AnalyzerPolicyConfig{
		"thing-enabled": {Properties: map[string]any{"enforcmentLevel": "mandatory"}},
	})
	assert.ErrorContains(t, err, `thing-enabled: unknown setting "enforcmentLevel" (settings: limit) `+
		`(did you mean "enforcementLevel"?)`)

	err = a.Configure(t.Context(), map[string]plugin.AnalyzerPolicyConfig{
		"thing-enabled": {Properties: map[string]any{"limt": 3}},
	})
	assert.ErrorContains(t, err, `unknown setting "limt" (settings: limit) (did you mean "limit"?)`)
}
