package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

const (
	tokAPIStage      = "aws:apigateway/stage:Stage"
	tokAPIDeployment = "aws:apigateway/deployment:Deployment"
	tokAPIV2Stage    = "aws:apigatewayv2/stage:Stage"
	tokAPIV2API      = "aws:apigatewayv2/api:Api"
	tokMethodSetting = "aws:apigateway/methodSettings:MethodSettings"
	tokAPIDomain     = "aws:apigateway/domainName:DomainName"
	apiLogGroupARN   = "arn:aws:logs:us-east-1:123456789012:log-group:api"
)

func TestAPIGatewayStageAccessLogging(t *testing.T) {
	packtest.Run(t, Policies(), "aws-apigateway-stage-access-logging", []packtest.Case{
		{Name: "access logs", Want: packtest.Pass,
			Resource: packtest.Resource(tokAPIStage, "prod", packtest.Props{"stageName": "prod", "accessLogSettings": packtest.Props{
				"destinationArn": apiLogGroupARN, "format": "$context.requestId"}})},
		{Name: "no access logs", Want: packtest.Violation, Message: "accessLogSettings.destinationArn",
			Resource: packtest.Resource(tokAPIStage, "prod", packtest.Props{"stageName": "prod"})},
		{Name: "v6 deployment with stageName", Want: packtest.Violation, Message: `deployment "d" creates the stage "prod"`,
			Resource: packtest.Resource(tokAPIDeployment, "d", packtest.Props{"restApi": "api", "stageName": "prod"})},
		{Name: "deployment without stage", Want: packtest.Pass,
			Resource: packtest.Resource(tokAPIDeployment, "d", packtest.Props{"restApi": "api"})},
		{Name: "v2 stages are another policy's", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource(tokAPIV2Stage, "s", packtest.Props{})},
		{Name: "unknown destination", Want: packtest.NotApplicable, Message: "value unknown during preview: accessLogSettings.destinationArn",
			Resource: packtest.Resource(tokAPIStage, "prod", packtest.Props{"accessLogSettings": packtest.Props{
				"destinationArn": packtest.Unknown, "format": "x"}})},
		{Name: "unknown stageName", Want: packtest.NotApplicable, Message: "value unknown during preview: stageName",
			Resource: packtest.Resource(tokAPIDeployment, "d", packtest.Props{"stageName": packtest.Unknown})},
	})
}

func TestAPIGatewayV2StageAccessLogging(t *testing.T) {
	packtest.Run(t, Policies(), "aws-apigatewayv2-stage-access-logging", []packtest.Case{
		{Name: "access logs", Want: packtest.Pass,
			Resource: packtest.Resource(tokAPIV2Stage, "default", packtest.Props{"apiId": "a", "accessLogSettings": packtest.Props{
				"destinationArn": apiLogGroupARN, "format": "$context.requestId"}})},
		{Name: "no access logs", Want: packtest.Violation, Message: `stage "default"`,
			Resource: packtest.Resource(tokAPIV2Stage, "default", packtest.Props{"apiId": "a", "autoDeploy": true})},
		{Name: "quick-create API", Want: packtest.Violation, Message: "quick create",
			Resource: packtest.Resource(tokAPIV2API, "api", packtest.Props{"protocolType": "HTTP",
				"target": "arn:aws:lambda:us-east-1:123456789012:function:f"})},
		{Name: "API without quick create", Want: packtest.Pass,
			Resource: packtest.Resource(tokAPIV2API, "api", packtest.Props{"protocolType": "HTTP"})},
		{Name: "unknown destination", Want: packtest.NotApplicable, Message: "value unknown during preview: accessLogSettings",
			Resource: packtest.Resource(tokAPIV2Stage, "default", packtest.Props{"accessLogSettings": packtest.Unknown})},
		{Name: "unknown target", Want: packtest.NotApplicable, Message: "value unknown during preview: target",
			Resource: packtest.Resource(tokAPIV2API, "api", packtest.Props{"protocolType": "HTTP", "target": packtest.Unknown})},
	})
}

