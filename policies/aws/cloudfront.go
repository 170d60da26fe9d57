package aws

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/joins"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// Type tokens of CloudFront distributions and of the CloudWatch Logs delivery source that turns on
// their standard logging (v2). pulumi-aws v6 and v7 spell them alike.
const (
	cloudFrontDistributionType = "aws:cloudfront/distribution:Distribution"
	netLogDeliverySourceType   = "aws:cloudwatch/logDeliverySource:LogDeliverySource"
)

// cloudFrontTLSVersion orders CloudFront viewer security policies ("SSLv3", "TLSv1",
// "TLSv1_2016", "TLSv1.1_2016", "TLSv1.2_2021", "TLSv1.3_2025", ...) by the lowest protocol they
// accept, then by their year: [protocol rank, year]. ok is false for names of another shape.
func cloudFrontTLSVersion(name string) (version [2]int, ok bool) {
	name = strings.TrimSpace(name)
	if strings.EqualFold(name, "SSLv3") {
		return [2]int{0, 0}, true
	}
	rest, found := strings.CutPrefix(name, "TLSv1")
	if !found {
		return version, false
	}
	protocol, year, _ := strings.Cut(rest, "_")
	minor := 0
	if protocol != "" {
		digits, isMinor := strings.CutPrefix(protocol, ".")
		n, err := strconv.Atoi(digits)
		if !isMinor || err != nil {
			return version, false
		}
		minor = n
	}
	y := 0
	if year != "" {
		n, err := strconv.Atoi(year)
		if err != nil {
			return version, false
		}
		y = n
	}
	return [2]int{minor + 1, y}, true
}

// compareCloudFrontTLS orders two parsed CloudFront security policies, oldest first.
func compareCloudFrontTLS(a, b [2]int) int {
	return slices.Compare(a[:], b[:])
}

type cloudFrontTLSSettings struct {
	MinimumProtocolVersion string `json:"minimumProtocolVersion"`

	minimum [2]int
}

func (s *cloudFrontTLSSettings) Prepare() error {
	v, ok := cloudFrontTLSVersion(s.MinimumProtocolVersion)
	if !ok {
		return fmt.Errorf("minimumProtocolVersion %q is not a CloudFront security policy name such as TLSv1.2_2021",
			s.MinimumProtocolVersion)
	}
	if compareCloudFrontTLS(v, cloudFrontUnsetTLS) <= 0 {
		return pack.TurnsRuleOff("minimumProtocolVersion", fmt.Sprintf("%q is no newer than TLSv1, what "+
			"CloudFront accepts when a distribution sets no minimum, so every distribution with its own certificate "+
			"meets it", s.MinimumProtocolVersion), "set TLSv1.2_2021 or a later policy")
	}
	s.minimum = v
	return nil
}

// cloudFrontUnsetTLS is TLSv1, the security policy CloudFront applies when a distribution names none.
var cloudFrontUnsetTLS = [2]int{1, 0}

