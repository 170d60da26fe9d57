package azure

import (
	"maps"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

// nsgRule is an inbound TCP allow rule on port 22 from anywhere, with overrides.
func nsgRule(overrides packtest.Props) packtest.Props {
	rule := packtest.Props{
		"name": "allow-ssh", "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "priority": 100,
		"sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*",
		"destinationPortRange": "22",
	}
	maps.Copy(rule, overrides)
	for k, v := range overrides {
		if v == nil {
			delete(rule, k)
		}
	}
	return rule
}

func TestNSGNoInternetAdminPorts(t *testing.T) {
	const nsg = "azure-native:network:NetworkSecurityGroup"
	group := func(rules ...packtest.Props) packtest.Props {
		items := make([]any, len(rules))
		for i, r := range rules {
			items[i] = r
		}
		return packtest.Props{"resourceGroupName": "rg", "securityRules": items}
	}
	deny := func(overrides packtest.Props) packtest.Props {
		rule := packtest.Props{"name": "deny-ssh", "access": "Deny", "priority": 90}
		maps.Copy(rule, overrides)
		return nsgRule(rule)
	}
	packtest.Run(t, Policies(), "azure-nsg-no-internet-admin-ports", []packtest.Case{
		{Name: "ssh from anywhere", Want: packtest.Violation, Count: 1,
			Message:  `network security group web: rule "allow-ssh" allows inbound TCP port 22 from "*"`,
			Resource: packtest.Resource(nsg, "web", group(nsgRule(nil)))},
		{Name: "rdp from the Internet tag", Want: packtest.Violation, Message: `port 3389 from "Internet"`,
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{
				"sourceAddressPrefix": "Internet", "destinationPortRange": "3389"})))},
		{Name: "all ports from 0.0.0.0/0", Want: packtest.Violation, Message: "ports 22 and 3389",
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{
				"sourceAddressPrefix": "0.0.0.0/0", "destinationPortRange": "*"})))},
		{Name: "a range that includes 22", Want: packtest.Violation, Message: "port 22 ",
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{"destinationPortRange": "20-30"})))},
		{Name: "internet among source prefixes and ports", Want: packtest.Violation, Message: `"::/0"`,
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{
				"sourceAddressPrefix": nil, "sourceAddressPrefixes": []any{"10.0.0.0/8", "::/0"},
				"destinationPortRange": nil, "destinationPortRanges": []any{"443", "3389"}})))},
		{Name: "protocol any", Want: packtest.Violation,
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{"protocol": "*"})))},
		{Name: "several open rules, one violation each", Want: packtest.Violation, Count: 2,
			Resource: packtest.Resource(nsg, "web", group(nsgRule(nil),
				nsgRule(packtest.Props{"name": "rdp", "priority": 110, "destinationPortRange": "3389"})))},
		{Name: "ssh from a private range", Want: packtest.Pass,
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{"sourceAddressPrefix": "10.0.0.0/8"})))},
		{Name: "web ports from anywhere", Want: packtest.Pass,
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{
				"destinationPortRange": nil, "destinationPortRanges": []any{"80", "443"}})))},
		{Name: "outbound", Want: packtest.Pass,
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{"direction": "Outbound"})))},
		{Name: "deny rule", Want: packtest.Pass,
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{"access": "Deny"})))},
		{Name: "udp only", Want: packtest.Pass,
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{"protocol": "Udp"})))},
		{Name: "no rules", Want: packtest.Pass, Resource: packtest.Resource(nsg, "web", packtest.Props{})},
		{Name: "a deny evaluated first drops the traffic", Want: packtest.Pass,
			Resource: packtest.Resource(nsg, "web", group(nsgRule(nil), deny(nil)))},
		{Name: "a deny of all ports from Internet evaluated first", Want: packtest.Pass,
			Resource: packtest.Resource(nsg, "web", group(
				nsgRule(packtest.Props{"destinationPortRange": "*"}),
				deny(packtest.Props{"sourceAddressPrefix": "Internet", "destinationPortRange": "*", "protocol": "*"})))},
		{Name: "a deny evaluated after does not help", Want: packtest.Violation,
			Resource: packtest.Resource(nsg, "web", group(nsgRule(nil), deny(packtest.Props{"priority": 200})))},
		{Name: "a deny of one port leaves the other open", Want: packtest.Violation, Message: "port 3389 ",
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{"destinationPortRange": "*"}), deny(nil)))},
		{Name: "a deny to one destination does not cover the rule", Want: packtest.Violation,
			Resource: packtest.Resource(nsg, "web", group(nsgRule(nil),
				deny(packtest.Props{"destinationAddressPrefix": "10.0.0.4"})))},
		{Name: "a deny of udp does not cover tcp", Want: packtest.Violation,
			Resource: packtest.Resource(nsg, "web", group(nsgRule(nil), deny(packtest.Props{"protocol": "Udp"})))},
		{Name: "configured ports replace the defaults", Want: packtest.Violation, Message: "port 5432 ",
			Config: map[string]any{"ports": []any{5432}},
			Resource: packtest.Resource(nsg, "db", group(nsgRule(nil),
				nsgRule(packtest.Props{"name": "pg", "priority": 110, "destinationPortRange": "5432"})))},
		{Name: "configured ports: ssh no longer counts", Want: packtest.Pass, Config: map[string]any{"ports": []any{5432}},
			Resource: packtest.Resource(nsg, "db", group(nsgRule(nil)))},
		{Name: "unnamed rule is named by its place", Want: packtest.Violation, Message: "rule securityRules[0] allows",
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{"name": nil})))},
		{Name: "unknown rule name still decides", Want: packtest.Violation, Message: "rule securityRules[0] allows",
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{"name": packtest.Unknown})))},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:network/v20230201:NetworkSecurityGroup", "web", group(nsgRule(nil)))},
		{Name: "standalone security rule", Want: packtest.Violation,
			Message:  `security rule ssh allows inbound TCP port 22 from "*"`,
			Resource: packtest.Resource("azure-native:network:SecurityRule", "ssh", nsgRule(nil))},
		{Name: "standalone security rule from a private range", Want: packtest.Pass,
			Resource: packtest.Resource("azure-native:network:SecurityRule", "ssh",
				nsgRule(packtest.Props{"sourceAddressPrefix": "192.168.0.0/16"}))},
		{Name: "classic group as state records it (empty strings for unset)", Want: packtest.Violation,
			Resource: packtest.Resource("azure:network/networkSecurityGroup:NetworkSecurityGroup", "nsg-vm",
				group(nsgRule(packtest.Props{"destinationPortRange": "", "destinationPortRanges": []any{"22"},
					"destinationAddressPrefix": "", "destinationAddressPrefixes": []any{""},
					"sourceAddressPrefixes": []any{}})))},
		{Name: "classic group restricted to one address", Want: packtest.Pass,
			Resource: packtest.Resource("azure:network/networkSecurityGroup:NetworkSecurityGroup", "nsg-rmq",
				group(nsgRule(packtest.Props{"sourceAddressPrefix": "10.1.0.4", "destinationPortRange": nil,
					"destinationPortRanges": []any{"22", "5672"}})))},
		{Name: "classic security rule", Want: packtest.Violation,
			Resource: packtest.Resource("azure:network/networkSecurityRule:NetworkSecurityRule", "rdp",
				nsgRule(packtest.Props{"destinationPortRange": "3389"}))},
		{Name: "unknown rules", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(nsg, "web", packtest.Props{"securityRules": packtest.Unknown})},
		{Name: "unknown direction", Want: packtest.NotApplicable, Message: "securityRules[0].direction",
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{"direction": packtest.Unknown})))},
		{Name: "unknown access", Want: packtest.NotApplicable, Message: "securityRules[0].access",
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{"access": packtest.Unknown})))},
		{Name: "unknown protocol", Want: packtest.NotApplicable, Message: "securityRules[0].protocol",
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{"protocol": packtest.Unknown})))},
		{Name: "unknown source prefix", Want: packtest.NotApplicable, Message: "securityRules[0].sourceAddressPrefix",
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{"sourceAddressPrefix": packtest.Unknown})))},
		{Name: "unknown source prefixes", Want: packtest.NotApplicable, Message: "sourceAddressPrefixes",
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{
				"sourceAddressPrefix": nil, "sourceAddressPrefixes": packtest.Unknown})))},
		{Name: "unknown port", Want: packtest.NotApplicable, Message: "securityRules[0].destinationPortRange",
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{"destinationPortRange": packtest.Unknown})))},
		{Name: "unknown port list", Want: packtest.NotApplicable, Message: "destinationPortRanges",
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{"destinationPortRanges": packtest.Unknown})))},
		{Name: "unknown priority of the open rule", Want: packtest.NotApplicable, Message: "securityRules[0].priority",
			Resource: packtest.Resource(nsg, "web", group(nsgRule(packtest.Props{"priority": packtest.Unknown}), deny(nil)))},
		{Name: "unknown priority of a deny", Want: packtest.NotApplicable, Message: "securityRules[1].priority",
			Resource: packtest.Resource(nsg, "web", group(nsgRule(nil), deny(packtest.Props{"priority": packtest.Unknown})))},
		{Name: "unknown destination of a deny", Want: packtest.NotApplicable, Message: "securityRules[1].destinationAddressPrefix",
			Resource: packtest.Resource(nsg, "web", group(nsgRule(nil),
				deny(packtest.Props{"destinationAddressPrefix": packtest.Unknown})))},
		{Name: "unknown standalone rule source", Want: packtest.NotApplicable, Message: "sourceAddressPrefix",
			Resource: packtest.Resource("azure-native:network:SecurityRule", "ssh",
				nsgRule(packtest.Props{"sourceAddressPrefix": packtest.Unknown}))},
	})
}
