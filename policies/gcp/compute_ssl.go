package gcp

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// SSL policies of Google Cloud load balancers, global and regional. minTlsVersion (TLS_1_0 by
// default) and profile (COMPATIBLE by default) are the same in pulumi-gcp v8 (8.41) and v9 (9.37);
// v9 adds TLS_1_3.

var gcpSSLPolicyTypes = []string{"gcp:compute/sSLPolicy:SSLPolicy", "gcp:compute/regionSslPolicy:RegionSslPolicy"}

func init() { register(gcpSSLPolicyModernTLS) }

var gcpSSLPolicyModernTLS = pack.Policy{
	Name:        "gcp-compute-ssl-policy-modern-tls",
	DisplayName: "Load balancer SSL policies require TLS 1.2 and no weak ciphers",
	Description: "SSL policies of HTTPS and SSL proxy load balancers set minTlsVersion TLS_1_2 or later and a " +
		"profile other than COMPATIBLE (MODERN, RESTRICTED, FIPS_202205 or CUSTOM). Both default to the weakest " +
		"choice (TLS_1_0, COMPATIBLE), which accepts TLS 1.0 and 1.1 and weak cipher suites. The features of a " +
		"CUSTOM profile are not judged.",
	Severity:    pack.Medium,
	Framework:   frameworks.CISGCP("3.9"),
	Tags:        []string{"gcp", "compute", "network", "tls"},
	Remediation: "Set minTlsVersion: \"TLS_1_2\" and profile: \"MODERN\" (or \"RESTRICTED\").",
	Types:       gcpSSLPolicyTypes,
	Resource:    checkGCPSSLPolicyModernTLS,
}

func checkGCPSSLPolicyModernTLS(c *pack.Check, r *pack.Resource) {
	version := r.Get("minTlsVersion")
	switch v := strings.ToUpper(strings.TrimSpace(version.Text("TLS_1_0"))); v {
	case "TLS_1_0", "TLS_1_1":
		got := "does not set minTlsVersion (it defaults to TLS_1_0)"
		if version.Exists() {
			got = "has minTlsVersion " + version.String()
		}
		c.Violatef("SSL policy %s %s, which accepts TLS 1.0 and 1.1: set minTlsVersion: \"TLS_1_2\"", r.Name, got)
	}
	profile := r.Get("profile")
	if strings.EqualFold(strings.TrimSpace(profile.Text("COMPATIBLE")), "COMPATIBLE") {
		got := "does not set profile (it defaults to COMPATIBLE)"
		if profile.Exists() {
			got = "has profile " + profile.String()
		}
		c.Violatef("SSL policy %s %s, which allows weak cipher suites: set profile: \"MODERN\" or \"RESTRICTED\"",
			r.Name, got)
	}
}
