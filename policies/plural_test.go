package policies

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCountAgreesInNumber(t *testing.T) {
	assert.Equal(t, "1 day", count(1, "day"))
	assert.Equal(t, "0 days", count(0, "day"))
	assert.Equal(t, "7 days", count(7, "day"))
}
