package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy/iampolicytest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

func TestSecretsManagerRotation(t *testing.T) {
	const arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf"
	secret := packtest.Resource(secretsManagerSecretType, "db", packtest.Props{"arn": arn, "id": arn, "name": "db"})
	other := packtest.Resource(secretsManagerSecretType, "api", packtest.Props{
		"arn": "arn:aws:secretsmanager:us-east-1:111122223333:secret:api-XyZ", "name": "api"})
	rotation := func(props packtest.Props) plugin.AnalyzerResource {
		return packtest.Resource(secretsManagerRotationType, "rotate", packtest.With(packtest.Props{
			"rotationLambdaArn": "arn:aws:lambda:us-east-1:111122223333:function:rotate",
			"rotationRules":     packtest.Props{"automaticallyAfterDays": 30}}, props))
	}
	joined := func(r, secret plugin.AnalyzerResource) plugin.AnalyzerStackResource {
		return packtest.DependsOn(r, "secretId", secret)
	}
	plain := func(r plugin.AnalyzerResource) plugin.AnalyzerStackResource { return packtest.StackResource(r, nil) }
	packtest.Run(t, Policies(), "aws-secretsmanager-secret-rotation", []packtest.Case{
		{Name: "no rotation", Want: packtest.Violation, Count: 1,
			Message: "Secrets Manager secret db has no automatic rotation: add an aws.secretsmanager.SecretRotation",
			Stack:   packtest.Stack(secret)},
		{Name: "rotation joined through secretId", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{plain(secret), joined(rotation(packtest.Props{"secretId": arn}), secret)}},
		{Name: "rotation naming the secret's ARN (old state without dependencies)", Want: packtest.Pass,
			Stack: packtest.Stack(secret, rotation(packtest.Props{"secretId": arn}))},
		{Name: "rotation naming the secret's name", Want: packtest.Pass,
			Stack: packtest.Stack(secret, rotation(packtest.Props{"secretId": "db"}))},
		{Name: "rotation of another secret", Want: packtest.Violation, Count: 1, Message: "secret api",
			Stack: []plugin.AnalyzerStackResource{plain(secret), plain(other), joined(rotation(packtest.Props{"secretId": arn}), secret)}},
		{Name: "rotation turned off (pulumi-aws v7)", Want: packtest.Violation,
			Message: "Secrets Manager secret db has its rotation turned off",
			Stack: []plugin.AnalyzerStackResource{plain(secret),
				joined(packtest.Resource(secretsManagerRotationType, "off", packtest.Props{"secretId": arn, "rotationEnabled": false}), secret)}},
		{Name: "rotation turned off, named by value", Want: packtest.Violation, Message: "rotation turned off",
			Stack: packtest.Stack(secret, packtest.Resource(secretsManagerRotationType, "off",
				packtest.Props{"secretId": "db", "rotationEnabled": false}))},
		{Name: "rotation explicitly on", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{plain(secret),
				joined(rotation(packtest.Props{"secretId": arn, "rotationEnabled": true}), secret)}},
		{Name: "unknown rotationEnabled", Want: packtest.NotApplicable, Message: "db: " + packtest.UnknownDuringPreview,
			Stack: []plugin.AnalyzerStackResource{plain(secret),
				joined(rotation(packtest.Props{"secretId": arn, "rotationEnabled": packtest.Unknown}), secret)}},
		{Name: "rotation of an unknown secret", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Stack: packtest.Stack(secret, rotation(packtest.Props{"secretId": packtest.Unknown}))},
		{Name: "secret outputs unknown during preview, no rotation anywhere", Want: packtest.Violation,
			Message: "secret db has no automatic rotation",
			Stack: packtest.Stack(packtest.Resource(secretsManagerSecretType, "db",
				packtest.Props{"arn": packtest.Unknown, "name": packtest.Unknown}))},
		{Name: "secret arn unknown, rotation named by value elsewhere", Want: packtest.Violation, Message: "secret db",
			Stack: packtest.Stack(packtest.Resource(secretsManagerSecretType, "db", packtest.Props{"arn": packtest.Unknown}),
				rotation(packtest.Props{"secretId": "some-other-secret"}))},
		{Name: "inline rotation (pulumi-aws v5)", Want: packtest.Pass,
			Stack: packtest.Stack(packtest.Resource(secretsManagerSecretType, "db", packtest.Props{"arn": arn,
				"rotationLambdaArn": "arn:aws:lambda:us-east-1:1:function:rotate", "rotationEnabled": packtest.Unknown}))},
		{Name: "rotation reported by the secret (pulumi-aws v5 outputs)", Want: packtest.Pass,
			Stack: packtest.Stack(packtest.Resource(secretsManagerSecretType, "db", packtest.Props{"arn": arn,
				"rotationLambdaArn": "", "rotationEnabled": true}))},
		{Name: "no rotation reported by the secret (pulumi-aws v5 outputs)", Want: packtest.Violation,
			Message: "secret db has no automatic rotation",
			Stack: packtest.Stack(packtest.Resource(secretsManagerSecretType, "db", packtest.Props{"arn": arn,
				"rotationLambdaArn": "", "rotationEnabled": false}))},
		{Name: "unknown rotationEnabled output", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Stack: packtest.Stack(packtest.Resource(secretsManagerSecretType, "db", packtest.Props{"arn": arn,
				"rotationLambdaArn": packtest.Unknown, "rotationEnabled": packtest.Unknown}))},
		{Name: "no secret in the stack", Want: packtest.NotApplicable, Message: "no resources of its types",
			Stack: packtest.Stack(rotation(packtest.Props{"secretId": arn}))},
	})
}

