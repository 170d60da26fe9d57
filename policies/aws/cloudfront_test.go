package aws

import (
	"maps"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

const tokDistribution = "aws:cloudfront/distribution:Distribution"

// cfDistribution makes a distribution with one S3 origin "s3" behind a redirect-to-https default
// behavior, a custom certificate at TLSv1.2_2021 and the given properties on top.
func cfDistribution(extra packtest.Props) packtest.Props {
	p := packtest.Props{
		"enabled": true,
		"origins": []any{packtest.Props{"originId": "s3", "domainName": "b.s3.amazonaws.com"}},
		"defaultCacheBehavior": packtest.Props{"targetOriginId": "s3", "viewerProtocolPolicy": "redirect-to-https",
			"allowedMethods": []any{"GET", "HEAD"}, "cachedMethods": []any{"GET", "HEAD"}},
		"viewerCertificate": packtest.Props{"acmCertificateArn": "arn:aws:acm:us-east-1:1:certificate/x",
			"sslSupportMethod": "sni-only", "minimumProtocolVersion": "TLSv1.2_2021"},
		"restrictions": packtest.Props{"geoRestriction": packtest.Props{"restrictionType": "none"}},
	}
	maps.Copy(p, extra)
	return p
}

func cfBehavior(origin, policy any) packtest.Props {
	return packtest.Props{"pathPattern": "/api/*", "targetOriginId": origin, "viewerProtocolPolicy": policy,
		"allowedMethods": []any{"GET"}, "cachedMethods": []any{"GET"}}
}

func TestCloudFrontViewerHTTPS(t *testing.T) {
	packtest.Run(t, Policies(), "aws-cloudfront-viewer-https", []packtest.Case{
		{Name: "redirect to https", Want: packtest.Pass, Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(nil))},
		{Name: "default behavior allows HTTP", Want: packtest.Violation, Message: "defaultCacheBehavior.viewerProtocolPolicy",
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(packtest.Props{
				"defaultCacheBehavior": packtest.Props{"targetOriginId": "s3", "viewerProtocolPolicy": "allow-all"}}))},
		{Name: "ordered behavior allows HTTP", Want: packtest.Violation, Message: "orderedCacheBehaviors[1]",
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(packtest.Props{
				"orderedCacheBehaviors": []any{cfBehavior("s3", "https-only"), cfBehavior("s3", "allow-all")}}))},
		{Name: "https-only everywhere", Want: packtest.Pass,
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(packtest.Props{
				"orderedCacheBehaviors": []any{cfBehavior("s3", "https-only")}}))},
		{Name: "unknown default policy", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(packtest.Props{
				"defaultCacheBehavior": packtest.Props{"viewerProtocolPolicy": packtest.Unknown}}))},
		{Name: "unknown ordered behaviors", Want: packtest.NotApplicable, Message: "value unknown during preview: orderedCacheBehaviors",
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(packtest.Props{"orderedCacheBehaviors": packtest.Unknown}))},
		{Name: "unknown ordered entry does not hide an HTTP default", Want: packtest.Violation, Message: "defaultCacheBehavior",
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(packtest.Props{
				"defaultCacheBehavior":  packtest.Props{"targetOriginId": "s3", "viewerProtocolPolicy": "allow-all"},
				"orderedCacheBehaviors": []any{cfBehavior("s3", packtest.Unknown)}}))},
	})
}