func TestAPIGatewayCacheEncrypted(t *testing.T) {
	settings := func(s packtest.Props) packtest.Props {
		return packtest.Props{"restApi": "api", "stageName": "prod", "methodPath": "*/*", "settings": s}
	}
	packtest.Run(t, Policies(), "aws-apigateway-cache-encrypted", []packtest.Case{
		{Name: "caching encrypted", Want: packtest.Pass,
			Resource: packtest.Resource(tokMethodSetting, "all", settings(packtest.Props{"cachingEnabled": true, "cacheDataEncrypted": true}))},
		{Name: "caching unencrypted by default", Want: packtest.Violation, Message: `for "*/*"`,
			Resource: packtest.Resource(tokMethodSetting, "all", settings(packtest.Props{"cachingEnabled": true}))},
		{Name: "caching explicitly unencrypted", Want: packtest.Violation, Message: "settings.cacheDataEncrypted: true",
			Resource: packtest.Resource(tokMethodSetting, "all", settings(packtest.Props{"cachingEnabled": true, "cacheDataEncrypted": false}))},
		{Name: "no caching", Want: packtest.Pass,
			Resource: packtest.Resource(tokMethodSetting, "all", settings(packtest.Props{"loggingLevel": "INFO"}))},
		{Name: "v6 one-element list shape", Want: packtest.Violation,
			Resource: packtest.Resource(tokMethodSetting, "all", packtest.Props{"methodPath": "*/*",
				"settings": []any{packtest.Props{"cachingEnabled": true}}})},
		{Name: "unknown cachingEnabled", Want: packtest.NotApplicable, Message: "value unknown during preview: settings.cachingEnabled",
			Resource: packtest.Resource(tokMethodSetting, "all", settings(packtest.Props{"cachingEnabled": packtest.Unknown}))},
		{Name: "unknown cacheDataEncrypted", Want: packtest.NotApplicable, Message: "value unknown during preview: settings.cacheDataEncrypted",
			Resource: packtest.Resource(tokMethodSetting, "all", settings(packtest.Props{"cachingEnabled": true,
				"cacheDataEncrypted": packtest.Unknown}))},
		{Name: "unknown encryption does not matter without caching", Want: packtest.Pass,
			Resource: packtest.Resource(tokMethodSetting, "all", settings(packtest.Props{"cachingEnabled": false,
				"cacheDataEncrypted": packtest.Unknown}))},
	})
}

func TestAPIGatewayStageXRayTracing(t *testing.T) {
	packtest.Run(t, Policies(), "aws-apigateway-stage-xray-tracing", []packtest.Case{
		{Name: "tracing", Want: packtest.Pass, Resource: packtest.Resource(tokAPIStage, "prod", packtest.Props{"xrayTracingEnabled": true})},
		{Name: "unset defaults to off", Want: packtest.Violation, Message: "xrayTracingEnabled: true",
			Resource: packtest.Resource(tokAPIStage, "prod", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: xrayTracingEnabled",
			Resource: packtest.Resource(tokAPIStage, "prod", packtest.Props{"xrayTracingEnabled": packtest.Unknown})},
	})
}

func TestAPIGatewayDomainNameTLS(t *testing.T) {
	domain := func(policy any) packtest.Props {
		p := packtest.Props{"domainName": "api.example.com", "regionalCertificateArn": "arn:cert"}
		if policy != nil {
			p["securityPolicy"] = policy
		}
		return p
	}
	packtest.Run(t, Policies(), "aws-apigateway-domain-name-tls", []packtest.Case{
		{Name: "TLS_1_2", Want: packtest.Pass, Resource: packtest.Resource(tokAPIDomain, "api", domain("TLS_1_2"))},
		{Name: "enhanced TLS 1.3", Want: packtest.Pass,
			Resource: packtest.Resource(tokAPIDomain, "api", domain("SecurityPolicy_TLS13_1_3_2025_09"))},
		{Name: "enhanced TLS 1.2+", Want: packtest.Pass,
			Resource: packtest.Resource(tokAPIDomain, "api", domain("SecurityPolicy_TLS13_1_2_2021_06"))},
		{Name: "TLS_1_0", Want: packtest.Violation, Message: `"TLS_1_0"`, Resource: packtest.Resource(tokAPIDomain, "api", domain("TLS_1_0"))},
		{Name: "enhanced policy with a TLS 1.0 minimum", Want: packtest.Violation,
			Resource: packtest.Resource(tokAPIDomain, "api", domain("SecurityPolicy_TLS13_1_0_2021_06"))},
		{Name: "unset defaults to TLS_1_0", Want: packtest.Violation, Message: "sets no securityPolicy",
			Resource: packtest.Resource(tokAPIDomain, "api", domain(nil))},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: securityPolicy",
			Resource: packtest.Resource(tokAPIDomain, "api", domain(packtest.Unknown))},
	})
}

