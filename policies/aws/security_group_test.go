package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/stretchr/testify/assert"
)

const (
	tokSG         = "aws:ec2/securityGroup:SecurityGroup"
	tokDefaultSG  = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
	tokSGRule     = "aws:ec2/securityGroupRule:SecurityGroupRule"
	tokVPCIngress = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	tokVPCEgress  = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
	cidrAnywhere  = "0.0.0.0/0"
	cidrAnywhere6 = "::/0"
)

// ingress makes one inline ingress (or egress) entry.
func sgEntry(protocol string, from, to int, cidrs ...any) packtest.Props {
	return packtest.Props{"protocol": protocol, "fromPort": from, "toPort": to, "cidrBlocks": cidrs}
}

func sgWithIngress(entries ...any) packtest.Props { return packtest.Props{"ingress": entries} }

func TestSecurityGroupAdminPortsOpen(t *testing.T) {
	sg := packtest.ResourceCase(tokSG, "web")
	packtest.Run(t, Policies(), "aws-security-group-admin-ports-open", []packtest.Case{
		packtest.Named(sg(sgWithIngress(sgEntry("tcp", 22, 22, cidrAnywhere))), "SSH from anywhere", packtest.Violation, "22 (SSH)"),
		packtest.Named(sg(sgWithIngress(sgEntry("tcp", 3389, 3389, "10.0.0.0/8", cidrAnywhere))), "RDP with a second internet CIDR",
			packtest.Violation, `"0.0.0.0/0"`),
		packtest.Named(sg(sgWithIngress(packtest.Props{"protocol": "tcp", "fromPort": 22, "toPort": 22, "ipv6CidrBlocks": []any{cidrAnywhere6}})),
			"SSH from all of IPv6", packtest.Violation, "::/0"),
		packtest.Named(sg(sgWithIngress(sgEntry("tcp", 0, 65535, cidrAnywhere))), "range covering every port", packtest.Violation, "3389 (RDP)"),
		packtest.Named(sg(sgWithIngress(sgEntry("tcp", 3000, 3400, cidrAnywhere))), "range covering MySQL and RDP", packtest.Violation,
			"3306 (MySQL), 3389 (RDP)"),
		packtest.Named(sg(sgWithIngress(sgEntry("-1", 0, 0, cidrAnywhere))), "all protocols, ports 0-0", packtest.Violation, "all protocols"),
		packtest.Named(sg(sgWithIngress(sgEntry("all", 0, 0, cidrAnywhere))), "protocol all", packtest.Violation, "22 (SSH)"),
		packtest.Named(sg(sgWithIngress(sgEntry("6", 5432, 5432, cidrAnywhere))), "protocol number 6 is TCP", packtest.Violation, "PostgreSQL"),
		packtest.Named(sg(sgWithIngress(sgEntry("tcp", 443, 443, cidrAnywhere), sgEntry("tcp", 22, 22, "10.0.0.0/8"))),
			"SSH from a private network and HTTPS from anywhere", packtest.Pass, ""),
		packtest.Named(sg(sgWithIngress(sgEntry("udp", 0, 65535, cidrAnywhere))), "UDP does not reach TCP services", packtest.Pass, ""),
		packtest.Named(sg(sgWithIngress(sgEntry("icmp", -1, -1, cidrAnywhere))), "ICMP", packtest.Pass, ""),
		packtest.Named(sg(sgWithIngress(sgEntry("tcp", 0, 0, cidrAnywhere))), "TCP port 0 only", packtest.Pass, ""),
		packtest.Named(sg(packtest.Props{}), "no ingress", packtest.Pass, ""),
		packtest.Named(sg(sgWithIngress(sgEntry("tcp", 8443, 8443, cidrAnywhere))), "port not on the list", packtest.Pass, ""),
		{Name: "SSH from a network outside the allowed ones", Want: packtest.Violation,
			Message:  `admits "192.168.0.0/16" to 22 (SSH) (tcp, port 22), outside the networks allowed to administer hosts (10.0.0.0/8)`,
			Config:   map[string]any{"allowedCidrs": []any{"10.0.0.0/8"}},
			Resource: packtest.Resource(tokSG, "web", sgWithIngress(sgEntry("tcp", 22, 22, "192.168.0.0/16")))},
		{Name: "SSH from inside an allowed network", Want: packtest.Pass,
			Config:   map[string]any{"allowedCidrs": []any{"10.0.0.0/8"}},
			Resource: packtest.Resource(tokSG, "web", sgWithIngress(sgEntry("tcp", 22, 22, "10.20.0.0/16")))},
		{Name: "allowed network narrower than the source", Want: packtest.Violation, Message: "outside the networks",
			Config: map[string]any{"allowedCidrs": []any{"10.20.0.0/16"}},
			Resource: packtest.Resource(tokVPCIngress, "ssh", packtest.Props{"ipProtocol": "tcp", "fromPort": 22,
				"toPort": 22, "cidrIpv4": "10.0.0.0/8"})},
		{Name: "custom port list", Want: packtest.Violation, Message: "8443",
			Config:   map[string]any{"ports": []any{8443}},
			Resource: packtest.Resource(tokSG, "web", sgWithIngress(sgEntry("tcp", 8443, 8443, cidrAnywhere)))},
		{Name: "custom port list drops SSH", Want: packtest.Pass, Config: map[string]any{"ports": []any{8443}},
			Resource: packtest.Resource(tokSG, "web", sgWithIngress(sgEntry("tcp", 22, 22, cidrAnywhere)))},
		{Name: "one violation per offending entry", Want: packtest.Violation, Count: 2,
			Resource: packtest.Resource(tokSG, "web", sgWithIngress(sgEntry("tcp", 22, 22, cidrAnywhere),
				sgEntry("tcp", 80, 80, cidrAnywhere), sgEntry("tcp", 3389, 3389, cidrAnywhere)))},
		{Name: "default security group inline rule", Want: packtest.Violation, Message: `default security group "default"`,
			Resource: packtest.Resource(tokDefaultSG, "default", sgWithIngress(sgEntry("tcp", 22, 22, cidrAnywhere)))},
		{Name: "SecurityGroupRule ingress", Want: packtest.Violation, Message: `security group rule "ssh"`,
			Resource: packtest.Resource(tokSGRule, "ssh", packtest.Props{"type": "ingress", "protocol": "tcp",
				"fromPort": 22, "toPort": 22, "cidrBlocks": []any{cidrAnywhere}, "securityGroupId": "sg-1"})},
		{Name: "SecurityGroupRule egress is not ingress", Want: packtest.Pass,
			Resource: packtest.Resource(tokSGRule, "out", packtest.Props{"type": "egress", "protocol": "-1",
				"fromPort": 0, "toPort": 0, "cidrBlocks": []any{cidrAnywhere}, "securityGroupId": "sg-1"})},
		{Name: "SecurityGroupRule from a security group", Want: packtest.Pass,
			Resource: packtest.Resource(tokSGRule, "ssh", packtest.Props{"type": "ingress", "protocol": "tcp",
				"fromPort": 22, "toPort": 22, "sourceSecurityGroupId": "sg-2", "securityGroupId": "sg-1"})},
		{Name: "vpc ingress rule, all protocols from IPv6 anywhere", Want: packtest.Violation, Message: "cidrIpv4/cidrIpv6",
			Resource: packtest.Resource(tokVPCIngress, "all", packtest.Props{"ipProtocol": "-1", "cidrIpv6": cidrAnywhere6,
				"securityGroupId": "sg-1"})},
		{Name: "vpc ingress rule, SSH from IPv4 anywhere", Want: packtest.Violation, Message: "22 (SSH)",
			Resource: packtest.Resource(tokVPCIngress, "ssh", packtest.Props{"ipProtocol": "tcp", "fromPort": 22,
				"toPort": 22, "cidrIpv4": cidrAnywhere, "securityGroupId": "sg-1"})},
		{Name: "vpc ingress rule from an office", Want: packtest.Pass,
			Resource: packtest.Resource(tokVPCIngress, "ssh", packtest.Props{"ipProtocol": "tcp", "fromPort": 22,
				"toPort": 22, "cidrIpv4": "203.0.113.0/24", "securityGroupId": "sg-1"})},
		{Name: "other types are not judged", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource(tokVPCEgress, "out", packtest.Props{"ipProtocol": "-1", "cidrIpv4": cidrAnywhere})},
		{Name: "unknown ingress list", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokSG, "web", packtest.Props{"ingress": packtest.Unknown})},
		{Name: "unknown protocol", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokSG, "web", sgWithIngress(packtest.Props{"protocol": packtest.Unknown, "fromPort": 22,
				"toPort": 22, "cidrBlocks": []any{cidrAnywhere}}))},
		{Name: "unknown fromPort", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokSG, "web", sgWithIngress(packtest.Props{"protocol": "tcp", "fromPort": packtest.Unknown,
				"toPort": 22, "cidrBlocks": []any{cidrAnywhere}}))},
		{Name: "unknown toPort", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokSG, "web", sgWithIngress(packtest.Props{"protocol": "tcp", "fromPort": 22,
				"toPort": packtest.Unknown, "cidrBlocks": []any{cidrAnywhere}}))},
		{Name: "unknown cidrBlocks", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokSG, "web", sgWithIngress(sgEntry("tcp", 22, 22, packtest.Unknown)))},
		{Name: "unknown ipv6CidrBlocks", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokSG, "web", sgWithIngress(packtest.Props{"protocol": "tcp", "fromPort": 22,
				"toPort": 22, "ipv6CidrBlocks": packtest.Unknown}))},
		{Name: "unknown entry does not hide an open one", Want: packtest.Violation, Message: "ingress[1]",
			Resource: packtest.Resource(tokSG, "web", sgWithIngress(sgEntry("tcp", 22, 22, packtest.Unknown),
				sgEntry("tcp", 22, 22, cidrAnywhere)))},
		{Name: "unknown CIDRs on a port that is not watched", Want: packtest.Pass,
			Resource: packtest.Resource(tokSG, "web", sgWithIngress(sgEntry("tcp", 443, 443, packtest.Unknown)))},
		{Name: "unknown rule type", Want: packtest.NotApplicable, Message: "value unknown during preview: type",
			Resource: packtest.Resource(tokSGRule, "r", packtest.Props{"type": packtest.Unknown, "protocol": "tcp",
				"fromPort": 22, "toPort": 22, "cidrBlocks": []any{cidrAnywhere}})},
		{Name: "unknown cidrIpv4", Want: packtest.NotApplicable, Message: "value unknown during preview: cidrIpv4",
			Resource: packtest.Resource(tokVPCIngress, "r", packtest.Props{"ipProtocol": "tcp", "fromPort": 22,
				"toPort": 22, "cidrIpv4": packtest.Unknown})},
		{Name: "unknown ipProtocol", Want: packtest.NotApplicable, Message: "value unknown during preview: ipProtocol",
			Resource: packtest.Resource(tokVPCIngress, "r", packtest.Props{"ipProtocol": packtest.Unknown,
				"cidrIpv4": cidrAnywhere})},
		{Name: "secret CIDR is not quoted", Want: packtest.Violation, Message: "the details are withheld because the check read secret values (ingress[0].cidrBlocks[0])",
			Resource: packtest.Resource(tokSG, "web", sgWithIngress(sgEntry("tcp", 22, 22, packtest.Secret(cidrAnywhere))))},
		{Name: "unknown cidrIpv6", Want: packtest.NotApplicable, Message: "value unknown during preview: cidrIpv6",
			Resource: packtest.Resource(tokVPCIngress, "r", packtest.Props{"ipProtocol": "tcp", "fromPort": 22,
				"toPort": 22, "cidrIpv6": packtest.Unknown})},
		{Name: "unknown vpc rule fromPort", Want: packtest.NotApplicable, Message: "value unknown during preview: fromPort",
			Resource: packtest.Resource(tokVPCIngress, "r", packtest.Props{"ipProtocol": "tcp", "fromPort": packtest.Unknown,
				"toPort": 22, "cidrIpv4": cidrAnywhere})},
	})
}

