package kubeversion

import (
	"fmt"
	"strconv"
	"strings"
)

// Parse parses a Kubernetes version ("1.34", "v1.34.2", "1.34.2-gke.1080000") into [major, minor],
// ignoring surrounding spaces, a leading "v" and whatever follows a dot after the minor version; ok
// is false for text of another shape ("latest", "-", "1", "1.x", and "1.34-gke.1", whose minor
// version is not followed by a dot).
func Parse(text string) (version [2]int, ok bool) {
	parts := strings.SplitN(strings.TrimPrefix(strings.TrimSpace(text), "v"), ".", 3)
	if len(parts) < 2 {
		return version, false
	}
	for i := range 2 {
		n, err := strconv.Atoi(parts[i])
		if err != nil || n < 0 {
			return version, false
		}
		version[i] = n
	}
	return version, true
}

// Settings is the minimumVersion setting of a rule that holds Kubernetes versions to a support
// calendar: the oldest minor version allowed, or empty to follow the calendar. Use it as the rule's
// Settings, with a "minimumVersion" string in its Config schema.
type Settings struct {
	MinimumVersion string `json:"minimumVersion"`

	minimum [2]int
}

// Prepare parses MinimumVersion; it refuses text Parse cannot read.
func (s *Settings) Prepare() error {
	if strings.TrimSpace(s.MinimumVersion) == "" {
		return nil
	}
	v, ok := Parse(s.MinimumVersion)
	if !ok {
		return fmt.Errorf("minimumVersion %q is not a Kubernetes minor version such as 1.34", s.MinimumVersion)
	}
	s.minimum = v
	return nil
}

// Minimum returns the configured minimum version as [major, minor] once Prepare has run, or [0, 0]
// when minimumVersion is empty (or "0.0"): the rule then follows its calendar.
func (s *Settings) Minimum() [2]int { return s.minimum }