func TestAPIGatewayExecutionLogging(t *testing.T) {
	stage := packtest.Resource(tokAPIStage, "prod", packtest.Props{"stageName": "prod", "restApi": "api-1"})
	newStage := packtest.Resource(tokAPIStage, "prod", packtest.Props{"stageName": packtest.Unknown, "restApi": packtest.Unknown})
	methodSettings := func(path, level any, stageName any) plugin.AnalyzerResource {
		return packtest.Resource(tokMethodSetting, "logs", packtest.Props{"restApi": "api-1", "stageName": stageName,
			"methodPath": path, "settings": packtest.Props{"loggingLevel": level, "metricsEnabled": true}})
	}
	linked := func(ms, stage plugin.AnalyzerResource) plugin.AnalyzerStackResource {
		return packtest.DependsOn(ms, "stageName", stage)
	}
	wsAPI := packtest.Resource(tokAPIV2API, "ws", packtest.Props{"protocolType": "WEBSOCKET"})
	httpAPI := packtest.Resource(tokAPIV2API, "http", packtest.Props{"protocolType": "HTTP"})
	v2Stage := func(api plugin.AnalyzerResource, level any) plugin.AnalyzerStackResource {
		s := packtest.Resource(tokAPIV2Stage, "v2", packtest.Props{"name": "prod",
			"defaultRouteSettings": packtest.Props{"loggingLevel": level}})
		return packtest.DependsOn(s, "apiId", api)
	}
	packtest.Run(t, Policies(), "aws-apigateway-execution-logging", []packtest.Case{
		{Name: "method settings joined by dependency", Want: packtest.Pass,
			Stack: append(packtest.Stack(newStage), linked(methodSettings("*/*", "INFO", packtest.Unknown), newStage))},
		{Name: "no method settings", Want: packtest.Violation, Message: `stage "prod" has no execution logging`,
			Stack: packtest.Stack(stage)},
		{Name: "logging off", Want: packtest.Violation,
			Stack: append(packtest.Stack(stage), linked(methodSettings("*/*", "OFF", "prod"), stage))},
		{Name: "logging one method only", Want: packtest.Violation,
			Stack: append(packtest.Stack(stage), linked(methodSettings("users/GET", "ERROR", "prod"), stage))},
		{Name: "plain stage name and API id", Want: packtest.Pass,
			Stack: packtest.Stack(stage, methodSettings("*/*", "ERROR", "prod"))},
		{Name: "plain values for another stage", Want: packtest.Violation,
			Stack: packtest.Stack(stage, methodSettings("*/*", "ERROR", "dev"))},
		{Name: "WebSocket stage logging", Want: packtest.Pass,
			Stack: append(packtest.Stack(wsAPI), v2Stage(wsAPI, "ERROR"))},
		{Name: "WebSocket stage without logging", Want: packtest.Violation, Message: `WebSocket stage "v2"`,
			Stack: append(packtest.Stack(wsAPI), v2Stage(wsAPI, nil))},
		{Name: "HTTP API stage is not judged", Want: packtest.Pass,
			Stack: append(packtest.Stack(httpAPI), v2Stage(httpAPI, nil))},
		{Name: "no stages", Want: packtest.NotApplicable, Message: "no resources of its types",
			Stack: packtest.Stack(methodSettings("*/*", "INFO", "prod"))},
		{Name: "unknown logging level", Want: packtest.NotApplicable, Message: "value unknown during preview: settings.loggingLevel",
			Stack: append(packtest.Stack(stage), linked(methodSettings("*/*", packtest.Unknown, "prod"), stage))},
		{Name: "unknown method path", Want: packtest.NotApplicable, Message: "value unknown during preview: methodPath",
			Stack: append(packtest.Stack(stage), linked(methodSettings(packtest.Unknown, "INFO", "prod"), stage))},
		{Name: "unknown stage name of unlinked settings", Want: packtest.NotApplicable, Message: "value unknown during preview: stageName",
			Stack: packtest.Stack(stage, methodSettings("*/*", "INFO", packtest.Unknown))},
		{Name: "unknown protocol type", Want: packtest.NotApplicable, Message: "value unknown during preview: protocolType",
			Stack: append(packtest.Stack(packtest.Resource(tokAPIV2API, "ws", packtest.Props{"protocolType": packtest.Unknown})),
				v2Stage(packtest.Resource(tokAPIV2API, "ws", nil), nil))},
		{Name: "unknown WebSocket logging level", Want: packtest.NotApplicable, Message: "value unknown during preview: defaultRouteSettings.loggingLevel",
			Stack: append(packtest.Stack(wsAPI), v2Stage(wsAPI, packtest.Unknown))},
	})
}

