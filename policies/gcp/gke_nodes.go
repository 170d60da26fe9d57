package gcp

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// GKE data protection and node identity: application-layer secrets encryption, and the service
// account and scopes nodes run with. The inputs (databaseEncryption.{state,keyName},
// nodeConfig.{serviceAccount,oauthScopes}, nodePools[].nodeConfig, removeDefaultNodePool,
// enableAutopilot) are the same in pulumi-gcp v8 (8.41) and v9 (9.37).

func init() { register(gkeSecretsEncrypted, gkeNodeServiceAccount) }

var gkeSecretsEncrypted = pack.Policy{
	Name:        "gcp-gke-secrets-encrypted",
	DisplayName: "GKE clusters encrypt Kubernetes secrets with a Cloud KMS key",
	Description: "GKE clusters encrypt Kubernetes secrets at the application layer with a Cloud KMS key " +
		"(databaseEncryption.state ENCRYPTED with keyName), so that reading them from etcd or its backups also " +
		"takes the key. The default (DECRYPTED) leaves them under Google's storage encryption only.",
	Severity:  pack.Medium,
	Framework: frameworks.CISGKE("5.3.1"),
	Tags:      []string{"gcp", "gke", "kubernetes", "encryption", "secrets"},
	Remediation: "Set databaseEncryption: { state: \"ENCRYPTED\", keyName: <Cloud KMS key in the cluster's " +
		"location> } and grant the GKE service agent roles/cloudkms.cryptoKeyEncrypterDecrypter on the key.",
	Types:    []string{gkeClusterType},
	Resource: checkGKESecretsEncrypted,
}

func checkGKESecretsEncrypted(c *pack.Check, r *pack.Resource) {
	state := r.Get("databaseEncryption", "state")
	if !strings.EqualFold(state.Text("DECRYPTED"), "ENCRYPTED") {
		got := "does not set databaseEncryption"
		if state.Exists() {
			got = fmt.Sprintf("has databaseEncryption.state %v", state)
		}
		c.Violatef("cluster %s %s: its Kubernetes secrets are not encrypted with a Cloud KMS key; set "+
			"databaseEncryption: { state: \"ENCRYPTED\", keyName }", r.Name, got)
	}
}

var gkeNodeServiceAccount = pack.Policy{
	Name:        "gcp-gke-node-service-account",
	DisplayName: "GKE nodes do not run as the Compute Engine default service account",
	Description: "GKE node pools (standalone, declared in the cluster, or the cluster's default pool) set " +
		"nodeConfig.serviceAccount to a dedicated, minimally privileged service account. Unset, nodes run as the " +
		"Compute Engine default service account, which holds the Editor role on the project: every pod that " +
		"reaches the metadata server acts with it. With the cloud-platform scope (nodeConfig.oauthScopes) it is " +
		"reported at high severity, since no scope then narrows the Editor role. A dedicated account with " +
		"cloud-platform passes: Google recommends that pairing, with IAM roles doing the narrowing. Autopilot " +
		"clusters are not judged.",
	Severity: pack.Medium,
	SeverityVaries: "the default service account with the cloud-platform scope gives every pod " +
		"the project's Editor role: high, where the account alone is medium",
	Framework: frameworks.CISGKE("5.2.1"),
	Tags:      []string{"gcp", "gke", "kubernetes", "identity", "least-privilege"},
	Remediation: "Create a service account with roles/container.defaultNodeServiceAccount (logging, monitoring, " +
		"reading images) and set nodeConfig.serviceAccount to its email; give workloads their own identities " +
		"with Workload Identity Federation for GKE.",
	Types:    []string{gkeClusterType, gkeNodePoolType},
	Resource: checkGKENodeServiceAccount,
}

func checkGKENodeServiceAccount(c *pack.Check, r *pack.Resource) {
	if r.Type == gkeNodePoolType {
		checkGKENodeConfigAccount(c, r.Get("nodeConfig"), "node pool "+r.Name)
		return
	}
	if r.Get("enableAutopilot").Bool(false) {
		c.Skip("Autopilot clusters manage their nodes")
		return
	}
	pools := r.Get("nodePools").Items()
	for i, pool := range known.ValuesFirst(pools) {
		checkGKENodeConfigAccount(c, pool.Get("nodeConfig"), fmt.Sprintf("cluster %s: node pool %s", r.Name,
			gkePoolLabel(pool, i)))
	}
	if len(pools) == 0 && !r.Get("removeDefaultNodePool").Bool(false) {
		checkGKENodeConfigAccount(c, r.Get("nodeConfig"), fmt.Sprintf("cluster %s: the default node pool", r.Name))
	}
}

// checkGKENodeConfigAccount reports a node configuration that runs nodes as the Compute Engine
// default service account, at high severity with the cloud-platform scope.
func checkGKENodeConfigAccount(c *pack.Check, cfg pack.Value, subject string) {
	account := strings.TrimSpace(cfg.Get("serviceAccount").Text(""))
	if account != "" && account != "default" && !gcpDefaultComputeServiceAccount.MatchString(account) {
		return
	}
	v := pack.Violation{Message: subject + " runs as the Compute Engine default service account (Editor on the " +
		"project); set nodeConfig.serviceAccount to a dedicated service account"}
	if slices.ContainsFunc(cfg.Get("oauthScopes").Strings(), func(s string) bool {
		return slices.Contains(gcpFullAccessScopes, strings.TrimSpace(s))
	}) {
		v.Severity = pack.High
		v.Message += " (with the cloud-platform scope, every pod can use the Editor role)"
	}
	c.Report(v)
}