func TestSecurityGroupIngressUnrestricted(t *testing.T) {
	sg := func(entries ...any) packtest.Props { return sgWithIngress(entries...) }
	packtest.Run(t, Policies(), "aws-security-group-ingress-unrestricted", []packtest.Case{
		{Name: "HTTPS and HTTP from anywhere", Want: packtest.Pass,
			Resource: packtest.Resource(tokSG, "web", sg(sgEntry("tcp", 80, 80, cidrAnywhere), sgEntry("tcp", 443, 443, cidrAnywhere)))},
		{Name: "range 80-443 covers more than the allowed ports", Want: packtest.Violation, Message: "ports 80-443",
			Resource: packtest.Resource(tokSG, "web", sg(sgEntry("tcp", 80, 443, cidrAnywhere)))},
		{Name: "8080 from anywhere", Want: packtest.Violation, Message: "port 8080",
			Resource: packtest.Resource(tokSG, "web", sg(sgEntry("tcp", 8080, 8080, cidrAnywhere)))},
		{Name: "all protocols from anywhere", Want: packtest.Violation, Message: "all protocols and ports",
			Resource: packtest.Resource(tokSG, "web", sg(sgEntry("-1", 0, 0, cidrAnywhere)))},
		{Name: "UDP from cidrAnywhere, none allowed by default", Want: packtest.Violation, Message: "udp port 53",
			Resource: packtest.Resource(tokSG, "dns", sg(sgEntry("udp", 53, 53, cidrAnywhere)))},
		{Name: "UDP port allowed by config", Want: packtest.Pass,
			Config:   map[string]any{"allowedUdpPorts": []any{53}},
			Resource: packtest.Resource(tokSG, "dns", sg(sgEntry("udp", 53, 53, cidrAnywhere)))},
		{Name: "TCP port allowed by config", Want: packtest.Pass,
			Config:   map[string]any{"allowedTcpPorts": []any{25}},
			Resource: packtest.Resource(tokSG, "mail", sg(sgEntry("tcp", 25, 25, cidrAnywhere)))},
		{Name: "config replaces the defaults", Want: packtest.Violation, Message: "port 443",
			Config:   map[string]any{"allowedTcpPorts": []any{25}},
			Resource: packtest.Resource(tokSG, "web", sg(sgEntry("tcp", 443, 443, cidrAnywhere)))},
		{Name: "ICMP from anywhere is not judged", Want: packtest.Pass,
			Resource: packtest.Resource(tokSG, "ping", sg(sgEntry("icmp", 8, 0, cidrAnywhere)))},
		{Name: "8080 from a private network", Want: packtest.Pass,
			Resource: packtest.Resource(tokSG, "web", sg(sgEntry("tcp", 8080, 8080, "10.0.0.0/16")))},
		{Name: "IPv6 anywhere", Want: packtest.Violation, Message: "::/0",
			Resource: packtest.Resource(tokSG, "web", sg(packtest.Props{"protocol": "tcp", "fromPort": 8080,
				"toPort": 8080, "ipv6CidrBlocks": []any{cidrAnywhere6}}))},
		{Name: "SecurityGroupRule", Want: packtest.Violation, Message: `security group rule "app"`,
			Resource: packtest.Resource(tokSGRule, "app", packtest.Props{"type": "ingress", "protocol": "tcp",
				"fromPort": 9000, "toPort": 9000, "cidrBlocks": []any{cidrAnywhere}})},
		{Name: "vpc ingress rule on 443", Want: packtest.Pass,
			Resource: packtest.Resource(tokVPCIngress, "https", packtest.Props{"ipProtocol": "tcp", "fromPort": 443,
				"toPort": 443, "cidrIpv4": cidrAnywhere})},
		{Name: "vpc ingress rule on all protocols", Want: packtest.Violation, Message: "all protocols",
			Resource: packtest.Resource(tokVPCIngress, "all", packtest.Props{"ipProtocol": "-1", "cidrIpv4": cidrAnywhere})},
		{Name: "unknown protocol", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokSG, "web", sg(packtest.Props{"protocol": packtest.Unknown, "fromPort": 1,
				"toPort": 1, "cidrBlocks": []any{cidrAnywhere}}))},
		{Name: "unknown ports", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokSG, "web", sg(packtest.Props{"protocol": "tcp", "fromPort": packtest.Unknown,
				"toPort": packtest.Unknown, "cidrBlocks": []any{cidrAnywhere}}))},
		{Name: "unknown CIDRs", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokSG, "web", sg(sgEntry("tcp", 8080, 8080, packtest.Unknown)))},
		{Name: "unknown cidrIpv6", Want: packtest.NotApplicable, Message: "value unknown during preview: cidrIpv6",
			Resource: packtest.Resource(tokVPCIngress, "r", packtest.Props{"ipProtocol": "tcp", "fromPort": 8080,
				"toPort": 8080, "cidrIpv6": packtest.Unknown})},
		{Name: "unknown ipProtocol", Want: packtest.NotApplicable, Message: "value unknown during preview: ipProtocol",
			Resource: packtest.Resource(tokVPCIngress, "r", packtest.Props{"ipProtocol": packtest.Unknown, "cidrIpv4": cidrAnywhere})},
		{Name: "unknown rule type", Want: packtest.NotApplicable, Message: "value unknown during preview: type",
			Resource: packtest.Resource(tokSGRule, "r", packtest.Props{"type": packtest.Unknown, "protocol": "tcp",
				"fromPort": 8080, "toPort": 8080, "cidrBlocks": []any{cidrAnywhere}})},
	})
}

