package iampolicy

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
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

func TestAdminStatements(t *testing.T) {
	admin := statementOf(t, `{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}`)
	assert.True(t, admin.GrantsEveryAction())
	assert.True(t, admin.onEveryResource())
	s3 := statementOf(t, `{"Statement":{"Effect":"Allow","Action":["s3:*"],"Resource":"arn:aws:s3:::b/*"}}`)
	assert.False(t, s3.GrantsEveryAction())
	assert.True(t, s3.grantsEveryActionOf("s3"))
	assert.False(t, s3.onEveryResource())
}
