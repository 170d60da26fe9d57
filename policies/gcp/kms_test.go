package gcp

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestGCPKMSKeyRotation(t *testing.T) {
	const key = "gcp:kms/cryptoKey:CryptoKey"
	props := func(p packtest.Props) packtest.Props {
		out := packtest.Props{"keyRing": "projects/p/locations/global/keyRings/ring"}
		for k, v := range p {
			out[k] = v
		}
		return out
	}
	packtest.Run(t, Policies(), "gcp-kms-key-rotation", []packtest.Case{
		{Name: "no rotation", Want: packtest.Violation, Message: `crypto key data never rotates: set rotationPeriod to "7776000s" or less`,
			Resource: packtest.Resource(key, "data", props(nil))},
		{Name: "a year", Want: packtest.Violation, Message: `rotates every "31536000s", longer than 90 days`,
			Resource: packtest.Resource(key, "data", props(packtest.Props{"rotationPeriod": "31536000s"}))},
		{Name: "90 days", Want: packtest.Pass, Resource: packtest.Resource(key, "data", props(packtest.Props{"rotationPeriod": "7776000s"}))},
		{Name: "30 days with fractions", Want: packtest.Pass,
			Resource: packtest.Resource(key, "data", props(packtest.Props{"rotationPeriod": "2592000.5s"}))},
		{Name: "explicit symmetric purpose", Want: packtest.Violation,
			Resource: packtest.Resource(key, "data", props(packtest.Props{"purpose": "ENCRYPT_DECRYPT"}))},
		{Name: "configured maximum", Want: packtest.Violation, Message: `longer than 30 days: set rotationPeriod to "2592000s"`,
			Config:   map[string]any{"maximumDays": 30},
			Resource: packtest.Resource(key, "data", props(packtest.Props{"rotationPeriod": "7776000s"}))},
		{Name: "configured maximum met", Want: packtest.Pass, Config: map[string]any{"maximumDays": 365},
			Resource: packtest.Resource(key, "data", props(packtest.Props{"rotationPeriod": "31536000s"}))},
		{Name: "asymmetric signing key", Want: packtest.NotApplicable, Message: "only symmetric encryption keys",
			Resource: packtest.Resource(key, "sign", props(packtest.Props{"purpose": "ASYMMETRIC_SIGN"}))},
		{Name: "import-only key", Want: packtest.NotApplicable, Message: "imported versions only",
			Resource: packtest.Resource(key, "byok", props(packtest.Props{"importOnly": true}))},
		{Name: "external key", Want: packtest.NotApplicable, Message: "external (Cloud EKM) keys",
			Resource: packtest.Resource(key, "ekm", props(packtest.Props{"versionTemplate": packtest.Props{
				"algorithm": "EXTERNAL_SYMMETRIC_ENCRYPTION", "protectionLevel": "EXTERNAL"}}))},
		{Name: "hsm key", Want: packtest.Violation,
			Resource: packtest.Resource(key, "hsm", props(packtest.Props{"versionTemplate": packtest.Props{
				"algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION", "protectionLevel": "HSM"}}))},
		{Name: "malformed period", Want: packtest.NotApplicable, Message: "is not a duration in seconds",
			Resource: packtest.Resource(key, "data", props(packtest.Props{"rotationPeriod": "90d"}))},
		{Name: "unknown period", Want: packtest.NotApplicable, Message: "value unknown during preview: rotationPeriod",
			Resource: packtest.Resource(key, "data", props(packtest.Props{"rotationPeriod": packtest.Unknown}))},
		{Name: "unknown purpose", Want: packtest.NotApplicable, Message: "value unknown during preview: purpose",
			Resource: packtest.Resource(key, "data", props(packtest.Props{"purpose": packtest.Unknown}))},
		{Name: "unknown import only", Want: packtest.NotApplicable, Message: "value unknown during preview: importOnly",
			Resource: packtest.Resource(key, "data", props(packtest.Props{"importOnly": packtest.Unknown}))},
		{Name: "unknown protection level", Want: packtest.NotApplicable, Message: "versionTemplate.protectionLevel",
			Resource: packtest.Resource(key, "data", props(packtest.Props{"versionTemplate": packtest.Props{"protectionLevel": packtest.Unknown}}))},
	})
}
