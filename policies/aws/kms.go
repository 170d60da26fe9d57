package aws

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy"
)

// KMS rules: key rotation and public key policies. Type tokens and property names are the same
// in pulumi-aws v6 (v6.83.4) and v7 (7.48.0).

const kmsKeyType = "aws:kms/key:Key"

// kmsKeyPolicyTypes carry a key policy in `policy`.
var kmsKeyPolicyTypes = []string{
	kmsKeyType,
	"aws:kms/keyPolicy:KeyPolicy",
	"aws:kms/replicaKey:ReplicaKey",
	"aws:kms/externalKey:ExternalKey",
	"aws:kms/replicaExternalKey:ReplicaExternalKey",
}

func init() { register(kmsKeyRotation, kmsKeyPolicyNotPublic) }

var kmsKeyRotation = pack.Policy{
	Name:        "aws-kms-key-rotation",
	DisplayName: "KMS keys rotate automatically",
	Description: "Customer managed symmetric encryption keys have automatic key rotation enabled. Keys that " +
		"cannot rotate automatically (asymmetric and HMAC keys, keys in custom key stores) are not judged.",
	Severity:  pack.Medium,
	Framework: frameworks.WellArchitected("SEC08-BP01"),
	Tags:      []string{"aws", "kms", "encryption", "cis:3.6"},
	Remediation: "Set enableKeyRotation: true (and rotationPeriodInDays, 90 to 2560, if yearly rotation is " +
		"not what you want). Rotation keeps old key material, so existing data stays readable.",
	Types:    []string{kmsKeyType},
	Resource: checkKMSKeyRotation,
}

func checkKMSKeyRotation(c *pack.Check, r *pack.Resource) {
	if r.Get("enableKeyRotation").Bool(false) {
		return
	}
	// Automatic rotation exists only for symmetric encryption keys with KMS-generated material in
	// the standard key store (pulumi-aws defaults: SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT).
	spec, usage := r.Get("customerMasterKeySpec"), r.Get("keyUsage")
	switch {
	case !strings.EqualFold(spec.Text("SYMMETRIC_DEFAULT"), "SYMMETRIC_DEFAULT"):
		c.Skip("automatic rotation is not available for keys with customerMasterKeySpec " + spec.String())
	case !strings.EqualFold(usage.Text("ENCRYPT_DECRYPT"), "ENCRYPT_DECRYPT"):
		c.Skip("automatic rotation is not available for keys with keyUsage " + usage.String())
	case r.Get("customKeyStoreId").Exists() || r.Get("xksKeyId").Exists():
		c.Skip("automatic rotation is not available for keys in a custom key store")
	default:
		c.Violatef("key %s does not rotate its key material: set enableKeyRotation: true", r.Name)
	}
}

var kmsKeyPolicyNotPublic = pack.Policy{
	Name:        "aws-kms-key-policy-not-public",
	DisplayName: "KMS key policies do not let anyone use the key",
	Description: "A key policy has no Allow statement for the principal \"*\" (or with NotPrincipal) that no " +
		"condition ties to known accounts, an organization, a calling service or a network.",
	Severity:  pack.Critical,
	Framework: frameworks.FSBP("KMS.5"),
	Tags:      []string{"aws", "kms", "encryption", "public-access"},
	Remediation: "Name the accounts or roles that use the key in the statement's Principal, or add a " +
		"condition on kms:CallerAccount, kms:ViaService or aws:PrincipalOrgID.",
	Types:    kmsKeyPolicyTypes,
	Resource: checkKMSKeyPolicyNotPublic,
}

func checkKMSKeyPolicyNotPublic(c *pack.Check, r *pack.Resource) {
	doc := r.Get("policy") // unset: the default key policy, which trusts the owning account only
	for i, s := range iampolicy.Read(doc) {
		if s.PublicPrincipal() {
			c.Violatef("policy: statement %d lets any AWS principal use key %s; name the trusted principals "+
				"or add a condition on kms:CallerAccount, kms:ViaService or aws:PrincipalOrgID", i+1, r.Name)
		}
	}
}
