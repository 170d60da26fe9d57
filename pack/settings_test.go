package pack

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTurnsRuleOffNamesTheSettingAndTheWayToDisable(t *testing.T) {
	err := TurnsRuleOff("ports", "an empty list checks no port", "list the ports to watch")
	assert.EqualError(t, err, `ports: an empty list checks no port, which turns the rule off; list the ports to `+
		`watch, or set the rule's enforcementLevel to "disabled"`)
	assert.ErrorIs(t, err, ErrTurnsRuleOff)
}

type portSettings struct {
	Ports []int `json:"ports"`
}

func (s *portSettings) Prepare() error {
	if len(s.Ports) == 0 {
		return TurnsRuleOff("ports", "an empty list checks no port", "list the ports to watch")
	}
	if s.Ports[0] < 0 {
		return errors.New("ports: a port is negative")
	}
	return nil
}

// A value that would turn a rule off is refused unless the rule is disabled, as the refusal
// advises; other setting errors are refused whatever the level.
func TestConfigureTakesAValueThatTurnsADisabledRuleOff(t *testing.T) {
	a, err := NewAnalyzer(Pack{Name: "p", Version: "0.0.1", Policies: []Policy{{
		Name: "ports-closed", Description: "Ports are closed.", Severity: Low, Types: []string{"x:index:Port"},
		Config:   Schema{Properties: map[string]JSONSchema{"ports": IntegerList("Ports.", -10, 100, 22)}},
		Settings: func() any { return &portSettings{} },
		Resource: func(*Check, *Resource) {},
	}}})
	require.NoError(t, err)
	for _, tc := range []struct {
		level EnforcementLevel
		ports []any
		want  string
	}{
		{Advisory, []any{}, `ports-closed: ports: an empty list checks no port, which turns the rule off`},
		{Mandatory, []any{}, `which turns the rule off`},
		{Disabled, []any{}, ""},
		{Disabled, []any{-1}, "ports-closed: ports: a port is negative"},
	} {
		err := a.Configure(t.Context(), map[string]PolicyConfig{
			"ports-closed": {EnforcementLevel: tc.level, Properties: map[string]any{"ports": tc.ports}}})
		if tc.want == "" {
			assert.NoError(t, err, tc.level)
		} else {
			assert.ErrorContains(t, err, tc.want, tc.level)
		}
	}
}
