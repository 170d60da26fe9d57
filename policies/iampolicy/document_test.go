package iampolicy

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy/iampolicytest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Policy documents for the tests of rules that read them.

func statementOf(t *testing.T, doc string) Statement {
	t.Helper()
	stmts := Read(pack.NewValue(property.New(doc), "policy"))
	require.Len(t, stmts, 1)
	return stmts[0]
}

func TestPublicPrincipal(t *testing.T) {
	for doc, public := range map[string]bool{
		`{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}}`:                                               true,
		`{"Statement":[{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":"s3:*"}]}`:                                           true,
		`{"Statement":{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"}}}`:                                             false,
		`{"Statement":{"Effect":"Deny","Principal":"*"}}`:                                                                        false,
		`{"Statement":{"Effect":"Allow","Principal":"*","Condition":{"StringEquals":{"aws:SourceAccount":"1"}}}}`:                false,
		`{"Statement":{"Effect":"Allow","Principal":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}}`:               false,
		`{"Statement":{"Effect":"Allow","Principal":"*","Condition":{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","0.0.0.0/0"]}}}}`: true,
		`{"Statement":{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::1:root"}}}`:                                          true,
		`{"Statement":{"Effect":"Allow","Principal":"*","Condition":{"StringNotEquals":{"aws:SourceAccount":"1"}}}}`:             true,
		`{"Statement":{"Effect":"Allow","Principal":"*","Condition":{"StringEqualsIfExists":{"aws:SourceAccount":"1"}}}}`:        true,
		`{"Statement":{"Effect":"Allow","Principal":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*"}}}}`:             true,
		`{"Statement":{"Effect":"Allow","Principal":"*","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:us-east-1:1:t"}}}}`: false,
	} {
		assert.Equal(t, public, statementOf(t, doc).PublicPrincipal(), doc)
	}
}

func TestPublicPrincipalIgnoringKeys(t *testing.T) {
	s := statementOf(t, `{"Statement":{"Effect":"Allow","Principal":"*","Condition":{"StringEquals":{"sts:ExternalId":"x"}}}}`)
	assert.False(t, s.PublicPrincipal())
	assert.True(t, s.PublicPrincipal("sts:ExternalId"))
}

func TestDeniesInsecureTransport(t *testing.T) {
	for doc, denies := range map[string]bool{
		`{"Statement":{"Effect":"Deny","Principal":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}}`:       true,
		`{"Statement":{"Effect":"Deny","Principal":"*","Condition":{"BoolIfExists":{"aws:SecureTransport":false}}}}`: true,
		`{"Statement":{"Principal":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}}`:                       false,
		`{"Statement":{"Effect":"Allow","Principal":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}}`:       false,
		`{"Statement":{"Effect":"Deny","Principal":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}}`:        false,
	} {
		assert.Equal(t, denies, statementOf(t, doc).DeniesInsecureTransport(), doc)
	}
}

func TestGrantsEveryAction(t *testing.T) {
	for doc, every := range map[string]bool{
		`{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`:              true,
		`{"Statement":{"Effect":"allow","Action":["s3:GetObject","*:*"]}}`:          true,
		`{"Statement":{"Effect":"Allow","Action":["s3:*"],"Resource":"*"}}`:         false,
		`{"Statement":{"Effect":"Deny","Action":"*","Resource":"*"}}`:               false,
		`{"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}`:       false,
		`{"Statement":{"Action":"*","Resource":"*"}}`:                               false,
		`{"Statement":{"Effect":"Allow","Action":"s3:*:*","Resource":"arn:aws:*"}}`: false,
	} {
		assert.Equal(t, every, statementOf(t, doc).GrantsEveryAction(), doc)
	}
}

func TestAllows(t *testing.T) {
	assert.True(t, statementOf(t, `{"Statement":{"Effect":"ALLOW"}}`).Allows())
	assert.False(t, statementOf(t, `{"Statement":{"Effect":"Deny"}}`).Allows())
	assert.False(t, statementOf(t, `{"Statement":{}}`).Allows())
}

