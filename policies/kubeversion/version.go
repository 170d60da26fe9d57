package kubeversion

import (
	"fmt"
	"strconv"
	"strings"
)

// Parse parses a Kubernetes version ("1.34", "1.34.2") into [major, minor]; ok is false
// for text of another shape.
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

type Settings struct {
	MinimumVersion string `json:"minimumVersion"`

	Minimum [2]int // zero: follow the calendar
}

func (s *Settings) Prepare() error {
	if strings.TrimSpace(s.MinimumVersion) == "" {
		return nil
	}
	v, ok := Parse(s.MinimumVersion)
	if !ok {
		return fmt.Errorf("minimumVersion %q is not a Kubernetes minor version such as 1.34", s.MinimumVersion)
	}
	s.Minimum = v
	return nil
}
