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

func TestContainsFold(t *testing.T) {
	assert.True(t, ContainsFold([]string{"a", "S3:GetObject"}, "s3:getobject"))
	assert.False(t, ContainsFold([]string{"s3:GetObject"}, "s3:GetObjects"))
	assert.False(t, ContainsFold(nil, ""))
}

func TestSeverityRank(t *testing.T) {
	assert.Equal(t, []int{1, 2, 3, 4, 0}, []int{SeverityRank(Low), SeverityRank(Medium), SeverityRank(High),
		SeverityRank(Critical), SeverityRank("severe")})
}