func TestCloudFrontMinimumTLSVersion(t *testing.T) {
	cert := func(props packtest.Props) packtest.Props {
		return cfDistribution(packtest.Props{"viewerCertificate": props})
	}
	packtest.Run(t, Policies(), "aws-cloudfront-minimum-tls-version", []packtest.Case{
		{Name: "TLSv1.2_2021", Want: packtest.Pass, Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(nil))},
		{Name: "TLSv1.3_2025", Want: packtest.Pass,
			Resource: packtest.Resource(tokDistribution, "cdn", cert(packtest.Props{"acmCertificateArn": "arn",
				"minimumProtocolVersion": "TLSv1.3_2025"}))},
		{Name: "TLSv1.2_2019 is older", Want: packtest.Violation, Message: `"TLSv1.2_2019"`,
			Resource: packtest.Resource(tokDistribution, "cdn", cert(packtest.Props{"acmCertificateArn": "arn",
				"minimumProtocolVersion": "TLSv1.2_2019"}))},
		{Name: "TLSv1.1_2016", Want: packtest.Violation,
			Resource: packtest.Resource(tokDistribution, "cdn", cert(packtest.Props{"acmCertificateArn": "arn",
				"minimumProtocolVersion": "TLSv1.1_2016"}))},
		{Name: "custom certificate without minimum gets TLSv1", Want: packtest.Violation, Message: "sets no viewerCertificate.minimumProtocolVersion",
			Resource: packtest.Resource(tokDistribution, "cdn", cert(packtest.Props{"acmCertificateArn": "arn"}))},
		{Name: "default certificate", Want: packtest.Violation, Message: "default *.cloudfront.net certificate",
			Resource: packtest.Resource(tokDistribution, "cdn", cert(packtest.Props{"cloudfrontDefaultCertificate": true}))},
		{Name: "lower minimum in config", Want: packtest.Pass, Config: map[string]any{"minimumProtocolVersion": "TLSv1.2_2019"},
			Resource: packtest.Resource(tokDistribution, "cdn", cert(packtest.Props{"acmCertificateArn": "arn",
				"minimumProtocolVersion": "TLSv1.2_2019"}))},
		{Name: "stricter minimum in config", Want: packtest.Violation, Config: map[string]any{"minimumProtocolVersion": "TLSv1.3_2025"},
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(nil))},
		{Name: "unrecognized policy name", Want: packtest.NotApplicable, Message: "not a security policy name",
			Resource: packtest.Resource(tokDistribution, "cdn", cert(packtest.Props{"acmCertificateArn": "arn",
				"minimumProtocolVersion": "Future_2030"}))},
		{Name: "unknown minimum", Want: packtest.NotApplicable, Message: "value unknown during preview: viewerCertificate.minimumProtocolVersion",
			Resource: packtest.Resource(tokDistribution, "cdn", cert(packtest.Props{"acmCertificateArn": "arn",
				"minimumProtocolVersion": packtest.Unknown}))},
		{Name: "unknown default-certificate flag", Want: packtest.NotApplicable, Message: "value unknown during preview: viewerCertificate.cloudfrontDefaultCertificate",
			Resource: packtest.Resource(tokDistribution, "cdn", cert(packtest.Props{"cloudfrontDefaultCertificate": packtest.Unknown}))},
	})
}

func TestCloudFrontTLSVersionOrder(t *testing.T) {
	names := []string{"SSLv3", "TLSv1", "TLSv1_2016", "TLSv1.1_2016", "TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021",
		"TLSv1.2_2025", "TLSv1.3_2025"}
	for i := 1; i < len(names); i++ {
		a, okA := cloudFrontTLSVersion(names[i-1])
		b, okB := cloudFrontTLSVersion(names[i])
		if !okA || !okB || compareCloudFrontTLS(a, b) >= 0 {
			t.Errorf("%s should parse and sort before %s", names[i-1], names[i])
		}
	}
	for _, bad := range []string{"", "TLSv2", "TLSv1.x_2021", "TLSv1.2_20x1"} {
		if _, ok := cloudFrontTLSVersion(bad); ok {
			t.Errorf("%q should not parse", bad)
		}
	}
}

