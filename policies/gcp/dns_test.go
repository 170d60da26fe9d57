package gcp

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestDNSDNSSEC(t *testing.T) {
	const zone = "gcp:dns/managedZone:ManagedZone"
	dnssec := func(state any, specs ...any) packtest.Props {
		config := packtest.Props{"state": state}
		if specs != nil {
			config["defaultKeySpecs"] = specs
		}
		return packtest.Props{"dnsName": "example.com.", "dnssecConfig": config}
	}
	spec := func(keyType, algorithm any) packtest.Props {
		return packtest.Props{"keyType": keyType, "algorithm": algorithm, "keyLength": 2048}
	}
	packtest.Run(t, Policies(), "gcp-dns-dnssec", []packtest.Case{
		{Name: "unset is off", Want: packtest.Violation,
			Message:  `public zone example does not set dnssecConfig.state, so DNSSEC is off: set dnssecConfig: { state: "on" }`,
			Resource: packtest.Resource(zone, "example", packtest.Props{"dnsName": "example.com."})},
		{Name: "off", Want: packtest.Violation, Message: `public zone example has dnssecConfig.state "off": set it to "on"`,
			Resource: packtest.Resource(zone, "example", dnssec("off"))},
		{Name: "on", Want: packtest.Pass, Resource: packtest.Resource(zone, "example", dnssec("on"))},
		{Name: "on with explicit public visibility and strong keys", Want: packtest.Pass,
			Resource: packtest.Resource(zone, "example", packtest.Props{"dnsName": "example.com.", "visibility": "public",
				"dnssecConfig": packtest.Props{"state": "on", "defaultKeySpecs": []any{spec("keySigning", "rsasha256"),
					spec("zoneSigning", "ecdsap256sha256")}}})},
		{Name: "rsasha1 key-signing key", Want: packtest.Violation, Count: 1,
			Message: `public zone example signs with "rsasha1" (key-signing key in dnssecConfig.defaultKeySpecs[0].algorithm): ` +
				"use rsasha256, rsasha512 or ecdsap256sha256",
			Resource: packtest.Resource(zone, "example", dnssec("on", spec("keySigning", "rsasha1"), spec("zoneSigning", "rsasha256")))},
		{Name: "rsasha1 for both keys", Want: packtest.Violation, Count: 2, Message: "(zone-signing key in dnssecConfig.defaultKeySpecs[1].algorithm)",
			Resource: packtest.Resource(zone, "example", dnssec("on", spec("keySigning", "RSASHA1"), spec("zoneSigning", "rsasha1")))},
		{Name: "rsasha1 key of unknown type", Want: packtest.Violation, Message: `signs with "rsasha1" (signing key in`,
			Resource: packtest.Resource(zone, "example", dnssec("on", spec(packtest.Unknown, "rsasha1")))},
		{Name: "private zone", Want: packtest.NotApplicable, Message: "a private zone",
			Resource: packtest.Resource(zone, "internal", packtest.Props{"dnsName": "corp.internal.", "visibility": "private"})},
		{Name: "unknown visibility", Want: packtest.NotApplicable, Message: "value unknown during preview: visibility",
			Resource: packtest.Resource(zone, "example", packtest.Props{"visibility": packtest.Unknown})},
		{Name: "unknown state", Want: packtest.NotApplicable, Message: "value unknown during preview: dnssecConfig.state",
			Resource: packtest.Resource(zone, "example", dnssec(packtest.Unknown))},
		{Name: "unknown algorithm", Want: packtest.NotApplicable, Message: "value unknown during preview: dnssecConfig.defaultKeySpecs[0].algorithm",
			Resource: packtest.Resource(zone, "example", dnssec("on", spec("keySigning", packtest.Unknown)))},
	})
}
