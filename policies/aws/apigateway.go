package aws

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/joins"
)

// Type tokens of API Gateway REST APIs (v1) and HTTP/WebSocket APIs (v2); pulumi-aws v6 and v7
// spell them alike. v7 removed stageName from the v1 Deployment, so a stage is always a Stage.
const (
	apiGatewayStageType          = "aws:apigateway/stage:Stage"
	apiGatewayDeploymentType     = "aws:apigateway/deployment:Deployment"
	apiGatewayMethodSettingsType = "aws:apigateway/methodSettings:MethodSettings"
	apiGatewayDomainNameType     = "aws:apigateway/domainName:DomainName"
	apiGatewayV2StageType        = "aws:apigatewayv2/stage:Stage"
	apiGatewayV2APIType          = "aws:apigatewayv2/api:Api"
	apiGatewayV2RouteType        = "aws:apigatewayv2/route:Route"
)

// httpRouteKey matches the route keys of HTTP APIs ("GET /pets", "ANY /{proxy+}"); WebSocket route
// keys are "$connect", "$disconnect", "$default" or a message's route selection value.
var httpRouteKey = regexp.MustCompile(`^[A-Z]+ /`)

// weakAPIGatewayTLSPolicy matches the API Gateway security policies that accept TLS 1.0 or 1.1:
// the legacy TLS_1_0 and any enhanced policy whose minimum is 1.0 or 1.1 (SecurityPolicy_TLS13_1_0_...).
var weakAPIGatewayTLSPolicy = regexp.MustCompile(`(?i)TLS(1[23])?_1_[01](_|$)`)

