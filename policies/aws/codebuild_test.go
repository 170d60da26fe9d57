package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

// codeBuildProject is a project with the given environment and extra properties.
func codeBuildProject(environment, extra packtest.Props) packtest.Props {
	env := packtest.With(packtest.Props{"computeType": "BUILD_GENERAL1_SMALL", "image": "aws/codebuild/standard:7.0",
		"type": "LINUX_CONTAINER"}, environment)
	return packtest.With(packtest.Props{"environment": env, "serviceRole": "arn:aws:iam::111122223333:role/build",
		"artifacts": map[string]any{"type": "NO_ARTIFACTS"},
		"source":    map[string]any{"type": "GITHUB", "location": "https://github.com/acme/app.git"}}, extra)
}

func TestCodeBuildNoPrivilegedMode(t *testing.T) {
	packtest.Run(t, Policies(), "aws-codebuild-no-privileged-mode", []packtest.Case{
		{Name: "privileged mode on", Want: packtest.Violation,
			Message: "CodeBuild project build sets environment.privilegedMode to true",
			Resource: packtest.Resource(codeBuildProjectType, "build",
				codeBuildProject(packtest.Props{"privilegedMode": true}, nil))},
		{Name: "privileged mode off", Want: packtest.Pass,
			Resource: packtest.Resource(codeBuildProjectType, "build",
				codeBuildProject(packtest.Props{"privilegedMode": false}, nil))},
		{Name: "unset defaults to off", Want: packtest.Pass,
			Resource: packtest.Resource(codeBuildProjectType, "build", codeBuildProject(nil, nil))},
		{Name: "environment given as a one-element list", Want: packtest.Violation, Message: "privilegedMode",
			Resource: packtest.Resource(codeBuildProjectType, "build", packtest.Props{
				"environment": []any{map[string]any{"privilegedMode": true}}})},
		{Name: "unknown privileged mode", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(codeBuildProjectType, "build",
				codeBuildProject(packtest.Props{"privilegedMode": packtest.Unknown}, nil))},
	})
}