func TestSecurityGroupRuleDescription(t *testing.T) {
	described := func(p packtest.Props) packtest.Props { p["description"] = "web traffic"; return p }
	packtest.Run(t, Policies(), "aws-security-group-rule-description", []packtest.Case{
		{Name: "inline entries described", Want: packtest.Pass,
			Resource: packtest.Resource(tokSG, "web", packtest.Props{
				"ingress": []any{described(sgEntry("tcp", 443, 443, cidrAnywhere))},
				"egress":  []any{described(sgEntry("-1", 0, 0, cidrAnywhere))}})},
		{Name: "egress entry without description", Want: packtest.Violation, Message: "egress[0] has no description",
			Resource: packtest.Resource(tokSG, "web", packtest.Props{
				"ingress": []any{described(sgEntry("tcp", 443, 443, cidrAnywhere))},
				"egress":  []any{sgEntry("-1", 0, 0, cidrAnywhere)}})},
		{Name: "blank description counts as none", Want: packtest.Violation, Count: 1,
			Resource: packtest.Resource(tokSG, "web", packtest.Props{"ingress": []any{
				packtest.Props{"protocol": "tcp", "fromPort": 1, "toPort": 1, "description": "  "}}})},
		{Name: "default security group entries", Want: packtest.Violation, Message: "ingress[0]",
			Resource: packtest.Resource(tokDefaultSG, "default", sgWithIngress(sgEntry("tcp", 443, 443, cidrAnywhere)))},
		{Name: "SecurityGroupRule without description", Want: packtest.Violation, Message: `rule "r"`,
			Resource: packtest.Resource(tokSGRule, "r", packtest.Props{"type": "egress", "protocol": "-1"})},
		{Name: "SecurityGroupRule with description", Want: packtest.Pass,
			Resource: packtest.Resource(tokSGRule, "r", packtest.Props{"type": "egress", "description": "to the db"})},
		{Name: "vpc egress rule without description", Want: packtest.Violation, Message: "egress rule",
			Resource: packtest.Resource(tokVPCEgress, "out", packtest.Props{"ipProtocol": "-1", "cidrIpv4": cidrAnywhere})},
		{Name: "vpc ingress rule with description", Want: packtest.Pass,
			Resource: packtest.Resource(tokVPCIngress, "in", packtest.Props{"ipProtocol": "tcp", "description": "https"})},
		{Name: "no rules at all", Want: packtest.Pass, Resource: packtest.Resource(tokSG, "empty", packtest.Props{})},
		{Name: "unknown description", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokVPCIngress, "in", packtest.Props{"ipProtocol": "tcp", "description": packtest.Unknown})},
		{Name: "unknown inline list", Want: packtest.NotApplicable, Message: "value unknown during preview: ingress",
			Resource: packtest.Resource(tokSG, "web", packtest.Props{"ingress": packtest.Unknown})},
		{Name: "unknown egress list", Want: packtest.NotApplicable, Message: "value unknown during preview: egress",
			Resource: packtest.Resource(tokSG, "web", packtest.Props{"egress": packtest.Unknown})},
		{Name: "unknown inline description", Want: packtest.NotApplicable, Message: "value unknown during preview: ingress[0].description",
			Resource: packtest.Resource(tokSG, "web", packtest.Props{"ingress": []any{packtest.Props{"protocol": "tcp",
				"description": packtest.Unknown}}})},
		{Name: "unknown rule type", Want: packtest.NotApplicable, Message: "value unknown during preview: type",
			Resource: packtest.Resource(tokSGRule, "r", packtest.Props{"type": packtest.Unknown})},
	})
}