func init() {
	register(
		pack.Policy{
			Name:        "aws-cloudfront-viewer-https",
			DisplayName: "CloudFront requires HTTPS from viewers",
			Description: "No cache behavior of a CloudFront distribution (the default one and each ordered one) " +
				"has viewerProtocolPolicy \"allow-all\": viewers are redirected to HTTPS or refused.",
			Severity:    pack.High,
			Framework:   frameworks.FSBP("CloudFront.3"),
			Tags:        []string{"aws", "cloudfront", "encryption", "network"},
			Remediation: "Set viewerProtocolPolicy to \"redirect-to-https\" (or \"https-only\") on defaultCacheBehavior and on every orderedCacheBehaviors entry.",
			Types:       []string{cloudFrontDistributionType},
			Resource:    checkCloudFrontViewerHTTPS,
		},
		pack.Policy{
			Name:        "aws-cloudfront-minimum-tls-version",
			DisplayName: "CloudFront accepts only current TLS versions",
			Description: "CloudFront distributions negotiate TLS with viewers under a security policy at least as " +
				"strict as the configured minimum (by default TLSv1.2_2021). With the default *.cloudfront.net " +
				"certificate CloudFront always accepts TLSv1, and a custom certificate without " +
				"minimumProtocolVersion gets TLSv1 too.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("CloudFront.15"),
			Tags:      []string{"aws", "cloudfront", "encryption"},
			Remediation: "Serve the distribution under your own domain with an ACM certificate (viewerCertificate: " +
				"{ acmCertificateArn, sslSupportMethod: \"sni-only\", minimumProtocolVersion: \"TLSv1.2_2021\" }).",
			Types: []string{cloudFrontDistributionType},
			Config: pack.Schema{Properties: map[string]pack.JSONSchema{
				"minimumProtocolVersion": pack.String("The oldest CloudFront viewer security policy allowed, e.g. "+
					"TLSv1.2_2019, TLSv1.2_2021, TLSv1.2_2025 or TLSv1.3_2025; SSLv3 and TLSv1, which every distribution "+
					"meets, are refused. Default: TLSv1.2_2021.", "TLSv1.2_2021"),
			}},
			Settings: func() any { return &cloudFrontTLSSettings{} },
			Resource: checkCloudFrontMinimumTLS,
		},
		pack.Policy{
			Name:        "aws-cloudfront-origin-tls",
			DisplayName: "CloudFront reaches custom origins over TLS",
			Description: "CloudFront connects to custom origins over HTTPS: no origin uses originProtocolPolicy " +
				"\"http-only\", none uses \"match-viewer\" behind a cache behavior that allows HTTP, and none " +
				"allows SSLv3 in originSslProtocols (FSBP CloudFront.10).",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("CloudFront.9"),
			Tags:      []string{"aws", "cloudfront", "encryption", "network"},
			Remediation: "Set customOriginConfig.originProtocolPolicy to \"https-only\" and originSslProtocols to " +
				"[\"TLSv1.2\"]. For S3 website endpoints, which speak only HTTP, use the bucket's REST endpoint " +
				"with origin access control instead.",
			Types:    []string{cloudFrontDistributionType},
			Resource: checkCloudFrontOriginTLS,
		},
		pack.Policy{
			Name:        "aws-cloudfront-access-logging",
			DisplayName: "CloudFront distributions log requests",
			Description: "Every CloudFront distribution writes standard access logs: legacy logging to S3 " +
				"(loggingConfig.bucket) or standard logging v2 through an aws.cloudwatch.LogDeliverySource whose " +
				"resourceArn is the distribution's arn.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("CloudFront.5"),
			Tags:      []string{"aws", "cloudfront", "logging"},
			Remediation: "Set loggingConfig: { bucket: \"<bucket>.s3.amazonaws.com\", prefix } on the distribution, or " +
				"declare an aws.cloudwatch.LogDeliverySource (logType \"ACCESS_LOGS\", resourceArn: distribution.arn, " +
				"in us-east-1) with a LogDeliveryDestination and a LogDelivery.",
			Types: []string{cloudFrontDistributionType},
			Stack: checkCloudFrontAccessLogging,
		},
		pack.Policy{
			Name:        "aws-cloudfront-waf",
			DisplayName: "CloudFront distributions are protected by AWS WAF",
			Description: "Every CloudFront distribution is associated with an AWS WAF web ACL (webAclId), which " +
				"filters common web exploits and abusive traffic at the edge.",
			Severity:    pack.Medium,
			Framework:   frameworks.FSBP("CloudFront.6"),
			Tags:        []string{"aws", "cloudfront", "network"},
			Remediation: "Create an aws.wafv2.WebAcl with scope \"CLOUDFRONT\" (in us-east-1) and set webAclId to its arn.",
			Types:       []string{cloudFrontDistributionType},
			Resource:    checkCloudFrontWAF,
		},
		pack.Policy{
			Name:        "aws-cloudfront-default-root-object",
			DisplayName: "CloudFront distributions with S3 origins have a default root object",
			Description: "Every CloudFront distribution with an S3 (REST endpoint) origin sets defaultRootObject, so " +
				"that a request for the root URL returns that object instead of the origin's response to \"/\" " +
				"(a bucket listing, where the distribution may list the bucket). Distributions with only custom " +
				"origins (including S3 website endpoints, which have their own index document) are not judged.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("CloudFront.1"),
			Tags:      []string{"aws", "cloudfront", "s3"},
			Remediation: "Set defaultRootObject: \"index.html\" (or the object the root URL should return) on the " +
				"distribution, and upload that object.",
			Types:    []string{cloudFrontDistributionType},
			Resource: checkCloudFrontDefaultRootObject,
		},
		pack.Policy{
			Name:        "aws-cloudfront-origin-access-control",
			DisplayName: "CloudFront reaches S3 origins through origin access control",
			Description: "Every S3 (REST endpoint) origin of a CloudFront distribution sets originAccessControlId, so " +
				"that CloudFront signs its requests (SigV4) and the bucket policy can admit only that distribution. " +
				"An origin with only the legacy origin access identity (s3OriginConfig.originAccessIdentity), or " +
				"with neither, fails: OAI supports neither SSE-KMS objects nor the newer Regions, and no access " +
				"control at all means the bucket must be readable by anyone.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("CloudFront.13"),
			Tags:      []string{"aws", "cloudfront", "s3", "identity"},
			Remediation: "Create an aws.cloudfront.OriginAccessControl (originAccessControlOriginType \"s3\", " +
				"signingBehavior \"always\", signingProtocol \"sigv4\"), set originAccessControlId on the origin, " +
				"drop s3OriginConfig.originAccessIdentity (set it to \"\"), and allow the cloudfront.amazonaws.com " +
				"service principal with an aws:SourceArn condition on the distribution in the bucket policy.",
			Types:    []string{cloudFrontDistributionType},
			Resource: checkCloudFrontOriginAccessControl,
		},
	)
}

