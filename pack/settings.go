package pack

import (
	"errors"
	"fmt"
)

// ErrTurnsRuleOff is in the chain of every TurnsRuleOff error. A rule whose enforcement level is
// "disabled" takes such a value: it checks nothing either way.
var ErrTurnsRuleOff = errors.New("which turns the rule off")

// TurnsRuleOff is the error a settings' Prepare method returns for a value that would make the
// rule check nothing, or next to nothing, without a word: it names the setting, says what the
// value does and what to set instead, and points at the one way to switch a rule off on purpose.
//
//	pack.TurnsRuleOff("requiredLimits", "an empty list requires no limit", `list the resources to limit, such as ["cpu", "memory"]`)
func TurnsRuleOff(setting, does, instead string) error {
	return fmt.Errorf(`%s: %s, %w; %s, or set the rule's enforcementLevel to "disabled"`,
		setting, does, ErrTurnsRuleOff, instead)
}
