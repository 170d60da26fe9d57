package policies

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

var gcpFirewallNoInternetAdminPorts = pack.Policy{
	Name:        "gcp-compute-firewall-no-internet-admin-ports",
	DisplayName: "VPC firewall rules do not open SSH or RDP to the internet",
	Description: "No enabled ingress VPC firewall rule allows TCP traffic from the whole internet (0.0.0.0/0, " +
		"::/0, or no source at all) to SSH, RDP or the other configured ports; a rule without ports, or for " +
		"all protocols, opens them too.",
	Severity:  pack.Critical,
	Framework: cisGCP("3.6"),
	Tags:      []string{"gcp", "compute", "network", "cis:3.6", "cis:3.7"},
	Remediation: "Restrict sourceRanges to the addresses that need access, or reach the instances through " +
		"Identity-Aware Proxy TCP forwarding (source range 35.235.240.0/20) or a VPN.",
	Types:    []string{"gcp:compute/firewall:Firewall"},
	Config:   adminPortsSchema(),
	Settings: func() any { return &adminPortSettings{} },
	Resource: checkGCPFirewallAdminPorts,
}

func init() { register(gcpFirewallNoInternetAdminPorts) }

func checkGCPFirewallAdminPorts(c *pack.Check, r *pack.Resource) {
	want := pack.SettingsOf[adminPortSettings](c).Ports
	if r.Get("disabled").Bool(false) || !strings.EqualFold(r.Get("direction").Text("INGRESS"), "INGRESS") {
		return
	}
	var ranges []portRange
	for _, allow := range r.Get("allows").Items() {
		switch strings.ToLower(strings.TrimSpace(allow.Get("protocol").Text(""))) {
		case "tcp", "6", "all":
		default:
			continue
		}
		ports := allow.Get("ports").Strings()
		if len(ports) == 0 { // no ports: every port of the protocol
			ranges = append(ranges, allPorts)
		}
		for _, p := range ports {
			if pr, ok := parsePortRange(p); ok && strings.TrimSpace(p) != "" {
				ranges = append(ranges, pr)
			}
		}
	}
	exposed := coveredPorts(ranges, want)
	if len(exposed) == 0 {
		return
	}
	source, explicit, open := gcpFirewallInternetSource(r)
	switch {
	case !open:
	case explicit:
		c.Violatef("firewall %s allows TCP %s %s from %v, the whole internet: restrict sourceRanges to known "+
			"addresses", r.Name, portPlural(exposed), portList(exposed), source)
	default:
		c.Violatef("firewall %s allows TCP %s %s and sets no source ranges, tags or service accounts, so Google "+
			"Cloud admits every address (0.0.0.0/0): set sourceRanges to known addresses", r.Name,
			portPlural(exposed), portList(exposed))
	}
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
		if isInternet(text) {
			return s, true, true
		}
		named = true
	}
	if named || len(r.Get("sourceTags").Items()) > 0 || len(r.Get("sourceServiceAccounts").Items()) > 0 {
		return pack.Value{}, false, false
	}
	return pack.Value{}, false, true
}
