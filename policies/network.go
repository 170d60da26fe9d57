package policies

import (
	"net/netip"
	"strconv"
	"strings"
)

// internetSources are the source names clouds use for "anywhere" besides CIDR blocks (Azure
// service tags and wildcards).
var internetSources = map[string]bool{"*": true, "internet": true, "any": true}

// isInternet reports whether a source address, CIDR block or service tag admits the whole
// internet: 0.0.0.0/0, ::/0, "*", "Internet", "Any".
func isInternet(source string) bool {
	s := strings.TrimSpace(source)
	if internetSources[strings.ToLower(s)] {
		return true
	}
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Bits() == 0
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return a.IsUnspecified()
	}
	return false
}

// portRange is an inclusive range of ports.
type portRange struct{ from, to int }

// allPorts covers every port.
var allPorts = portRange{0, 65535}

// includes reports whether the range covers port.
func (r portRange) includes(port int) bool { return r.from <= port && port <= r.to }

// parsePortRange reads "22", "1000-2000", "*" or "" (all); ok is false for anything else.
func parsePortRange(s string) (portRange, bool) {
	s = strings.TrimSpace(s)
	if s == "" || s == "*" {
		return allPorts, true
	}
	lo, hi, isRange := strings.Cut(s, "-")
	from, err := strconv.Atoi(strings.TrimSpace(lo))
	if err != nil {
		return portRange{}, false
	}
	if !isRange {
		return portRange{from, from}, true
	}
	to, err := strconv.Atoi(strings.TrimSpace(hi))
	if err != nil || to < from {
		return portRange{}, false
	}
	return portRange{from, to}, true
}
