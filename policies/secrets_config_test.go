package policies

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestNoPlaintextSecretsInConfig(t *testing.T) {
	stack := packtest.Resource(rootStackType, "app-dev", nil)
	withConfig := func(config map[string]string, secret ...string) *pack.Deployment {
		return pack.NewDeployment("acme", "app", "dev", true, nil, config, secret)
	}
	packtest.Run(t, All(), "no-plaintext-secrets-in-config", []packtest.Case{
		{Name: "secret-named key in plain text", Want: packtest.Violation, Resource: stack,
			Deployment: withConfig(map[string]string{"app:dbPassword": packtest.Canary}),
			Message:    "config app:dbPassword is named like a secret but is stored in plain text: run `pulumi config set --secret --stack dev app:dbPassword`"},
		{Name: "the same key set with --secret", Want: packtest.Pass, Resource: stack,
			Deployment: withConfig(map[string]string{"app:dbPassword": packtest.Canary}, "app:dbPassword")},
		{Name: "provider credential in plain text", Want: packtest.Violation, Resource: stack, Message: "aws:secretKey",
			Deployment: withConfig(map[string]string{"aws:region": "us-east-1", "aws:secretKey": "wJalrXUtnFEMI/K7MDENG"})},
		{Name: "secret-shaped value under an innocent key", Want: packtest.Violation, Resource: stack,
			Message:    "holds what looks like a GitHub token",
			Deployment: withConfig(map[string]string{"app:ci": "ghp_" + "a1B2a1B2a1B2a1B2a1B2a1B2a1B2a1B2a1B2"})},
		{Name: "structured config with a password field", Want: packtest.Violation, Resource: stack,
			Message:    "holds a secret-named field db.password",
			Deployment: withConfig(map[string]string{"app:settings": `{"db":{"host":"x","password":"hunter22"}}`})},
		{Name: "structured config with a token under an innocent field", Want: packtest.Violation, Resource: stack,
			Message: "holds what looks like a GitHub token",
			Deployment: withConfig(map[string]string{
				"app:ci": `{"github":{"user":"bot","auth":"ghp_` + "a1B2a1B2a1B2a1B2a1B2a1B2a1B2a1B2a1B2" + `"}}`})},
		{Name: "high-entropy value", Want: packtest.Violation, Resource: stack, Message: "high entropy",
			Deployment: withConfig(map[string]string{"app:seed": "hY7#kL9$mN2pQ5rS8tV1wX4z"})},
		{Name: "high-entropy detection turned off", Want: packtest.Pass, Resource: stack,
			Config:     map[string]any{"highEntropy": false},
			Deployment: withConfig(map[string]string{"app:seed": "hY7#kL9$mN2pQ5rS8tV1wX4z"})},
		{Name: "ignored key", Want: packtest.Pass, Resource: stack,
			Config:     map[string]any{"ignoreKeys": []any{"app:apiToken"}},
			Deployment: withConfig(map[string]string{"app:apiToken": "not-really-secret"})},
		{Name: "ordinary config", Want: packtest.Pass, Resource: stack,
			Deployment: withConfig(map[string]string{"aws:region": "us-east-1", "app:instanceType": "t3.micro",
				"app:dbPasswordArn": "arn:aws:secretsmanager:us-east-1:1:secret:x", "app:passwordLength": "24",
				"app:vpcId": "vpc-0a1b2c3d4e5f67890", "app:emptyToken": ""})},
		{Name: "reference to a secret store", Want: packtest.Pass, Resource: stack,
			Deployment: withConfig(map[string]string{"app:dbPassword": "arn:aws:secretsmanager:us-east-1:1:secret:db"})},
		{Name: "no stack context", Want: packtest.NotApplicable, Message: "did not send the stack's config",
			Resource: stack, Deployment: &pack.Deployment{}},
		{Name: "other resource types", Want: packtest.NotApplicable, Message: "other resource types",
			Resource:   packtest.Resource("aws:s3/bucket:Bucket", "b", nil),
			Deployment: withConfig(map[string]string{"app:dbPassword": "x"})},
	})
}
