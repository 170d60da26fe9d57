package policies

import (
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// defaultCIVariables are environment variables that CI systems set on every job: the generic
// CI, then GitHub Actions, GitLab, Azure Pipelines, Jenkins, CircleCI, Buildkite, Bitbucket,
// AWS CodeBuild, TeamCity, Travis, Spacelift, env0 and Harness.
var defaultCIVariables = []string{
	"CI", "GITHUB_ACTIONS", "GITLAB_CI", "TF_BUILD", "JENKINS_URL", "CIRCLECI", "BUILDKITE",
	"BITBUCKET_BUILD_NUMBER", "CODEBUILD_BUILD_ID", "TEAMCITY_VERSION", "TRAVIS", "SPACELIFT",
	"ENV0_ENVIRONMENT_ID", "HARNESS_BUILD_ID",
}

// DefaultCIVariables returns the environment variables production-updates-from-pipelines
// looks for when its ciVariables setting is not configured. Tests clear them to judge a laptop.
func DefaultCIVariables() []string { return slices.Clone(defaultCIVariables) }

type pipelineSettings struct {
	productionStack
	CIVariables []string `json:"ciVariables"`
}

func init() {
	register(pack.Policy{
		Name:        "production-updates-from-pipelines",
		DisplayName: "Production updates run in CI",
		Description: "An update (not a preview) of a production stack runs in a CI/CD pipeline, where it is " +
			"reviewed, logged and repeatable, rather than from a laptop. Previews run anywhere. This is a " +
			"guardrail against accidents, not an access control: restrict who may update production with " +
			"Pulumi Cloud stack permissions.",
		Severity:  pack.High,
		Framework: frameworks.UsingPulumiSecurely("production: deploy from pipelines"),
		Tags:      []string{"production", "ci-cd", "governance"},
		Remediation: "Merge the change and let the pipeline run `pulumi up`. If a CI system is not " +
			"recognised, add the environment variable it sets to the ciVariables setting.",
		Types: []string{rootStackType},
		Config: pack.Schema{Properties: productionSchema(map[string]pack.JSONSchema{
			"ciVariables": pack.StringList("Environment variables, any of which being set (to anything but "+
				"\"\", \"0\" or \"false\") shows the update runs in CI.", defaultCIVariables...),
		})},
		Settings:   func() any { return &pipelineSettings{} },
		Resource:   checkProductionPipeline,
		InputsOnly: true, // about what the program declares, not the deployed resource
	})
}

func checkProductionPipeline(c *pack.Check, _ *pack.Resource) {
	s := pack.SettingsOf[pipelineSettings](c)
	if !s.skipUnlessProduction(c) {
		return
	}
	d := c.Deployment()
	if d.DryRun {
		c.Skip("previews of production run anywhere; only updates must run in CI")
		return
	}
	for _, name := range s.CIVariables {
		if v, ok := d.LookupEnv(name); ok && !isFalsy(v) {
			return
		}
	}
	c.Violatef("this update of production stack %s is not running in CI (none of %s is set): run it from the "+
		"deployment pipeline", d.Stack, strings.Join(s.CIVariables, ", "))
}

func isFalsy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "0", "false", "no":
		return true
	}
	return false
}
