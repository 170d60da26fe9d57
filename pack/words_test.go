package pack

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestCountAgreesInNumber(t *testing.T) {
	assert.Equal(t, "1 day", Count(1, "day"))
	assert.Equal(t, "0 days", Count(0, "day"))
	assert.Equal(t, "7 days", Count(7, "day"))
}
