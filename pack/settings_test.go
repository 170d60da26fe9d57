package pack

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestTurnsRuleOffNamesTheSettingAndTheWayToDisable(t *testing.T) {
	err := TurnsRuleOff("ports", "an empty list checks no port", "list the ports to watch")
	assert.EqualError(t, err, `ports: an empty list checks no port, which turns the rule off; list the ports to `+
		`watch, or set the rule's enforcementLevel to "disabled"`)
}
