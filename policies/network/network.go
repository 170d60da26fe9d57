// Package network answers what network rules ask: does an address range admit the whole
// internet, which ports does a range cover, and which remote-administration ports must stay closed
// (the ports setting the AWS, Azure and Google Cloud rules share).
package network

import (
	"net/netip"
	"strconv"
	"strings"
)

// internetSources are the source names clouds use for "anywhere" besides CIDR blocks (Azure
// service tags and wildcards).
var internetSources = map[string]bool{"*": true, "internet": true, "any": true}

// IsInternet reports whether a source address, CIDR block or service tag admits the whole
// internet: 0.0.0.0/0, ::/0, "*", "Internet", "Any".
func IsInternet(source string) bool {
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

// PortRange is an inclusive range of ports.
type PortRange struct{ From, To int }

// AllPorts covers every port.
var AllPorts = PortRange{0, 65535}

// Includes reports whether the range covers port.
func (r PortRange) Includes(port int) bool { return r.From <= port && port <= r.To }

// ParsePortRange reads "22", "1000-2000", "*" or "" (all); ok is false for anything else.
func ParsePortRange(s string) (PortRange, bool) {
	s = strings.TrimSpace(s)
	if s == "" || s == "*" {
		return AllPorts, true
	}
	lo, hi, isRange := strings.Cut(s, "-")
	from, err := strconv.Atoi(strings.TrimSpace(lo))
	if err != nil {
		return PortRange{}, false
	}
	if !isRange {
		return PortRange{from, from}, true
	}
	to, err := strconv.Atoi(strings.TrimSpace(hi))
	if err != nil || to < from {
		return PortRange{}, false
	}
	return PortRange{from, to}, true
}
