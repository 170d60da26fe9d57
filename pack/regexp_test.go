package pack_test

import (
	"regexp"
	"regexp/syntax"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tooManyRepeats is a pattern RE2 refuses, as a setting may hold it.
var tooManyRepeats = "a{2000}"

func TestRegexpError(t *testing.T) {
	_, compileErr := regexp.Compile(tooManyRepeats)
	require.Error(t, compileErr)
	err := pack.RegexpError(tooManyRepeats, compileErr)
	assert.ErrorIs(t, err, compileErr, "wraps the compile error")
	assert.Equal(t, `"a{2000}" is not a regular expression the pack can use (RE2 syntax, repeat counts up to 1000, `+
		`such as "team-[a-z]+"): `+compileErr.Error(), err.Error())
	var syntaxErr *syntax.Error
	require.ErrorAs(t, err, &syntaxErr, "the compile error's type shows through")
	assert.Equal(t, syntax.ErrInvalidRepeatSize, syntaxErr.Code)
}
