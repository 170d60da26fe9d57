package gcp

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestGCPSSLPolicyModernTLS(t *testing.T) {
	const global, regional = "gcp:compute/sSLPolicy:SSLPolicy", "gcp:compute/regionSslPolicy:RegionSslPolicy"
	policy := func(version, profile any) packtest.Props {
		return packtest.Props{"minTlsVersion": version, "profile": profile}
	}
	packtest.Run(t, Policies(), "gcp-compute-ssl-policy-modern-tls", []packtest.Case{
		{Name: "defaults", Want: packtest.Violation, Count: 2,
			Message:  "SSL policy tls does not set minTlsVersion (it defaults to TLS_1_0)",
			Resource: packtest.Resource(global, "tls", packtest.Props{})},
		{Name: "TLS 1.1", Want: packtest.Violation, Count: 1, Message: `has minTlsVersion "TLS_1_1"`,
			Resource: packtest.Resource(global, "tls", policy("TLS_1_1", "MODERN"))},
		{Name: "compatible profile", Want: packtest.Violation, Count: 1, Message: `has profile "COMPATIBLE", which allows weak cipher suites`,
			Resource: packtest.Resource(regional, "tls", policy("TLS_1_2", "COMPATIBLE"))},
		{Name: "modern", Want: packtest.Pass, Resource: packtest.Resource(global, "tls", policy("TLS_1_2", "MODERN"))},
		{Name: "restricted TLS 1.3", Want: packtest.Pass, Resource: packtest.Resource(regional, "tls", policy("TLS_1_3", "RESTRICTED"))},
		{Name: "unknown version", Want: packtest.NotApplicable, Message: "value unknown during preview: minTlsVersion",
			Resource: packtest.Resource(global, "tls", policy(packtest.Unknown, "MODERN"))},
		{Name: "unknown profile", Want: packtest.NotApplicable, Message: "value unknown during preview: profile",
			Resource: packtest.Resource(global, "tls", policy("TLS_1_2", packtest.Unknown))},
	})
}
