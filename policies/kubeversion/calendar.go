// Package kubeversion parses Kubernetes versions and follows the standard-support calendars of
// managed Kubernetes services (EKS, GKE), with the minimumVersion setting their rules share.
package kubeversion

import "time"

// Calendar is a managed Kubernetes service's support calendar: for each Kubernetes 1.x
// minor version, in order, the day its standard support ends. Versions after the last entry
// count as supported until their own entry is added.
type Calendar []struct {
	Minor int
	Ends  time.Time
}

// OldestSupported returns the oldest Kubernetes minor version in standard support on day.
func (c Calendar) OldestSupported(day time.Time) [2]int {
	for _, v := range c {
		if day.Before(v.Ends) {
			return [2]int{1, v.Minor}
		}
	}
	return [2]int{1, c[len(c)-1].Minor + 1}
}
