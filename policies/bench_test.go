package policies

import (
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy"
	"github.com/pulumi-securely/pulumi-securely/policies/secrets"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// BenchmarkSecretScanner measures the secret detector on the strings of a typical resource: it
// runs on every string input of every resource.
func BenchmarkSecretScanner(b *testing.B) {
	names := []string{"bucket", "acl", "dbPassword", "engine", "instanceClass", "API_TOKEN", "kmsKeyId", "userData"}
	values := []string{"shop-assets", "private", "postgres", "db.t4g.micro", "arn:aws:kms:us-east-1:1:key/k",
		"#!/bin/bash\napt-get update\nsystemctl start app\n", strings.Repeat("x", 200),
		"postgres://app@db.internal:5432/app"}
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range names {
			secrets.SensitiveName(n)
		}
		for _, v := range values {
			secrets.ValueKind(v)
		}
	}
}

// BenchmarkPolicyDocument measures reading an IAM policy document and judging its statements.
func BenchmarkPolicyDocument(b *testing.B) {
	doc := pack.NewValue(property.New(`{"Version":"2012-10-17","Statement":[`+
		`{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"arn:aws:s3:::b/*"},`+
		`{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}},`+
		`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"s3:ListBucket","Resource":"*"}]}`),
		"policy")
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range iampolicy.Read(doc) {
			_ = s.GrantsEveryAction() || s.PublicPrincipal() || s.DeniesInsecureTransport()
		}
	}
}
