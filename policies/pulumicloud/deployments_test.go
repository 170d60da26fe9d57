package pulumicloud

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

// deploymentSettings makes a DeploymentSettings resource of stack acme/app/prod with the given
// contexts.
func deploymentSettings(typ string, contexts packtest.Props) packtest.Case {
	props := packtest.Props{"organization": "acme", "project": "app", "stack": "prod"}
	for k, v := range contexts {
		props[k] = v
	}
	return packtest.Case{Resource: packtest.Resource(typ, "deploy", props)}
}

func TestDeploymentSettingsNoPlaintextSecrets(t *testing.T) {
	v1, v2, api := "pulumiservice:index:DeploymentSettings", "pulumiservice:stacks/deployments:Settings",
		"pulumiservice:api/deployments:Settings"
	env := func(typ string, vars packtest.Props) packtest.Case {
		return deploymentSettings(typ, packtest.Props{"operationContext": packtest.Props{"environmentVariables": vars}})
	}
	git := func(typ string, auth any) packtest.Case {
		return deploymentSettings(typ, packtest.Props{"sourceContext": packtest.Props{"git": packtest.Props{
			"repoUrl": "https://github.com/acme/app.git", "branch": "main", "gitAuth": auth}}})
	}
	cases := []packtest.Case{
		packtest.Named(env(v1, packtest.Props{"DB_PASSWORD": packtest.Canary, "STAGE": "prod"}),
			"plaintext environment variable named like a secret", packtest.Violation,
			"operationContext.environmentVariables.DB_PASSWORD of deploy is named like a secret but is not a "+
				"Pulumi secret: it is stored in plain text in the state; make it a secret"),
		packtest.Named(env(v2, packtest.Props{"API_KEY": packtest.Canary}), "plaintext variable (v2)", packtest.Violation,
			"operationContext.environmentVariables.API_KEY of deploy is named like a secret"),
		packtest.Named(env(v1, packtest.Props{"SETTING": "AKIAIOSFODNN7EXAMPLE"}), "variable holding an AWS access key",
			packtest.Violation, "environmentVariables.SETTING of deploy holds what looks like an AWS access key"),
		packtest.Named(env(api, packtest.Props{"DB_PASSWORD": packtest.Props{"secret": packtest.Canary}}),
			"REST-shaped secret variable that is not a Pulumi secret", packtest.Violation,
			"operationContext.environmentVariables.DB_PASSWORD.secret of deploy is named like a secret"),
		packtest.Named(env(v1, packtest.Props{"DB_PASSWORD": packtest.Secret(packtest.Canary), "STAGE": "prod"}),
			"secret environment variable", packtest.Pass, ""),
		packtest.Named(env(v1, packtest.Props{"STAGE": "prod", "AWS_REGION": "us-west-2"}), "plain configuration",
			packtest.Pass, ""),
		packtest.Named(deploymentSettings(v1, packtest.Props{"operationContext": packtest.Secret(packtest.Props{
			"environmentVariables": packtest.Props{"DB_PASSWORD": packtest.Canary}})}),
			"whole operation context secret", packtest.Pass, ""),
		packtest.Named(git(v1, packtest.Props{"sshAuth": packtest.Props{"sshPrivateKey": packtest.Canary}}),
			"plaintext SSH private key", packtest.Violation,
			"sourceContext.git.gitAuth.sshAuth.sshPrivateKey of deploy is named like a secret"),
		packtest.Named(git(v1, packtest.Props{"basicAuth": packtest.Props{"username": "ci", "password": packtest.Canary}}),
			"plaintext basic auth password", packtest.Violation,
			"sourceContext.git.gitAuth.basicAuth.password of deploy is named like a secret"),
		packtest.Named(git(v2, packtest.Props{"accessToken": packtest.Canary}), "plaintext git access token (v2)",
			packtest.Violation, "sourceContext.git.gitAuth.accessToken of deploy is named like a secret"),
		packtest.Named(git(v1, packtest.Props{"basicAuth": packtest.Props{"username": "ci", "password": packtest.Secret(packtest.Canary)}}),
			"secret basic auth password", packtest.Pass, ""),
		packtest.Named(deploymentSettings(v1, packtest.Props{"operationContext": packtest.Props{
			"preRunCommands": []any{"npm ci", "export NPM_TOKEN=" + packtest.Canary}}}),
			"pre-run command assigning a token", packtest.Violation,
			"operationContext.preRunCommands[1] of deploy is a command holding a literal assigned to NPM_TOKEN"),
		packtest.Named(deploymentSettings(v1, packtest.Props{"operationContext": packtest.Props{
			"preRunCommands": []any{"npm ci", "export NPM_TOKEN=$(cat /run/secrets/npm)"}}}),
			"pre-run command reading a token", packtest.Pass, ""),
		packtest.Named(deploymentSettings(api, packtest.Props{"executorContext": packtest.Props{"executorImage": packtest.Props{
			"reference": "registry.acme.dev/pulumi:3", "credentials": packtest.Props{"username": "ci", "password": packtest.Canary}}}}),
			"plaintext registry password", packtest.Violation,
			"executorContext.executorImage.credentials.password of deploy is named like a secret"),
		packtest.Named(deploymentSettings(v1, packtest.Props{"github": packtest.Props{"repository": "acme/app", "deployCommits": true},
			"executorContext": packtest.Props{"executorImage": "pulumi/pulumi:latest"}}),
			"GitHub app settings", packtest.Pass, ""),
		packtest.Named(env(v1, packtest.Props{"DB_PASSWORD": packtest.Unknown}), "variable unknown during preview",
			packtest.NotApplicable, "value unknown during preview: operationContext.environmentVariables.DB_PASSWORD"),
		packtest.Named(deploymentSettings(v1, packtest.Props{"operationContext": packtest.Props{"environmentVariables": packtest.Unknown}}),
			"variables unknown during preview", packtest.NotApplicable,
			"value unknown during preview: operationContext.environmentVariables"),
		packtest.Named(git(v1, packtest.Unknown), "git credentials unknown during preview", packtest.NotApplicable,
			"value unknown during preview: sourceContext.git.gitAuth"),
		packtest.Named(env(v1, packtest.Props{"DB_PASSWORD": packtest.Canary, "OTHER": packtest.Unknown}),
			"known plaintext secret beside an unknown", packtest.Violation, "environmentVariables.DB_PASSWORD"),
	}
	packtest.Run(t, Policies(), "pulumi-cloud-deployment-settings-no-plaintext-secrets", cases)
}

