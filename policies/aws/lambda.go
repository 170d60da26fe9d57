package aws

import (
	"strings"
	"time"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// Lambda rules. Type tokens and the properties read are the same in pulumi-aws v6 (v6.83.4) and
// v7 (7.48.0), except Permission.invokedViaFunctionUrl, which only v7 has.

const (
	lambdaPermissionType  = "aws:lambda/permission:Permission"
	lambdaFunctionURLType = "aws:lambda/functionUrl:FunctionUrl"
	lambdaFunctionType    = "aws:lambda/function:Function"
)

func init() {
	register(lambdaPermissionNotPublic, lambdaPermissionSourceRestricted, lambdaFunctionURLAuth, lambdaRuntimeSupported, lambdaXRayTracing)
}

var lambdaPermissionNotPublic = pack.Policy{
	Name:        "aws-lambda-permission-not-public",
	DisplayName: "Lambda functions cannot be invoked by anyone",
	Description: "A Lambda permission for the principal \"*\" is tied to a source (sourceArn, sourceAccount) " +
		"or an organization (principalOrgId). The permission behind a public function URL is left to " +
		"aws-lambda-function-url-auth; permissions for AWS services to aws-lambda-permission-source-restricted.",
	Severity:  pack.Critical,
	Framework: frameworks.FSBP("Lambda.1"),
	Tags:      []string{"aws", "lambda", "public-access"},
	Remediation: "Set principal to the account or service that invokes the function and, for services, " +
		"sourceArn and sourceAccount; or keep principal \"*\" with principalOrgId.",
	Types:    []string{lambdaPermissionType},
	Resource: checkLambdaPermissionNotPublic,
}

func checkLambdaPermissionNotPublic(c *pack.Check, r *pack.Resource) {
	if strings.TrimSpace(r.Get("principal").Text("")) != "*" {
		return
	}
	if lambdaFunctionURLPermission(r) {
		c.Skip("the permission of a public function URL: aws-lambda-function-url-auth judges the URL")
		return
	}
	for _, narrowing := range []string{"sourceArn", "sourceAccount", "principalOrgId"} {
		if r.Get(narrowing).Text("") != "" {
			return
		}
	}
	c.Violatef("permission %s lets anyone invoke the function (principal \"*\"): name the invoking "+
		"account or service as principal, or set sourceArn, sourceAccount or principalOrgId", r.Name)
}

var lambdaPermissionSourceRestricted = pack.Policy{
	Name:        "aws-lambda-permission-source-restricted",
	DisplayName: "Lambda permissions for AWS services name the source",
	Description: "A Lambda permission whose principal is an AWS service (\"<service>.amazonaws.com\") names the " +
		"resource or account it acts for, with sourceArn or sourceAccount: without them the service invokes the " +
		"function on behalf of any account's resources (the confused deputy problem). A permission for Amazon S3 " +
		"sets sourceAccount, since a bucket's ARN holds no account and a deleted bucket's name can be taken by " +
		"another account.",
	Severity:  pack.High,
	Framework: frameworks.WellArchitected("SEC03-BP02"),
	Tags:      []string{"aws", "lambda", "identity", "least-privilege"},
	Remediation: "Set sourceArn to the ARN of the resource that invokes the function (the topic, rule, API, " +
		"bucket...) and sourceAccount to the account that owns it; for Amazon S3, sourceAccount is required.",
	Types:    []string{lambdaPermissionType},
	Resource: checkLambdaPermissionSourceRestricted,
}

func checkLambdaPermissionSourceRestricted(c *pack.Check, r *pack.Resource) {
	principal := strings.ToLower(strings.TrimSpace(r.Get("principal").Text("")))
	service, ok := strings.CutSuffix(principal, ".amazonaws.com")
	if !ok || service == "" {
		return
	}
	account := r.Get("sourceAccount")
	if service == "s3" {
		if account.Text("") == "" {
			c.ViolateAt(account.Path(), "permission %s lets Amazon S3 invoke the function for a bucket of any account "+
				"(bucket names can be taken over once deleted): set sourceAccount to the bucket owner's account id", r.Name)
		}
		return
	}
	if account.Text("") == "" && r.Get("sourceArn").Text("") == "" {
		c.Violatef("permission %s lets %s invoke the function on behalf of any account's resources (neither "+
			"sourceArn nor sourceAccount is set): set sourceArn to the invoking resource's ARN, or sourceAccount "+
			"to its account", r.Name, r.Get("principal"))
	}
}

// lambdaFunctionURLPermission reports whether a permission is the one a function URL with
// authorizationType NONE needs: lambda:InvokeFunctionUrl with functionUrlAuthType NONE, or (v7)
// lambda:InvokeFunction with invokedViaFunctionUrl.
func lambdaFunctionURLPermission(r *pack.Resource) bool {
	action := r.Get("action").Text("")
	switch {
	case strings.EqualFold(action, "lambda:InvokeFunctionUrl"):
		return strings.EqualFold(r.Get("functionUrlAuthType").Text(""), "NONE")
	case strings.EqualFold(action, "lambda:InvokeFunction"):
		return r.Get("invokedViaFunctionUrl").Bool(false)
	}
	return false
}

var lambdaFunctionURLAuth = pack.Policy{
	Name:        "aws-lambda-function-url-auth",
	DisplayName: "Lambda function URLs require authentication",
	Description: "Function URLs use IAM authentication (authorizationType AWS_IAM): with NONE, anyone on " +
		"the internet who knows the URL invokes the function.",
	Severity:  pack.High,
	Framework: frameworks.FSBP("Lambda.1"),
	Tags:      []string{"aws", "lambda", "public-access", "network"},
	Remediation: "Set authorizationType: \"AWS_IAM\" and sign requests with SigV4; for a public endpoint, " +
		"put API Gateway (with throttling and an authorizer) or CloudFront with WAF in front instead, " +
		"or turn this policy off for the function with a documented exception.",
	Types: []string{lambdaFunctionURLType},
	Resource: func(c *pack.Check, r *pack.Resource) {
		if strings.EqualFold(r.Get("authorizationType").Text(""), "NONE") {
			c.Violatef("function URL %s has authorizationType \"NONE\": anyone on the internet can invoke the "+
				"function; set authorizationType: \"AWS_IAM\"", r.Name)
		}
	},
}

// lambdaRuntime is a Lambda-managed runtime that AWS deprecates: from that day it gets no security
// patches (creating and updating functions is blocked some months later).
type lambdaRuntime struct {
	deprecated string // YYYY-MM-DD
	successor  string
}

// lambdaRuntimes lists Lambda runtime deprecation dates, from the AWS Lambda runtimes page
// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html), as of 2026-11-26.
// Runtimes not listed (nodejs22.x, nodejs24.x, python3.12-3.14, java21, java25, dotnet10,
// ruby3.3, ruby3.4, provided.al2023, ...) are supported. Dates still to come are kept so that the
// rule starts flagging on the day; re-check them against the page when updating this list:
// AWS extended the Amazon Linux 2 runtimes (python3.11, java8.al2, java11, java17, provided.al2)
// in 2026, and 2027-06-30 below is that extension as reported, not a date read on the page.
var lambdaRuntimes = map[string]lambdaRuntime{
	"nodejs":         {"2016-10-31", "nodejs22.x"},
	"nodejs4.3":      {"2020-03-05", "nodejs22.x"},
	"nodejs4.3-edge": {"2020-03-05", "nodejs22.x"},
	"nodejs6.10":     {"2019-08-12", "nodejs22.x"},
	"nodejs8.10":     {"2020-03-06", "nodejs22.x"},
	"nodejs10.x":     {"2021-07-30", "nodejs22.x"},
	"nodejs12.x":     {"2023-03-31", "nodejs22.x"},
	"nodejs14.x":     {"2023-12-04", "nodejs22.x"},
	"nodejs16.x":     {"2024-06-12", "nodejs22.x"},
	"nodejs18.x":     {"2025-09-01", "nodejs22.x"},
	"nodejs20.x":     {"2026-04-30", "nodejs22.x"},
	"python2.7":      {"2021-07-15", "python3.13"},
	"python3.6":      {"2022-07-18", "python3.13"},
	"python3.7":      {"2023-12-04", "python3.13"},
	"python3.8":      {"2024-10-14", "python3.13"},
	"python3.9":      {"2025-12-15", "python3.13"},
	"python3.10":     {"2026-10-31", "python3.13"},
	"python3.11":     {"2027-06-30", "python3.13"},
	"ruby2.5":        {"2021-07-30", "ruby3.4"},
	"ruby2.7":        {"2023-12-07", "ruby3.4"},
	"ruby3.2":        {"2026-03-31", "ruby3.4"},
	"java8":          {"2024-01-08", "java21"},
	"java8.al2":      {"2027-06-30", "java21"},
	"java11":         {"2027-06-30", "java21"},
	"java17":         {"2027-06-30", "java21"},
	"go1.x":          {"2024-01-08", "provided.al2023"},
	"provided":       {"2024-01-08", "provided.al2023"},
	"provided.al2":   {"2027-06-30", "provided.al2023"},
	"dotnetcore1.0":  {"2019-06-27", "dotnet8"},
	"dotnetcore2.0":  {"2019-05-30", "dotnet8"},
	"dotnetcore2.1":  {"2022-01-05", "dotnet8"},
	"dotnetcore3.1":  {"2023-04-03", "dotnet8"},
	"dotnet5.0":      {"2022-05-10", "dotnet8"},
	"dotnet6":        {"2024-12-20", "dotnet8"},
	"dotnet7":        {"2024-05-14", "dotnet8"},
	"dotnet8":        {"2026-11-10", "dotnet10"},
}

var lambdaRuntimeSupported = pack.Policy{
	Name:        "aws-lambda-runtime-supported",
	DisplayName: "Lambda functions use a supported runtime",
	Description: "Functions do not use a Lambda runtime that AWS has deprecated: deprecated runtimes get no " +
		"security patches, and functions using them can no longer be created, then updated.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("Lambda.2"),
	Tags:      []string{"aws", "lambda", "vulnerability-management"},
	Remediation: "Set runtime to a supported runtime of the same language (see the AWS Lambda runtimes " +
		"page), test the function on it, and deploy.",
	Types: []string{lambdaFunctionType},
	Resource: func(c *pack.Check, r *pack.Resource) {
		runtime := r.Get("runtime") // unset: a container image function, whose image brings its runtime
		rt, ok := lambdaRuntimes[strings.ToLower(strings.TrimSpace(runtime.Text("")))]
		if !ok {
			return
		}
		if today := now().UTC().Format(time.DateOnly); today >= rt.deprecated {
			c.Violatef("function %s uses runtime %s, deprecated since %s (no more security patches): set "+
				"runtime to a supported one, such as %q", r.Name, runtime, rt.deprecated, rt.successor)
		}
	},
}

var lambdaXRayTracing = pack.Policy{
	Name:        "aws-lambda-xray-tracing",
	DisplayName: "Lambda functions trace requests with X-Ray",
	Description: "Functions set tracingConfig.mode to \"Active\", so that Lambda samples and records their " +
		"invocations in AWS X-Ray; with \"PassThrough\", the default, a function is traced only when its caller " +
		"already sampled the request.",
	Severity:  pack.Low,
	Framework: frameworks.WellArchitected("REL06-BP07"),
	Tags:      []string{"aws", "lambda", "monitoring"},
	Remediation: "Set tracingConfig: { mode: \"Active\" } and let the function's execution role write traces " +
		"(xray:PutTraceSegments and xray:PutTelemetryRecords, as in the AWS managed AWSXRayDaemonWriteAccess policy).",
	Types: []string{lambdaFunctionType},
	Resource: func(c *pack.Check, r *pack.Resource) {
		mode := r.Get("tracingConfig", "mode")
		switch {
		case netTextIs(mode, "PassThrough", "Active"):
		case !mode.Exists():
			c.Violatef("function %s sets no tracingConfig.mode, so Lambda only passes on X-Ray traces its callers "+
				"started: set tracingConfig: { mode: \"Active\" }", r.Name)
		default:
			c.Violatef("function %s has tracingConfig.mode %v, so Lambda only passes on X-Ray traces its callers "+
				"started: set tracingConfig: { mode: \"Active\" }", r.Name, mode)
		}
	},
}
