package pack

import "fmt"

// RegexpError explains a regular expression a setting holds that does not compile, for a
// settings' Prepare to return (prefixed with the setting's name): it quotes pattern, says what
// syntax the pack takes, and wraps err, the error of regexp.Compile.
func RegexpError(pattern string, err error) error {
	return fmt.Errorf("%q is not a regular expression the pack can use (RE2 syntax, repeat counts up to "+
		"1000, such as \"team-[a-z]+\"): %w", pattern, err)
}