func TestDefaultSecurityGroupClosed(t *testing.T) {
	packtest.Run(t, Policies(), "aws-default-security-group-closed", []packtest.Case{
		{Name: "no rules", Want: packtest.Pass,
			Resource: packtest.Resource(tokDefaultSG, "default", packtest.Props{"vpcId": "vpc-1"})},
		{Name: "empty lists", Want: packtest.Pass,
			Resource: packtest.Resource(tokDefaultSG, "default", packtest.Props{"ingress": []any{}, "egress": []any{}})},
		{Name: "AWS's own default rules re-declared", Want: packtest.Violation, Count: 2,
			Resource: packtest.Resource(tokDefaultSG, "default", packtest.Props{
				"ingress": []any{packtest.Props{"protocol": "-1", "self": true, "fromPort": 0, "toPort": 0}},
				"egress":  []any{sgEntry("-1", 0, 0, cidrAnywhere)}})},
		{Name: "egress only", Want: packtest.Violation, Message: "egress",
			Resource: packtest.Resource(tokDefaultSG, "default", packtest.Props{"egress": []any{sgEntry("-1", 0, 0, cidrAnywhere)}})},
		{Name: "ordinary security groups are not judged", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource(tokSG, "web", sgWithIngress(sgEntry("tcp", 443, 443, cidrAnywhere)))},
		{Name: "unknown ingress", Want: packtest.NotApplicable, Message: "value unknown during preview: ingress",
			Resource: packtest.Resource(tokDefaultSG, "default", packtest.Props{"ingress": packtest.Unknown})},
		{Name: "unknown egress", Want: packtest.NotApplicable, Message: "value unknown during preview: egress",
			Resource: packtest.Resource(tokDefaultSG, "default", packtest.Props{"egress": packtest.Unknown})},
		{Name: "unknown ingress does not hide known egress", Want: packtest.Violation, Message: "egress",
			Resource: packtest.Resource(tokDefaultSG, "default", packtest.Props{"ingress": packtest.Unknown,
				"egress": []any{sgEntry("-1", 0, 0, cidrAnywhere)}})},
	})
}

