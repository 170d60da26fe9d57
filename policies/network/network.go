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
// internet: a prefix of length 0 (0.0.0.0/0, ::/0), an unspecified address (0.0.0.0, ::), or
// "*", "Internet" or "Any" in any case; surrounding spaces do not count. Anything else, text that
// is no address included, does not.
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

// PortRange is an inclusive range of ports, From to To; a range of one port has From == To.
type PortRange struct{ From, To int }

// AllPorts is the range of every port, 0 to 65535; ParsePortRange returns it for "*" and "".
// Treat it as a constant.
var AllPorts = PortRange{0, 65535}

// Includes reports whether the range covers port.
func (r PortRange) Includes(port int) bool { return r.From <= port && port <= r.To }

// ParsePortRange reads a port ("22"), an inclusive range ("1000-2000", "0-65535"), or "*" or ""
// (AllPorts), ignoring spaces around the text and the numbers; ok is false for anything else,
// a range whose end is below its start included. The numbers are not checked against 0-65535.
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