// cloudFrontBehaviors returns the distribution's default cache behavior and its ordered ones.
func cloudFrontBehaviors(r *pack.Resource) []pack.Value {
	return append([]pack.Value{r.Get("defaultCacheBehavior")}, r.Get("orderedCacheBehaviors").Items()...)
}

func checkCloudFrontViewerHTTPS(c *pack.Check, r *pack.Resource) {
	for _, b := range known.ValuesFirst(cloudFrontBehaviors(r)) {
		if netTextIs(b.Get("viewerProtocolPolicy"), "", "allow-all") {
			c.Violatef("distribution %q serves %s over plain HTTP (viewerProtocolPolicy \"allow-all\"): set %s to "+
				"\"redirect-to-https\" or \"https-only\"", r.Name, b.Path(), b.Get("viewerProtocolPolicy").Path())
		}
	}
}

func checkCloudFrontMinimumTLS(c *pack.Check, r *pack.Resource) {
	s := pack.SettingsOf[cloudFrontTLSSettings](c)
	cert := r.Get("viewerCertificate")
	if cert.Get("cloudfrontDefaultCertificate").Bool(false) {
		c.Violatef("distribution %q uses the default *.cloudfront.net certificate, with which CloudFront accepts "+
			"TLSv1, older than the minimum %s: serve it under your own domain with an ACM certificate and set "+
			"viewerCertificate.minimumProtocolVersion", r.Name, s.MinimumProtocolVersion)
		return
	}
	configured := cert.Get("minimumProtocolVersion")
	version, ok := cloudFrontTLSVersion(configured.Text("TLSv1"))
	if !ok {
		c.Skip(fmt.Sprintf("viewerCertificate.minimumProtocolVersion %v is not a security policy name this policy knows", configured))
		return
	}
	if compareCloudFrontTLS(version, s.minimum) >= 0 {
		return
	}
	if !configured.Exists() {
		c.Violatef("distribution %q sets no viewerCertificate.minimumProtocolVersion, so CloudFront accepts TLSv1: "+
			"set it to %s or later", r.Name, s.MinimumProtocolVersion)
		return
	}
	c.Violatef("distribution %q sets viewerCertificate.minimumProtocolVersion to %v, older than the minimum %s: "+
		"set it to %s or later", r.Name, configured, s.MinimumProtocolVersion, s.MinimumProtocolVersion)
}

func checkCloudFrontOriginTLS(c *pack.Check, r *pack.Resource) {
	for _, origin := range known.ValuesFirst(r.Get("origins").Items()) {
		custom := origin.Get("customOriginConfig")
		if !custom.Exists() {
			continue // S3 and VPC origins: CloudFront uses HTTPS
		}
		policy := custom.Get("originProtocolPolicy")
		switch {
		case netTextIs(policy, "", "http-only"):
			c.Violatef("distribution %q reaches %s over plain HTTP (originProtocolPolicy \"http-only\"): set "+
				"%s to \"https-only\"", r.Name, origin.Path(), policy.Path())
		case netTextIs(policy, "", "match-viewer") && cloudFrontServesHTTP(r, origin.Get("originId").Text("")):
			c.Violatef("distribution %q forwards plain HTTP viewers to %s over HTTP (originProtocolPolicy "+
				"\"match-viewer\" behind viewerProtocolPolicy \"allow-all\"): set %s to \"https-only\"", r.Name,
				origin.Path(), policy.Path())
		}
		for _, p := range custom.Get("originSslProtocols").Items() {
			if netTextIs(p, "", "SSLv3") {
				c.Violatef("distribution %q lets CloudFront use SSLv3 with %s: remove it from %s (use [\"TLSv1.2\"])",
					r.Name, origin.Path(), custom.Get("originSslProtocols").Path())
			}
		}
	}
}