func init() {
	register(
		pack.Policy{
			Name:        "aws-apigateway-stage-access-logging",
			DisplayName: "API Gateway REST API stages write access logs",
			Description: "Every REST API stage (aws.apigateway.Stage) sends access logs to CloudWatch Logs or Firehose " +
				"(accessLogSettings.destinationArn). A pulumi-aws v6 aws.apigateway.Deployment with stageName " +
				"creates a stage that cannot have access logs, so it fails too.",
			Severity:  pack.Medium,
			Framework: frameworks.WellArchitected("SEC04-BP01"),
			Tags:      []string{"aws", "apigateway", "logging"},
			Remediation: "Set accessLogSettings: { destinationArn: <log group arn>, format: <JSON format with " +
				"$context.requestId, $context.identity.sourceIp, ...> } on the Stage; replace a Deployment's " +
				"stageName with an aws.apigateway.Stage.",
			Types:    []string{apiGatewayStageType, apiGatewayDeploymentType},
			Resource: checkAPIStageAccessLogging,
		},
		pack.Policy{
			Name:        "aws-apigatewayv2-stage-access-logging",
			DisplayName: "API Gateway HTTP and WebSocket API stages write access logs",
			Description: "Every HTTP or WebSocket API stage (aws.apigatewayv2.Stage) sends access logs to CloudWatch " +
				"Logs (accessLogSettings.destinationArn). An aws.apigatewayv2.Api created with quick create (target) " +
				"gets a $default stage without access logs, so it fails too.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("APIGateway.9"),
			Tags:      []string{"aws", "apigateway", "logging"},
			Remediation: "Set accessLogSettings: { destinationArn: <log group arn>, format } on the Stage; instead of " +
				"quick create (target), declare the integration, route and an aws.apigatewayv2.Stage with access logs.",
			Types:    []string{apiGatewayV2StageType, apiGatewayV2APIType},
			Resource: checkAPIV2StageAccessLogging,
		},
		pack.Policy{
			Name:        "aws-apigateway-execution-logging",
			DisplayName: "API Gateway REST and WebSocket stages log execution",
			Description: "Every REST API stage has an aws.apigateway.MethodSettings for all its methods (methodPath " +
				"\"*/*\") with settings.loggingLevel \"ERROR\" or \"INFO\", and every WebSocket API stage sets " +
				"defaultRouteSettings.loggingLevel the same way. HTTP APIs have no execution logs and are not judged; " +
				"neither are v2 stages whose API is outside the stack.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("APIGateway.1"),
			Tags:      []string{"aws", "apigateway", "logging"},
			Remediation: "Declare an aws.apigateway.MethodSettings with restApi and stageName taken from the stage, " +
				"methodPath \"*/*\" and settings: { loggingLevel: \"ERROR\" } (or \"INFO\"; the account needs a " +
				"CloudWatch role in aws.apigateway.Account); for WebSocket stages set defaultRouteSettings.loggingLevel.",
			Types: []string{apiGatewayStageType, apiGatewayV2StageType},
			Stack: checkAPIExecutionLogging,
		},
		pack.Policy{
			Name:        "aws-apigateway-cache-encrypted",
			DisplayName: "API Gateway response caches are encrypted",
			Description: "Method settings that turn on response caching (settings.cachingEnabled) also encrypt the " +
				"cached data at rest (settings.cacheDataEncrypted, false by default).",
			Severity:    pack.High,
			Framework:   frameworks.FSBP("APIGateway.5"),
			Tags:        []string{"aws", "apigateway", "encryption"},
			Remediation: "Set settings.cacheDataEncrypted: true on the aws.apigateway.MethodSettings that enables caching.",
			Types:       []string{apiGatewayMethodSettingsType},
			Resource:    checkAPICacheEncrypted,
		},
		pack.Policy{
			Name:        "aws-apigateway-stage-xray-tracing",
			DisplayName: "API Gateway REST API stages trace with X-Ray",
			Description: "REST API stages turn on AWS X-Ray active tracing (xrayTracingEnabled, false by default), " +
				"so that requests can be followed through the services behind the API.",
			Severity:    pack.Low,
			Framework:   frameworks.FSBP("APIGateway.3"),
			Tags:        []string{"aws", "apigateway", "monitoring"},
			Remediation: "Set xrayTracingEnabled: true on the aws.apigateway.Stage.",
			Types:       []string{apiGatewayStageType},
			Resource:    checkAPIStageXRay,
		},
		pack.Policy{
			Name:        "aws-apigateway-stage-waf",
			DisplayName: "API Gateway REST API stages are protected by AWS WAF",
			Description: "Every REST API stage has an AWS WAF web ACL: an aws.wafv2.WebAclAssociation (or a WAF Classic " +
				"aws.wafregional.WebAclAssociation) in the stack whose resourceArn is the stage's arn, or a webAclArn " +
				"on the stage's outputs (an association made outside the stack, such as by AWS Firewall Manager, " +
				"shows there after a refresh). HTTP and WebSocket APIs cannot have a web ACL and are not judged.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("APIGateway.4"),
			Tags:      []string{"aws", "apigateway", "network"},
			Remediation: "Create an aws.wafv2.WebAcl with scope \"REGIONAL\" and an aws.wafv2.WebAclAssociation with " +
				"resourceArn set to the stage's arn and webAclArn to the web ACL's arn.",
			Types: []string{apiGatewayStageType},
			Stack: checkAPIStageWAF,
		},
		pack.Policy{
			Name:        "aws-apigateway-stage-client-certificate",
			DisplayName: "API Gateway REST API stages present a client certificate to their backends",
			Description: "REST API stages set clientCertificateId, so that HTTP backends can check with the certificate's " +
				"public key that a request comes from API Gateway and not from someone who found the backend's " +
				"address. Lambda and AWS service integrations do not use it.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("APIGateway.2"),
			Tags:      []string{"aws", "apigateway", "encryption", "identity"},
			Remediation: "Create an aws.apigateway.ClientCertificate, set the stage's clientCertificateId to its id, " +
				"and have the backend accept only TLS clients presenting that certificate (its pemEncodedCertificate).",
			Types:    []string{apiGatewayStageType},
			Resource: checkAPIStageClientCertificate,
		},
		pack.Policy{
			Name:        "aws-apigateway-domain-name-tls",
			DisplayName: "API Gateway custom domains refuse TLS 1.0 and 1.1",
			Description: "REST API custom domain names (aws.apigateway.DomainName) use a security policy with TLS 1.2 " +
				"or later as minimum; when securityPolicy is unset API Gateway applies TLS_1_0. HTTP and WebSocket " +
				"API domains (apigatewayv2) only offer TLS_1_2.",
			Severity:    pack.Medium,
			Framework:   frameworks.WellArchitected("SEC09-BP02"),
			Tags:        []string{"aws", "apigateway", "encryption"},
			Remediation: "Set securityPolicy: \"TLS_1_2\" (or an enhanced SecurityPolicy_TLS13_1_2_... policy) on the domain name.",
			Types:       []string{apiGatewayDomainNameType},
			Resource:    checkAPIDomainNameTLS,
		},
		pack.Policy{
			Name:        "aws-apigatewayv2-route-authorization",
			DisplayName: "API Gateway HTTP and WebSocket routes require authorization",
			Description: "Every HTTP API route, and the $connect route of WebSocket APIs, sets an authorizationType " +
				"other than NONE (the default when unset): AWS_IAM, JWT or CUSTOM. Other WebSocket routes " +
				"($disconnect, message routes) are not judged, since API Gateway authorizes WebSocket clients " +
				"once, on $connect, and refuses authorization on those routes. A $default route is judged (as " +
				"Security Hub does) unless a WebSocket-only property (routeResponseSelectionExpression, " +
				"modelSelectionExpression) shows it belongs to a WebSocket API.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("APIGateway.8"),
			Tags:      []string{"aws", "apigateway", "identity"},
			Remediation: "Set authorizationType: \"JWT\" or \"CUSTOM\" with authorizerId (an aws.apigatewayv2.Authorizer), " +
				"or \"AWS_IAM\", on the route; for a WebSocket API, on its $connect route.",
			Types:    []string{apiGatewayV2RouteType},
			Resource: checkAPIV2RouteAuthorization,
		},
		apiGatewayMethodAuthorization,
	)
}

