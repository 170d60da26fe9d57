package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

func TestVPCFlowLogs(t *testing.T) {
	vpc := packtest.Resource("aws:ec2/vpc:Vpc", "main", packtest.Props{"id": "vpc-123", "cidrBlock": "10.0.0.0/16"})
	newVPC := packtest.Resource("aws:ec2/vpc:Vpc", "main", packtest.Props{"id": packtest.Unknown})
	other := packtest.Resource("aws:ec2/vpc:Vpc", "other", packtest.Props{"id": "vpc-456"})
	defaultVPC := packtest.Resource("aws:ec2/defaultVpc:DefaultVpc", "default", packtest.Props{"id": "vpc-def"})
	flowLog := func(name string, vpcID any) plugin.AnalyzerResource {
		return packtest.Resource("aws:ec2/flowLog:FlowLog", name, packtest.Props{"vpcId": vpcID, "trafficType": "ALL",
			"logDestination": "arn:aws:logs:us-east-1:123456789012:log-group:flow"})
	}
	linked := func(fl, vpc plugin.AnalyzerResource) plugin.AnalyzerStackResource {
		return packtest.DependsOn(fl, "vpcId", vpc)
	}
	packtest.Run(t, Policies(), "aws-vpc-flow-logs", []packtest.Case{
		{Name: "flow log joined by property dependency", Want: packtest.Pass,
			Stack: append(packtest.Stack(newVPC), linked(flowLog("fl", packtest.Unknown), newVPC))},
		{Name: "no flow log", Want: packtest.Violation, Message: `VPC "main" has no flow log`, Stack: packtest.Stack(vpc)},
		{Name: "flow log for another VPC only", Want: packtest.Violation, Count: 1, Message: `"main"`,
			Stack: append(packtest.Stack(vpc, other), linked(flowLog("fl", "vpc-456"), other))},
		{Name: "flow log naming the VPC id as a plain value", Want: packtest.Pass,
			Stack: packtest.Stack(vpc, flowLog("fl", "vpc-123"))},
		{Name: "plain value for another VPC", Want: packtest.Violation,
			Stack: packtest.Stack(vpc, flowLog("fl", "vpc-999"))},
		{Name: "flow log on a subnet does not count", Want: packtest.Violation,
			Stack: packtest.Stack(vpc,
				packtest.Resource("aws:ec2/flowLog:FlowLog", "fl", packtest.Props{"subnetId": "subnet-1"}))},
		{Name: "adopted default VPC without flow log", Want: packtest.Violation, Message: `"default"`,
			Stack: packtest.Stack(defaultVPC)},
		{Name: "new VPC without flow log", Want: packtest.Violation, Stack: packtest.Stack(newVPC)},
		{Name: "no VPC in the stack", Want: packtest.NotApplicable, Message: "no resources of its types",
			Stack: packtest.Stack(flowLog("fl", "vpc-123"))},
		{Name: "unknown vpcId of an unlinked flow log defers", Want: packtest.NotApplicable,
			Message: "value unknown during preview: vpcId", Stack: packtest.Stack(vpc, flowLog("fl", packtest.Unknown))},
		{Name: "one undecidable VPC does not hide another", Want: packtest.Violation, Count: 1, Message: `"fresh"`,
			Stack: packtest.Stack(vpc, flowLog("fl", packtest.Unknown),
				packtest.Resource("aws:ec2/vpc:Vpc", "fresh", packtest.Props{"id": packtest.Unknown}))},
	})
}

