package aws

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/joins"
	"github.com/pulumi-securely/pulumi-securely/policies/network"
)

// Type tokens of VPCs, subnets, flow logs and network ACLs (pulumi-aws v6 and v7 spell them alike).
const (
	netVPCType               = "aws:ec2/vpc:Vpc"
	netDefaultVPCType        = "aws:ec2/defaultVpc:DefaultVpc"
	netFlowLogType           = "aws:ec2/flowLog:FlowLog"
	netSubnetType            = "aws:ec2/subnet:Subnet"
	netDefaultSubnetType     = "aws:ec2/defaultSubnet:DefaultSubnet"
	netNetworkACLType        = "aws:ec2/networkAcl:NetworkAcl"
	netDefaultNetworkACLType = "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl"
	netNetworkACLRuleType    = "aws:ec2/networkAclRule:NetworkAclRule"
)

func init() {
	register(
		pack.Policy{
			Name:        "aws-vpc-flow-logs",
			DisplayName: "VPCs have flow logs",
			Description: "Every VPC the stack manages (aws.ec2.Vpc and an adopted aws.ec2.DefaultVpc) has an " +
				"aws.ec2.FlowLog attached to the VPC itself, so that traffic to and from its network interfaces is " +
				"recorded for investigation.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("EC2.6"),
			Tags:      []string{"aws", "vpc", "logging", "cis:3.7"},
			Remediation: "Declare an aws.ec2.FlowLog with vpcId set to the VPC's id, trafficType \"ALL\" (or at least " +
				"\"REJECT\") and a logDestination (CloudWatch Logs group or S3 bucket).",
			Types: []string{netVPCType, netDefaultVPCType},
			Stack: checkVPCFlowLogs,
		},
		pack.Policy{
			Name:        "aws-subnet-no-public-ip-on-launch",
			DisplayName: "Subnets do not give instances public IP addresses",
			Description: "Subnets do not assign a public IPv4 address to every instance launched in them " +
				"(mapPublicIpOnLaunch); instances that must be reachable get an Elastic IP or sit behind a load " +
				"balancer. An adopted DefaultSubnet assigns public addresses unless told not to.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("EC2.15"),
			Tags:      []string{"aws", "vpc", "network"},
			Remediation: "Set mapPublicIpOnLaunch: false on the subnet (the provider default for aws.ec2.Subnet, but " +
				"not for aws.ec2.DefaultSubnet). Put internet-facing load balancers and NAT gateways in public " +
				"subnets; they get their own addresses without it.",
			Types:    []string{netSubnetType, netDefaultSubnetType},
			Resource: checkSubnetPublicIP,
		},
		pack.Policy{
			Name:        "aws-network-acl-admin-ports-open",
			DisplayName: "Network ACLs do not admit the internet to administration ports",
			Description: "No network ACL lets 0.0.0.0/0 or ::/0 in to a remote-administration port (by default SSH " +
				"22 and RDP 3389). Inline entries are judged in ruleNo order, so a deny placed before the allow " +
				"counts; a standalone NetworkAclRule is judged on its own.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("EC2.21"),
			Tags:      []string{"aws", "vpc", "network", "cis:5.1"},
			Remediation: "Change the allowing entry's cidrBlock/ipv6CidrBlock to the networks that administer the " +
				"hosts, or add a lower-numbered deny entry for the port from 0.0.0.0/0 and ::/0.",
			Types: []string{netNetworkACLType, netDefaultNetworkACLType, netNetworkACLRuleType},
			Config: pack.Schema{Properties: map[string]pack.JSONSchema{
				"ports": pack.IntegerList("TCP ports network ACLs must not open to the internet. Default: 22 (SSH), "+
					"3389 (RDP).", 0, 65535, 22, 3389),
			}},
			Settings: func() any { return &sgAdminPortSettings{} },
			Resource: checkNetworkACLAdminPorts,
		},
	)
}

func checkVPCFlowLogs(c *pack.Check, s *pack.Stack) {
	flowLogs := joins.Sides(s, []string{netFlowLogType}, joins.On("vpcId", "id"))
	c.ForEach(s.OfType(netVPCType, netDefaultVPCType), func(vpc *pack.Resource) {
		if len(flowLogs.Of(vpc)) > 0 {
			return
		}
		c.Report(pack.Violation{URN: vpc.URN, Message: fmt.Sprintf("VPC %q has no flow log: declare an "+
			"aws.ec2.FlowLog with vpcId set to this VPC's id, trafficType \"ALL\" and a logDestination", vpc.Name)})
	})
}

