package azure

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestRedisTLS(t *testing.T) {
	const (
		redis        = "azure-native:redis:Redis"
		classicRedis = "azure:redis/cache:Cache"
	)
	sku := packtest.Props{"name": "Standard", "family": "C", "capacity": 1}
	packtest.Run(t, Policies(), "azure-redis-tls", []packtest.Case{
		{Name: "non-tls port open", Want: packtest.Violation,
			Message:  "Azure Cache for Redis cache has enableNonSslPort true: clients can read and write its data in plain text on port 6379",
			Resource: packtest.Resource(redis, "cache", packtest.Props{"sku": sku, "enableNonSslPort": true})},
		{Name: "tls 1.0", Want: packtest.Violation,
			Message:  `Azure Cache for Redis cache has minimumTlsVersion "1.0", which accepts TLS versions older than 1.2`,
			Resource: packtest.Resource(redis, "cache", packtest.Props{"sku": sku, "minimumTlsVersion": "1.0"})},
		{Name: "tls 1.1", Want: packtest.Violation,
			Resource: packtest.Resource(redis, "cache", packtest.Props{"sku": sku, "minimumTlsVersion": "1.1"})},
		{Name: "tls 1.2, port closed", Want: packtest.Pass,
			Resource: packtest.Resource(redis, "cache", packtest.Props{"sku": sku, "enableNonSslPort": false, "minimumTlsVersion": "1.2"})},
		{Name: "unset is tls 1.2, port closed", Want: packtest.Pass,
			Resource: packtest.Resource(redis, "cache", packtest.Props{"sku": sku})},
		{Name: "azure-native 2.x cache module", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:cache:Redis", "cache", packtest.Props{"enableNonSslPort": true})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:cache/v20230801:Redis", "cache", packtest.Props{"minimumTlsVersion": "1.0"})},
		{Name: "classic 6.x port open", Want: packtest.Violation, Message: "Azure Cache for Redis cache has nonSslPortEnabled true",
			Resource: packtest.Resource(classicRedis, "cache", packtest.Props{"skuName": "Standard", "nonSslPortEnabled": true})},
		{Name: "classic 5.x port open", Want: packtest.Violation, Message: "Azure Cache for Redis cache has enableNonSslPort true",
			Resource: packtest.Resource(classicRedis, "cache", packtest.Props{"skuName": "Standard", "enableNonSslPort": true})},
		{Name: "classic provider default tls 1.0", Want: packtest.Violation, Message: `has minimumTlsVersion "1.0"`,
			Resource: packtest.Resource(classicRedis, "cache", packtest.Props{"skuName": "Standard", "minimumTlsVersion": "1.0",
				"nonSslPortEnabled": false})},
		{Name: "classic tls 1.2", Want: packtest.Pass,
			Resource: packtest.Resource(classicRedis, "cache", packtest.Props{"skuName": "Standard", "minimumTlsVersion": "1.2",
				"nonSslPortEnabled": false})},
		{Name: "unknown port", Want: packtest.NotApplicable, Message: "value unknown during preview: enableNonSslPort",
			Resource: packtest.Resource(redis, "cache", packtest.Props{"enableNonSslPort": packtest.Unknown, "minimumTlsVersion": "1.2"})},
		{Name: "unknown tls version", Want: packtest.NotApplicable, Message: "value unknown during preview: minimumTlsVersion",
			Resource: packtest.Resource(redis, "cache", packtest.Props{"minimumTlsVersion": packtest.Unknown})},
		{Name: "open port reported while the tls version is unknown", Want: packtest.Violation, Message: "enableNonSslPort true",
			Resource: packtest.Resource(redis, "cache", packtest.Props{"enableNonSslPort": true, "minimumTlsVersion": packtest.Unknown})},
		{Name: "classic unknown port", Want: packtest.NotApplicable, Message: "value unknown during preview: nonSslPortEnabled",
			Resource: packtest.Resource(classicRedis, "cache", packtest.Props{"nonSslPortEnabled": packtest.Unknown})},
	})
}
