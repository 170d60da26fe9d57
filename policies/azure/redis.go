package azure

import (
	"slices"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// Azure Cache for Redis is azure-native's redis module from version 3 on, its cache module before;
// azure-native 2.x generated these API versions of cache besides its default, all with the same
// property names.
var redisCacheTypes = slices.Concat(azureNativeTypes("redis", "Redis"),
	azureNativeTypes("cache", "Redis", "20200601", "20230401", "20230501preview", "20230801", "20240301",
		"20240401preview", "20241101"),
	[]string{"azure:redis/cache:Cache"})

var redisTLS = pack.Policy{
	Name:        "azure-redis-tls",
	DisplayName: "Azure Cache for Redis accepts TLS 1.2 connections only",
	Description: "Azure Cache for Redis caches keep the non-TLS port (6379) closed and do not lower their minimum " +
		"TLS version below 1.2.",
	Severity:  pack.High,
	Framework: frameworks.MCSB("DP-3"),
	Tags:      []string{"azure", "redis", "encryption"},
	Remediation: "Remove enableNonSslPort: true (nonSslPortEnabled in the classic azure provider 6.x, " +
		"enableNonSslPort before) and connect on the TLS port 6380; set minimumTlsVersion: \"1.2\", or leave it " +
		"unset on azure-native, and upgrade the clients that cannot use TLS 1.2.",
	Types:    redisCacheTypes,
	Resource: checkRedisTLS,
}

func init() { register(redisTLS) }

func checkRedisTLS(c *pack.Check, r *pack.Resource) {
	portName, port := "enableNonSslPort", r.Get("enableNonSslPort")
	if isClassicAzure(r.Type) {
		portName, port = firstSet(r, "nonSslPortEnabled", "enableNonSslPort")
	}
	// Both providers and Azure keep the non-TLS port closed when the setting is unset.
	open := port.Bool(false)
	if open {
		c.Violatef("Azure Cache for Redis %s has %s true: clients can read and write its data in plain text on "+
			"port 6379; set %s: false and connect on port 6380", r.Name, portName, portName)
	}
	// Left unset, Azure has created caches with a minimum of TLS 1.2 since 2020 and no longer accepts
	// TLS 1.0 or 1.1; only an explicit older version is reported. The classic provider fills in its
	// own default, "1.0", which is then reported as the value it sends.
	v := r.Get("minimumTlsVersion")
	if known.OneOf(v, "1.0", "1.1") {
		c.Violatef("Azure Cache for Redis %s has minimumTlsVersion %v, which accepts TLS versions older than "+
			"1.2: set minimumTlsVersion: \"1.2\"", r.Name, v)
	} else if !open {
		known.Require(v) // an open port is reported whatever the TLS version turns out to be
	}
}
