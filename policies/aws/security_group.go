package aws

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/joins"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
	"github.com/pulumi-securely/pulumi-securely/policies/network"
)

// Type tokens of EC2 security groups and their rules (pulumi-aws v6 and v7 spell them alike).
const (
	NetSecurityGroupType        = "aws:ec2/securityGroup:SecurityGroup"
	netDefaultSecurityGroupType = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
	netSecurityGroupRuleType    = "aws:ec2/securityGroupRule:SecurityGroupRule"
	netSGIngressRuleType        = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	netSGEgressRuleType         = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
)

// sgIngressTypes are the resources that can declare ingress permissions.
var sgIngressTypes = []string{NetSecurityGroupType, netDefaultSecurityGroupType, netSecurityGroupRuleType, netSGIngressRuleType}

// sgAllRuleTypes are the resources that can declare ingress or egress permissions.
var sgAllRuleTypes = append(slices.Clone(sgIngressTypes), netSGEgressRuleType)

// sgSeparateRuleTypes are the resources that add one rule to a security group they name in
// securityGroupId (sgSeparateRuleKey), beside the group's inline ingress[]/egress[] lists.
var (
	sgSeparateRuleTypes = []string{netSecurityGroupRuleType, netSGIngressRuleType, netSGEgressRuleType}
	sgSeparateRuleKey   = joins.On("securityGroupId", "id")
)

// awsAdminPorts are the TCP ports of remote administration and data services that must never face
// the whole internet, with the service they carry (for messages).
var awsAdminPorts = map[int]string{
	20: "FTP data", 21: "FTP", 22: "SSH", 23: "Telnet", 135: "MS RPC", 139: "NetBIOS", 445: "SMB",
	1433: "SQL Server", 1434: "SQL Server browser", 1521: "Oracle", 2375: "Docker API", 2376: "Docker API (TLS)",
	2379: "etcd", 2380: "etcd peer", 3306: "MySQL", 3389: "RDP", 5432: "PostgreSQL", 5900: "VNC",
	5985: "WinRM", 5986: "WinRM (TLS)", 6379: "Redis", 6443: "Kubernetes API", 9200: "Elasticsearch",
	9300: "Elasticsearch transport", 10250: "kubelet", 11211: "Memcached", 27017: "MongoDB", 27018: "MongoDB shard",
}

// awsSortedAdminPorts lists the watched administration ports in order, the setting's default.
func awsSortedAdminPorts() []int {
	ports := make([]int, 0, len(awsAdminPorts))
	for p := range awsAdminPorts {
		ports = append(ports, p)
	}
	slices.Sort(ports)
	return ports
}

// sgPermission is one ingress or egress permission, read lazily from whichever resource
// declares it (an inline ingress[]/egress[] entry, a SecurityGroupRule, or a
// SecurityGroupIngressRule/EgressRule), so that a check reads only what it needs.
type sgPermission struct {
	// where names the permission in messages: `security group "web" ingress[1]`, `rule "ssh"`.
	where       string
	path        string // the property path of an inline permission, "" for a rule resource
	protocol    pack.Value
	fromPort    pack.Value
	toPort      pack.Value
	cidrs       []pack.Value // the IPv4 and IPv6 source/destination lists (or single CIDRs)
	cidrProps   string       // their property names, for messages
	description pack.Value
}