func TestCodeBuildNoPlaintextCredentials(t *testing.T) {
	variables := func(vars ...map[string]any) packtest.Props {
		list := make([]any, len(vars))
		for i, v := range vars {
			list[i] = v
		}
		return packtest.Props{"environmentVariables": list}
	}
	accessKey := map[string]any{"name": "AWS_ACCESS_KEY_ID", "value": "AKIAIOSFODNN7EXAMPLE"}
	packtest.Run(t, Policies(), "aws-codebuild-no-plaintext-credentials", []packtest.Case{
		{Name: "AWS access key id, type unset", Want: packtest.Violation,
			Message: "CodeBuild project build has environment variable \"AWS_ACCESS_KEY_ID\" of type PLAINTEXT " +
				"that holds AWS credentials",
			Resource: packtest.Resource(codeBuildProjectType, "build",
				codeBuildProject(variables(map[string]any{"name": "STAGE", "value": "prod"}, accessKey), nil))},
		{Name: "AWS secret access key as plain text, given as a Pulumi secret", Want: packtest.Violation,
			Message: "\"AWS_SECRET_ACCESS_KEY\" of type PLAINTEXT that holds AWS credentials",
			Resource: packtest.Resource(codeBuildProjectType, "build", codeBuildProject(variables(map[string]any{
				"name": "AWS_SECRET_ACCESS_KEY", "type": "PLAINTEXT",
				"value": packtest.Secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")}), nil))},
		{Name: "secret-named variable", Want: packtest.Violation,
			Message: "\"NPM_TOKEN\" of type PLAINTEXT that is named like a secret",
			Resource: packtest.Resource(codeBuildProjectType, "build", codeBuildProject(variables(map[string]any{
				"name": "NPM_TOKEN", "value": "npm_abcdefghijklmnopqrstuvwxyz0123456789"}), nil))},
		{Name: "token under an innocent name", Want: packtest.Violation,
			Message: "\"REGISTRY\" of type PLAINTEXT that holds what looks like a GitHub token",
			Resource: packtest.Resource(codeBuildProjectType, "build", codeBuildProject(variables(map[string]any{
				"name": "REGISTRY", "value": "ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"}), nil))},
		{Name: "credentials from Secrets Manager", Want: packtest.Pass,
			Resource: packtest.Resource(codeBuildProjectType, "build", codeBuildProject(variables(
				map[string]any{"name": "AWS_SECRET_ACCESS_KEY", "type": "SECRETS_MANAGER", "value": "ci/aws:secret"},
				map[string]any{"name": "NPM_TOKEN", "type": "PARAMETER_STORE", "value": "/ci/npm-token"}), nil))},
		{Name: "plain settings", Want: packtest.Pass,
			Resource: packtest.Resource(codeBuildProjectType, "build", codeBuildProject(variables(
				map[string]any{"name": "STAGE", "value": "prod"},
				map[string]any{"name": "AWS_DEFAULT_REGION", "value": "us-east-1"}), nil))},
		{Name: "no variables", Want: packtest.Pass,
			Resource: packtest.Resource(codeBuildProjectType, "build", codeBuildProject(nil, nil))},
		{Name: "unknown value of an innocent variable", Want: packtest.Pass,
			Resource: packtest.Resource(codeBuildProjectType, "build", codeBuildProject(variables(
				map[string]any{"name": "BUCKET", "value": packtest.Unknown}), nil))},
		{Name: "unknown type of a credential", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(codeBuildProjectType, "build", codeBuildProject(variables(
				packtest.With(accessKey, packtest.Props{"type": packtest.Unknown})), nil))},
		{Name: "unknown name", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(codeBuildProjectType, "build", codeBuildProject(variables(
				map[string]any{"name": packtest.Unknown, "value": "x"}), nil))},
		{Name: "unknown variables", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(codeBuildProjectType, "build",
				codeBuildProject(packtest.Props{"environmentVariables": packtest.Unknown}, nil))},
	})
}

func TestCodeBuildSourceURLWithoutCredentials(t *testing.T) {
	source := func(location any) packtest.Props {
		return packtest.Props{"source": map[string]any{"type": "BITBUCKET", "location": location}}
	}
	packtest.Run(t, Policies(), "aws-codebuild-source-url-without-credentials", []packtest.Case{
		{Name: "user and password in a Bitbucket URL", Want: packtest.Violation,
			Message: "CodeBuild project build has credentials in source.location",
			Resource: packtest.Resource(codeBuildProjectType, "build",
				codeBuildProject(nil, source("https://ci-user:Sup3rS3cretPass@bitbucket.org/acme/app.git")))},
		{Name: "token as the user of a GitHub URL", Want: packtest.Violation, Message: "source.location",
			Resource: packtest.Resource(codeBuildProjectType, "build", codeBuildProject(nil, packtest.Props{
				"source": map[string]any{"type": "GITHUB",
					"location": "https://ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ@github.com/acme/app.git"}}))},
		{Name: "token in a secondary source", Want: packtest.Violation,
			Message: "has credentials in secondarySources[1].location",
			Resource: packtest.Resource(codeBuildProjectType, "build", codeBuildProject(nil, packtest.Props{
				"secondarySources": []any{
					map[string]any{"type": "GITHUB", "sourceIdentifier": "lib",
						"location": "https://github.com/acme/lib.git"},
					map[string]any{"type": "BITBUCKET", "sourceIdentifier": "tools",
						"location": "https://x-token-auth:c2VjcmV0dG9rZW52YWx1ZQ@bitbucket.org/acme/tools.git"},
				}}))},
		{Name: "user name only", Want: packtest.Pass,
			Resource: packtest.Resource(codeBuildProjectType, "build",
				codeBuildProject(nil, source("https://ci-user@bitbucket.org/acme/app.git")))},
		{Name: "plain URL", Want: packtest.Pass,
			Resource: packtest.Resource(codeBuildProjectType, "build",
				codeBuildProject(nil, source("https://bitbucket.org/acme/app.git")))},
		{Name: "S3 source", Want: packtest.Pass,
			Resource: packtest.Resource(codeBuildProjectType, "build", codeBuildProject(nil, packtest.Props{
				"source": map[string]any{"type": "S3", "location": "acme-builds/app/source.zip"}}))},
		{Name: "no source location", Want: packtest.Pass,
			Resource: packtest.Resource(codeBuildProjectType, "build", codeBuildProject(nil, packtest.Props{
				"source": map[string]any{"type": "NO_SOURCE", "buildspec": "version: 0.2"}}))},
		{Name: "unknown location", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(codeBuildProjectType, "build", codeBuildProject(nil, source(packtest.Unknown)))},
		{Name: "unknown secondary sources", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(codeBuildProjectType, "build",
				codeBuildProject(nil, packtest.Props{"secondarySources": packtest.Unknown}))},
	})
}
