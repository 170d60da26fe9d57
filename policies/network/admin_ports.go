package network

import (
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// AdminPortSettings are the TCP ports that an ingress rule must not open to the whole internet,
// for the Azure network security group and Google Cloud firewall rules: a rule's Settings, with
// AdminPortsSchema as its Config.
type AdminPortSettings struct {
	Ports []int `json:"ports"`
}

// Prepare refuses an empty list of ports (CheckPortsListed).
func (s *AdminPortSettings) Prepare() error { return CheckPortsListed(s.Ports) }

// CheckPortsListed refuses an empty list of ports, which would turn the rule off without a word,
// for the Prepare of settings that hold a ports list among other settings.
func CheckPortsListed(ports []int) error {
	if len(ports) == 0 {
		return pack.TurnsRuleOff("ports", "an empty list checks no port",
			"list the ports to watch (the explain command shows the rule's default list)")
	}
	return nil
}

// AdminPortsSchema describes AdminPortSettings: its ports setting, a list of ports from 0 to
// 65535, by default 22 (SSH) and 3389 (RDP).
func AdminPortsSchema() pack.Schema {
	return pack.Schema{Properties: map[string]pack.JSONSchema{
		"ports": pack.IntegerList("TCP ports that must not be open to the whole internet: remote "+
			"administration and other services that only known addresses may reach. Default: 22 (SSH) "+
			"and 3389 (RDP). A rule that opens every port opens these too.", 0, 65535, 22, 3389),
	}}
}

// FirstInternet returns the first of the address values that admits the whole internet
// (IsInternet), or false when none does. It reads each value up to that one as text: an unknown value stops the
// check, so order the known ones first (known.ValuesFirst); an unset one is no address.
func FirstInternet(addresses []pack.Value) (pack.Value, bool) {
	for _, a := range addresses {
		if s := a.Text(""); s != "" && IsInternet(s) {
			return a, true
		}
	}
	return pack.Value{}, false
}

// CoveredPorts returns the ports of want that one of the ranges covers, in the order of want;
// nil when none is.
func CoveredPorts(ranges []PortRange, want []int) []int {
	var out []int
	for _, p := range want {
		if slices.ContainsFunc(ranges, func(r PortRange) bool { return r.Includes(p) }) {
			out = append(out, p)
		}
	}
	return out
}

// PortList renders ports for a message, in the order given: "22", "22 and 3389", "22, 80 and
// 3389"; "" for none.
func PortList(ports []int) string {
	s := make([]string, len(ports))
	for i, p := range ports {
		s[i] = strconv.Itoa(p)
	}
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// PortPlural is the noun for a list of ports: "port" for one, "ports" for any other number.
func PortPlural(ports []int) string {
	if len(ports) == 1 {
		return "port"
	}
	return "ports"
}
