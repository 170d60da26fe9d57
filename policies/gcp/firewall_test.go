package gcp

import (
	"maps"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestGCPFirewallNoInternetAdminPorts(t *testing.T) {
	const firewall = "gcp:compute/firewall:Firewall"
	// rule is an ingress rule for TCP 22 from anywhere, with overrides (nil deletes a key).
	rule := func(overrides packtest.Props) packtest.Props {
		p := packtest.Props{"network": "default", "sourceRanges": []any{"0.0.0.0/0"},
			"allows": []any{packtest.Props{"protocol": "tcp", "ports": []any{"22"}}}}
		maps.Copy(p, overrides)
		maps.DeleteFunc(p, func(_ string, v any) bool { return v == nil })
		return p
	}
	allow := func(protocol any, ports ...any) packtest.Props {
		a := packtest.Props{"protocol": protocol}
		if len(ports) > 0 {
			a["ports"] = ports
		}
		return packtest.Props{"allows": []any{a}}
	}
	packtest.Run(t, Policies(), "gcp-compute-firewall-no-internet-admin-ports", []packtest.Case{
		{Name: "ssh from anywhere", Want: packtest.Violation, Count: 1,
			Message:  `firewall ssh allows TCP port 22 from "0.0.0.0/0", the whole internet`,
			Resource: packtest.Resource(firewall, "ssh", rule(nil))},
		{Name: "rdp from anywhere over ipv6", Want: packtest.Violation, Message: `port 3389 from "::/0"`,
			Resource: packtest.Resource(firewall, "rdp", rule(packtest.Props{"sourceRanges": []any{"::/0"},
				"allows": []any{packtest.Props{"protocol": "tcp", "ports": []any{"3389"}}}}))},
		{Name: "all protocols", Want: packtest.Violation, Message: "ports 22 and 3389",
			Resource: packtest.Resource(firewall, "any", rule(allow("all")))},
		{Name: "tcp without ports", Want: packtest.Violation, Message: "ports 22 and 3389",
			Resource: packtest.Resource(firewall, "any", rule(allow("tcp")))},
		{Name: "protocol number 6", Want: packtest.Violation,
			Resource: packtest.Resource(firewall, "ssh", rule(allow("6", "22")))},
		{Name: "a port range", Want: packtest.Violation, Message: "port 3389 ",
			Resource: packtest.Resource(firewall, "range", rule(allow("tcp", "3000-4000")))},
		{Name: "no source at all means 0.0.0.0/0", Want: packtest.Violation, Message: "sets no source ranges, tags or service accounts",
			Resource: packtest.Resource(firewall, "ssh", rule(packtest.Props{"sourceRanges": nil}))},
		{Name: "an empty source range is no range", Want: packtest.Violation, Message: "sets no source ranges",
			Resource: packtest.Resource(firewall, "ssh", rule(packtest.Props{"sourceRanges": []any{""}}))},
		{Name: "web ports from anywhere", Want: packtest.Pass,
			Resource: packtest.Resource(firewall, "web", rule(allow("tcp", "80", "443")))},
		{Name: "udp only", Want: packtest.Pass, Resource: packtest.Resource(firewall, "dns", rule(allow("udp")))},
		{Name: "icmp", Want: packtest.Pass, Resource: packtest.Resource(firewall, "ping", rule(allow("icmp")))},
		{Name: "from the iap range", Want: packtest.Pass,
			Resource: packtest.Resource(firewall, "iap", rule(packtest.Props{"sourceRanges": []any{"35.235.240.0/20"}}))},
		{Name: "from source tags", Want: packtest.Pass,
			Resource: packtest.Resource(firewall, "ssh", rule(packtest.Props{"sourceRanges": nil, "sourceTags": []any{"bastion"}}))},
		{Name: "from source service accounts", Want: packtest.Pass,
			Resource: packtest.Resource(firewall, "ssh", rule(packtest.Props{"sourceRanges": nil,
				"sourceServiceAccounts": []any{"bastion@p.iam.gserviceaccount.com"}}))},
		{Name: "disabled rule", Want: packtest.Pass, Resource: packtest.Resource(firewall, "ssh", rule(packtest.Props{"disabled": true}))},
		{Name: "egress rule", Want: packtest.Pass,
			Resource: packtest.Resource(firewall, "ssh", rule(packtest.Props{"direction": "EGRESS",
				"sourceRanges": nil, "destinationRanges": []any{"0.0.0.0/0"}}))},
		{Name: "deny rule", Want: packtest.Pass,
			Resource: packtest.Resource(firewall, "ssh", rule(packtest.Props{"allows": nil,
				"denies": []any{packtest.Props{"protocol": "tcp", "ports": []any{"22"}}}}))},
		{Name: "configured ports", Want: packtest.Violation, Message: "port 5432 ", Config: map[string]any{"ports": []any{5432}},
			Resource: packtest.Resource(firewall, "pg", rule(allow("tcp", "5432")))},
		{Name: "configured ports: ssh no longer counts", Want: packtest.Pass, Config: map[string]any{"ports": []any{5432}},
			Resource: packtest.Resource(firewall, "ssh", rule(nil))},
		{Name: "unknown disabled", Want: packtest.NotApplicable, Message: "value unknown during preview: disabled",
			Resource: packtest.Resource(firewall, "ssh", rule(packtest.Props{"disabled": packtest.Unknown}))},
		{Name: "unknown direction", Want: packtest.NotApplicable, Message: "value unknown during preview: direction",
			Resource: packtest.Resource(firewall, "ssh", rule(packtest.Props{"direction": packtest.Unknown}))},
		{Name: "unknown allows", Want: packtest.NotApplicable, Message: "value unknown during preview: allows",
			Resource: packtest.Resource(firewall, "ssh", rule(packtest.Props{"allows": packtest.Unknown}))},
		{Name: "unknown protocol", Want: packtest.NotApplicable, Message: "allows[0].protocol",
			Resource: packtest.Resource(firewall, "ssh", rule(allow(packtest.Unknown, "22")))},
		{Name: "unknown ports", Want: packtest.NotApplicable, Message: "allows[0].ports",
			Resource: packtest.Resource(firewall, "ssh", rule(packtest.Props{"allows": []any{packtest.Props{"protocol": "tcp", "ports": packtest.Unknown}}}))},
		{Name: "unknown source ranges", Want: packtest.NotApplicable, Message: "value unknown during preview: sourceRanges",
			Resource: packtest.Resource(firewall, "ssh", rule(packtest.Props{"sourceRanges": packtest.Unknown}))},
		{Name: "unknown source tags", Want: packtest.NotApplicable, Message: "value unknown during preview: sourceTags",
			Resource: packtest.Resource(firewall, "ssh", rule(packtest.Props{"sourceRanges": nil, "sourceTags": packtest.Unknown}))},
		{Name: "unknown source service accounts", Want: packtest.NotApplicable, Message: "sourceServiceAccounts",
			Resource: packtest.Resource(firewall, "ssh", rule(packtest.Props{"sourceRanges": nil, "sourceServiceAccounts": packtest.Unknown}))},
	})
}

func TestGCPFirewallPolicyNoInternetAdminPorts(t *testing.T) {
	const policyRule = "gcp:compute/firewallPolicyRule:FirewallPolicyRule"
	// rule is an ingress allow rule for TCP 22 from anywhere, with overrides (nil deletes a key);
	// match overrides the match block's keys the same way.
	rule := func(overrides, match packtest.Props) packtest.Props {
		m := packtest.Props{"srcIpRanges": []any{"0.0.0.0/0"},
			"layer4Configs": []any{packtest.Props{"ipProtocol": "tcp", "ports": []any{"22"}}}}
		maps.Copy(m, match)
		maps.DeleteFunc(m, func(_ string, v any) bool { return v == nil })
		p := packtest.Props{"firewallPolicy": "policies/123", "priority": 1000, "direction": "INGRESS", "action": "allow",
			"match": m}
		maps.Copy(p, overrides)
		maps.DeleteFunc(p, func(_ string, v any) bool { return v == nil })
		return p
	}
	layer4 := func(protocol any, ports ...any) packtest.Props {
		l := packtest.Props{"ipProtocol": protocol}
		if len(ports) > 0 {
			l["ports"] = ports
		}
		return packtest.Props{"layer4Configs": []any{l}}
	}
	packtest.Run(t, Policies(), "gcp-compute-firewall-policy-no-internet-admin-ports", []packtest.Case{
		{Name: "ssh from anywhere", Want: packtest.Violation, Count: 1,
			Message:  `firewall policy rule ssh allows TCP port 22 from "0.0.0.0/0", the whole internet: restrict match.srcIpRanges`,
			Resource: packtest.Resource(policyRule, "ssh", rule(nil, nil))},
		{Name: "rdp from anywhere over ipv6", Want: packtest.Violation, Message: `port 3389 from "::/0"`,
			Resource: packtest.Resource(policyRule, "rdp", rule(nil, packtest.Props{"srcIpRanges": []any{"10.0.0.0/8", "::/0"},
				"layer4Configs": []any{packtest.Props{"ipProtocol": "tcp", "ports": []any{"3389"}}}}))},
		{Name: "all protocols", Want: packtest.Violation, Message: "ports 22 and 3389",
			Resource: packtest.Resource(policyRule, "any", rule(nil, layer4("all")))},
		{Name: "tcp without ports", Want: packtest.Violation, Message: "ports 22 and 3389",
			Resource: packtest.Resource(policyRule, "any", rule(nil, layer4("tcp")))},
		{Name: "a port range", Want: packtest.Violation, Message: "port 22 ",
			Resource: packtest.Resource(policyRule, "range", rule(nil, layer4("6", "1-1024")))},
		{Name: "global network firewall policy", Want: packtest.Violation,
			Resource: packtest.Resource("gcp:compute/networkFirewallPolicyRule:NetworkFirewallPolicyRule", "ssh", rule(nil, nil))},
		{Name: "regional network firewall policy", Want: packtest.Violation,
			Resource: packtest.Resource("gcp:compute/regionNetworkFirewallPolicyRule:RegionNetworkFirewallPolicyRule", "ssh",
				rule(packtest.Props{"region": "europe-west1"}, nil))},
		{Name: "internet network scope", Want: packtest.Violation,
			Resource: packtest.Resource(policyRule, "ssh", rule(nil, packtest.Props{"srcNetworkScope": "INTERNET"}))},
		{Name: "web ports from anywhere", Want: packtest.Pass,
			Resource: packtest.Resource(policyRule, "web", rule(nil, layer4("tcp", "80", "443")))},
		{Name: "udp only", Want: packtest.Pass, Resource: packtest.Resource(policyRule, "dns", rule(nil, layer4("udp")))},
		{Name: "from the iap range", Want: packtest.Pass,
			Resource: packtest.Resource(policyRule, "iap", rule(nil, packtest.Props{"srcIpRanges": []any{"35.235.240.0/20"}}))},
		{Name: "no source ranges", Want: packtest.Pass,
			Resource: packtest.Resource(policyRule, "tags", rule(nil, packtest.Props{"srcIpRanges": nil,
				"srcSecureTags": []any{packtest.Props{"name": "tagValues/123"}}}))},
		{Name: "vpc networks scope", Want: packtest.Pass,
			Resource: packtest.Resource(policyRule, "ssh", rule(nil, packtest.Props{"srcNetworkScope": "VPC_NETWORKS",
				"srcNetworks": []any{"projects/p/global/networks/admin"}}))},
		{Name: "deny rule", Want: packtest.Pass, Resource: packtest.Resource(policyRule, "ssh", rule(packtest.Props{"action": "deny"}, nil))},
		{Name: "goto next", Want: packtest.Pass,
			Resource: packtest.Resource(policyRule, "ssh", rule(packtest.Props{"action": "goto_next"}, nil))},
		{Name: "egress rule", Want: packtest.Pass,
			Resource: packtest.Resource(policyRule, "ssh", rule(packtest.Props{"direction": "EGRESS"}, packtest.Props{
				"srcIpRanges": nil, "destIpRanges": []any{"0.0.0.0/0"}}))},
		{Name: "disabled rule", Want: packtest.Pass, Resource: packtest.Resource(policyRule, "ssh", rule(packtest.Props{"disabled": true}, nil))},
		{Name: "known internet range beside an unknown one", Want: packtest.Violation,
			Resource: packtest.Resource(policyRule, "ssh", rule(nil, packtest.Props{"srcIpRanges": []any{packtest.Unknown, "0.0.0.0/0"}}))},
		{Name: "configured ports", Want: packtest.Violation, Message: "port 5432 ", Config: map[string]any{"ports": []any{5432}},
			Resource: packtest.Resource(policyRule, "pg", rule(nil, layer4("tcp", "5432")))},
		{Name: "configured ports: ssh no longer counts", Want: packtest.Pass, Config: map[string]any{"ports": []any{5432}},
			Resource: packtest.Resource(policyRule, "ssh", rule(nil, nil))},
		{Name: "unknown disabled", Want: packtest.NotApplicable, Message: "value unknown during preview: disabled",
			Resource: packtest.Resource(policyRule, "ssh", rule(packtest.Props{"disabled": packtest.Unknown}, nil))},
		{Name: "unknown direction", Want: packtest.NotApplicable, Message: "value unknown during preview: direction",
			Resource: packtest.Resource(policyRule, "ssh", rule(packtest.Props{"direction": packtest.Unknown}, nil))},
		{Name: "unknown action", Want: packtest.NotApplicable, Message: "value unknown during preview: action",
			Resource: packtest.Resource(policyRule, "ssh", rule(packtest.Props{"action": packtest.Unknown}, nil))},
		{Name: "unknown match", Want: packtest.NotApplicable, Message: "value unknown during preview: match",
			Resource: packtest.Resource(policyRule, "ssh", rule(packtest.Props{"match": packtest.Unknown}, nil))},
		{Name: "unknown protocol", Want: packtest.NotApplicable, Message: "match.layer4Configs[0].ipProtocol",
			Resource: packtest.Resource(policyRule, "ssh", rule(nil, layer4(packtest.Unknown, "22")))},
		{Name: "unknown ports", Want: packtest.NotApplicable, Message: "match.layer4Configs[0].ports",
			Resource: packtest.Resource(policyRule, "ssh", rule(nil, packtest.Props{"layer4Configs": []any{
				packtest.Props{"ipProtocol": "tcp", "ports": packtest.Unknown}}}))},
		{Name: "unknown source ranges", Want: packtest.NotApplicable, Message: "value unknown during preview: match.srcIpRanges",
			Resource: packtest.Resource(policyRule, "ssh", rule(nil, packtest.Props{"srcIpRanges": packtest.Unknown}))},
		{Name: "unknown source range", Want: packtest.NotApplicable, Message: "match.srcIpRanges[0]",
			Resource: packtest.Resource(policyRule, "ssh", rule(nil, packtest.Props{"srcIpRanges": []any{packtest.Unknown}}))},
		{Name: "unknown network scope", Want: packtest.NotApplicable, Message: "value unknown during preview: match.srcNetworkScope",
			Resource: packtest.Resource(policyRule, "ssh", rule(nil, packtest.Props{"srcNetworkScope": packtest.Unknown}))},
		{Name: "unknown network context", Want: packtest.NotApplicable, Message: "match.srcNetworkContext",
			Resource: packtest.Resource(policyRule, "ssh", rule(nil, packtest.Props{"srcNetworkContext": packtest.Unknown}))},
	})
}

func TestGCPFirewallLogging(t *testing.T) {
	const fw, rule = "gcp:compute/firewall:Firewall", "gcp:compute/networkFirewallPolicyRule:NetworkFirewallPolicyRule"
	packtest.Run(t, Policies(), "gcp-compute-firewall-logging", []packtest.Case{
		{Name: "no logging", Want: packtest.Violation, Message: "firewall rule web does not log the connections it matches",
			Resource: packtest.Resource(fw, "web", packtest.Props{"network": "default"})},
		{Name: "logConfig", Want: packtest.Pass, Resource: packtest.Resource(fw, "web",
			packtest.Props{"logConfig": map[string]any{"metadata": "EXCLUDE_ALL_METADATA"}})},
		{Name: "deprecated enableLogging", Want: packtest.Pass,
			Resource: packtest.Resource(fw, "web", packtest.Props{"enableLogging": true})},
		{Name: "disabled rule", Want: packtest.NotApplicable, Message: "the rule is disabled",
			Resource: packtest.Resource(fw, "web", packtest.Props{"disabled": true})},
		{Name: "policy rule without logging", Want: packtest.Violation, Message: "firewall policy rule r does not log",
			Resource: packtest.Resource(rule, "r", packtest.Props{"action": "allow"})},
		{Name: "policy rule logging", Want: packtest.Pass,
			Resource: packtest.Resource(rule, "r", packtest.Props{"action": "deny", "enableLogging": true})},
		{Name: "goto_next", Want: packtest.NotApplicable, Message: "goto_next rules cannot log",
			Resource: packtest.Resource("gcp:compute/firewallPolicyRule:FirewallPolicyRule", "r", packtest.Props{"action": "goto_next"})},
		{Name: "unknown logConfig", Want: packtest.NotApplicable, Message: "value unknown during preview: logConfig",
			Resource: packtest.Resource(fw, "web", packtest.Props{"logConfig": packtest.Unknown})},
		{Name: "unknown disabled", Want: packtest.NotApplicable, Message: "value unknown during preview: disabled",
			Resource: packtest.Resource(fw, "web", packtest.Props{"disabled": packtest.Unknown})},
		{Name: "unknown action", Want: packtest.NotApplicable, Message: "value unknown during preview: action",
			Resource: packtest.Resource(rule, "r", packtest.Props{"action": packtest.Unknown})},
		{Name: "unknown enableLogging", Want: packtest.NotApplicable, Message: "value unknown during preview: enableLogging",
			Resource: packtest.Resource(rule, "r", packtest.Props{"action": "allow", "enableLogging": packtest.Unknown})},
	})
}
