package policies

import (
	"encoding/json"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Policy documents for the tests of rules that read them.

// iamDocJSON renders a policy document with the given statements as the JSON string programs
// pass.
func iamDocJSON(statements ...map[string]any) string {
	b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": statements})
	if err != nil {
		panic(err)
	}
	return string(b)
}

func iamAllow(action, resource any) map[string]any {
	return map[string]any{"Effect": "Allow", "Action": action, "Resource": resource}
}

// iamAllowPrincipal is a resource or trust policy statement letting principal do action, under
// condition when it is not nil.
func iamAllowPrincipal(action, principal any, condition map[string]any) map[string]any {
	s := map[string]any{"Effect": "Allow", "Action": action, "Principal": principal}
	if condition != nil {
		s["Condition"] = condition
	}
	return s
}

// iamDocText renders a policy document around statements written as JSON text.
func iamDocText(statements string) string {
	return `{"Version":"2012-10-17","Statement":[` + statements + `]}`
}

func statementOf(t *testing.T, doc string) statement {
	t.Helper()
	stmts := readPolicyDocument(pack.NewValue(property.New(doc), "policy"))
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
		assert.Equal(t, public, statementOf(t, doc).publicPrincipal(), doc)
	}
}

func TestPublicPrincipalIgnoringKeys(t *testing.T) {
	s := statementOf(t, `{"Statement":{"Effect":"Allow","Principal":"*","Condition":{"StringEquals":{"sts:ExternalId":"x"}}}}`)
	assert.False(t, s.publicPrincipal())
	assert.True(t, s.publicPrincipal("sts:ExternalId"))
}

func TestDeniesInsecureTransport(t *testing.T) {
	for doc, denies := range map[string]bool{
		`{"Statement":{"Effect":"Deny","Principal":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}}`:       true,
		`{"Statement":{"Effect":"Deny","Principal":"*","Condition":{"BoolIfExists":{"aws:SecureTransport":false}}}}`: true,
		`{"Statement":{"Principal":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}}`:                       false,
		`{"Statement":{"Effect":"Allow","Principal":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}}`:       false,
		`{"Statement":{"Effect":"Deny","Principal":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}}`:        false,
	} {
		assert.Equal(t, denies, statementOf(t, doc).deniesInsecureTransport(), doc)
	}
}

func TestAdminStatements(t *testing.T) {
	admin := statementOf(t, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`)
	assert.True(t, admin.grantsEveryAction())
	assert.True(t, admin.onEveryResource())
	s3 := statementOf(t, `{"Statement":{"Effect":"Allow","Action":["s3:*"],"Resource":"arn:aws:s3:::b/*"}}`)
	assert.False(t, s3.grantsEveryAction())
	assert.True(t, s3.grantsEveryActionOf("s3"))
	assert.False(t, s3.onEveryResource())
}
