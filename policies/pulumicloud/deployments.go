package pulumicloud

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/secrets"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Pulumi Deployments settings rules. pulumiservice 1.3.0 types DeploymentSettings' contexts
// (operationContext.environmentVariables, preRunCommands and oidc.aws/azure/gcp;
// sourceContext.git.gitAuth.sshAuth and basicAuth); the generated api/deployments:Settings of the
// same release and v2's stacks/deployments:Settings keep those names but pass the contexts through
// untyped, in the REST API's shape (gitAuth.accessToken, variables as {secret: ...}), which the
// shared secret detector reads by name all the same.

var deploymentSettingsTypes = []string{
	"pulumiservice:index:DeploymentSettings", "pulumiservice:stacks/deployments:Settings",
	"pulumiservice:api/deployments:Settings",
}

// deploymentContexts are the DeploymentSettings inputs that can carry credentials: environment
// variables and pre-run commands, git credentials, the executor image's registry credentials, and
// the VCS settings (github in v1, gitHub in the generated resources).
var deploymentContexts = []string{"operationContext", "sourceContext", "executorContext", "github", "gitHub", "vcs"}

func init() { register(deploymentSettingsNoPlaintextSecrets, deploymentSettingsOIDC) }

var deploymentSettingsNoPlaintextSecrets = pack.Policy{
	Name:        "pulumi-cloud-deployment-settings-no-plaintext-secrets",
	DisplayName: "Pulumi Deployments settings hold no plaintext credentials",
	Description: "DeploymentSettings keep their credentials as Pulumi secrets: environment variables named " +
		"like secrets or holding credential-shaped values, pre-run commands that embed credentials, git " +
		"credentials (SSH private keys, passwords, access tokens) and registry credentials, so that they " +
		"are encrypted in the state.",
	Severity:  pack.Critical,
	Framework: frameworks.UsingPulumiSecurely("secrets: mark sensitive values as secrets"),
	Tags:      []string{"pulumi-cloud", "secrets", "deployments"},
	Remediation: "Wrap each credential in a Pulumi secret (read it from config set with `pulumi config set " +
		"--secret`, or pulumi.secret() / pulumi.Output.secret() / pulumi.ToSecret()), or keep it in an ESC " +
		"environment the stack imports instead of the deployment settings. Prefer the Pulumi GitHub app or " +
		"a VCS integration to git credentials. Rotate any credential that was stored in plain text.",
	Types:    deploymentSettingsTypes,
	Resource: checkDeploymentSettingsSecrets,
}

func checkDeploymentSettingsSecrets(c *pack.Check, r *pack.Resource) {
	findings, unknown := findDeploymentSecrets(r)
	secrets.Report(c, r, findings, unknown, "plaintext credentials in its deployment settings",
		func(f secrets.Finding) string {
			return fmt.Sprintf("%s of %s %s but is not a Pulumi secret: it is stored in plain text in the state; "+
				"make it a secret", f.Display, r.Name, f.Why)
		})
}

// findDeploymentSecrets runs the shared secret detector over the deployment contexts, and reads
// pre-run commands as the scripts they are. It also lists the values unknown during preview: any
// of them could turn out to be a credential.
func findDeploymentSecrets(r *pack.Resource) ([]secrets.Finding, []string) {
	w := &secrets.Walker{Type: r.Type}
	var unknown []string
	for _, key := range deploymentContexts {
		v := r.Properties.Get(key)
		w.Walk(v, []any{key}, key, 0)
		unknownPaths(v, []any{key}, 0, &unknown)
	}
	if ctx := r.Properties.Get("operationContext"); ctx.IsMap() && !ctx.Secret() {
		if cmds := ctx.AsMap().Get("preRunCommands"); cmds.IsArray() && !cmds.Secret() {
			for i, cmd := range cmds.AsArray().All {
				if cmd.IsString() && !cmd.Secret() {
					if kind := secrets.ScriptKind(cmd.AsString()); kind != "" {
						w.Add([]any{"operationContext", "preRunCommands", i}, "is a command holding "+kind)
					}
				}
			}
		}
	}
	slices.SortFunc(w.Findings, func(a, b secrets.Finding) int { return strings.Compare(a.Display, b.Display) })
	slices.Sort(unknown)
	return w.Findings, unknown
}

