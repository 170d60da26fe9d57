package aws

import (
	"testing"
	"time"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestLambdaPermissionNotPublic(t *testing.T) {
	const typ = "aws:lambda/permission:Permission"
	perm := func(extra packtest.Props) packtest.Props {
		return packtest.With(packtest.Props{"function": "fn", "action": "lambda:InvokeFunction", "principal": "*"}, extra)
	}
	packtest.Run(t, Policies(), "aws-lambda-permission-not-public", []packtest.Case{
		{Name: "principal * without conditions", Want: packtest.Violation,
			Message:  "permission open lets anyone invoke the function (principal \"*\")",
			Resource: packtest.Resource(typ, "open", perm(nil))},
		{Name: "principal * with sourceArn", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"sourceArn": "arn:aws:execute-api:us-east-1:123456789012:abc/*"}))},
		{Name: "principal * with sourceAccount", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"sourceAccount": "123456789012"}))},
		{Name: "principal * with principalOrgId", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"principalOrgId": "o-abc123"}))},
		{Name: "named account", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"principal": "123456789012"}))},
		{Name: "service with source", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"principal": "sns.amazonaws.com", "sourceArn": "arn:aws:sns:us-east-1:123456789012:t"}))},
		{Name: "service without source is the source rule's", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"principal": "s3.amazonaws.com"}))},
		{Name: "function URL with IAM auth for anyone", Want: packtest.Violation,
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"action": "lambda:InvokeFunctionUrl", "functionUrlAuthType": "AWS_IAM"}))},
		{Name: "public function URL permission is the URL rule's", Want: packtest.NotApplicable, Message: "aws-lambda-function-url-auth",
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"action": "lambda:InvokeFunctionUrl", "functionUrlAuthType": "NONE"}))},
		{Name: "v7 invokedViaFunctionUrl permission is the URL rule's", Want: packtest.NotApplicable, Message: "aws-lambda-function-url-auth",
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"invokedViaFunctionUrl": true}))},
		{Name: "principal unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: principal",
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"principal": packtest.Unknown}))},
		{Name: "action unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: action",
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"action": packtest.Unknown}))},
		{Name: "function URL auth type unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: functionUrlAuthType",
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"action": "lambda:InvokeFunctionUrl", "functionUrlAuthType": packtest.Unknown}))},
		{Name: "invokedViaFunctionUrl unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: invokedViaFunctionUrl",
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"invokedViaFunctionUrl": packtest.Unknown}))},
		{Name: "sourceArn unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: sourceArn",
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"sourceArn": packtest.Unknown}))},
		{Name: "sourceAccount unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: sourceAccount",
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"sourceAccount": packtest.Unknown}))},
		{Name: "principalOrgId unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: principalOrgId",
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"principalOrgId": packtest.Unknown}))},
	})
}

func TestLambdaPermissionSourceRestricted(t *testing.T) {
	const typ = "aws:lambda/permission:Permission"
	perm := func(extra packtest.Props) packtest.Props {
		return packtest.With(packtest.Props{"function": "fn", "action": "lambda:InvokeFunction", "principal": "events.amazonaws.com"}, extra)
	}
	packtest.Run(t, Policies(), "aws-lambda-permission-source-restricted", []packtest.Case{
		{Name: "service without source", Want: packtest.Violation,
			Message:  `permission p lets "events.amazonaws.com" invoke the function on behalf of any account's resources`,
			Resource: packtest.Resource(typ, "p", perm(nil))},
		{Name: "service with sourceArn", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"sourceArn": "arn:aws:events:us-east-1:123456789012:rule/r"}))},
		{Name: "service with sourceAccount", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"sourceAccount": "123456789012"}))},
		{Name: "S3 with only sourceArn", Want: packtest.Violation, Message: "set sourceAccount to the bucket owner's account id",
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"principal": "s3.amazonaws.com", "sourceArn": "arn:aws:s3:::b"}))},
		{Name: "S3 with sourceAccount", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"principal": "s3.amazonaws.com",
				"sourceArn": "arn:aws:s3:::b", "sourceAccount": "123456789012"}))},
		{Name: "an account is not a service", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"principal": "123456789012"}))},
		{Name: "anyone is the public rule's", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"principal": "*"}))},
		{Name: "principal unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: principal",
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"principal": packtest.Unknown}))},
		{Name: "sourceArn unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: sourceArn",
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"sourceArn": packtest.Unknown}))},
		{Name: "S3 sourceAccount unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: sourceAccount",
			Resource: packtest.Resource(typ, "p", perm(packtest.Props{"principal": "s3.amazonaws.com", "sourceAccount": packtest.Unknown}))},
	})
}