// apiGatewayMethodType is a REST API method (the same token and inputs in pulumi-aws v6 and v7).
const apiGatewayMethodType = "aws:apigateway/method:Method"

var apiGatewayMethodAuthorization = pack.Policy{
	Name:        "aws-apigateway-method-authorization",
	DisplayName: "API Gateway REST methods require authorization or an API key",
	Description: "REST API methods do not let anyone call them: authorization is AWS_IAM, CUSTOM or " +
		"COGNITO_USER_POOLS, or apiKeyRequired is true. A method with authorization NONE and no API key " +
		"(apiKeyRequired is false by default) runs its integration for any caller on the internet. OPTIONS " +
		"methods (CORS preflight, which browsers send without credentials) are not judged. Methods of a PRIVATE " +
		"API answer only through VPC endpoints its resource policy names: record an exception for them.",
	Severity:  pack.Medium,
	Framework: frameworks.WellArchitected("SEC03-BP07"),
	Tags:      []string{"aws", "apigateway", "identity", "public-access"},
	Remediation: "Set authorization: \"AWS_IAM\", or \"CUSTOM\" / \"COGNITO_USER_POOLS\" with authorizerId; " +
		"for a public API that must stay open, require an API key (apiKeyRequired: true, with a usage plan) or " +
		"record an exception for the method.",
	Types:    []string{apiGatewayMethodType},
	Resource: checkAPIGatewayMethodAuthorization,
}

func checkAPIGatewayMethodAuthorization(c *pack.Check, r *pack.Resource) {
	if strings.EqualFold(r.Get("httpMethod").Text(""), "OPTIONS") {
		c.Skip("OPTIONS methods answer CORS preflight requests, which carry no credentials")
		return
	}
	auth := r.Get("authorization")
	if !strings.EqualFold(auth.Text("NONE"), "NONE") || r.Get("apiKeyRequired").Bool(false) {
		return
	}
	c.Violatef("REST API method %s has authorization NONE and no API key (apiKeyRequired false): anyone on the "+
		"internet can call it; set authorization to AWS_IAM, CUSTOM or COGNITO_USER_POOLS, or apiKeyRequired: true",
		r.Name)
}

func checkAPIStageAccessLogging(c *pack.Check, r *pack.Resource) {
	if r.Type != apiGatewayDeploymentType {
		checkStageAccessLogSettings(c, r)
		return
	}
	if stage := r.Get("stageName"); !netBlank(stage) {
		c.Violatef("deployment %q creates the stage %v through stageName, which cannot have access logs: remove "+
			"stageName and declare an aws.apigateway.Stage with accessLogSettings", r.Name, stage)
	}
}

func checkAPIV2StageAccessLogging(c *pack.Check, r *pack.Resource) {
	if r.Type != apiGatewayV2APIType {
		checkStageAccessLogSettings(c, r)
		return
	}
	if !netBlank(r.Get("target")) {
		c.Violatef("API %q uses quick create (target), whose $default stage writes no access logs: declare the "+
			"route, integration and an aws.apigatewayv2.Stage with accessLogSettings instead", r.Name)
	}
}

// checkStageAccessLogSettings judges a v1 or v2 stage: both name their log destination in
// accessLogSettings.destinationArn.
func checkStageAccessLogSettings(c *pack.Check, r *pack.Resource) {
	if netBlank(r.Get("accessLogSettings", "destinationArn")) {
		c.Violatef("stage %q writes no access logs: set accessLogSettings.destinationArn (and format)", r.Name)
	}
}

// apiExecutionLogging reports whether a logging level turns execution logging on.
func apiExecutionLogging(level pack.Value) bool { return netTextIs(level, "OFF", "ERROR", "INFO") }