func TestSubnetNoPublicIPOnLaunch(t *testing.T) {
	packtest.Run(t, Policies(), "aws-subnet-no-public-ip-on-launch", []packtest.Case{
		{Name: "maps public IPs", Want: packtest.Violation, Message: "mapPublicIpOnLaunch: false",
			Resource: packtest.Resource("aws:ec2/subnet:Subnet", "public", packtest.Props{"vpcId": "vpc-1",
				"mapPublicIpOnLaunch": true})},
		{Name: "unset defaults to false", Want: packtest.Pass,
			Resource: packtest.Resource("aws:ec2/subnet:Subnet", "private", packtest.Props{"vpcId": "vpc-1"})},
		{Name: "explicitly false", Want: packtest.Pass,
			Resource: packtest.Resource("aws:ec2/subnet:Subnet", "private", packtest.Props{"mapPublicIpOnLaunch": false})},
		{Name: "default subnet unset defaults to true", Want: packtest.Violation, Message: "default subnets",
			Resource: packtest.Resource("aws:ec2/defaultSubnet:DefaultSubnet", "a", packtest.Props{"availabilityZone": "us-east-1a"})},
		{Name: "default subnet told not to", Want: packtest.Pass,
			Resource: packtest.Resource("aws:ec2/defaultSubnet:DefaultSubnet", "a", packtest.Props{
				"availabilityZone": "us-east-1a", "mapPublicIpOnLaunch": false})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource("aws:ec2/subnet:Subnet", "s", packtest.Props{"mapPublicIpOnLaunch": packtest.Unknown})},
	})
}

