package policies

import "time"

// supportCalendar is a managed Kubernetes service's support calendar: for each Kubernetes 1.x
// minor version, in order, the day its standard support ends. Versions after the last entry
// count as supported until their own entry is added.
type supportCalendar []struct {
	minor int
	ends  time.Time
}

// oldestSupported returns the oldest Kubernetes minor version in standard support on day.
func (c supportCalendar) oldestSupported(day time.Time) [2]int {
	for _, v := range c {
		if day.Before(v.ends) {
			return [2]int{1, v.minor}
		}
	}
	return [2]int{1, c[len(c)-1].minor + 1}
}
