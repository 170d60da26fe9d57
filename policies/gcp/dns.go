package gcp

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

var dnsManagedZoneTypes = []string{"gcp:dns/managedZone:ManagedZone"}

var dnsDNSSEC = pack.Policy{
	Name:        "gcp-dns-dnssec",
	DisplayName: "Cloud DNS public zones are signed with DNSSEC",
	Description: "Public Cloud DNS managed zones turn DNSSEC on (it is off by default), so that resolvers can " +
		"validate their answers, and do not sign with RSASHA1. Covers CIS 3.3, 3.4 and 3.5.",
	Severity:  pack.Medium,
	Framework: frameworks.CISGCP("3.3"),
	Tags:      []string{"gcp", "dns", "network", "cis:3.4", "cis:3.5"},
	Remediation: "Set dnssecConfig: { state: \"on\" } and, where you choose the algorithms, give defaultKeySpecs " +
		"an algorithm other than rsasha1 (rsasha256, rsasha512 or ecdsap256sha256). Then publish the zone's DS " +
		"record at the domain's registrar.",
	Types:    dnsManagedZoneTypes,
	Resource: checkDNSDNSSEC,
}

func init() { register(dnsDNSSEC) }

func checkDNSDNSSEC(c *pack.Check, r *pack.Resource) {
	if !strings.EqualFold(strings.TrimSpace(r.Get("visibility").Text("public")), "public") {
		c.Skip("a private zone: DNSSEC applies to public zones")
		return
	}
	config := r.Get("dnssecConfig")
	state := config.Get("state")
	switch {
	case !state.Exists():
		c.Violatef("public zone %s does not set dnssecConfig.state, so DNSSEC is off: set dnssecConfig: { state: "+
			"\"on\" }", r.Name)
	case !strings.EqualFold(strings.TrimSpace(state.Text("")), "on"):
		c.Violatef("public zone %s has dnssecConfig.state %v: set it to \"on\"", r.Name, state)
	}
	for _, spec := range config.Get("defaultKeySpecs").Items() {
		if algorithm := spec.Get("algorithm"); strings.EqualFold(strings.TrimSpace(algorithm.Text("")), "rsasha1") {
			kind := "signing key" // the algorithm is weak whatever the key's type, known or not
			if keyType := spec.Get("keyType"); !keyType.Unknown() {
				kind = dnsKeyKind(keyType.Text(""))
			}
			c.Violatef("public zone %s signs with %v (%s in %s): use rsasha256, rsasha512 or ecdsap256sha256",
				r.Name, algorithm, kind, algorithm.Path())
		}
	}
}

// dnsKeyKind names a DNSSEC key type in messages.
func dnsKeyKind(keyType string) string {
	switch strings.ToLower(strings.TrimSpace(keyType)) {
	case "keysigning":
		return "key-signing key"
	case "zonesigning":
		return "zone-signing key"
	}
	return "signing key"
}