// sgPermissions returns the permissions a resource declares in one direction ("ingress" or
// "egress"), fully known ones first.
func sgPermissions(r *pack.Resource, direction string) []sgPermission {
	var out []sgPermission
	switch r.Type {
	case NetSecurityGroupType, netDefaultSecurityGroupType:
		kind := "security group"
		if r.Type == netDefaultSecurityGroupType {
			kind = "default security group"
		}
		for _, item := range known.ValuesFirst(r.Get(direction).Items()) {
			out = append(out, sgPermission{
				where:    fmt.Sprintf("%s %q %s", kind, r.Name, item.Path()),
				path:     item.Path(),
				protocol: item.Get("protocol"), fromPort: item.Get("fromPort"), toPort: item.Get("toPort"),
				cidrs:     []pack.Value{item.Get("cidrBlocks"), item.Get("ipv6CidrBlocks")},
				cidrProps: item.Path() + ".cidrBlocks/ipv6CidrBlocks", description: item.Get("description"),
			})
		}
	case netSecurityGroupRuleType:
		if !strings.EqualFold(strings.TrimSpace(r.Get("type").Text("")), direction) {
			return nil
		}
		out = append(out, sgPermission{
			where:    fmt.Sprintf("security group rule %q", r.Name),
			protocol: r.Get("protocol"), fromPort: r.Get("fromPort"), toPort: r.Get("toPort"),
			cidrs:     []pack.Value{r.Get("cidrBlocks"), r.Get("ipv6CidrBlocks")},
			cidrProps: "cidrBlocks/ipv6CidrBlocks", description: r.Get("description"),
		})
	case netSGIngressRuleType, netSGEgressRuleType:
		if (r.Type == netSGIngressRuleType) != (direction == "ingress") {
			return nil
		}
		out = append(out, sgPermission{
			where:    fmt.Sprintf("security group %s rule %q", direction, r.Name),
			protocol: r.Get("ipProtocol"), fromPort: r.Get("fromPort"), toPort: r.Get("toPort"),
			cidrs:     []pack.Value{r.Get("cidrIpv4"), r.Get("cidrIpv6")},
			cidrProps: "cidrIpv4/cidrIpv6", description: r.Get("description"),
		})
	}
	return out
}

// awsIPProtocol reads an IP protocol as "all", "tcp", "udp", "icmp", "icmpv6" or the
// protocol number AWS was given. "-1" and "all" mean every protocol (and every port).
func awsIPProtocol(v pack.Value) string {
	p := strings.ToLower(strings.TrimSpace(v.Text("")))
	switch p {
	case "-1", "all":
		return "all"
	case "6":
		return "tcp"
	case "17":
		return "udp"
	case "1":
		return "icmp"
	case "58":
		return "icmpv6"
	}
	return p
}

// ports returns the port range a TCP or UDP permission opens; every port for protocol "all".
func (p sgPermission) ports(protocol string) network.PortRange {
	if protocol == "all" {
		return network.AllPorts
	}
	return awsPortRange(p.fromPort, p.toPort)
}

// awsPortRange reads a TCP or UDP fromPort/toPort pair. A missing or negative bound leaves that
// end open (AWS reads -1 as "all").
func awsPortRange(fromPort, toPort pack.Value) network.PortRange {
	from, to := fromPort.Int(-1), toPort.Int(-1)
	if from < 0 {
		from = network.AllPorts.From
	}
	if to < 0 || to > network.AllPorts.To {
		to = network.AllPorts.To
	}
	return network.PortRange{From: from, To: to}
}

// internetSources returns the CIDR entries of the permission that admit the whole internet
// (0.0.0.0/0, ::/0), as values so that messages quote them through redaction.
func (p sgPermission) internetSources() []pack.Value { return p.sourcesWhere(network.IsInternet) }

// sourcesWhere returns the CIDR entries of the permission that match.
func (p sgPermission) sourcesWhere(match func(cidr string) bool) []pack.Value {
	var out []pack.Value
	for _, list := range p.cidrs {
		for _, cidr := range list.Items() {
			if match(cidr.Text("")) {
				out = append(out, cidr)
			}
		}
	}
	return out
}

// netQuoted renders values for a message, each through redaction.
func netQuoted(values []pack.Value) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = v.String()
	}
	return strings.Join(parts, ", ")
}

// sgPortRangeText renders a port range for messages.
func sgPortRangeText(r network.PortRange) string {
	if r == network.AllPorts {
		return "all ports"
	}
	if r.From == r.To {
		return "port " + strconv.Itoa(r.From)
	}
	return fmt.Sprintf("ports %d-%d", r.From, r.To)
}

// sgAdminPortSettings are the TCP ports aws-security-group-admin-ports-open watches, and the
// networks allowed to reach them.
type sgAdminPortSettings struct {
	Ports        []int    `json:"ports"`
	AllowedCidrs []string `json:"allowedCidrs"`

	allowed []netip.Prefix
}

func (s *sgAdminPortSettings) Prepare() error {
	if err := network.CheckPortsListed(s.Ports); err != nil {
		return err
	}
	for _, cidr := range s.AllowedCidrs {
		p, err := netip.ParsePrefix(strings.TrimSpace(cidr))
		if err != nil {
			return fmt.Errorf("allowedCidrs: %w", err)
		}
		s.allowed = append(s.allowed, p.Masked())
	}
	return nil
}