func checkSubnetPublicIP(c *pack.Check, r *pack.Resource) {
	def := r.Type == netDefaultSubnetType // AWS default subnets map public IPs unless told otherwise
	if r.Get("mapPublicIpOnLaunch").Bool(def) {
		how := "sets mapPublicIpOnLaunch: true"
		if !r.Get("mapPublicIpOnLaunch").Exists() {
			how = "leaves mapPublicIpOnLaunch unset, which is true for default subnets"
		}
		c.Violatef("subnet %q %s: every instance launched in it gets a public IPv4 address; set "+
			"mapPublicIpOnLaunch: false", r.Name, how)
	}
}

// awsNACLEntry is one network ACL entry, inline or standalone.
type awsNACLEntry struct {
	where    string
	number   int
	allow    bool
	protocol string
	ports    network.PortRange
	cidrs    []pack.Value // cidrBlock and ipv6CidrBlock
}

func checkNetworkACLAdminPorts(c *pack.Check, r *pack.Resource) {
	watched := pack.SettingsOf[sgAdminPortSettings](c).Ports
	if r.Type == netNetworkACLRuleType {
		if r.Get("egress").Bool(false) {
			return
		}
		e := readAWSNACLEntry(fmt.Sprintf("network ACL rule %q", r.Name), r.Get("ruleAction"), r.Get("ruleNumber"),
			r.Get("protocol"), r.Get("fromPort"), r.Get("toPort"), r.Get("cidrBlock"), r.Get("ipv6CidrBlock"))
		reportAWSNACLEntries(c, []awsNACLEntry{e}, watched)
		return
	}
	var entries []awsNACLEntry
	for _, item := range r.Get("ingress").Items() {
		entries = append(entries, readAWSNACLEntry(fmt.Sprintf("network ACL %q %s", r.Name, item.Path()),
			item.Get("action"), item.Get("ruleNo"), item.Get("protocol"), item.Get("fromPort"), item.Get("toPort"),
			item.Get("cidrBlock"), item.Get("ipv6CidrBlock")))
	}
	slices.SortStableFunc(entries, func(a, b awsNACLEntry) int { return cmp.Compare(a.number, b.number) })
	reportAWSNACLEntries(c, entries, watched)
}

// readAWSNACLEntry reads one entry; only TCP entries are limited to their port range.
func readAWSNACLEntry(where string, action, number, protocol, from, to, cidr4, cidr6 pack.Value) awsNACLEntry {
	e := awsNACLEntry{where: where, number: number.Int(0), allow: netTextIs(action, "", "allow"),
		protocol: awsIPProtocol(protocol), ports: network.AllPorts, cidrs: []pack.Value{cidr4, cidr6}}
	if e.protocol == "tcp" {
		e.ports = awsPortRange(from, to)
	}
	return e
}

// firstInternetEntry returns the index of the first entry (in rule-number order) that matches TCP
// traffic to port from the whole internet in one address family (0: cidrBlock, 1: ipv6CidrBlock),
// or -1: that entry decides whether the internet gets in.
func firstInternetEntry(entries []awsNACLEntry, port, family int) int {
	for i, e := range entries {
		if (e.protocol == "tcp" || e.protocol == "all") && e.ports.Includes(port) && network.IsInternet(e.cidrs[family].Text("")) {
			return i
		}
	}
	return -1
}

// reportAWSNACLEntries reports each allowing entry that decides, for a watched port, that the
// internet gets in, with the ports and sources it admits.
func reportAWSNACLEntries(c *pack.Check, entries []awsNACLEntry, watched []int) {
	type finding struct {
		families [2]bool
		ports    []string
	}
	found := map[int]*finding{}
	for _, port := range watched {
		for family := range 2 {
			i := firstInternetEntry(entries, port, family)
			if i < 0 || !entries[i].allow {
				continue
			}
			f := found[i]
			if f == nil {
				f = &finding{}
				found[i] = f
			}
			f.families[family] = true
			if name := sgPortName(port); !slices.Contains(f.ports, name) {
				f.ports = append(f.ports, name)
			}
		}
	}
	for _, i := range slices.Sorted(maps.Keys(found)) {
		var sources []pack.Value
		for family, admits := range found[i].families {
			if admits {
				sources = append(sources, entries[i].cidrs[family])
			}
		}
		c.Violatef("%s allows %s in to %s: restrict the entry's cidrBlock/ipv6CidrBlock to known networks or "+
			"deny the port from the internet in a lower-numbered entry", entries[i].where, netQuoted(sources),
			strings.Join(found[i].ports, ", "))
	}
}