func TestNetworkACLAdminPortsOpen(t *testing.T) {
	entry := func(no int, action, protocol string, from, to int, cidr string) packtest.Props {
		return packtest.Props{"ruleNo": no, "action": action, "protocol": protocol, "fromPort": from, "toPort": to,
			"cidrBlock": cidr}
	}
	acl := func(entries ...any) plugin.AnalyzerResource {
		return packtest.Resource("aws:ec2/networkAcl:NetworkAcl", "acl", packtest.Props{"vpcId": "vpc-1", "ingress": entries})
	}
	rule := func(props packtest.Props) plugin.AnalyzerResource {
		props["networkAclId"] = "acl-1"
		return packtest.Resource("aws:ec2/networkAclRule:NetworkAclRule", "r", props)
	}
	packtest.Run(t, Policies(), "aws-network-acl-admin-ports-open", []packtest.Case{
		{Name: "allow all from anywhere", Want: packtest.Violation, Message: "22 (SSH), 3389 (RDP)",
			Resource: acl(entry(100, "allow", "-1", 0, 0, "0.0.0.0/0"))},
		{Name: "allow SSH from anywhere", Want: packtest.Violation, Message: `network ACL "acl" ingress[0]`,
			Resource: acl(entry(100, "allow", "tcp", 22, 22, "0.0.0.0/0"))},
		{Name: "IPv6 allow all", Want: packtest.Violation, Message: "::/0",
			Resource: acl(packtest.Props{"ruleNo": 100, "action": "allow", "protocol": "-1", "fromPort": 0, "toPort": 0,
				"ipv6CidrBlock": "::/0"})},
		{Name: "deny placed before the allow", Want: packtest.Pass,
			Resource: acl(entry(200, "allow", "-1", 0, 0, "0.0.0.0/0"), entry(100, "deny", "tcp", 22, 22, "0.0.0.0/0"),
				entry(110, "deny", "tcp", 3389, 3389, "0.0.0.0/0"))},
		{Name: "deny after the allow does not help", Want: packtest.Violation, Message: "22 (SSH)",
			Resource: acl(entry(100, "allow", "tcp", 0, 65535, "0.0.0.0/0"), entry(200, "deny", "tcp", 22, 22, "0.0.0.0/0"))},
		{Name: "deny for a narrower range does not shadow the internet", Want: packtest.Violation,
			Resource: acl(entry(50, "deny", "tcp", 22, 22, "198.51.100.0/24"), entry(100, "allow", "tcp", 22, 22, "0.0.0.0/0"))},
		{Name: "HTTPS only", Want: packtest.Pass, Resource: acl(entry(100, "allow", "tcp", 443, 443, "0.0.0.0/0"))},
		{Name: "UDP range", Want: packtest.Pass, Resource: acl(entry(100, "allow", "udp", 0, 65535, "0.0.0.0/0"))},
		{Name: "SSH from the office", Want: packtest.Pass, Resource: acl(entry(100, "allow", "tcp", 22, 22, "203.0.113.0/24"))},
		{Name: "no entries", Want: packtest.Pass, Resource: acl()},
		{Name: "default network ACL", Want: packtest.Violation,
			Resource: packtest.Resource("aws:ec2/defaultNetworkAcl:DefaultNetworkAcl", "default", packtest.Props{
				"ingress": []any{entry(100, "allow", "-1", 0, 0, "0.0.0.0/0")}})},
		{Name: "standalone ingress rule", Want: packtest.Violation, Message: `network ACL rule "r"`,
			Resource: rule(packtest.Props{"ruleNumber": 100, "ruleAction": "allow", "protocol": "6", "fromPort": 3389,
				"toPort": 3389, "cidrBlock": "0.0.0.0/0"})},
		{Name: "standalone egress rule", Want: packtest.Pass,
			Resource: rule(packtest.Props{"ruleNumber": 100, "egress": true, "ruleAction": "allow", "protocol": "-1",
				"cidrBlock": "0.0.0.0/0"})},
		{Name: "standalone deny", Want: packtest.Pass,
			Resource: rule(packtest.Props{"ruleNumber": 100, "ruleAction": "deny", "protocol": "-1", "cidrBlock": "0.0.0.0/0"})},
		{Name: "configured ports", Want: packtest.Pass, Config: map[string]any{"ports": []any{5432}},
			Resource: acl(entry(100, "allow", "tcp", 22, 22, "0.0.0.0/0"))},
		{Name: "unknown ingress", Want: packtest.NotApplicable, Message: "value unknown during preview: ingress",
			Resource: packtest.Resource("aws:ec2/networkAcl:NetworkAcl", "acl", packtest.Props{"ingress": packtest.Unknown})},
		{Name: "unknown cidrBlock", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: acl(packtest.Props{"ruleNo": 100, "action": "allow", "protocol": "tcp", "fromPort": 22, "toPort": 22,
				"cidrBlock": packtest.Unknown})},
		{Name: "unknown action", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: acl(entry(100, "allow", "tcp", 22, 22, "0.0.0.0/0"), packtest.Props{"ruleNo": 1, "action": packtest.Unknown})},
		{Name: "unknown egress flag", Want: packtest.NotApplicable, Message: "value unknown during preview: egress",
			Resource: rule(packtest.Props{"egress": packtest.Unknown, "ruleAction": "allow", "protocol": "-1",
				"cidrBlock": "0.0.0.0/0"})},
		{Name: "unknown ports", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: rule(packtest.Props{"ruleNumber": 1, "ruleAction": "allow", "protocol": "tcp",
				"fromPort": packtest.Unknown, "toPort": 22, "cidrBlock": "0.0.0.0/0"})},
		{Name: "unknown ruleNo", Want: packtest.NotApplicable, Message: "value unknown during preview: ingress[0].ruleNo",
			Resource: acl(packtest.Props{"ruleNo": packtest.Unknown, "action": "allow", "protocol": "-1", "cidrBlock": "0.0.0.0/0"})},
		{Name: "unknown protocol", Want: packtest.NotApplicable, Message: "value unknown during preview: ingress[0].protocol",
			Resource: acl(packtest.Props{"ruleNo": 1, "action": "allow", "protocol": packtest.Unknown, "cidrBlock": "0.0.0.0/0"})},
		{Name: "unknown ipv6CidrBlock", Want: packtest.NotApplicable, Message: "value unknown during preview: ingress[0].ipv6CidrBlock",
			Resource: acl(packtest.Props{"ruleNo": 1, "action": "allow", "protocol": "-1", "ipv6CidrBlock": packtest.Unknown})},
		{Name: "unknown ruleAction", Want: packtest.NotApplicable, Message: "value unknown during preview: ruleAction",
			Resource: rule(packtest.Props{"ruleNumber": 1, "ruleAction": packtest.Unknown, "protocol": "-1", "cidrBlock": "0.0.0.0/0"})},
		{Name: "unknown ruleNumber", Want: packtest.NotApplicable, Message: "value unknown during preview: ruleNumber",
			Resource: rule(packtest.Props{"ruleNumber": packtest.Unknown, "ruleAction": "allow", "protocol": "-1", "cidrBlock": "0.0.0.0/0"})},
	})
}