func TestReadStatements(t *testing.T) {
	read := func(doc property.Value) []Statement { return Read(pack.NewValue(doc, "policy")) }
	text := func(doc string) []Statement { return read(property.New(doc)) }
	stmts := text(`{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":["a","b"]},` +
		`{"Effect":"Deny","NotAction":["iam:*"],"NotResource":"c","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}]}`)
	require.Len(t, stmts, 2)
	assert.Equal(t, "Allow", stmts[0].Effect)
	assert.Equal(t, []string{"s3:GetObject"}, stmts[0].Actions, "a single action is a list of one")
	assert.Equal(t, []string{"a", "b"}, stmts[0].Resources)
	assert.Empty(t, stmts[0].NotActions)
	assert.False(t, stmts[0].Principal.Exists())
	assert.Equal(t, []string{"iam:*"}, stmts[1].NotActions)
	assert.Equal(t, []string{"c"}, stmts[1].NotResources)
	assert.True(t, stmts[1].Condition.Exists())

	object := property.New(map[string]property.Value{"Statement": property.New([]property.Value{
		property.New(map[string]property.Value{"Effect": property.New("Allow"), "Action": property.New("*")}),
	})})
	require.Len(t, read(object), 1, "a document given as an object")
	assert.Equal(t, []string{"*"}, read(object)[0].Actions)
	assert.Empty(t, text(""), "an empty document has no statements")
	assert.Empty(t, text(`{"Version":"2012-10-17"}`), "a document without statements")
}

func TestPrincipals(t *testing.T) {
	for doc, want := range map[string][]string{
		`{"Statement":{"Effect":"Allow","Principal":"*"}}`: {"*"},
		`{"Statement":{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com","AWS":["arn:aws:iam::1:root","arn:aws:iam::2:root"]}}}`: {
			"arn:aws:iam::1:root", "arn:aws:iam::2:root", "lambda.amazonaws.com"},
		`{"Statement":{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com","CanonicalUser":"abc"}}}`: {
			"cognito-identity.amazonaws.com", "abc"},
		`{"Statement":{"Effect":"Allow","Action":"*"}}`: nil,
	} {
		assert.Equal(t, want, statementOf(t, doc).Principals(), doc)
	}
}

func TestFirstPublicStatement(t *testing.T) {
	doc := func(text string) pack.Value { return pack.NewValue(property.New(text), "policy") }
	assert.Equal(t, 2, FirstPublicStatement(doc(`{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1:root"}},`+
		`{"Effect":"Allow","Principal":"*"},{"Effect":"Allow","Principal":{"AWS":"*"}}]}`)))
	assert.Equal(t, 0, FirstPublicStatement(doc(`{"Statement":[{"Effect":"Deny","Principal":"*"}]}`)))
	assert.Equal(t, 0, FirstPublicStatement(doc("")))
}

// readProbe is a policy that reads the policy document of a resource's "policy" input and reports
// how many statements it holds, so that how Read stops the check shows through the engine.
var readProbe = pack.Policy{
	Name: "read-probe", Description: "Reports what Read finds.", Severity: pack.Low, Remediation: "None: a test policy.",
	Resource: func(c *pack.Check, r *pack.Resource) {
		c.Violatef("%d statements", len(Read(r.Get("policy"))))
	},
}

func TestReadStopsOnWhatItCannotRead(t *testing.T) {
	policy := func(v any) plugin.AnalyzerResource {
		return packtest.Resource("aws:iam/policy:Policy", "p", packtest.Props{"policy": v})
	}
	packtest.Run(t, []pack.Policy{readProbe}, "read-probe", []packtest.Case{
		{Name: "a document", Want: packtest.Violation, Message: "1 statements",
			Resource: policy(iampolicytest.Doc(iampolicytest.Allow("s3:*", "*")))},
		{Name: "an unknown document", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": policy",
			Resource: policy(packtest.Unknown)},
		{Name: "an unknown action", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": policy.Statement.Action",
			Resource: policy(packtest.Props{"Statement": packtest.Props{"Effect": "Allow", "Action": packtest.Unknown}})},
		{Name: "text that is not JSON", Want: packtest.NotApplicable, Message: "policy is not valid JSON",
			Resource: policy(`{"Statement": [`)},
		{Name: "an action that is an object", Want: packtest.NotApplicable, Message: "policy.Statement.Action is an object, not a string",
			Resource: policy(`{"Statement":{"Effect":"Allow","Action":{"s3":"*"}}}`)},
	})
}