// outside reports whether a source CIDR reaches beyond every allowed network. Sources that are
// not CIDRs (prefix lists, security groups) are not judged.
func (s *sgAdminPortSettings) outside(source string) bool {
	p, err := netip.ParsePrefix(strings.TrimSpace(source))
	if err != nil {
		return false
	}
	for _, allowed := range s.allowed {
		if allowed.Bits() <= p.Bits() && allowed.Contains(p.Addr()) {
			return false
		}
	}
	return true
}

// sgAllowedPortSettings are the ports aws-security-group-ingress-unrestricted lets face the internet.
type sgAllowedPortSettings struct {
	AllowedTCPPorts []int `json:"allowedTcpPorts"`
	AllowedUDPPorts []int `json:"allowedUdpPorts"`
}

func init() {
	register(
		pack.Policy{
			Name:        "aws-security-group-admin-ports-open",
			DisplayName: "Security groups do not open administration ports to the internet",
			Description: "No security group ingress rule admits 0.0.0.0/0 or ::/0 to a remote-administration or " +
				"database port (SSH, RDP, Telnet, FTP, SMB, WinRM, VNC, SQL Server, MySQL, PostgreSQL, Oracle, " +
				"Redis, MongoDB, Elasticsearch, Memcached, Docker, etcd, Kubernetes API and kubelet by default). " +
				"Rules for all protocols (-1) cover every port. Also covers FSBP EC2.13, EC2.14, EC2.53 and EC2.54.",
			Severity:  pack.Critical,
			Framework: frameworks.FSBP("EC2.19"),
			Tags:      []string{"aws", "ec2", "network", "cis:5.2", "cis:5.3"},
			Remediation: "Restrict the rule's source (cidrBlocks/ipv6CidrBlocks, or cidrIpv4/cidrIpv6) to the " +
				"networks that administer the instances, or reference a security group instead; better, reach " +
				"instances through AWS Systems Manager Session Manager, a bastion or a VPN and drop the rule.",
			Types:      sgIngressTypes,
			Supersedes: []string{"aws-security-group-ingress-unrestricted"},
			Config: pack.Schema{Properties: map[string]pack.JSONSchema{
				"ports": pack.IntegerList("TCP ports that must not be open to the internet. Default: 20, 21 (FTP), "+
					"22 (SSH), 23 (Telnet), 135 (MS RPC), 139 (NetBIOS), 445 (SMB), 1433, 1434 (SQL Server), "+
					"1521 (Oracle), 2375, 2376 (Docker API), 2379, 2380 (etcd), 3306 (MySQL), 3389 (RDP), "+
					"5432 (PostgreSQL), 5900 (VNC), 5985, 5986 (WinRM), 6379 (Redis), 6443 (Kubernetes API), "+
					"9200, 9300 (Elasticsearch), 10250 (kubelet), 11211 (Memcached), 27017, 27018 (MongoDB).",
					0, 65535, awsSortedAdminPorts()...),
				"allowedCidrs": pack.StringList("Networks (CIDRs) that may reach the administration ports, e.g. " +
					"the VPN's. When set, a source outside all of them is reported too, not only the internet. " +
					"Default: none (only sources open to the whole internet are reported)."),
			}},
			Settings: func() any { return &sgAdminPortSettings{} },
			Resource: checkSGAdminPorts,
		},
		pack.Policy{
			Name:        "aws-security-group-ingress-unrestricted",
			DisplayName: "Security groups admit the internet only on allowed ports",
			Description: "Security group ingress rules that admit 0.0.0.0/0 or ::/0 open only the allowed TCP and " +
				"UDP ports (by default TCP 80 and 443). A rule for all protocols (-1) is never allowed from the " +
				"internet. ICMP rules are not judged. A rule that also opens an administration port is reported " +
				"once, by aws-security-group-admin-ports-open.",
			Severity:  pack.High,
			Framework: frameworks.FSBP("EC2.18"),
			Tags:      []string{"aws", "ec2", "network"},
			Remediation: "Narrow the rule to the allowed ports (fromPort/toPort and protocol), or restrict its source " +
				"(cidrBlocks/ipv6CidrBlocks, or cidrIpv4/cidrIpv6) to known networks. If the port must face the " +
				"internet, add it to this policy's allowedTcpPorts or allowedUdpPorts setting.",
			Types: sgIngressTypes,
			Config: pack.Schema{Properties: map[string]pack.JSONSchema{
				"allowedTcpPorts": pack.IntegerList("TCP ports that may be open to the internet. Default: 80, 443.",
					0, 65535, 80, 443),
				"allowedUdpPorts": pack.IntegerList("UDP ports that may be open to the internet. Default: none.",
					0, 65535),
			}},
			Settings: func() any { return &sgAllowedPortSettings{} },
			Resource: checkSGIngressUnrestricted,
		},
		pack.Policy{
			Name:        "aws-security-group-rule-description",
			DisplayName: "Security group rules have descriptions",
			Description: "Every security group rule (inline ingress/egress entries and standalone rule resources) " +
				"says what it is for, so reviewers can tell a needed opening from a forgotten one.",
			Severity:    pack.Low,
			Framework:   frameworks.WellArchitected("SEC05-BP02"),
			Tags:        []string{"aws", "ec2", "network", "hygiene"},
			Remediation: "Set description on each rule: why it exists and who needs it.",
			Types:       sgAllRuleTypes,
			Resource:    checkSGRuleDescription,
		},
		pack.Policy{
			Name:        "aws-default-security-group-closed",
			DisplayName: "Default security groups allow no traffic",
			Description: "A managed default security group declares no ingress or egress rules, so that resources " +
				"launched without an explicit security group get no access. When Pulumi adopts a default security " +
				"group it removes every rule not declared.",
			Severity:  pack.High,
			Framework: frameworks.FSBP("EC2.2"),
			Tags:      []string{"aws", "ec2", "vpc", "network", "cis:5.4"},
			Remediation: "Remove all ingress and egress entries from the DefaultSecurityGroup (declare it with none), " +
				"and put the rules the workloads need on security groups of their own.",
			Types:    []string{netDefaultSecurityGroupType},
			Resource: checkDefaultSecurityGroupClosed,
		},
		pack.Policy{
			Name:        "aws-security-group-no-rule-management-conflicts",
			DisplayName: "Security groups do not mix inline rules with separate rule resources",
			Description: "A security group that lists ingress (or egress) rules inline is not also the target of " +
				"separate aws.ec2.SecurityGroupRule or aws.vpc.SecurityGroupIngressRule/SecurityGroupEgressRule " +
				"resources of the same direction (securityGroupId): the provider documents that mixing them makes " +
				"each overwrite the other, so rules disappear or come back on every update. The stack's outputs " +
				"list every rule the group held when last read, so an inline rule whose protocol, ports and every " +
				"source a separate rule of the group declares is taken for that rule's. An inline list left " +
				"explicitly empty (ingress: []), which removes every rule of its direction, reads like an unset one " +
				"in the outputs and is not reported.",
			Severity:  pack.Medium,
			Framework: frameworks.WellArchitected("SEC01-BP06"),
			Tags:      []string{"aws", "ec2", "network", "drift"},
			Remediation: "Manage each direction of a group one way only: move the inline ingress/egress entries to " +
				"aws.vpc.SecurityGroupIngressRule and aws.vpc.SecurityGroupEgressRule resources (one source each) " +
				"and remove the lists from the group, or fold the separate rules into the inline lists.",
			Types: []string{NetSecurityGroupType},
			Stack: checkSGRuleManagementConflicts,
		},
	)
}

