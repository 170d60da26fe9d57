package decisionlog

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ciDetectionVariables are the variables by which the Pulumi CLI's ciutil recognises a CI
// system; the tests clear them so that they judge the environment they set, not the runner's.
var ciDetectionVariables = []string{
	"APPVEYOR", "BITBUCKET_COMMIT", "BUILDKITE", "CF_BUILD_URL", "CIRCLECI", "CI_NAME", "CODEBUILD_BUILD_ARN",
	"DRONE", "GITHUB_ACTIONS", "GITLAB_CI", "GO_PIPELINE_LABEL", "HUDSON_URL", "JENKINS_URL", "MAGNUM",
	"PULUMI_CI_SYSTEM", "RUN_ID", "SEMAPHORE", "SPACELIFT_MAX_REQUESTS_BURST", "SPACELIFT_STORE_HOOKS_ENV_VARS",
	"TASK_ID", "TEAMCITY_VERSION", "TF_BUILD", "TRAVIS", "PULUMI_DISABLE_CI_DETECTION",
}

func clearCI(t *testing.T) {
	for _, k := range ciDetectionVariables {
		t.Setenv(k, "")
	}
}

func TestOriginInGitHubActions(t *testing.T) {
	clearCI(t)
	t.Setenv("GITHUB_ACTIONS", "true")
	t.Setenv("GITHUB_REPOSITORY", "acme/infra")
	t.Setenv("GITHUB_RUN_ID", "42")
	t.Setenv("GITHUB_SHA", "abc123")
	t.Setenv("GITHUB_REF", "refs/heads/main")
	t.Setenv("GITHUB_EVENT_NAME", "push")
	o := detectOrigin(lookupOf(map[string]string{"GITHUB_ACTOR": "octocat", "USER": "runner"}))
	require.NotNil(t, o.ci)
	assert.Equal(t, &CI{Provider: "GitHub Actions", RunURL: "https://github.com/acme/infra/actions/runs/42",
		BuildID: "42", Commit: "abc123", Branch: "refs/heads/main"}, o.ci)
	assert.Equal(t, "octocat", o.actor)
}

func TestOriginOnALaptop(t *testing.T) {
	clearCI(t)
	o := detectOrigin(lookupOf(map[string]string{"USER": "alice"}))
	assert.Nil(t, o.ci)
	assert.NotEmpty(t, o.actor, "the local user")
}
