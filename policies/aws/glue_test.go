package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy/iampolicytest"
)

func TestGlueResourcePolicyNotPublic(t *testing.T) {
	doc := func(principal any, condition map[string]any) packtest.Props {
		return packtest.Props{"policy": iampolicytest.Doc(iampolicytest.AllowPrincipal("glue:*", principal, condition))}
	}
	packtest.Run(t, Policies(), "aws-glue-resource-policy-not-public", []packtest.Case{
		{Name: "anyone", Want: packtest.Violation, Message: "Glue resource policy catalog lets anyone in to the Data Catalog (statement 1",
			Resource: packtest.Resource(glueResourcePolicyType, "catalog", doc("*", nil))},
		{Name: "organization", Want: packtest.Pass, Resource: packtest.Resource(glueResourcePolicyType, "catalog",
			doc("*", map[string]any{"StringEquals": map[string]any{"aws:PrincipalOrgID": "o-abc"}}))},
		{Name: "named account", Want: packtest.Pass, Resource: packtest.Resource(glueResourcePolicyType, "catalog",
			doc(map[string]any{"AWS": "arn:aws:iam::123456789012:root"}, nil))},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: policy",
			Resource: packtest.Resource(glueResourcePolicyType, "catalog", packtest.Props{"policy": packtest.Unknown})},
	})
}

func TestGlueCatalogEncrypted(t *testing.T) {
	settings := func(mode, passwords any) packtest.Props {
		return packtest.Props{"dataCatalogEncryptionSettings": map[string]any{
			"encryptionAtRest":             map[string]any{"catalogEncryptionMode": mode},
			"connectionPasswordEncryption": map[string]any{"returnConnectionPasswordEncrypted": passwords},
		}}
	}
	packtest.Run(t, Policies(), "aws-glue-data-catalog-encrypted", []packtest.Case{
		{Name: "disabled", Want: packtest.Violation, Count: 1, Message: `catalogEncryptionMode "DISABLED"`,
			Resource: packtest.Resource(glueCatalogEncryptionType, "enc", settings("DISABLED", true))},
		{Name: "clear passwords", Want: packtest.Violation, Count: 1, Message: "return connection passwords in clear text",
			Resource: packtest.Resource(glueCatalogEncryptionType, "enc", settings("SSE-KMS", false))},
		{Name: "both off", Want: packtest.Violation, Count: 2,
			Resource: packtest.Resource(glueCatalogEncryptionType, "enc", settings("DISABLED", false))},
		{Name: "encrypted", Want: packtest.Pass,
			Resource: packtest.Resource(glueCatalogEncryptionType, "enc", settings("SSE-KMS", true))},
		{Name: "encrypted with a service role", Want: packtest.Pass,
			Resource: packtest.Resource(glueCatalogEncryptionType, "enc", settings("SSE-KMS-WITH-SERVICE-ROLE", true))},
		{Name: "unknown mode", Want: packtest.NotApplicable, Message: "encryptionAtRest.catalogEncryptionMode",
			Resource: packtest.Resource(glueCatalogEncryptionType, "enc", settings(packtest.Unknown, true))},
		{Name: "unknown passwords", Want: packtest.NotApplicable, Message: "returnConnectionPasswordEncrypted",
			Resource: packtest.Resource(glueCatalogEncryptionType, "enc", settings("SSE-KMS", packtest.Unknown))},
	})
}