func TestAPIGatewayStageWAF(t *testing.T) {
	const arn = "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/prod"
	stage := packtest.Resource(tokAPIStage, "prod", packtest.Props{"arn": arn, "stageName": "prod", "webAclArn": ""})
	newStage := packtest.Resource(tokAPIStage, "prod", packtest.Props{"arn": packtest.Unknown, "webAclArn": packtest.Unknown})
	otherStage := packtest.Resource(tokAPIStage, "dev", packtest.Props{"arn": packtest.Unknown})
	association := func(tok string, resourceARN any) plugin.AnalyzerResource {
		return packtest.Resource(tok, "waf", packtest.Props{"resourceArn": resourceARN, "webAclArn": "arn:waf"})
	}
	const wafv2 = "aws:wafv2/webAclAssociation:WebAclAssociation"
	packtest.Run(t, Policies(), "aws-apigateway-stage-waf", []packtest.Case{
		{Name: "associated by dependency", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(newStage, nil),
				packtest.DependsOn(association(wafv2, packtest.Unknown), "resourceArn", newStage)}},
		{Name: "no web ACL", Want: packtest.Violation, Count: 1,
			Message: `stage "prod" has no AWS WAF web ACL: declare an aws.wafv2.WebAclAssociation with resourceArn set to its arn`,
			Stack:   packtest.Stack(stage)},
		{Name: "association of another stage", Want: packtest.Violation, Count: 1, Message: `stage "prod" has no AWS WAF web ACL`,
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(newStage, nil), packtest.StackResource(otherStage, nil),
				packtest.DependsOn(association(wafv2, packtest.Unknown), "resourceArn", otherStage)}},
		{Name: "WAF Classic association by plain arn", Want: packtest.Pass,
			Stack: packtest.Stack(stage, association("aws:wafregional/webAclAssociation:WebAclAssociation", arn))},
		{Name: "plain arn of another resource", Want: packtest.Violation,
			Stack: packtest.Stack(stage, association(wafv2, "arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/dev"))},
		{Name: "web ACL on the stage's outputs", Want: packtest.Pass,
			Stack: packtest.Stack(packtest.Resource(tokAPIStage, "prod", packtest.Props{"arn": arn,
				"webAclArn": "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/fms-managed/1"}))},
		{Name: "v2 stages are not judged", Want: packtest.NotApplicable, Message: "no resources of its types",
			Stack: packtest.Stack(packtest.Resource(tokAPIV2Stage, "default", packtest.Props{"apiId": "a"}))},
		{Name: "unknown arn without association", Want: packtest.Violation,
			Stack: packtest.Stack(packtest.Resource(tokAPIStage, "prod", packtest.Props{"arn": packtest.Unknown}))},
		{Name: "unknown resourceArn of an unlinked association", Want: packtest.NotApplicable,
			Message: "value unknown during preview: resourceArn",
			Stack:   packtest.Stack(stage, association(wafv2, packtest.Unknown))},
	})
}

