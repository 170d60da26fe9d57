package gcp

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
	"github.com/pulumi-securely/pulumi-securely/policies/network"
)

var gcpFirewallNoInternetAdminPorts = pack.Policy{
	Name:        "gcp-compute-firewall-no-internet-admin-ports",
	DisplayName: "VPC firewall rules do not open SSH or RDP to the internet",
	Description: "No enabled ingress VPC firewall rule allows TCP traffic from the whole internet (0.0.0.0/0, " +
		"::/0, or no source at all) to SSH, RDP or the other configured ports; a rule without ports, or for " +
		"all protocols, opens them too.",
	Severity:  pack.Critical,
	Framework: frameworks.CISGCP("3.6"),
	Tags:      []string{"gcp", "compute", "network", "cis:3.6", "cis:3.7"},
	Remediation: "Restrict sourceRanges to the addresses that need access, or reach the instances through " +
		"Identity-Aware Proxy TCP forwarding (source range 35.235.240.0/20) or a VPN.",
	Types:    []string{"gcp:compute/firewall:Firewall"},
	Config:   network.AdminPortsSchema(),
	Settings: func() any { return &network.AdminPortSettings{} },
	Resource: checkGCPFirewallAdminPorts,
}

// The rules of hierarchical, global network and regional network firewall policies, which share
// their property names.
var gcpFirewallPolicyRuleTypes = []string{"gcp:compute/firewallPolicyRule:FirewallPolicyRule",
	"gcp:compute/networkFirewallPolicyRule:NetworkFirewallPolicyRule",
	"gcp:compute/regionNetworkFirewallPolicyRule:RegionNetworkFirewallPolicyRule"}

var gcpFirewallPolicyNoInternetAdminPorts = pack.Policy{
	Name:        "gcp-compute-firewall-policy-no-internet-admin-ports",
	DisplayName: "Firewall policy rules do not open SSH or RDP to the internet",
	Description: "No enabled ingress allow rule of a hierarchical, global or regional network firewall policy " +
		"admits TCP traffic from the whole internet (0.0.0.0/0 or ::/0 in match.srcIpRanges) to SSH, RDP or the " +
		"other configured ports; a layer 4 config without ports, or for all protocols, opens them too.",
	Severity:  pack.Critical,
	Framework: frameworks.CISGCP("3.6"),
	Tags:      []string{"gcp", "compute", "network", "cis:3.6", "cis:3.7"},
	Remediation: "Restrict match.srcIpRanges to the addresses that need access, or reach the instances through " +
		"Identity-Aware Proxy TCP forwarding (source range 35.235.240.0/20) or a VPN.",
	Types:    gcpFirewallPolicyRuleTypes,
	Config:   network.AdminPortsSchema(),
	Settings: func() any { return &network.AdminPortSettings{} },
	Resource: checkGCPFirewallPolicyAdminPorts,
}

func init() {
	register(gcpFirewallNoInternetAdminPorts, gcpFirewallPolicyNoInternetAdminPorts, gcpFirewallLogging)
}

// gcpFirewallLogging: VPC firewall rules log with logConfig (metadata INCLUDE_ALL_METADATA or
// EXCLUDE_ALL_METADATA; the deprecated enableLogging still works), firewall policy rules with
// enableLogging; the same in pulumi-gcp v8 (8.41) and v9 (9.37).
var gcpFirewallLogging = pack.Policy{
	Name:        "gcp-compute-firewall-logging",
	DisplayName: "Firewall rules log the connections they match",
	Description: "Enabled VPC firewall rules log the connections they allow or deny (logConfig set, or the " +
		"deprecated enableLogging true), and so do the rules of hierarchical, global and regional network " +
		"firewall policies (enableLogging true), so that traffic reaching or blocked from instances can be " +
		"audited. goto_next policy rules, which cannot log, are not judged.",
	Severity:  pack.Medium,
	Framework: frameworks.NIST80053Rev5("AU-12"),
	Tags:      []string{"gcp", "compute", "network", "logging"},
	Remediation: "Set logConfig: { metadata: \"EXCLUDE_ALL_METADATA\" } (or INCLUDE_ALL_METADATA) on VPC firewall " +
		"rules, and enableLogging: true on firewall policy rules. Logging is billed by volume: exclude metadata " +
		"to keep it small.",
	Types:    append([]string{"gcp:compute/firewall:Firewall"}, gcpFirewallPolicyRuleTypes...),
	Resource: checkGCPFirewallLogging,
}

