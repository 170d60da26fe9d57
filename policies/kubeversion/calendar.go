// Package kubeversion parses Kubernetes versions and follows the standard-support calendars of
// managed Kubernetes services (EKS, GKE), with the minimumVersion setting their rules share.
//
// A version is its [major, minor] pair: patch levels and vendor suffixes do not matter to
// support, and [2]int compares with slices.Compare.
package kubeversion

import "time"

// Calendar is a managed Kubernetes service's support calendar: for each Kubernetes 1.x
// minor version, in order, the instant its standard support ends (the minor version is out of
// standard support from that instant on). Versions after the last entry count as supported until
// their own entry is added.
type Calendar []struct {
	Minor int
	Ends  time.Time
}

// OldestSupported returns the oldest Kubernetes minor version, as [1, minor], in standard support
// on day: the first entry whose support ends after day, or the minor version after the last
// entry once every entry has ended. The calendar must not be empty.
func (c Calendar) OldestSupported(day time.Time) [2]int {
	for _, v := range c {
		if day.Before(v.Ends) {
			return [2]int{1, v.Minor}
		}
	}
	return [2]int{1, c[len(c)-1].Minor + 1}
}