func TestAPIGatewayStageClientCertificate(t *testing.T) {
	packtest.Run(t, Policies(), "aws-apigateway-stage-client-certificate", []packtest.Case{
		{Name: "client certificate", Want: packtest.Pass,
			Resource: packtest.Resource(tokAPIStage, "prod", packtest.Props{"stageName": "prod", "clientCertificateId": "abc123"})},
		{Name: "no client certificate", Want: packtest.Violation, Count: 1,
			Message: `stage "prod" presents no client certificate to its backends, which cannot tell its requests from ` +
				`anyone else's: set clientCertificateId to an aws.apigateway.ClientCertificate's id`,
			Resource: packtest.Resource(tokAPIStage, "prod", packtest.Props{"stageName": "prod"})},
		{Name: "empty client certificate", Want: packtest.Violation,
			Resource: packtest.Resource(tokAPIStage, "prod", packtest.Props{"stageName": "prod", "clientCertificateId": ""})},
		{Name: "v2 stages are not judged", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource(tokAPIV2Stage, "default", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: clientCertificateId",
			Resource: packtest.Resource(tokAPIStage, "prod", packtest.Props{"clientCertificateId": packtest.Unknown})},
	})
}

func TestAPIV2RouteAuthorization(t *testing.T) {
	route := func(props packtest.Props) plugin.AnalyzerResource {
		return packtest.Resource("aws:apigatewayv2/route:Route", "route", packtest.With(packtest.Props{"apiId": "a1b2c3"}, props))
	}
	packtest.Run(t, Policies(), "aws-apigatewayv2-route-authorization", []packtest.Case{
		{Name: "HTTP route, authorization unset", Want: packtest.Violation,
			Message:  `route "route" ("GET /pets") of an API Gateway v2 API requires no authorization (authorizationType NONE)`,
			Resource: route(packtest.Props{"routeKey": "GET /pets"})},
		{Name: "HTTP route, explicitly NONE", Want: packtest.Violation,
			Resource: route(packtest.Props{"routeKey": "ANY /{proxy+}", "authorizationType": "NONE"})},
		{Name: "HTTP $default catch-all", Want: packtest.Violation,
			Resource: route(packtest.Props{"routeKey": "$default"})},
		{Name: "WebSocket $connect open", Want: packtest.Violation, Message: `("$connect")`,
			Resource: route(packtest.Props{"routeKey": "$connect"})},
		{Name: "JWT authorizer", Want: packtest.Pass,
			Resource: route(packtest.Props{"routeKey": "GET /pets", "authorizationType": "JWT", "authorizerId": "abc"})},
		{Name: "IAM on $connect", Want: packtest.Pass,
			Resource: route(packtest.Props{"routeKey": "$connect", "authorizationType": "AWS_IAM"})},
		{Name: "WebSocket $disconnect is not judged", Want: packtest.NotApplicable, Message: "authorized on $connect",
			Resource: route(packtest.Props{"routeKey": "$disconnect"})},
		{Name: "WebSocket message route is not judged", Want: packtest.NotApplicable,
			Resource: route(packtest.Props{"routeKey": "sendmessage"})},
		{Name: "WebSocket $default is not judged", Want: packtest.NotApplicable,
			Resource: route(packtest.Props{"routeKey": "$default", "routeResponseSelectionExpression": "$default"})},
		{Name: "authorization unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: authorizationType",
			Resource: route(packtest.Props{"routeKey": "GET /pets", "authorizationType": packtest.Unknown})},
		{Name: "route key unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: routeKey",
			Resource: route(packtest.Props{"routeKey": packtest.Unknown})},
	})
}

func TestAPIGatewayMethodAuthorization(t *testing.T) {
	method := func(props packtest.Props) packtest.Props {
		p := packtest.Props{"restApi": "api", "resourceId": "res", "httpMethod": "GET"}
		for k, v := range props {
			p[k] = v
		}
		return p
	}
	packtest.Run(t, Policies(), "aws-apigateway-method-authorization", []packtest.Case{
		{Name: "open method", Want: packtest.Violation, Message: "REST API method get has authorization NONE and no API key",
			Resource: packtest.Resource(apiGatewayMethodType, "get", method(packtest.Props{"authorization": "NONE"}))},
		{Name: "open method with apiKeyRequired false", Want: packtest.Violation,
			Resource: packtest.Resource(apiGatewayMethodType, "get", method(packtest.Props{"authorization": "NONE", "apiKeyRequired": false}))},
		{Name: "api key", Want: packtest.Pass,
			Resource: packtest.Resource(apiGatewayMethodType, "get", method(packtest.Props{"authorization": "NONE", "apiKeyRequired": true}))},
		{Name: "iam", Want: packtest.Pass,
			Resource: packtest.Resource(apiGatewayMethodType, "get", method(packtest.Props{"authorization": "AWS_IAM"}))},
		{Name: "cognito", Want: packtest.Pass,
			Resource: packtest.Resource(apiGatewayMethodType, "get", method(packtest.Props{"authorization": "COGNITO_USER_POOLS", "authorizerId": "a"}))},
		{Name: "CORS preflight", Want: packtest.NotApplicable, Message: "OPTIONS methods",
			Resource: packtest.Resource(apiGatewayMethodType, "opt", method(packtest.Props{"authorization": "NONE", "httpMethod": "OPTIONS"}))},
		{Name: "unknown authorization", Want: packtest.NotApplicable, Message: "value unknown during preview: authorization",
			Resource: packtest.Resource(apiGatewayMethodType, "get", method(packtest.Props{"authorization": packtest.Unknown}))},
		{Name: "unknown api key", Want: packtest.NotApplicable, Message: "value unknown during preview: apiKeyRequired",
			Resource: packtest.Resource(apiGatewayMethodType, "get", method(packtest.Props{"authorization": "NONE", "apiKeyRequired": packtest.Unknown}))},
		{Name: "unknown http method", Want: packtest.NotApplicable, Message: "value unknown during preview: httpMethod",
			Resource: packtest.Resource(apiGatewayMethodType, "get", method(packtest.Props{"authorization": "NONE", "httpMethod": packtest.Unknown}))},
	})
}
