package pack

import "fmt"

// TurnsRuleOff is the error a settings' Prepare method returns for a value that would make the
// rule check nothing, or next to nothing, without a word: it names the setting, says what the
// value does and what to set instead, and points at the one way to switch a rule off on purpose.
//
//	pack.TurnsRuleOff("requiredLimits", "an empty list requires no limit", `list the resources to limit, such as ["cpu", "memory"]`)
func TurnsRuleOff(setting, does, instead string) error {
	return fmt.Errorf(`%s: %s, which turns the rule off; %s, or set the rule's enforcementLevel to "disabled"`,
		setting, does, instead)
}