// unknownPaths adds to out the paths where v holds a value unknown during preview, outside
// secrets (a secret is encrypted whatever it turns out to be).
func unknownPaths(v property.Value, path []any, depth int, out *[]string) {
	switch {
	case depth > secrets.MaxWalkDepth || v.Secret():
	case v.IsComputed():
		*out = append(*out, secrets.DisplayPath(path))
	case v.IsMap():
		for k, item := range v.AsMap().AllStable {
			unknownPaths(item, append(path, k), depth+1, out)
		}
	case v.IsArray():
		for i, item := range v.AsArray().All {
			unknownPaths(item, append(path, i), depth+1, out)
		}
	}
}

// staticCloudCredentials are the environment variables that hand a cloud's providers a long-lived
// credential, with the operationContext.oidc block that replaces them.
var staticCloudCredentials = map[string]string{
	"AWS_ACCESS_KEY_ID":               "aws",
	"AWS_SECRET_ACCESS_KEY":           "aws",
	"ARM_CLIENT_SECRET":               "azure",
	"ARM_CLIENT_CERTIFICATE_PASSWORD": "azure",
	"AZURE_CLIENT_SECRET":             "azure",
	"GOOGLE_CREDENTIALS":              "gcp",
	"GOOGLE_APPLICATION_CREDENTIALS":  "gcp",
	"GOOGLE_CLOUD_KEYFILE_JSON":       "gcp",
	"GCLOUD_KEYFILE_JSON":             "gcp",
}

// oidcClouds are the clouds operationContext.oidc configures, with what each one needs.
var oidcClouds = []struct{ key, name, needs string }{
	{"aws", "AWS", "roleARN and sessionName"},
	{"azure", "Azure", "clientId, tenantId and subscriptionId"},
	{"gcp", "Google Cloud", "projectId, workloadPoolId, providerId and serviceAccount"},
}

var deploymentSettingsOIDC = pack.Policy{
	Name:        "pulumi-cloud-deployment-settings-oidc",
	DisplayName: "Pulumi Deployments get cloud credentials through OIDC",
	Description: "DeploymentSettings do not hand a cloud long-lived credentials in environment variables " +
		"(AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, ARM_CLIENT_SECRET, AZURE_CLIENT_SECRET, " +
		"GOOGLE_CREDENTIALS, ...): they configure operationContext.oidc, so that each deployment " +
		"exchanges a short-lived token for credentials scoped to it. Settings without such variables pass.",
	Severity:  pack.Medium,
	Framework: frameworks.UsingPulumiSecurely("identity: use OIDC instead of static cloud credentials"),
	Tags:      []string{"pulumi-cloud", "identity", "deployments"},
	Remediation: "Trust Pulumi Cloud's OIDC issuer in the cloud (an IAM role, an Entra ID federated " +
		"credential, a workload identity pool), set operationContext.oidc.aws (roleARN, sessionName), " +
		".azure (clientId, tenantId, subscriptionId) or .gcp (projectId, workloadPoolId, providerId, " +
		"serviceAccount), or import an ESC environment that logs in with OIDC (fn::open::aws-login); then " +
		"remove the static credential variables and deactivate the keys.",
	Types:    deploymentSettingsTypes,
	Resource: checkDeploymentSettingsOIDC,
}

func checkDeploymentSettingsOIDC(c *pack.Check, r *pack.Resource) {
	variables := r.Get("operationContext", "environmentVariables")
	static := map[string][]string{}
	var unknown []string
	for name, v := range variables.Entries() {
		cloud, ok := staticCloudCredentials[name]
		switch {
		case !ok:
		case v.Unknown():
			unknown = append(unknown, v.Path())
		case v.Secret() || v.Raw().IsMap() || strings.TrimSpace(v.Text("")) != "":
			// A secret counts as set without reading it: a credential is no less static for being
			// encrypted in the state, and what it holds must not shape the message.
			static[cloud] = append(static[cloud], name)
		}
	}
	oidc := r.Get("operationContext", "oidc").Raw()
	for _, cloud := range oidcClouds {
		names := static[cloud.key]
		if len(names) == 0 {
			continue
		}
		if oidc.IsMap() && !oidc.AsMap().Get(cloud.key).IsNull() {
			c.Violatef("%s sets %s in operationContext.environmentVariables although operationContext.oidc.%s "+
				"is configured: remove the long-lived %s credentials", r.Name, strings.Join(names, ", "), cloud.key,
				cloud.name)
			continue
		}
		c.Violatef("%s hands %s long-lived credentials in operationContext.environmentVariables (%s): configure "+
			"operationContext.oidc.%s (%s) instead and remove them", r.Name, cloud.name, strings.Join(names, ", "),
			cloud.key, cloud.needs)
	}
	if len(static) == 0 && len(unknown) > 0 {
		c.Skip("value unknown during preview: " + strings.Join(unknown, ", "))
	}
}
