package azure

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/network"
)

// API versions of the network module that azure-native 2.x generated besides its default.
var (
	nsgTypes = append(azureNativeTypes("network", "NetworkSecurityGroup", "20190601", "20190801", "20230201",
		"20230401", "20230501", "20230601", "20230901", "20231101", "20240101", "20240301", "20240501"),
		"azure:network/networkSecurityGroup:NetworkSecurityGroup")
	nsgRuleTypes = append(azureNativeTypes("network", "SecurityRule", "20190601", "20220701", "20230201",
		"20230401", "20230501", "20230601", "20230901", "20231101", "20240101", "20240301", "20240501"),
		"azure:network/networkSecurityRule:NetworkSecurityRule")
)

var nsgNoInternetAdminPorts = pack.Policy{
	Name:        "azure-nsg-no-internet-admin-ports",
	DisplayName: "Network security groups do not open SSH or RDP to the internet",
	Description: "No network security group rule allows inbound TCP traffic from the whole internet (*, " +
		"Internet, Any, 0.0.0.0/0) to SSH, RDP or the other configured ports; a rule open on all ports counts.",
	Severity:  pack.Critical,
	Framework: frameworks.CISAzure("6.2"),
	Tags:      []string{"azure", "network", "cis:6.1", "cis:6.2"},
	Remediation: "Restrict sourceAddressPrefix / sourceAddressPrefixes of the rule to the addresses that need " +
		"access, or remove the rule and reach the machines through Azure Bastion, a VPN or just-in-time access.",
	Types:    slices.Concat(nsgTypes, nsgRuleTypes),
	Config:   network.AdminPortsSchema(),
	Settings: func() any { return &network.AdminPortSettings{} },
	Resource: checkNSGAdminPorts,
}

func init() { register(nsgNoInternetAdminPorts) }

func checkNSGAdminPorts(c *pack.Check, r *pack.Resource) {
	want := pack.SettingsOf[network.AdminPortSettings](c).Ports
	if slices.Contains(nsgRuleTypes, r.Type) {
		// A rule of its own: the other rules of its group, which might deny the traffic with a
		// higher priority, are not in sight.
		if ports, source := nsgRuleExposes(r.Get(), want); len(ports) > 0 {
			c.Violatef("security rule %s allows inbound TCP %s %s from %v, the whole internet: restrict "+
				"sourceAddressPrefix(es) to known addresses", r.Name, network.PortPlural(ports), network.PortList(ports), source)
		}
		return
	}
	rules := r.Get("securityRules").Items()
	for i, rule := range rules {
		ports, source := nsgRuleExposes(rule, want)
		ports = slices.DeleteFunc(ports, func(p int) bool { return nsgDeniedFirst(rules, rule, p) })
		if len(ports) > 0 {
			c.Violatef("network security group %s: rule %s allows inbound TCP %s %s from %v, the whole "+
				"internet: restrict its sourceAddressPrefix(es) to known addresses", r.Name, nsgRuleLabel(rule, i),
				network.PortPlural(ports), network.PortList(ports), source)
		}
	}
}

// nsgRuleLabel names an inline rule in a message: its name, or its place in securityRules.
func nsgRuleLabel(rule pack.Value, i int) string {
	if name := rule.Get("name"); !name.Unknown() && name.Exists() {
		return name.String()
	}
	return fmt.Sprintf("securityRules[%d]", i)
}

// nsgRuleExposes returns the ports of want that an inbound allow rule opens to the internet, and
// the source that admits the internet.
func nsgRuleExposes(rule pack.Value, want []int) ([]int, pack.Value) {
	if !equalFoldValue(rule.Get("direction"), "Inbound") || !equalFoldValue(rule.Get("access"), "Allow") ||
		!nsgRuleCoversTCP(rule) {
		return nil, pack.Value{}
	}
	source, ok := nsgInternetSource(rule)
	if !ok {
		return nil, pack.Value{}
	}
	return network.CoveredPorts(nsgDestinationPorts(rule), want), source
}

// nsgDeniedFirst reports whether a deny rule of the same group, evaluated before allow (a lower
// priority number), drops TCP traffic from the internet to port on every destination.
func nsgDeniedFirst(rules []pack.Value, allow pack.Value, port int) bool {
	priority := allow.Get("priority")
	if !priority.Exists() {
		return false
	}
	for _, deny := range rules {
		if !equalFoldValue(deny.Get("direction"), "Inbound") || !equalFoldValue(deny.Get("access"), "Deny") {
			continue
		}
		p := deny.Get("priority")
		if !p.Exists() || p.Int(0) >= priority.Int(0) || !nsgRuleCoversTCP(deny) {
			continue
		}
		if _, internet := nsgInternetSource(deny); !internet || !nsgAllDestinations(deny) {
			continue
		}
		if len(network.CoveredPorts(nsgDestinationPorts(deny), []int{port})) > 0 {
			return true
		}
	}
	return false
}

// nsgRuleCoversTCP reports whether a rule's protocol includes TCP ("Tcp" or "*").
func nsgRuleCoversTCP(rule pack.Value) bool {
	protocol := strings.TrimSpace(rule.Get("protocol").Text(""))
	return protocol == "*" || strings.EqualFold(protocol, "Tcp")
}

// nsgInternetSource returns the source address prefix of a rule that admits the whole internet.
// Empty strings count as unset: the classic provider records unset prefixes as "".
func nsgInternetSource(rule pack.Value) (pack.Value, bool) {
	return network.FirstInternet(append([]pack.Value{rule.Get("sourceAddressPrefix")},
		rule.Get("sourceAddressPrefixes").Items()...))
}

// nsgAllDestinations reports whether a rule applies to every destination address.
func nsgAllDestinations(rule pack.Value) bool {
	_, all := network.FirstInternet(append([]pack.Value{rule.Get("destinationAddressPrefix")},
		rule.Get("destinationAddressPrefixes").Items()...))
	return all
}

// nsgDestinationPorts reads destinationPortRange and destinationPortRanges. Empty strings count as
// unset; values Azure would reject ("22,23", "abc") are left out.
func nsgDestinationPorts(rule pack.Value) []network.PortRange {
	values := append([]string{rule.Get("destinationPortRange").Text("")}, rule.Get("destinationPortRanges").Strings()...)
	var out []network.PortRange
	for _, s := range values {
		if strings.TrimSpace(s) == "" {
			continue
		}
		if r, ok := network.ParsePortRange(s); ok {
			out = append(out, r)
		}
	}
	return out
}