func TestCloudFrontOriginTLS(t *testing.T) {
	custom := func(policy any, protocols ...any) packtest.Props {
		return packtest.Props{"originId": "api", "domainName": "api.example.com", "customOriginConfig": packtest.Props{
			"httpPort": 80, "httpsPort": 443, "originProtocolPolicy": policy, "originSslProtocols": protocols}}
	}
	withOrigin := func(origin packtest.Props, extra packtest.Props) packtest.Props {
		p := packtest.Props{"origins": []any{packtest.Props{"originId": "s3", "domainName": "b.s3.amazonaws.com"}, origin}}
		maps.Copy(p, extra)
		return cfDistribution(p)
	}
	packtest.Run(t, Policies(), "aws-cloudfront-origin-tls", []packtest.Case{
		{Name: "https-only with TLS 1.2", Want: packtest.Pass,
			Resource: packtest.Resource(tokDistribution, "cdn", withOrigin(custom("https-only", "TLSv1.2"), nil))},
		{Name: "http-only", Want: packtest.Violation, Message: "origins[1]",
			Resource: packtest.Resource(tokDistribution, "cdn", withOrigin(custom("http-only", "TLSv1.2"), nil))},
		{Name: "SSLv3 allowed", Want: packtest.Violation, Message: "SSLv3",
			Resource: packtest.Resource(tokDistribution, "cdn", withOrigin(custom("https-only", "SSLv3", "TLSv1.2"), nil))},
		{Name: "match-viewer behind HTTPS-only behaviors", Want: packtest.Pass,
			Resource: packtest.Resource(tokDistribution, "cdn", withOrigin(custom("match-viewer", "TLSv1.2"),
				packtest.Props{"orderedCacheBehaviors": []any{cfBehavior("api", "https-only")}}))},
		{Name: "match-viewer behind an allow-all behavior", Want: packtest.Violation, Message: "match-viewer",
			Resource: packtest.Resource(tokDistribution, "cdn", withOrigin(custom("match-viewer", "TLSv1.2"),
				packtest.Props{"orderedCacheBehaviors": []any{cfBehavior("api", "allow-all")}}))},
		{Name: "match-viewer reached through an origin group", Want: packtest.Violation,
			Resource: packtest.Resource(tokDistribution, "cdn", withOrigin(custom("match-viewer", "TLSv1.2"),
				packtest.Props{
					"originGroups": []any{packtest.Props{"originId": "group", "members": []any{
						packtest.Props{"originId": "api"}, packtest.Props{"originId": "s3"}}}},
					"orderedCacheBehaviors": []any{cfBehavior("group", "allow-all")}}))},
		{Name: "allow-all behavior for another origin", Want: packtest.Pass,
			Resource: packtest.Resource(tokDistribution, "cdn", withOrigin(custom("match-viewer", "TLSv1.2"),
				packtest.Props{"orderedCacheBehaviors": []any{cfBehavior("s3", "allow-all")}}))},
		{Name: "S3 origin only", Want: packtest.Pass, Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(nil))},
		{Name: "unknown origin protocol policy", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokDistribution, "cdn", withOrigin(custom(packtest.Unknown, "TLSv1.2"), nil))},
		{Name: "unknown SSL protocols", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokDistribution, "cdn", withOrigin(custom("https-only", packtest.Unknown), nil))},
		{Name: "unknown behavior target", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokDistribution, "cdn", withOrigin(custom("match-viewer", "TLSv1.2"),
				packtest.Props{"orderedCacheBehaviors": []any{cfBehavior(packtest.Unknown, "allow-all")}}))},
		{Name: "unknown origins", Want: packtest.NotApplicable, Message: "value unknown during preview: origins",
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(packtest.Props{"origins": packtest.Unknown}))},
		{Name: "unknown customOriginConfig", Want: packtest.NotApplicable, Message: "value unknown during preview: origins[1].customOriginConfig",
			Resource: packtest.Resource(tokDistribution, "cdn", withOrigin(packtest.Props{"originId": "api",
				"customOriginConfig": packtest.Unknown}, nil))},
		{Name: "unknown originId", Want: packtest.NotApplicable, Message: "value unknown during preview: origins[1].originId",
			Resource: packtest.Resource(tokDistribution, "cdn", withOrigin(packtest.Props{"originId": packtest.Unknown,
				"customOriginConfig": packtest.Props{"originProtocolPolicy": "match-viewer"}}, nil))},
		{Name: "unknown origin groups", Want: packtest.NotApplicable, Message: "value unknown during preview: originGroups",
			Resource: packtest.Resource(tokDistribution, "cdn", withOrigin(custom("match-viewer", "TLSv1.2"),
				packtest.Props{"originGroups": packtest.Unknown}))},
		{Name: "unknown viewer policy of a behavior", Want: packtest.NotApplicable, Message: "viewerProtocolPolicy",
			Resource: packtest.Resource(tokDistribution, "cdn", withOrigin(custom("match-viewer", "TLSv1.2"),
				packtest.Props{"orderedCacheBehaviors": []any{cfBehavior("api", packtest.Unknown)}}))},
	})
}

