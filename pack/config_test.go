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

func TestSuggest(t *testing.T) {
	candidates := []string{"required-stack-tags", "aws-s3-bucket-versioning", "aws-s3-bucket-logging"}
	for _, tc := range []struct{ name, want string }{
		{"required-stak-tags", ` (did you mean "required-stack-tags"?)`},
		{"aws-s3-bucket-loging", ` (did you mean "aws-s3-bucket-logging"?)`},
		{"Required-Stack-Tags", ` (did you mean "required-stack-tags"?)`},
		{"required-stack-tags", ` (did you mean "required-stack-tags"?)`},
		{"kubernetes-pod-privileged", ""},
		{"", ""},
	} {
		assert.Equal(t, tc.want, pack.Suggest(tc.name, candidates), tc.name)
	}
	assert.Equal(t, "", pack.Suggest("ab", []string{"xb"}), "a name of 2 letters takes no edit")
	assert.Equal(t, ` (did you mean "abcdxy"?)`, pack.Suggest("abcdef", []string{"abcdxy"}), "6 letters take 2 edits")
	assert.Equal(t, "", pack.Suggest("abcdef", []string{"abcxyz"}), "but not 3")
	assert.Equal(t, ` (did you mean "abcdeg"?)`, pack.Suggest("abcdef", []string{"abcdeh", "abcdeg"}),
		"the first in sorted order among equals")
	unsorted := []string{"b", "a"}
	pack.Suggest("c", unsorted)
	assert.Equal(t, []string{"b", "a"}, unsorted, "the candidates are left as they were")
}