func checkSGAdminPorts(c *pack.Check, r *pack.Resource) {
	settings := pack.SettingsOf[sgAdminPortSettings](c)
	watched := settings.Ports
	for _, p := range sgPermissions(r, "ingress") {
		protocol := awsIPProtocol(p.protocol)
		if protocol != "tcp" && protocol != "all" {
			continue // admin and database services listen on TCP; other protocols do not reach them
		}
		rng := p.ports(protocol)
		var open []string
		for _, port := range watched {
			if rng.Includes(port) {
				open = append(open, sgPortName(port))
			}
		}
		if len(open) == 0 {
			continue
		}
		if sources := p.internetSources(); len(sources) > 0 {
			c.ViolateAt(p.path, "%s admits %s to %s (%s, %s): anyone on the internet can reach these administration or "+
				"database ports; restrict %s to known networks or reach the hosts through Session Manager or a VPN",
				p.where, netQuoted(sources), strings.Join(open, ", "), sgProtocolLabel(protocol), sgPortRangeText(rng),
				p.cidrProps)
			continue
		}
		if len(settings.allowed) == 0 {
			continue
		}
		if sources := p.sourcesWhere(settings.outside); len(sources) > 0 {
			c.ViolateAt(p.path, "%s admits %s to %s (%s, %s), outside the networks allowed to administer hosts (%s): "+
				"restrict %s to them", p.where, netQuoted(sources), strings.Join(open, ", "), sgProtocolLabel(protocol),
				sgPortRangeText(rng), strings.Join(settings.AllowedCidrs, ", "), p.cidrProps)
		}
	}
}

