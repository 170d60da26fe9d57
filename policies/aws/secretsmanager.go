package aws

import (
	"fmt"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy"
)

// Type tokens of AWS Secrets Manager (the same in pulumi-aws v6 and v7). Rotation is not inline on
// the secret (it was, deprecated, up to pulumi-aws v5): a separate aws.secretsmanager.SecretRotation
// names the secret in secretId.
const (
	secretsManagerSecretType   = "aws:secretsmanager/secret:Secret"
	secretsManagerRotationType = "aws:secretsmanager/secretRotation:SecretRotation"
	secretsManagerPolicyType   = "aws:secretsmanager/secretPolicy:SecretPolicy"
)

func init() {
	register(
		pack.Policy{
			Name:        "aws-secretsmanager-secret-rotation",
			DisplayName: "Secrets Manager secrets rotate automatically",
			Description: "Every Secrets Manager secret of the stack has automatic rotation: an " +
				"aws.secretsmanager.SecretRotation for it that does not turn rotation off (or, on pulumi-aws v5, " +
				"the secret's inline rotation).",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("SecretsManager.1"),
			Tags:      []string{"aws", "secretsmanager", "secrets", "rotation"},
			Remediation: "Add an aws.secretsmanager.SecretRotation with secretId set to the secret's id, " +
				"rotationRules (automaticallyAfterDays or scheduleExpression) and a rotationLambdaArn (AWS " +
				"provides rotation functions for RDS, Redshift and DocumentDB credentials). For RDS master " +
				"passwords, manageMasterUserPassword: true lets RDS rotate them instead.",
			Types: []string{secretsManagerSecretType},
			Stack: checkSecretsManagerRotation,
		},
		pack.Policy{
			Name:        "aws-secretsmanager-secret-customer-managed-key",
			DisplayName: "Secrets Manager secrets use a customer managed KMS key",
			Description: "Secrets Manager secrets are encrypted with a customer managed KMS key (kmsKeyId), whose " +
				"key policy the owner controls and which can be shared across accounts, rather than the AWS " +
				"managed key aws/secretsmanager.",
			Severity:  pack.Low,
			Framework: frameworks.WellArchitected("SEC08-BP01"),
			Tags:      []string{"aws", "secretsmanager", "secrets", "encryption"},
			Remediation: "Create an aws.kms.Key for the secrets of the application and set kmsKeyId to its ARN; " +
				"grant kms:Decrypt only to the roles that read the secrets.",
			Types:    []string{secretsManagerSecretType},
			Resource: checkSecretsManagerCustomerManagedKey,
		},
		pack.Policy{
			Name:        "aws-secretsmanager-secret-not-public",
			DisplayName: "Secrets Manager secret policies do not let anyone in",
			Description: "Secrets Manager resource policies (a secret's policy, or an aws.secretsmanager.SecretPolicy) " +
				"grant nothing to every principal (\"*\") unless a condition ties the request to a known account, " +
				"organization, source or network.",
			Severity:  pack.Critical,
			Framework: frameworks.WellArchitected("SEC03-BP07"),
			Tags:      []string{"aws", "secretsmanager", "secrets", "public-access", "identity"},
			Remediation: "Name the accounts or roles that need the secret in Principal, or add a condition such as " +
				"aws:PrincipalOrgID; set blockPublicPolicy: true on the SecretPolicy so that Secrets Manager " +
				"refuses policies that open the secret to everyone.",
			Types:    []string{secretsManagerSecretType, secretsManagerPolicyType},
			Resource: checkSecretsManagerNotPublic,
		},
	)
}

func checkSecretsManagerRotation(c *pack.Check, s *pack.Stack) {
	// Old state may name the secret by a plain value instead of a dependency: collect the names
	// rotations give, with their rotationEnabled, to match them against each secret's arn, id and
	// name.
	named := map[string][]pack.Value{}
	var unknownNames []pack.Value
	for _, rotation := range s.OfType(secretsManagerRotationType) {
		id := rotation.Get("secretId")
		if id.Unknown() {
			unknownNames = append(unknownNames, id)
			continue
		}
		if name := id.Text(""); name != "" {
			named[name] = append(named[name], rotation.Get("rotationEnabled"))
		}
	}
	c.ForEach(s.OfType(secretsManagerSecretType), func(secret *pack.Resource) {
		disabled := false
		for _, rotation := range s.Referrers(secret.URN, "secretId", secretsManagerRotationType) {
			if rotation.Get("rotationEnabled").Bool(true) {
				return
			}
			disabled = true
		}
		for _, key := range []string{"arn", "id", "name"} {
			if v := secret.Get(key); len(named) > 0 && !v.Unknown() {
				for _, enabled := range named[v.Text("")] {
					if enabled.Bool(true) {
						return
					}
					disabled = true
				}
			}
		}
		// pulumi-aws v5 still had inline rotation (rotationLambdaArn, rotationRules) and reported
		// rotationEnabled among the secret's outputs; v6 and v7 have neither.
		if v := secret.Get("rotationLambdaArn"); !v.Unknown() && textIsSet(v) {
			return
		}
		if secret.Get("rotationEnabled").Bool(false) {
			return
		}
		for _, id := range unknownNames {
			_ = id.Text("") // stops: a rotation of an unknown secret could be this one's
		}
		message := fmt.Sprintf("Secrets Manager secret %s has no automatic rotation: add an "+
			"aws.secretsmanager.SecretRotation with secretId set to its id", secret.Name)
		if disabled {
			message = fmt.Sprintf("Secrets Manager secret %s has its rotation turned off (its SecretRotation sets "+
				"rotationEnabled to false): remove rotationEnabled: false and set rotationRules", secret.Name)
		}
		c.Report(pack.Violation{URN: secret.URN, Message: message})
	})
}

func checkSecretsManagerCustomerManagedKey(c *pack.Check, r *pack.Resource) {
	key := r.Get("kmsKeyId")
	switch name := key.Text(""); {
	case name == "":
		c.Violatef("Secrets Manager secret %s is encrypted with the AWS managed key aws/secretsmanager (kmsKeyId "+
			"is unset): set kmsKeyId to a customer managed KMS key", r.Name)
	case strings.EqualFold(name, "alias/aws/secretsmanager") ||
		strings.HasSuffix(strings.ToLower(name), ":alias/aws/secretsmanager"):
		c.Violatef("Secrets Manager secret %s sets kmsKeyId to the AWS managed key %s: set it to a customer "+
			"managed KMS key", r.Name, key)
	}
}

func checkSecretsManagerNotPublic(c *pack.Check, r *pack.Resource) {
	if i := iampolicy.FirstPublicStatement(r.Get("policy")); i > 0 {
		c.Violatef("Secrets Manager policy of %s lets anyone in (statement %d allows every principal, with no "+
			"condition naming a known account, organization, source or network): anyone could read the secret "+
			"as it allows; name the principals or add such a condition", r.Name, i)
	}
}