func TestSecretsManagerCustomerManagedKey(t *testing.T) {
	packtest.Run(t, Policies(), "aws-secretsmanager-secret-customer-managed-key", []packtest.Case{
		{Name: "default key", Want: packtest.Violation,
			Message:  "Secrets Manager secret db is encrypted with the AWS managed key aws/secretsmanager (kmsKeyId is unset)",
			Resource: packtest.Resource(secretsManagerSecretType, "db", packtest.Props{"name": "db"})},
		{Name: "AWS managed key by alias", Want: packtest.Violation,
			Message:  `sets kmsKeyId to the AWS managed key "alias/aws/secretsmanager"`,
			Resource: packtest.Resource(secretsManagerSecretType, "db", packtest.Props{"kmsKeyId": "alias/aws/secretsmanager"})},
		{Name: "AWS managed key by alias ARN", Want: packtest.Violation, Message: "AWS managed key",
			Resource: packtest.Resource(secretsManagerSecretType, "db", packtest.Props{
				"kmsKeyId": "arn:aws:kms:us-east-1:111122223333:alias/aws/secretsmanager"})},
		{Name: "customer managed key", Want: packtest.Pass,
			Resource: packtest.Resource(secretsManagerSecretType, "db", packtest.Props{
				"kmsKeyId": "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"})},
		{Name: "customer managed key by alias", Want: packtest.Pass,
			Resource: packtest.Resource(secretsManagerSecretType, "db", packtest.Props{"kmsKeyId": "alias/app-secrets"})},
		{Name: "unknown key", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(secretsManagerSecretType, "db", packtest.Props{"kmsKeyId": packtest.Unknown})},
	})
}

func TestSecretsManagerNotPublic(t *testing.T) {
	public := map[string]any{"Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*"}
	org := map[string]any{"Effect": "Allow", "Principal": "*", "Action": "secretsmanager:GetSecretValue", "Resource": "*",
		"Condition": map[string]any{"StringEquals": map[string]any{"aws:PrincipalOrgID": "o-abc123"}}}
	packtest.Run(t, Policies(), "aws-secretsmanager-secret-not-public", []packtest.Case{
		{Name: "secret policy open to anyone", Want: packtest.Violation,
			Message: "Secrets Manager policy of db-policy lets anyone in (statement 1 allows every principal",
			Resource: packtest.Resource(secretsManagerPolicyType, "db-policy", packtest.Props{
				"secretArn": "arn:aws:secretsmanager:us-east-1:1:secret:db", "policy": iampolicytest.Doc(public)})},
		{Name: "inline policy open to anyone", Want: packtest.Violation, Message: "policy of db",
			Resource: packtest.Resource(secretsManagerSecretType, "db", packtest.Props{"policy": iampolicytest.Doc(org, public)})},
		{Name: "organization only", Want: packtest.Pass,
			Resource: packtest.Resource(secretsManagerPolicyType, "db-policy", packtest.Props{"policy": iampolicytest.Doc(org)})},
		{Name: "no policy", Want: packtest.Pass, Resource: packtest.Resource(secretsManagerSecretType, "db", packtest.Props{})},
		{Name: "unknown policy", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(secretsManagerPolicyType, "db-policy", packtest.Props{"policy": packtest.Unknown})},
	})
}