// TestSecurityGroupRealWorldFixtures runs the security group rules over pulumi-policy-opa's own
// fixtures (written outside this project): the SSH-from-anywhere group must fail, its valid twin
// must pass.
func TestSecurityGroupRealWorldFixtures(t *testing.T) {
	export := packtest.LoadExport(t, packtest.RealWorld(t, "opa-fixtures.export.json"))
	want := map[string]packtest.Outcome{"aws-sg_invalid_ssh": packtest.Violation, "aws-sg_valid": packtest.Pass}
	seen := 0
	for _, r := range export {
		if r.Type != tokSG {
			continue
		}
		outcome, ok := want[r.Name]
		if !ok {
			continue
		}
		seen++
		packtest.Run(t, Policies(), "aws-security-group-admin-ports-open", []packtest.Case{
			{Name: r.Name, Want: outcome, Resource: r.Resource()},
		})
	}
	assert.Equal(t, len(want), seen, "fixtures found")
}

// The rule tokens and their securityGroupId, type, protocol/ipProtocol, ports and sources are the
// same in pulumi-aws v6 and v7; the check reads the stack's outputs, where a group's ingress and
// egress list every rule it held when last read.
func TestSecurityGroupNoRuleManagementConflicts(t *testing.T) {
	group := func(name string, props packtest.Props) plugin.AnalyzerResource {
		return packtest.Resource(tokSG, name, packtest.With(packtest.Props{"id": "sg-" + name, "ingress": []any{}, "egress": []any{}}, props))
	}
	web := group("web", packtest.Props{"ingress": []any{sgEntry("tcp", 443, 443, "10.0.0.0/8")}})
	bare := group("web", nil)
	other := group("other", nil)
	vpcRule := func(tok, name string, props packtest.Props) plugin.AnalyzerResource {
		return packtest.Resource(tok, name, packtest.With(packtest.Props{"ipProtocol": "tcp", "fromPort": 22, "toPort": 22,
			"cidrIpv4": "10.1.0.0/16"}, props))
	}
	sgRule := func(kind any, props packtest.Props) plugin.AnalyzerResource {
		return packtest.Resource(tokSGRule, "ssh", packtest.With(packtest.Props{"type": kind, "protocol": "tcp", "fromPort": 22,
			"toPort": 22, "cidrBlocks": []any{"10.1.0.0/16"}}, props))
	}
	on := func(r, target plugin.AnalyzerResource) plugin.AnalyzerStackResource {
		return packtest.DependsOn(r, "securityGroupId", target)
	}
	packtest.Run(t, Policies(), "aws-security-group-no-rule-management-conflicts", []packtest.Case{
		{Name: "inline ingress and a separate ingress rule", Want: packtest.Violation, Count: 1,
			Message: `security group "web" lists ingress rules inline (ingress[0]) and is also the target of separate ` +
				`ingress rules ("ssh"): the provider overwrites one with the other on every update, so rules ` +
				`disappear or come back; declare every ingress rule one way only`,
			Stack: append(packtest.Stack(web), on(vpcRule(tokVPCIngress, "ssh", nil), web))},
		{Name: "inline ingress and a SecurityGroupRule of type ingress", Want: packtest.Violation, Count: 1,
			Message: `security group "web" lists ingress rules inline (ingress[0]) and is also the target of separate ` +
				`ingress rules ("ssh")`,
			Stack: append(packtest.Stack(web), on(sgRule("ingress", nil), web))},
		{Name: "inline egress and a separate egress rule", Want: packtest.Violation, Count: 1,
			Message: `security group "web" lists egress rules inline (egress[0]) and is also the target of separate ` +
				`egress rules ("out")`,
			Stack: append(packtest.Stack(group("web", packtest.Props{"egress": []any{sgEntry("-1", 0, 0, "0.0.0.0/0")}})),
				on(vpcRule(tokVPCEgress, "out", nil), bare))},
		{Name: "inline ingress, separate egress rules only: directions not mixed", Want: packtest.Pass,
			Stack: append(packtest.Stack(web), on(vpcRule(tokVPCEgress, "out", nil), web), on(sgRule("egress", nil), web))},
		{Name: "separate rules only", Want: packtest.Pass,
			Stack: append(packtest.Stack(bare), on(vpcRule(tokVPCIngress, "ssh", nil), bare))},
		{Name: "inline rules only", Want: packtest.Pass, Stack: packtest.Stack(web)},
		{Name: "after a refresh the outputs list the separate rules' permissions", Want: packtest.Pass,
			Stack: append(packtest.Stack(group("web", packtest.Props{"ingress": []any{
				sgEntry("tcp", 22, 22, "10.1.0.0/16"), packtest.Props{"protocol": "-1", "fromPort": 0, "toPort": 0, "self": true},
			}})), on(vpcRule(tokVPCIngress, "ssh", nil), bare),
				on(vpcRule(tokVPCIngress, "peers", packtest.Props{"ipProtocol": "-1", "fromPort": nil, "toPort": nil,
					"cidrIpv4": nil, "referencedSecurityGroupId": "sg-web"}), bare))},
		{Name: "an inline source no separate rule declares", Want: packtest.Violation, Count: 1,
			Message: "lists ingress rules inline (ingress[0])",
			Stack: append(packtest.Stack(group("web", packtest.Props{"ingress": []any{
				sgEntry("tcp", 22, 22, "10.1.0.0/16", "192.168.0.0/16")}})), on(sgRule("ingress", nil), bare))},
		{Name: "the separate rule is another group's", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(web, nil), packtest.StackResource(other, nil),
				on(vpcRule(tokVPCIngress, "ssh", nil), other)}},
		{Name: "rule naming the group by id (state without dependencies)", Want: packtest.Violation, Count: 1,
			Message: `security group "web" lists ingress rules inline`,
			Stack:   packtest.Stack(web, vpcRule(tokVPCIngress, "ssh", packtest.Props{"securityGroupId": "sg-web"}))},
		{Name: "rule naming another group by id", Want: packtest.Pass,
			Stack: packtest.Stack(web, vpcRule(tokVPCIngress, "ssh", packtest.Props{"securityGroupId": "sg-other"}))},
		{Name: "unknown inline ingress", Want: packtest.NotApplicable, Message: "web: " + packtest.UnknownDuringPreview,
			Stack: append(packtest.Stack(group("web", packtest.Props{"ingress": packtest.Unknown})),
				on(vpcRule(tokVPCIngress, "ssh", nil), bare))},
		{Name: "unknown SecurityGroupRule type", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Stack: append(packtest.Stack(web), on(sgRule(packtest.Unknown, nil), web))},
		{Name: "unknown source of the separate rule", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Stack: append(packtest.Stack(web), on(vpcRule(tokVPCIngress, "ssh", packtest.Props{"cidrIpv4": packtest.Unknown}), web))},
		{Name: "a rule for an unknown group", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Stack: packtest.Stack(web, vpcRule(tokVPCIngress, "ssh", packtest.Props{"securityGroupId": packtest.Unknown}))},
		{Name: "one undecided group does not hide another", Want: packtest.Violation, Count: 1,
			Message: `security group "other" lists ingress rules inline`,
			Stack: []plugin.AnalyzerStackResource{
				packtest.StackResource(group("web", packtest.Props{"ingress": packtest.Unknown}), nil),
				packtest.StackResource(group("other", packtest.Props{"ingress": []any{sgEntry("tcp", 80, 80, "10.0.0.0/8")}}), nil),
				on(vpcRule(tokVPCIngress, "ssh", nil), bare), on(vpcRule(tokVPCIngress, "http", nil), other)}},
		{Name: "no security group in the stack", Want: packtest.NotApplicable, Message: "no resources of its types",
			Stack: packtest.Stack(vpcRule(tokVPCIngress, "ssh", nil))},
	})
}