// sgPortName renders a port with the service it usually carries, e.g. "22 (SSH)".
func sgPortName(port int) string {
	if name, ok := awsAdminPorts[port]; ok {
		return fmt.Sprintf("%d (%s)", port, name)
	}
	return strconv.Itoa(port)
}

// sgProtocolLabel renders a normalized protocol for messages.
func sgProtocolLabel(protocol string) string {
	if protocol == "all" {
		return "all protocols"
	}
	return protocol
}

func checkSGIngressUnrestricted(c *pack.Check, r *pack.Resource) {
	s := pack.SettingsOf[sgAllowedPortSettings](c)
	for _, p := range sgPermissions(r, "ingress") {
		protocol := awsIPProtocol(p.protocol)
		var allowed []int
		switch protocol {
		case "all":
		case "tcp":
			allowed = s.AllowedTCPPorts
		case "udp":
			allowed = s.AllowedUDPPorts
		default:
			continue // ICMP and other protocols carry no ports
		}
		rng := p.ports(protocol)
		if protocol != "all" && sgPortsAllowed(rng, allowed) {
			continue
		}
		sources := p.internetSources()
		if len(sources) == 0 {
			continue
		}
		if protocol == "all" {
			c.ViolateAt(p.path, "%s admits %s on all protocols and ports: name the protocol and the ports the service "+
				"needs, or restrict %s to known networks", p.where, netQuoted(sources), p.cidrProps)
			continue
		}
		c.ViolateAt(p.path, "%s admits %s on %s %s, beyond the %s ports allowed from the internet (%s): narrow fromPort/"+
			"toPort or restrict %s to known networks", p.where, netQuoted(sources), protocol, sgPortRangeText(rng),
			protocol, sgAllowedList(allowed), p.cidrProps)
	}
}

// sgPortsAllowed reports whether every port of the range is in the allowed list.
func sgPortsAllowed(rng network.PortRange, allowed []int) bool {
	if rng.To-rng.From+1 > len(allowed) {
		return false
	}
	for port := rng.From; port <= rng.To; port++ {
		if !slices.Contains(allowed, port) {
			return false
		}
	}
	return true
}

// sgAllowedList renders a port list for messages, "none" when empty.
func sgAllowedList(ports []int) string {
	if len(ports) == 0 {
		return "none"
	}
	parts := make([]string, len(ports))
	for i, p := range ports {
		parts[i] = strconv.Itoa(p)
	}
	return strings.Join(parts, ", ")
}

func checkSGRuleDescription(c *pack.Check, r *pack.Resource) {
	for _, direction := range []string{"ingress", "egress"} {
		for _, p := range sgPermissions(r, direction) {
			if netBlank(p.description) {
				c.Violatef("%s has no description: set description to say why the rule exists", p.where)
			}
		}
	}
}

func checkDefaultSecurityGroupClosed(c *pack.Check, r *pack.Resource) {
	for _, list := range known.ValuesFirst([]pack.Value{r.Get("ingress"), r.Get("egress")}) {
		if n := len(list.Items()); n > 0 {
			c.Violatef("default security group %q declares %s: resources launched without a security "+
				"group of their own would get this access; remove every %s entry", r.Name, pack.Count(n, list.Path()+" rule"),
				list.Path())
		}
	}
}

