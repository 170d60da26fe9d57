package kubeversion

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestOldestSupported(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	calendar := Calendar{
		{32, day(2026, time.March, 23)},
		{33, day(2026, time.July, 29)},
		{34, day(2026, time.December, 2)},
	}
	for _, tc := range []struct {
		name string
		day  time.Time
		want [2]int
	}{
		{"before the first end", day(2025, time.January, 1), [2]int{1, 32}},
		{"the last instant of support", day(2026, time.March, 23).Add(-time.Nanosecond), [2]int{1, 32}},
		{"the day support ends", day(2026, time.March, 23), [2]int{1, 33}},
		{"between two ends", day(2026, time.August, 1), [2]int{1, 34}},
		{"the last entry's end", day(2026, time.December, 2), [2]int{1, 35}},
		{"long after every end", day(2030, time.January, 1), [2]int{1, 35}},
		{"in another time zone", time.Date(2026, time.March, 22, 20, 0, 0, 0, time.FixedZone("EDT", -4*3600)), [2]int{1, 33}},
	} {
		assert.Equal(t, tc.want, calendar.OldestSupported(tc.day), tc.name)
	}
}
