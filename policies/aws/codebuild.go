package aws

import (
	"net/url"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/secrets"
)

// CodeBuild rules. The type token and the properties read (environment.privilegedMode,
// environment.environmentVariables, source.location, secondarySources[].location) are the same in
// pulumi-aws v6 (v6.83.4) and v7; environment and source are single objects in both.
const codeBuildProjectType = "aws:codebuild/project:Project"

func init() {
	register(codeBuildNoPrivilegedMode, codeBuildNoPlaintextCredentials, codeBuildSourceURLWithoutCredentials)
}

var codeBuildNoPrivilegedMode = pack.Policy{
	Name:        "aws-codebuild-no-privileged-mode",
	DisplayName: "CodeBuild projects do not run builds in privileged mode",
	Description: "CodeBuild project environments leave environment.privilegedMode off (the default): in privileged " +
		"mode the build container reaches every device of its host and runs a Docker daemon, so a build " +
		"script or a dependency it pulls in can escape the container. AWS retired FSBP CodeBuild.5, which " +
		"checked this, in April 2024; the least-privilege practice it served stands.",
	Severity:  pack.Medium,
	Framework: frameworks.WellArchitected("SEC03-BP02"),
	Tags:      []string{"aws", "codebuild", "containers", "least-privilege"},
	Remediation: "Remove privilegedMode: true from the project's environment. Projects that build Docker images " +
		"need it: keep them in a project of their own, with a narrow service role, and turn this policy off " +
		"for that project.",
	Types: []string{codeBuildProjectType},
	Resource: func(c *pack.Check, r *pack.Resource) {
		if r.Get("environment", "privilegedMode").Bool(false) {
			c.Violatef("CodeBuild project %s sets environment.privilegedMode to true: its builds can reach every "+
				"device of the host and run a Docker daemon; remove privilegedMode: true unless the project "+
				"builds Docker images", r.Name)
		}
	},
}

var codeBuildNoPlaintextCredentials = pack.Policy{
	Name:        "aws-codebuild-no-plaintext-credentials",
	DisplayName: "CodeBuild projects keep no credentials in plain environment variables",
	Description: "CodeBuild environment variables of type PLAINTEXT (the default) hold no AWS credentials " +
		"(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) and no other secret, recognised by its " +
		"name or by the shape of its value: anyone who may read the project sees them in the console and the " +
		"API, and builds print them into their logs.",
	Severity:  pack.Critical,
	Framework: frameworks.FSBP("CodeBuild.2"),
	Tags:      []string{"aws", "codebuild", "secrets", "identity"},
	Remediation: "Drop AWS access keys altogether: the build runs with the project's serviceRole, whose " +
		"temporary credentials CodeBuild provides. Move other secrets to Secrets Manager or an SSM SecureString " +
		"parameter and declare the variable with type \"SECRETS_MANAGER\" or \"PARAMETER_STORE\" and the " +
		"secret's name or ARN as value; rotate the credentials that were exposed.",
	Types:    []string{codeBuildProjectType},
	Resource: checkCodeBuildPlaintextCredentials,
}

// codeBuildAWSCredentialNames are the environment variables the AWS SDKs and CLI take credentials
// from; FSBP CodeBuild.2 names the first two.
var codeBuildAWSCredentialNames = []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"}

func checkCodeBuildPlaintextCredentials(c *pack.Check, r *pack.Resource) {
	for _, variable := range r.Get("environment", "environmentVariables").Items() {
		name := variable.Get("name")
		n := strings.TrimSpace(name.Text(""))
		value := variable.Get("value")
		why := ""
		switch {
		case slices.ContainsFunc(codeBuildAWSCredentialNames, func(s string) bool { return strings.EqualFold(s, n) }):
			why = "holds AWS credentials"
		case secrets.SensitiveName(n):
			why = "is named like a secret"
		default:
			if value.Unknown() {
				continue
			}
			kind := secrets.ValueKind(value.Text(""))
			if kind == "" {
				continue
			}
			why = "holds what looks like " + kind
		}
		if !strings.EqualFold(strings.TrimSpace(variable.Get("type").Text("PLAINTEXT")), "PLAINTEXT") {
			continue // PARAMETER_STORE or SECRETS_MANAGER: the value names the secret
		}
		c.Violatef("CodeBuild project %s has environment variable %v of type PLAINTEXT that %s: anyone who "+
			"can read the project sees it; use the project's service role for AWS access, and type "+
			"\"SECRETS_MANAGER\" or \"PARAMETER_STORE\" for other secrets", r.Name, name, why)
	}
}

var codeBuildSourceURLWithoutCredentials = pack.Policy{
	Name:        "aws-codebuild-source-url-without-credentials",
	DisplayName: "CodeBuild source URLs carry no credentials",
	Description: "The repository URLs of a CodeBuild project (source.location and every secondarySources " +
		"location) carry no password or access token (https://user:password@bitbucket.org/..., " +
		"https://<token>@github.com/...): the URL is stored and shown in plain text. FSBP CodeBuild.1 checks " +
		"Bitbucket sources; this rule checks every repository host. A user name alone (https://user@...) passes.",
	Severity:  pack.Critical,
	Framework: frameworks.FSBP("CodeBuild.1"),
	Tags:      []string{"aws", "codebuild", "secrets", "identity"},
	Remediation: "Set location to the repository URL without credentials and let CodeBuild authenticate: " +
		"an aws.codebuild.SourceCredential (OAuth, or a token read from a Pulumi secret), or source.auth " +
		"with a CodeConnections connection. Revoke the token or password that was in the URL.",
	Types:    []string{codeBuildProjectType},
	Resource: checkCodeBuildSourceURL,
}

func checkCodeBuildSourceURL(c *pack.Check, r *pack.Resource) {
	locations := []pack.Value{r.Get("source", "location")}
	for _, source := range r.Get("secondarySources").Items() {
		locations = append(locations, source.Get("location"))
	}
	for _, location := range locations {
		if urlHasCredentials(location.Text("")) {
			c.Violatef("CodeBuild project %s has credentials in %s (a password or token in the repository URL, "+
				"stored in plain text): remove them from the URL and connect CodeBuild to the repository with "+
				"a SourceCredential or a CodeConnections connection", r.Name, location.Path())
		}
	}
}

// urlHasCredentials reports whether a URL carries a password, or a user name that is an access
// token rather than a name (GitHub and GitLab tokens, long random strings).
func urlHasCredentials(location string) bool {
	location = strings.TrimSpace(location)
	if !strings.Contains(location, "@") || !strings.Contains(location, "://") {
		return false
	}
	u, err := url.Parse(location)
	if err != nil || u.User == nil {
		return false
	}
	if password, set := u.User.Password(); set && password != "" {
		return true
	}
	user := u.User.Username()
	return secrets.ValueKind(user) != "" || secrets.HighEntropy(user)
}