func checkSGRuleManagementConflicts(c *pack.Check, s *pack.Stack) {
	rules := joins.Sides(s, sgSeparateRuleTypes, sgSeparateRuleKey)
	c.ForEach(s.OfType(NetSecurityGroupType), func(sg *pack.Resource) {
		separate := rules.Of(sg)
		for _, direction := range []string{"ingress", "egress"} {
			var grants []sgGrant
			var names []string
			for _, r := range separate {
				if g, ok := sgSeparateGrant(r, sg, direction); ok {
					grants = append(grants, g)
					names = append(names, strconv.Quote(r.Name))
				}
			}
			if len(grants) == 0 {
				continue
			}
			var inline []string
			for _, item := range known.ValuesFirst(sg.Get(direction).Items()) {
				if !sgInlineGrant(item, sg).within(grants) {
					inline = append(inline, item.Path())
				}
			}
			if len(inline) == 0 {
				continue
			}
			c.Report(pack.Violation{URN: sg.URN, Message: fmt.Sprintf("security group %q lists %s rules inline (%s) "+
				"and is also the target of separate %s rules (%s): the provider overwrites one with the other on "+
				"every update, so rules disappear or come back; declare every %s rule one way only", sg.Name,
				direction, strings.Join(inline, ", "), direction, strings.Join(names, ", "), direction)})
		}
	})
}

// sgGrant is what one rule admits: a protocol ("all" for every protocol and port), a port range
// (ICMP type and code), and its sources or destinations (CIDRs, prefix list ids, security group
// ids; a group's own id for self).
type sgGrant struct {
	protocol string
	from, to int
	sources  []string
}

// sgSeparateGrant reads what a separate rule resource adds to security group sg in one
// direction; false when the rule is of the other direction.
func sgSeparateGrant(r, sg *pack.Resource, direction string) (sgGrant, bool) {
	if r.Type == netSecurityGroupRuleType {
		if !netTextIs(r.Get("type"), "", direction) {
			return sgGrant{}, false
		}
		g := sgGrant{protocol: awsIPProtocol(r.Get("protocol")), from: r.Get("fromPort").Int(0), to: r.Get("toPort").Int(0)}
		for _, prop := range []string{"cidrBlocks", "ipv6CidrBlocks", "prefixListIds", "sourceSecurityGroupId"} {
			g.sources = append(g.sources, sgSourceKeys(r.Get(prop))...)
		}
		if r.Get("self").Bool(false) {
			g.sources = append(g.sources, sgSourceKeys(sg.Get("id"))...)
		}
		return g, true
	}
	if (r.Type == netSGIngressRuleType) != (direction == "ingress") {
		return sgGrant{}, false
	}
	g := sgGrant{protocol: awsIPProtocol(r.Get("ipProtocol")), from: r.Get("fromPort").Int(0), to: r.Get("toPort").Int(0)}
	for _, prop := range []string{"cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"} {
		g.sources = append(g.sources, sgSourceKeys(r.Get(prop))...)
	}
	return g, true
}

// sgInlineGrant reads what an inline ingress[]/egress[] entry of security group sg admits.
func sgInlineGrant(item pack.Value, sg *pack.Resource) sgGrant {
	g := sgGrant{protocol: awsIPProtocol(item.Get("protocol")), from: item.Get("fromPort").Int(0), to: item.Get("toPort").Int(0)}
	for _, prop := range []string{"cidrBlocks", "ipv6CidrBlocks", "prefixListIds", "securityGroups"} {
		g.sources = append(g.sources, sgSourceKeys(item.Get(prop))...)
	}
	if item.Get("self").Bool(false) {
		g.sources = append(g.sources, sgSourceKeys(sg.Get("id"))...)
	}
	return g
}

// sgSourceKeys reads CIDRs, prefix list ids or security group ids for comparison: trimmed, in
// lower case, a group of another account ("123456789012/sg-1") by its id.
func sgSourceKeys(v pack.Value) []string {
	var out []string
	for _, s := range v.Strings() {
		s = strings.ToLower(strings.TrimSpace(s))
		if i := strings.LastIndex(s, "/"); i >= 0 && strings.HasPrefix(s[i+1:], "sg-") {
			s = s[i+1:]
		}
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// within reports whether separate rules grant all of g: every source of g on the same protocol
// and ports. An inline entry in the outputs that they cover is read back from them.
func (g sgGrant) within(separate []sgGrant) bool {
	if len(g.sources) == 0 {
		return false
	}
	for _, source := range g.sources {
		if !slices.ContainsFunc(separate, func(s sgGrant) bool {
			return s.protocol == g.protocol && (g.protocol == "all" || s.from == g.from && s.to == g.to) &&
				slices.Contains(s.sources, source)
		}) {
			return false
		}
	}
	return true
}