func TestDeploymentSettingsOIDC(t *testing.T) {
	v1, v2 := "pulumiservice:index:DeploymentSettings", "pulumiservice:stacks/deployments:Settings"
	op := func(typ string, context packtest.Props) packtest.Case {
		return deploymentSettings(typ, packtest.Props{"operationContext": context})
	}
	awsKeys := packtest.Props{"AWS_ACCESS_KEY_ID": packtest.Secret(packtest.Canary),
		"AWS_SECRET_ACCESS_KEY": packtest.Secret(packtest.Canary), "AWS_REGION": "us-west-2"}
	awsOIDC := packtest.Props{"aws": packtest.Props{"roleARN": "arn:aws:iam::123456789012:role/deploy", "sessionName": "pulumi"}}
	cases := []packtest.Case{
		packtest.Named(op(v1, packtest.Props{"environmentVariables": awsKeys}), "static AWS keys", packtest.Violation,
			"deploy hands AWS long-lived credentials in operationContext.environmentVariables (AWS_ACCESS_KEY_ID, "+
				"AWS_SECRET_ACCESS_KEY): configure operationContext.oidc.aws (roleARN and sessionName) instead and "+
				"remove them"),
		packtest.Named(op(v2, packtest.Props{"environmentVariables": packtest.Props{"ARM_CLIENT_SECRET": packtest.Canary}}),
			"Azure client secret (v2)", packtest.Violation,
			"deploy hands Azure long-lived credentials in operationContext.environmentVariables (ARM_CLIENT_SECRET)"),
		packtest.Named(op(v1, packtest.Props{"environmentVariables": packtest.Props{"GOOGLE_CREDENTIALS": packtest.Secret(packtest.Canary)}}),
			"Google service account key", packtest.Violation, "configure operationContext.oidc.gcp"),
		packtest.Named(op(v1, packtest.Props{"environmentVariables": awsKeys, "oidc": awsOIDC}), "static keys beside OIDC",
			packtest.Violation, "deploy sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY in operationContext."+
				"environmentVariables although operationContext.oidc.aws is configured: remove the long-lived AWS credentials"),
		packtest.Named(op(v1, packtest.Props{"environmentVariables": packtest.Props{"AWS_REGION": "us-west-2"}, "oidc": awsOIDC}),
			"OIDC only", packtest.Pass, ""),
		packtest.Named(op(v1, packtest.Props{"environmentVariables": packtest.Props{"AWS_REGION": "us-west-2", "NODE_ENV": "production"}}),
			"no cloud credentials at all", packtest.Pass, ""),
		packtest.Named(deploymentSettings(v1, packtest.Props{}), "no operation context", packtest.Pass, ""),
		packtest.Named(op(v1, packtest.Props{"environmentVariables": packtest.Props{"AWS_ACCESS_KEY_ID": ""}}),
			"empty variable", packtest.Pass, ""),
		packtest.Named(op(v1, packtest.Props{"environmentVariables": packtest.Props{"AWS_SECRET_ACCESS_KEY": packtest.Unknown}}),
			"credential unknown during preview", packtest.NotApplicable,
			"value unknown during preview: operationContext.environmentVariables.AWS_SECRET_ACCESS_KEY"),
		packtest.Named(op(v1, packtest.Props{"environmentVariables": packtest.Unknown}), "variables unknown during preview",
			packtest.NotApplicable, "value unknown during preview: operationContext.environmentVariables"),
	}
	packtest.Run(t, Policies(), "pulumi-cloud-deployment-settings-oidc", cases)
}