func TestCloudFrontWAF(t *testing.T) {
	packtest.Run(t, Policies(), "aws-cloudfront-waf", []packtest.Case{
		{Name: "web ACL", Want: packtest.Pass,
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(packtest.Props{"webAclId": "arn:aws:wafv2:us-east-1:1:global/webacl/x"}))},
		{Name: "none", Want: packtest.Violation, Message: "webAclId", Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(nil))},
		{Name: "empty", Want: packtest.Violation,
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(packtest.Props{"webAclId": ""}))},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: webAclId",
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(packtest.Props{"webAclId": packtest.Unknown}))},
	})
}

func TestCloudFrontAccessLogging(t *testing.T) {
	const arn = "arn:aws:cloudfront::123456789012:distribution/E1"
	legacy := packtest.Resource(tokDistribution, "legacy", cfDistribution(packtest.Props{"arn": arn,
		"loggingConfig": packtest.Props{"bucket": "logs.s3.amazonaws.com", "includeCookies": false}}))
	bare := packtest.Resource(tokDistribution, "bare", cfDistribution(packtest.Props{"arn": arn}))
	fresh := packtest.Resource(tokDistribution, "fresh", cfDistribution(packtest.Props{"arn": packtest.Unknown}))
	source := func(resourceARN any) plugin.AnalyzerResource {
		return packtest.Resource("aws:cloudwatch/logDeliverySource:LogDeliverySource", "src", packtest.Props{
			"logType": "ACCESS_LOGS", "resourceArn": resourceARN, "name": "cdn"})
	}
	packtest.Run(t, Policies(), "aws-cloudfront-access-logging", []packtest.Case{
		{Name: "legacy S3 logging", Want: packtest.Pass, Stack: packtest.Stack(legacy)},
		{Name: "no logging", Want: packtest.Violation, Message: `distribution "bare" writes no access logs`,
			Stack: packtest.Stack(bare)},
		{Name: "v2 cookies-only loggingConfig is not logging", Want: packtest.Violation,
			Stack: packtest.Stack(packtest.Resource(tokDistribution, "v2", cfDistribution(packtest.Props{
				"loggingConfig": packtest.Props{"includeCookies": true}})))},
		{Name: "v2 logging through a delivery source", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(fresh, nil),
				packtest.DependsOn(source(packtest.Unknown), "resourceArn", fresh)}},
		{Name: "delivery source naming the arn as a plain value", Want: packtest.Pass,
			Stack: packtest.Stack(bare, source(arn))},
		{Name: "delivery source for another resource", Want: packtest.Violation,
			Stack: packtest.Stack(bare, source("arn:aws:cloudfront::123456789012:distribution/E2"))},
		{Name: "unknown bucket", Want: packtest.NotApplicable, Message: "value unknown during preview: loggingConfig.bucket",
			Stack: packtest.Stack(packtest.Resource(tokDistribution, "d", cfDistribution(packtest.Props{
				"loggingConfig": packtest.Props{"bucket": packtest.Unknown}})))},
		{Name: "unknown resourceArn of an unlinked source", Want: packtest.NotApplicable, Message: "value unknown during preview: resourceArn",
			Stack: packtest.Stack(bare, source(packtest.Unknown))},
		{Name: "no distributions", Want: packtest.NotApplicable, Message: "no resources of its types",
			Stack: packtest.Stack(source(arn))},
		{Name: "new distribution without a linked source", Want: packtest.Violation, Message: `"fresh"`,
			Stack: packtest.Stack(fresh, source(arn))},
	})
}

