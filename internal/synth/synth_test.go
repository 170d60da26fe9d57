package synth

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStackIsDeterministicAndMixed(t *testing.T) {
	a, b := Stack(500, 7), Stack(500, 7)
	assert.Len(t, a, 500)
	assert.Equal(t, a[100].URN, b[100].URN)
	types := map[string]bool{}
	for _, r := range a {
		types[string(r.Type)] = true
	}
	assert.GreaterOrEqual(t, len(types), 15, "a realistic mix of resource types")
}