func checkGCPFirewallLogging(c *pack.Check, r *pack.Resource) {
	if r.Get("disabled").Bool(false) {
		c.Skip("the rule is disabled")
		return
	}
	if r.Type != "gcp:compute/firewall:Firewall" {
		if strings.EqualFold(r.Get("action").Text(""), "goto_next") {
			c.Skip("goto_next rules cannot log")
			return
		}
		if !r.Get("enableLogging").Bool(false) {
			c.Violatef("firewall policy rule %s does not log the connections it matches: set enableLogging: true", r.Name)
		}
		return
	}
	if r.Get("logConfig").Exists() || r.Get("enableLogging").Bool(false) {
		return
	}
	c.Violatef("firewall rule %s does not log the connections it matches: set logConfig: { metadata: "+
		"\"EXCLUDE_ALL_METADATA\" }", r.Name)
}

func checkGCPFirewallAdminPorts(c *pack.Check, r *pack.Resource) {
	want := pack.SettingsOf[network.AdminPortSettings](c).Ports
	if r.Get("disabled").Bool(false) || !strings.EqualFold(r.Get("direction").Text("INGRESS"), "INGRESS") {
		return
	}
	exposed := network.CoveredPorts(gcpTCPPortRanges(r.Get("allows").Items(), "protocol"), want)
	if len(exposed) == 0 {
		return
	}
	source, explicit, open := gcpFirewallInternetSource(r)
	switch {
	case !open:
	case explicit:
		c.Violatef("firewall %s allows TCP %s %s from %v, the whole internet: restrict sourceRanges to known "+
			"addresses", r.Name, network.PortPlural(exposed), network.PortList(exposed), source)
	default:
		c.Violatef("firewall %s allows TCP %s %s and sets no source ranges, tags or service accounts, so Google "+
			"Cloud admits every address (0.0.0.0/0): set sourceRanges to known addresses", r.Name,
			network.PortPlural(exposed), network.PortList(exposed))
	}
}

func checkGCPFirewallPolicyAdminPorts(c *pack.Check, r *pack.Resource) {
	want := pack.SettingsOf[network.AdminPortSettings](c).Ports
	if r.Get("disabled").Bool(false) || !strings.EqualFold(strings.TrimSpace(r.Get("direction").Text("")), "INGRESS") ||
		!strings.EqualFold(strings.TrimSpace(r.Get("action").Text("")), "allow") {
		return
	}
	match := r.Get("match")
	exposed := network.CoveredPorts(gcpTCPPortRanges(match.Get("layer4Configs").Items(), "ipProtocol"), want)
	if len(exposed) == 0 {
		return
	}
	var source pack.Value
	internet := false
	for _, s := range known.ValuesFirst(match.Get("srcIpRanges").Items()) {
		if internet = network.IsInternet(s.Text("")); internet {
			source = s
			break
		}
	}
	if !internet {
		return
	}
	// A network scope other than the internet narrows the source ranges to the networks it names.
	for _, v := range []pack.Value{match.Get("srcNetworkScope"), match.Get("srcNetworkContext")} {
		if s := strings.TrimSpace(v.Text("")); s != "" && !strings.EqualFold(s, "UNSPECIFIED") &&
			!strings.EqualFold(s, "INTERNET") {
			return
		}
	}
	c.Violatef("firewall policy rule %s allows TCP %s %s from %v, the whole internet: restrict match.srcIpRanges "+
		"to known addresses", r.Name, network.PortPlural(exposed), network.PortList(exposed), source)
}

// gcpTCPPortRanges returns the TCP port ranges that protocol and port entries match: those of the
// VPC firewall's allows (protocol) and the firewall policies' layer4Configs (ipProtocol). An entry
// for TCP ("tcp" or "6") or every protocol ("all") without ports matches every port.
func gcpTCPPortRanges(entries []pack.Value, protocolKey string) []network.PortRange {
	var ranges []network.PortRange
	for _, entry := range entries {
		switch strings.ToLower(strings.TrimSpace(entry.Get(protocolKey).Text(""))) {
		case "tcp", "6", "all":
		default:
			continue
		}
		ports := entry.Get("ports").Strings()
		if len(ports) == 0 { // no ports: every port of the protocol
			ranges = append(ranges, network.AllPorts)
		}
		for _, p := range ports {
			if pr, ok := network.ParsePortRange(p); ok && strings.TrimSpace(p) != "" {
				ranges = append(ranges, pr)
			}
		}
	}
	return ranges
}

// gcpFirewallInternetSource returns the source range of an ingress rule that admits the whole
// internet; explicit is false when the rule names no source at all, which Google Cloud takes as
// 0.0.0.0/0 (empty strings in sourceRanges count as no range, as the provider sends none).
func gcpFirewallInternetSource(r *pack.Resource) (source pack.Value, explicit, open bool) {
	named := false
	for _, s := range r.Get("sourceRanges").Items() {
		text := strings.TrimSpace(s.Text(""))
		if text == "" {
			continue
		}
		if network.IsInternet(text) {
			return s, true, true
		}
		named = true
	}
	if named || len(r.Get("sourceTags").Items()) > 0 || len(r.Get("sourceServiceAccounts").Items()) > 0 {
		return pack.Value{}, false, false
	}
	return pack.Value{}, false, true
}