func TestLambdaFunctionURLAuth(t *testing.T) {
	const typ = "aws:lambda/functionUrl:FunctionUrl"
	packtest.Run(t, Policies(), "aws-lambda-function-url-auth", []packtest.Case{
		{Name: "no authentication", Want: packtest.Violation,
			Message:  "function URL hook has authorizationType \"NONE\": anyone on the internet can invoke the function",
			Resource: packtest.Resource(typ, "hook", packtest.Props{"functionName": "fn", "authorizationType": "NONE"})},
		{Name: "IAM authentication", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "hook", packtest.Props{"functionName": "fn", "authorizationType": "AWS_IAM"})},
		{Name: "authorization type unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: authorizationType",
			Resource: packtest.Resource(typ, "hook", packtest.Props{"functionName": "fn", "authorizationType": packtest.Unknown})},
	})
}

func TestLambdaRuntimeSupported(t *testing.T) {
	const typ = "aws:lambda/function:Function"
	defer func(saved func() time.Time) { now = saved }(now)
	now = func() time.Time { return time.Date(2026, time.November, 26, 12, 0, 0, 0, time.UTC) }
	packtest.Run(t, Policies(), "aws-lambda-runtime-supported", []packtest.Case{
		{Name: "python3.8", Want: packtest.Violation,
			Message:  `function api uses runtime "python3.8", deprecated since 2024-10-14`,
			Resource: packtest.Resource(typ, "api", packtest.Props{"runtime": "python3.8"})},
		{Name: "go1.x", Want: packtest.Violation, Message: `"provided.al2023"`,
			Resource: packtest.Resource(typ, "api", packtest.Props{"runtime": "go1.x"})},
		{Name: "nodejs20.x after 2026-04-30", Want: packtest.Violation, Message: "deprecated since 2026-04-30",
			Resource: packtest.Resource(typ, "api", packtest.Props{"runtime": "nodejs20.x"})},
		{Name: "deprecated on the day itself", Want: packtest.Violation, Message: "dotnet8",
			Resource: packtest.Resource(typ, "api", packtest.Props{"runtime": "dotnet8"})},
		{Name: "python3.11 is not deprecated yet", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "api", packtest.Props{"runtime": "python3.11"})},
		{Name: "nodejs22.x", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "api", packtest.Props{"runtime": "nodejs22.x"})},
		{Name: "runtime unknown to the list", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "api", packtest.Props{"runtime": "python3.14"})},
		{Name: "container image without runtime", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "api", packtest.Props{"packageType": "Image", "imageUri": "x"})},
		{Name: "runtime unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: runtime",
			Resource: packtest.Resource(typ, "api", packtest.Props{"runtime": packtest.Unknown})},
	})
}

func TestLambdaRuntimeDeprecationDay(t *testing.T) {
	defer func(saved func() time.Time) { now = saved }(now)
	node20 := packtest.Resource("aws:lambda/function:Function", "api", packtest.Props{"runtime": "nodejs20.x"})
	now = func() time.Time { return time.Date(2026, time.April, 29, 23, 0, 0, 0, time.UTC) }
	packtest.Run(t, Policies(), "aws-lambda-runtime-supported", []packtest.Case{
		{Name: "the day before", Want: packtest.Pass, Resource: node20},
	})
	now = func() time.Time { return time.Date(2026, time.April, 30, 0, 0, 0, 0, time.UTC) }
	packtest.Run(t, Policies(), "aws-lambda-runtime-supported", []packtest.Case{
		{Name: "the day itself", Want: packtest.Violation, Resource: node20},
	})
}

func TestLambdaXRayTracing(t *testing.T) {
	const typ = "aws:lambda/function:Function"
	fn := func(tracing any) packtest.Props {
		p := packtest.Props{"runtime": "python3.13", "handler": "app.handler", "role": "arn:aws:iam::123456789012:role/fn"}
		if tracing != nil {
			p["tracingConfig"] = tracing
		}
		return p
	}
	packtest.Run(t, Policies(), "aws-lambda-xray-tracing", []packtest.Case{
		{Name: "active tracing", Want: packtest.Pass, Resource: packtest.Resource(typ, "fn", fn(packtest.Props{"mode": "Active"}))},
		{Name: "unset defaults to PassThrough", Want: packtest.Violation, Count: 1,
			Message: `function fn sets no tracingConfig.mode, so Lambda only passes on X-Ray traces its callers started: ` +
				`set tracingConfig: { mode: "Active" }`,
			Resource: packtest.Resource(typ, "fn", fn(nil))},
		{Name: "PassThrough", Want: packtest.Violation, Count: 1,
			Message:  `function fn has tracingConfig.mode "PassThrough", so Lambda only passes on X-Ray traces`,
			Resource: packtest.Resource(typ, "fn", fn(packtest.Props{"mode": "PassThrough"}))},
		{Name: "one-element list shape", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "fn", fn([]any{packtest.Props{"mode": "Active"}}))},
		{Name: "mode unknown during preview", Want: packtest.NotApplicable, Message: "value unknown during preview: tracingConfig.mode",
			Resource: packtest.Resource(typ, "fn", fn(packtest.Props{"mode": packtest.Unknown}))},
		{Name: "tracing config unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: tracingConfig",
			Resource: packtest.Resource(typ, "fn", fn(packtest.Unknown))},
	})
}
