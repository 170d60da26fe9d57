package decisionlog

import (
	"os"
	"os/user"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/ciutil"
)

// origin is who runs the pack and where: the same for every record of a process.
type origin struct {
	actor string
	host  string
	ci    *CI
}

// actorVariables are the variables in which CI systems name the user who started the run:
// GitHub Actions, GitLab, Azure Pipelines, Buildkite, CircleCI, Bitbucket Pipelines, AWS
// CodeBuild, and Jenkins with the build-user-vars plugin. The first one set wins.
var actorVariables = []string{
	"GITHUB_ACTOR", "GITLAB_USER_LOGIN", "BUILD_REQUESTEDFOR", "BUILDKITE_BUILD_CREATOR", "CIRCLE_USERNAME",
	"BITBUCKET_STEP_TRIGGERER_UUID", "CODEBUILD_INITIATOR", "BUILD_USER_ID",
}

// detectOrigin reads the CI system the way the Pulumi CLI does for its own update metadata
// (ciutil, from the process's environment), the actor from lookup, and the local user when no
// CI system names one.
func detectOrigin(lookup func(string) (string, bool)) origin {
	var o origin
	o.host, _ = os.Hostname()
	if v := ciutil.DetectVars(); v.Name != "" {
		o.ci = &CI{Provider: string(v.Name), RunURL: v.BuildURL, BuildID: v.BuildID, Commit: v.SHA,
			Branch: v.BranchName, PullRequest: v.PRNumber}
	}
	for _, name := range actorVariables {
		if v, ok := lookup(name); ok && v != "" {
			o.actor = v
			return o
		}
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		o.actor = u.Username
		return o
	}
	for _, name := range []string{"USER", "USERNAME"} {
		if v, ok := lookup(name); ok && v != "" {
			o.actor = v
			return o
		}
	}
	return o
}
