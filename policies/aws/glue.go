package aws

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy"
)

// AWS Glue rules. The tokens and inputs are the same in pulumi-aws v6 (v6.83) and v7 (7.48):
// ResourcePolicy holds the Data Catalog's resource policy in policy; DataCatalogEncryptionSettings
// holds one dataCatalogEncryptionSettings object with encryptionAtRest.catalogEncryptionMode and
// connectionPasswordEncryption.returnConnectionPasswordEncrypted (both required).

const (
	glueResourcePolicyType     = "aws:glue/resourcePolicy:ResourcePolicy"
	glueCatalogEncryptionType  = "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings"
	glueCatalogEncryptionBlock = "dataCatalogEncryptionSettings"
)

func init() { register(glueResourcePolicyNotPublic, glueCatalogEncrypted) }

var glueResourcePolicyNotPublic = pack.Policy{
	Name:        "aws-glue-resource-policy-not-public",
	DisplayName: "The Glue Data Catalog resource policy does not let anyone in",
	Description: "The Glue Data Catalog's resource policy (aws.glue.ResourcePolicy) grants nothing to every " +
		"principal (\"*\") unless a condition ties the request to known callers (an account, an organization, " +
		"a source).",
	Severity:  pack.Critical,
	Framework: frameworks.WellArchitected("SEC03-BP07"),
	Tags:      []string{"aws", "glue", "public-access", "identity"},
	Remediation: "Name the accounts or roles that share the catalog in Principal, or keep \"*\" with a condition " +
		"such as aws:PrincipalOrgID; share through AWS Lake Formation where you can.",
	Types:    []string{glueResourcePolicyType},
	Resource: checkGlueResourcePolicyNotPublic,
}

func checkGlueResourcePolicyNotPublic(c *pack.Check, r *pack.Resource) {
	if i := iampolicy.FirstPublicStatement(r.Get("policy")); i > 0 {
		c.Violatef("Glue resource policy %s lets anyone in to the Data Catalog (statement %d allows every principal "+
			"with no condition naming known callers); name the principals or add aws:PrincipalOrgID", r.Name, i)
	}
}

var glueCatalogEncrypted = pack.Policy{
	Name:        "aws-glue-data-catalog-encrypted",
	DisplayName: "The Glue Data Catalog encrypts its metadata and connection passwords",
	Description: "Glue Data Catalog encryption settings encrypt the catalog's metadata at rest " +
		"(encryptionAtRest.catalogEncryptionMode SSE-KMS or SSE-KMS-WITH-SERVICE-ROLE, not DISABLED) and return " +
		"connection passwords encrypted (connectionPasswordEncryption.returnConnectionPasswordEncrypted true), so " +
		"that reading them takes the KMS key as well as Glue permissions.",
	Severity:  pack.High,
	Framework: frameworks.WellArchitected("SEC08-BP02"),
	Tags:      []string{"aws", "glue", "encryption"},
	Remediation: "Set dataCatalogEncryptionSettings: { encryptionAtRest: { catalogEncryptionMode: \"SSE-KMS\", " +
		"sseAwsKmsKeyId }, connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId } }.",
	Types:    []string{glueCatalogEncryptionType},
	Resource: checkGlueCatalogEncrypted,
}

func checkGlueCatalogEncrypted(c *pack.Check, r *pack.Resource) {
	mode := r.Get(glueCatalogEncryptionBlock, "encryptionAtRest", "catalogEncryptionMode")
	if m := mode.Text("DISABLED"); m == "" || m == "DISABLED" {
		c.Violatef("Glue Data Catalog encryption settings %s leave the catalog's metadata unencrypted "+
			"(encryptionAtRest.catalogEncryptionMode %v): set it to SSE-KMS", r.Name, mode)
	}
	if !r.Get(glueCatalogEncryptionBlock, "connectionPasswordEncryption", "returnConnectionPasswordEncrypted").Bool(false) {
		c.Violatef("Glue Data Catalog encryption settings %s return connection passwords in clear text "+
			"(connectionPasswordEncryption.returnConnectionPasswordEncrypted false): set it to true", r.Name)
	}
}
