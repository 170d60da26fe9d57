package kubeversion

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	for text, want := range map[string][2]int{
		"1.34":               {1, 34},
		"v1.34.2":            {1, 34},
		" 1.34.2 ":           {1, 34},
		"1.33.5-gke.1080000": {1, 33},
		"1.30.0-eks-a":       {1, 30},
		"2.0":                {2, 0},
	} {
		got, ok := Parse(text)
		assert.True(t, ok, "%q", text)
		assert.Equal(t, want, got, "%q", text)
	}
	for _, text := range []string{"latest", "-", "", "1", "v1", "1.x", "1.34-gke.1", "1.-1", "x.34", "vv1.34"} {
		_, ok := Parse(text)
		assert.False(t, ok, "%q", text)
	}
}

func TestSettingsPrepare(t *testing.T) {
	for text, want := range map[string][2]int{"": {}, "  ": {}, "1.35": {1, 35}, "v1.35.1": {1, 35}} {
		s := Settings{MinimumVersion: text}
		require.NoError(t, s.Prepare(), "%q", text)
		assert.Equal(t, want, s.Minimum(), "%q", text)
	}
	for _, text := range []string{"latest", "1", "1.x"} {
		s := Settings{MinimumVersion: text}
		err := s.Prepare()
		require.Error(t, err, "%q", text)
		assert.Contains(t, err.Error(), "is not a Kubernetes minor version such as 1.34")
		assert.Zero(t, s.Minimum())
	}
}

// minimumProbe is a policy taking the minimumVersion setting, which reports what the check reads.
var minimumProbe = pack.Policy{
	Name: "minimum-probe", Description: "Reports the minimum version.", Severity: pack.Low,
	Remediation: "None: a test policy.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"minimumVersion": pack.String("The oldest Kubernetes minor version allowed.", ""),
	}},
	Settings: func() any { return &Settings{} },
	Resource: func(c *pack.Check, r *pack.Resource) {
		c.Violatef("minimum %v", pack.SettingsOf[Settings](c).Minimum())
	},
}

func TestSettingsThroughTheEngine(t *testing.T) {
	cluster := packtest.Resource("aws:eks/cluster:Cluster", "c", packtest.Props{})
	packtest.Run(t, []pack.Policy{minimumProbe}, "minimum-probe", []packtest.Case{
		{Name: "unset follows the calendar", Want: packtest.Violation, Message: "minimum [0 0]", Resource: cluster},
		{Name: "configured", Want: packtest.Violation, Message: "minimum [1 35]", Resource: cluster,
			Config: map[string]any{"minimumVersion": "1.35"}},
	})
	err := packtest.ConfigError(t, []pack.Policy{minimumProbe}, "minimum-probe", map[string]any{"minimumVersion": "latest"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `minimumVersion "latest" is not a Kubernetes minor version`)
}
