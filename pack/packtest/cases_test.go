package packtest_test

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestWith(t *testing.T) {
	base := packtest.Props{"a": 1, "b": packtest.Props{"c": 2}}
	got := packtest.With(base, packtest.Props{"b": "replaced", "d": 4})
	assert.Equal(t, packtest.Props{"a": 1, "b": "replaced", "d": 4}, got, "fields replace whole top-level values")
	assert.Equal(t, packtest.Props{"a": 1, "b": packtest.Props{"c": 2}}, base, "base is left as it was")
	assert.Equal(t, packtest.Props{"a": 1}, packtest.With(packtest.Props{"a": 1}, nil))
	assert.Equal(t, packtest.Props{}, packtest.With(nil, nil))
}

func TestCaseBuilders(t *testing.T) {
	instance := packtest.ResourceCase("aws:rds/instance:Instance", "db")
	tc := instance(packtest.Props{"storageEncrypted": true})
	assert.Equal(t, packtest.Resource("aws:rds/instance:Instance", "db", packtest.Props{"storageEncrypted": true}), tc.Resource)
	assert.Empty(t, tc.Name)

	named := packtest.Named(tc, "encrypted", packtest.Violation, "db is")
	assert.Equal(t, "encrypted", named.Name)
	assert.Equal(t, packtest.Violation, named.Want)
	assert.Equal(t, "db is", named.Message)
	assert.Equal(t, tc.Resource, named.Resource)

	configured := packtest.Configured(named, map[string]any{"limit": 3})
	assert.Equal(t, map[string]any{"limit": 3}, configured.Config)
	assert.Equal(t, "encrypted", configured.Name)
}

// limitProbe takes a "limit" integer from 1 to 10 and reports the value of its resource's "size"
// input when it is over the limit.
var limitProbe = pack.Policy{
	Name: "limit-probe", Description: "Reports sizes over a limit.", Severity: pack.Low, Remediation: "None: a test policy.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"limit": pack.IntegerBetween("The largest size.", 5, 1, 10),
	}},
	Settings: func() any { return &limitSettings{} },
	Resource: func(c *pack.Check, r *pack.Resource) {
		if size := r.Get("size").Int(0); size > pack.SettingsOf[limitSettings](c).Limit {
			c.Violatef("%s has size %d", r.Name, size)
		}
	},
}

type limitSettings struct {
	Limit int `json:"limit"`
}

func TestBuiltCasesRun(t *testing.T) {
	sized := packtest.ResourceCase("test:index:Disk", "d")
	packtest.Run(t, []pack.Policy{limitProbe}, "limit-probe", []packtest.Case{
		packtest.Named(sized(packtest.Props{"size": 6}), "over the default", packtest.Violation, "d has size 6"),
		packtest.Named(sized(packtest.Props{"size": 5}), "at the default", packtest.Pass, ""),
		packtest.Configured(packtest.Named(sized(packtest.Props{"size": 6}), "under a configured limit", packtest.Pass, ""),
			map[string]any{"limit": 7}),
		packtest.Named(sized(packtest.Props{"size": packtest.Unknown}), "unknown", packtest.NotApplicable,
			packtest.UnknownDuringPreview+": size"),
	})
}

func TestUnknownDuringPreviewIsTheEnginesReason(t *testing.T) {
	res := packtest.Check(t, limitProbe, packtest.Case{
		Resource: packtest.Resource("test:index:Disk", "d", packtest.Props{"size": packtest.Unknown})})
	assert.False(t, res.Applicable)
	assert.Equal(t, packtest.UnknownDuringPreview+": size", res.Reason)
}

func TestConfigError(t *testing.T) {
	policies := []pack.Policy{{Name: "other", Description: "d", Severity: pack.Low}, limitProbe}
	assert.NoError(t, packtest.ConfigError(t, policies, "limit-probe", map[string]any{"limit": 3}))
	assert.NoError(t, packtest.ConfigError(t, policies, "limit-probe", map[string]any{"enforcementLevel": "mandatory"}))
	for name, config := range map[string]map[string]any{
		"over the bound":      {"limit": 11},
		"not an integer":      {"limit": "3"},
		"an unknown setting":  {"limt": 3},
		"remediate, reporter": {"enforcementLevel": "remediate"},
	} {
		err := packtest.ConfigError(t, policies, "limit-probe", config)
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), "limit-probe", name)
	}
}