// cloudFrontServesHTTP reports whether a cache behavior that allows plain HTTP viewers routes to the origin,
// directly or through an origin group.
func cloudFrontServesHTTP(r *pack.Resource, originID string) bool {
	targets := map[string]bool{originID: true}
	for _, g := range r.Get("originGroups").Items() {
		for _, m := range g.Get("members").Items() {
			if m.Get("originId").Text("") == originID {
				targets[g.Get("originId").Text("")] = true
			}
		}
	}
	for _, b := range cloudFrontBehaviors(r) {
		if targets[b.Get("targetOriginId").Text("")] && netTextIs(b.Get("viewerProtocolPolicy"), "", "allow-all") {
			return true
		}
	}
	return false
}

func checkCloudFrontWAF(c *pack.Check, r *pack.Resource) {
	if netBlank(r.Get("webAclId")) {
		c.Violatef("distribution %q has no AWS WAF web ACL: set webAclId to the arn of a CLOUDFRONT-scoped "+
			"aws.wafv2.WebAcl", r.Name)
	}
}

func checkCloudFrontAccessLogging(c *pack.Check, s *pack.Stack) {
	sources := joins.Sides(s, []string{netLogDeliverySourceType}, joins.On("resourceArn", "arn"))
	c.ForEach(s.OfType(cloudFrontDistributionType), func(d *pack.Resource) {
		if !netBlank(d.Get("loggingConfig", "bucket")) || len(sources.Of(d)) > 0 {
			return
		}
		c.Report(pack.Violation{URN: d.URN, Message: fmt.Sprintf("distribution %q writes no access logs: set "+
			"loggingConfig.bucket, or declare an aws.cloudwatch.LogDeliverySource with resourceArn set to the "+
			"distribution's arn", d.Name)})
	})
}

// s3RESTEndpoint matches the domain names of S3 REST endpoints (bucket.s3.amazonaws.com,
// bucket.s3.eu-west-1.amazonaws.com, bucket.s3-eu-west-1.amazonaws.com, dual-stack and China ones).
// Website endpoints (s3-website) are custom origins.
var s3RESTEndpoint = regexp.MustCompile(`\.s3(\.dualstack)?([.-][a-z0-9-]+)?\.amazonaws\.com(\.cn)?\.?$`)

// cloudFrontS3Origin reports whether a distribution's origin is an S3 bucket's REST endpoint:
// s3OriginConfig says so, and an origin with no origin config at all (the usual form with origin
// access control) says so by its domain name.
func cloudFrontS3Origin(origin pack.Value) bool {
	if origin.Get("customOriginConfig").Exists() || origin.Get("vpcOriginConfig").Exists() {
		return false
	}
	if origin.Get("s3OriginConfig").Exists() {
		return true
	}
	domain := strings.ToLower(strings.TrimSpace(origin.Get("domainName").Text("")))
	return !strings.Contains(domain, "s3-website") && s3RESTEndpoint.MatchString(domain)
}

func checkCloudFrontDefaultRootObject(c *pack.Check, r *pack.Resource) {
	if !netBlank(r.Get("defaultRootObject")) {
		return
	}
	for _, origin := range known.ValuesFirst(r.Get("origins").Items()) {
		if cloudFrontS3Origin(origin) {
			c.Violatef("distribution %q has an S3 origin (%s) but no defaultRootObject: set defaultRootObject "+
				"(e.g. \"index.html\") so that the root URL does not return the origin's response to \"/\"",
				r.Name, origin.Path())
			return
		}
	}
}

func checkCloudFrontOriginAccessControl(c *pack.Check, r *pack.Resource) {
	for _, origin := range known.ValuesFirst(r.Get("origins").Items()) {
		if !cloudFrontS3Origin(origin) || !netBlank(origin.Get("originAccessControlId")) {
			continue
		}
		if oai := origin.Get("s3OriginConfig", "originAccessIdentity"); !netBlank(oai) {
			c.Violatef("distribution %q reaches the S3 origin %s through a legacy origin access identity (%s): set "+
				"originAccessControlId to an aws.cloudfront.OriginAccessControl instead", r.Name, origin.Path(), oai.Path())
			continue
		}
		c.Violatef("distribution %q reaches the S3 origin %s without origin access control, so the bucket must "+
			"be readable by anyone: set originAccessControlId to an aws.cloudfront.OriginAccessControl", r.Name,
			origin.Path())
	}
}