func checkAPIExecutionLogging(c *pack.Check, s *pack.Stack) {
	methodSettings := joins.Sides(s, []string{apiGatewayMethodSettingsType},
		joins.OnName("stageName", "stageName"), joins.On("restApi", "restApi"))
	c.ForEach(s.OfType(apiGatewayStageType), func(stage *pack.Resource) {
		for _, ms := range methodSettings.Of(stage) {
			if netTextIs(ms.Get("methodPath"), "", "*/*") && apiExecutionLogging(ms.Get("settings", "loggingLevel")) {
				return
			}
		}
		c.Report(pack.Violation{URN: stage.URN, Message: fmt.Sprintf("stage %q has no execution logging for all "+
			"its methods: declare an aws.apigateway.MethodSettings for it with methodPath \"*/*\" and "+
			"settings.loggingLevel \"ERROR\" or \"INFO\"", stage.Name)})
	})
	c.ForEach(s.OfType(apiGatewayV2StageType), func(stage *pack.Resource) {
		websocket := false
		for _, urn := range stage.PropertyDependencies["apiId"] {
			if api := s.Resource(urn); api != nil && api.Type == apiGatewayV2APIType {
				websocket = netTextIs(api.Get("protocolType"), "", "WEBSOCKET")
			}
		}
		if websocket && !apiExecutionLogging(stage.Get("defaultRouteSettings", "loggingLevel")) {
			c.Report(pack.Violation{URN: stage.URN, Message: fmt.Sprintf("WebSocket stage %q does not log execution: "+
				"set defaultRouteSettings.loggingLevel to \"ERROR\" or \"INFO\"", stage.Name)})
		}
	})
}

func checkAPICacheEncrypted(c *pack.Check, r *pack.Resource) {
	settings := r.Get("settings")
	if settings.Get("cachingEnabled").Bool(false) && !settings.Get("cacheDataEncrypted").Bool(false) {
		c.Violatef("method settings %q turn on caching for %v without encrypting the cached responses: set "+
			"settings.cacheDataEncrypted: true", r.Name, r.Get("methodPath"))
	}
}

func checkAPIStageXRay(c *pack.Check, r *pack.Resource) {
	if !r.Get("xrayTracingEnabled").Bool(false) {
		c.Violatef("stage %q does not trace requests with X-Ray: set xrayTracingEnabled: true", r.Name)
	}
}

func checkAPIStageWAF(c *pack.Check, s *pack.Stack) {
	associations := joins.Sides(s, wafAssociationTypes, wafAssociationKey)
	c.ForEach(s.OfType(apiGatewayStageType), func(stage *pack.Resource) {
		if acl := stage.Get("webAclArn"); !acl.Unknown() && !netBlank(acl) {
			return
		}
		if len(associations.Of(stage)) > 0 {
			return
		}
		c.Report(pack.Violation{URN: stage.URN, Message: fmt.Sprintf("stage %q has no AWS WAF web ACL: declare an "+
			"aws.wafv2.WebAclAssociation with resourceArn set to its arn", stage.Name)})
	})
}

func checkAPIStageClientCertificate(c *pack.Check, r *pack.Resource) {
	if netBlank(r.Get("clientCertificateId")) {
		c.Violatef("stage %q presents no client certificate to its backends, which cannot tell its requests from "+
			"anyone else's: set clientCertificateId to an aws.apigateway.ClientCertificate's id", r.Name)
	}
}

func checkAPIDomainNameTLS(c *pack.Check, r *pack.Resource) {
	policy := r.Get("securityPolicy")
	if !weakAPIGatewayTLSPolicy.MatchString(policy.Text("TLS_1_0")) {
		return
	}
	if !policy.Exists() {
		c.Violatef("domain name %q sets no securityPolicy, so API Gateway accepts TLS 1.0: set securityPolicy: "+
			"\"TLS_1_2\"", r.Name)
		return
	}
	c.Violatef("domain name %q uses securityPolicy %v, which accepts TLS 1.0: set securityPolicy: \"TLS_1_2\"",
		r.Name, policy)
}

func checkAPIV2RouteAuthorization(c *pack.Check, r *pack.Resource) {
	key := r.Get("routeKey").Text("")
	switch {
	case key == "$connect", httpRouteKey.MatchString(key):
	case key == "$default" &&
		netBlank(r.Get("routeResponseSelectionExpression")) && netBlank(r.Get("modelSelectionExpression")):
	default:
		c.Skip("WebSocket routes other than $connect take no authorization: clients are authorized on $connect")
		return
	}
	if authorization := r.Get("authorizationType"); strings.EqualFold(authorization.Text("NONE"), "NONE") {
		c.Violatef("route %q (%v) of an API Gateway v2 API requires no authorization (authorizationType NONE): set "+
			"authorizationType to JWT, CUSTOM or AWS_IAM", r.Name, r.Get("routeKey"))
	}
}