func TestCloudFrontDefaultRootObject(t *testing.T) {
	origins := func(list ...any) packtest.Props { return packtest.Props{"origins": list} }
	website := packtest.Props{"originId": "site", "domainName": "b.s3-website-us-east-1.amazonaws.com",
		"customOriginConfig": packtest.Props{"httpPort": 80, "httpsPort": 443, "originProtocolPolicy": "http-only",
			"originSslProtocols": []any{"TLSv1.2"}}}
	packtest.Run(t, Policies(), "aws-cloudfront-default-root-object", []packtest.Case{
		{Name: "S3 origin without a default root object", Want: packtest.Violation,
			Message:  `distribution "cdn" has an S3 origin (origins[0]) but no defaultRootObject`,
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(nil))},
		{Name: "regional S3 domain with s3OriginConfig", Want: packtest.Violation,
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(origins(packtest.Props{"originId": "s3",
				"domainName": "b.s3.eu-west-1.amazonaws.com", "s3OriginConfig": packtest.Props{"originAccessIdentity": ""}})))},
		{Name: "default root object set", Want: packtest.Pass,
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(packtest.Props{"defaultRootObject": "index.html"}))},
		{Name: "website endpoint is a custom origin", Want: packtest.Pass,
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(origins(website)))},
		{Name: "origin domain unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: origins[0].domainName",
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(origins(packtest.Props{"originId": "s3",
				"domainName": packtest.Unknown, "originAccessControlId": packtest.Unknown})))},
		{Name: "default root object unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: defaultRootObject",
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(packtest.Props{"defaultRootObject": packtest.Unknown}))},
	})
}

func TestCloudFrontOriginAccessControl(t *testing.T) {
	origins := func(list ...any) packtest.Props { return packtest.Props{"origins": list} }
	packtest.Run(t, Policies(), "aws-cloudfront-origin-access-control", []packtest.Case{
		{Name: "S3 origin without access control", Want: packtest.Violation,
			Message:  `distribution "cdn" reaches the S3 origin origins[0] without origin access control`,
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(nil))},
		{Name: "legacy origin access identity", Want: packtest.Violation,
			Message: `distribution "cdn" reaches the S3 origin origins[0] through a legacy origin access identity ` +
				`(origins[0].s3OriginConfig.originAccessIdentity)`,
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(origins(packtest.Props{"originId": "s3",
				"domainName": "b.s3.amazonaws.com", "s3OriginConfig": packtest.Props{
					"originAccessIdentity": "origin-access-identity/cloudfront/E2QWRUHAPOMQZL"}})))},
		{Name: "origin access control", Want: packtest.Pass,
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(origins(packtest.Props{"originId": "s3",
				"domainName": "b.s3.us-west-2.amazonaws.com", "originAccessControlId": "E1ABCDEF"})))},
		{Name: "custom origins are not judged", Want: packtest.Pass,
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(origins(packtest.Props{"originId": "api",
				"domainName": "api.example.com", "customOriginConfig": packtest.Props{"httpPort": 80, "httpsPort": 443,
					"originProtocolPolicy": "https-only", "originSslProtocols": []any{"TLSv1.2"}}})))},
		{Name: "access control unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: origins[0].originAccessControlId",
			Resource: packtest.Resource(tokDistribution, "cdn", cfDistribution(origins(packtest.Props{"originId": "s3",
				"domainName": "b.s3.amazonaws.com", "originAccessControlId": packtest.Unknown})))},
	})
}
