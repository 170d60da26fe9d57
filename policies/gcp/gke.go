package gcp

import (
	"fmt"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
	"github.com/pulumi-securely/pulumi-securely/policies/network"
)

const (
	gkeClusterType  = "gcp:container/cluster:Cluster"
	gkeNodePoolType = "gcp:container/nodePool:NodePool"
)

var gkePrivateNodes = pack.Policy{
	Name:        "gcp-gke-private-nodes",
	DisplayName: "GKE nodes have no public IP addresses",
	Description: "GKE clusters create their nodes with internal IP addresses only, and no node pool opts out.",
	Severity:    pack.Medium,
	Framework:   frameworks.CISGKE("5.6.5"),
	Tags:        []string{"gcp", "gke", "kubernetes", "network"},
	Remediation: "Set privateClusterConfig.enablePrivateNodes: true on the cluster (with Cloud NAT for outbound " +
		"traffic), and do not set networkConfig.enablePrivateNodes: false on node pools.",
	Types:    []string{gkeClusterType, gkeNodePoolType},
	Resource: checkGKEPrivateNodes,
}

var gkeLegacyABACDisabled = pack.Policy{
	Name:        "gcp-gke-legacy-abac-disabled",
	DisplayName: "GKE clusters do not use legacy ABAC",
	Description: "GKE clusters leave legacy attribute-based access control off, so that Kubernetes RBAC and IAM " +
		"alone grant access.",
	Severity:    pack.High,
	Framework:   frameworks.CISGKE("5.8.3"),
	Tags:        []string{"gcp", "gke", "kubernetes", "identity"},
	Remediation: "Remove enableLegacyAbac: true, and grant access with RBAC roles and bindings.",
	Types:       []string{gkeClusterType},
	Resource:    checkGKELegacyABAC,
}

var gkeWorkloadIdentity = pack.Policy{
	Name:        "gcp-gke-workload-identity",
	DisplayName: "GKE clusters use Workload Identity",
	Description: "GKE clusters enable Workload Identity Federation, so that pods act as dedicated IAM principals " +
		"instead of the node's service account and cannot read the node's metadata credentials.",
	Severity:  pack.Medium,
	Framework: frameworks.CISGKE("5.2.2"),
	Tags:      []string{"gcp", "gke", "kubernetes", "identity"},
	Remediation: "Set workloadIdentityConfig: { workloadPool: \"<project>.svc.id.goog\" } (Autopilot clusters " +
		"always have it).",
	Types:    []string{gkeClusterType},
	Resource: checkGKEWorkloadIdentity,
}

var gkeControlPlaneRestricted = pack.Policy{
	Name:        "gcp-gke-control-plane-restricted",
	DisplayName: "GKE control planes are not open to the internet",
	Description: "GKE clusters restrict their control plane's public endpoint to authorized networks that do not " +
		"include the whole internet, or expose no public endpoint at all.",
	Severity: pack.High,
	SeverityVaries: "an internet CIDR among the authorized networks is high; " +
		"gcpPublicCidrsAccessEnabled admits Google Cloud addresses only, and is medium",
	Framework: frameworks.CISGKE("5.6.3"),
	Tags:      []string{"gcp", "gke", "kubernetes", "network", "cis:5.6.4"},
	Remediation: "Set masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: <operators' network> }] }, or " +
		"privateClusterConfig.enablePrivateEndpoint: true.",
	Types:    []string{gkeClusterType},
	Resource: checkGKEControlPlaneRestricted,
}

var gkeNetworkPolicy = pack.Policy{
	Name:        "gcp-gke-network-policy",
	DisplayName: "GKE clusters enforce Kubernetes network policies",
	Description: "GKE clusters enforce NetworkPolicy objects, with the network policy add-on (Calico) or GKE " +
		"Dataplane V2, so that traffic between pods can be restricted; without either, NetworkPolicy objects are " +
		"accepted and silently ignored.",
	Severity:  pack.Medium,
	Framework: frameworks.CISGKE("4.3.1"),
	Tags:      []string{"gcp", "gke", "kubernetes", "network"},
	Remediation: "Set datapathProvider: \"ADVANCED_DATAPATH\" (Dataplane V2, chosen when the cluster is created), " +
		"or networkPolicy: { enabled: true } with addonsConfig.networkPolicyConfig.disabled: false. Autopilot " +
		"clusters always use Dataplane V2.",
	Types:    []string{gkeClusterType},
	Resource: checkGKENetworkPolicy,
}

var gkeNodeAutoUpgrade = pack.Policy{
	Name:        "gcp-gke-node-auto-upgrade",
	DisplayName: "GKE node pools upgrade automatically",
	Description: "GKE node pools, standalone or declared in the cluster, keep node auto-upgrade on, so that " +
		"nodes receive Kubernetes and operating system security patches without manual upgrades.",
	Severity:  pack.Medium,
	Framework: frameworks.CISGKE("5.5.3"),
	Tags:      []string{"gcp", "gke", "kubernetes", "patching"},
	Remediation: "Remove management.autoUpgrade: false (it defaults to true), and use a maintenance window or " +
		"exclusion to control when upgrades happen.",
	Types:    []string{gkeClusterType, gkeNodePoolType},
	Resource: checkGKENodeAutoUpgrade,
}

var gkeShieldedNodes = pack.Policy{
	Name:        "gcp-gke-shielded-nodes",
	DisplayName: "GKE clusters use Shielded GKE Nodes",
	Description: "GKE clusters keep Shielded GKE Nodes on, which give nodes a verifiable identity and integrity, " +
		"so that an attacker who gets a node's credentials cannot impersonate it to join the cluster.",
	Severity:    pack.Medium,
	Framework:   frameworks.CISGKE("5.5.5"),
	Tags:        []string{"gcp", "gke", "kubernetes", "integrity"},
	Remediation: "Remove enableShieldedNodes: false (it defaults to true).",
	Types:       []string{gkeClusterType},
	Resource:    checkGKEShieldedNodes,
}

func init() {
	register(gkePrivateNodes, gkeLegacyABACDisabled, gkeWorkloadIdentity, gkeControlPlaneRestricted, gkeNetworkPolicy,
		gkeNodeAutoUpgrade, gkeShieldedNodes)
}

func checkGKEPrivateNodes(c *pack.Check, r *pack.Resource) {
	if r.Type == gkeNodePoolType {
		// Unset inherits the cluster's setting, which the cluster's own check judges.
		if v := r.Get("networkConfig", "enablePrivateNodes"); v.Exists() && !v.Bool(false) {
			c.Violatef("node pool %s has networkConfig.enablePrivateNodes false: its nodes get public IP addresses; "+
				"remove it or set it to true", r.Name)
		}
		return
	}
	clusterPrivate := r.Get("privateClusterConfig", "enablePrivateNodes").Bool(false)
	pools := r.Get("nodePools").Items()
	if len(pools) == 0 {
		if !clusterPrivate {
			c.Violatef("cluster %s does not set privateClusterConfig.enablePrivateNodes: its nodes get public IP "+
				"addresses; set it to true", r.Name)
		}
		return
	}
	for i, pool := range pools {
		if !pool.Get("networkConfig", "enablePrivateNodes").Bool(clusterPrivate) {
			c.Violatef("cluster %s: the nodes of node pool %s get public IP addresses; set "+
				"privateClusterConfig.enablePrivateNodes: true, or networkConfig.enablePrivateNodes: true on the pool",
				r.Name, gkePoolLabel(pool, i))
		}
	}
}

// gkePoolLabel names an inline node pool in a message: its name, or its place in nodePools.
func gkePoolLabel(pool pack.Value, i int) string {
	if name := pool.Get("name"); !name.Unknown() && name.Exists() {
		return name.String()
	}
	return fmt.Sprintf("nodePools[%d]", i)
}

func checkGKELegacyABAC(c *pack.Check, r *pack.Resource) {
	if r.Get("enableLegacyAbac").Bool(false) {
		c.Violatef("cluster %s has enableLegacyAbac true: identities get static permissions beyond RBAC and IAM; "+
			"remove it", r.Name)
	}
}

func checkGKEWorkloadIdentity(c *pack.Check, r *pack.Resource) {
	autopilot, pool := r.Get("enableAutopilot"), r.Get("workloadIdentityConfig", "workloadPool")
	if (!autopilot.Unknown() && autopilot.Bool(false)) || (!pool.Unknown() && strings.TrimSpace(pool.Text("")) != "") {
		return
	}
	known.Require(autopilot, pool)
	c.Violatef("cluster %s does not enable Workload Identity: pods act with the node's service account; set "+
		"workloadIdentityConfig.workloadPool: \"<project>.svc.id.goog\"", r.Name)
}

func checkGKEControlPlaneRestricted(c *pack.Check, r *pack.Resource) {
	privateEndpoint := r.Get("privateClusterConfig", "enablePrivateEndpoint")
	ipEndpoint := r.Get("controlPlaneEndpointsConfig", "ipEndpointsConfig", "enabled")
	if (!privateEndpoint.Unknown() && privateEndpoint.Bool(false)) || (!ipEndpoint.Unknown() && !ipEndpoint.Bool(true)) {
		return
	}
	known.Require(privateEndpoint, ipEndpoint)
	authorized := r.Get("masterAuthorizedNetworksConfig")
	if !authorized.Exists() {
		c.Violatef("cluster %s has no masterAuthorizedNetworksConfig: its control plane accepts connections from "+
			"any address; list the networks that need it in masterAuthorizedNetworksConfig.cidrBlocks", r.Name)
		return
	}
	for _, block := range authorized.Get("cidrBlocks").Items() {
		if cidr := block.Get("cidrBlock"); network.IsInternet(cidr.Text("")) {
			c.Violatef("cluster %s authorizes %v, the whole internet, to reach its control plane: list only the "+
				"networks that need it in masterAuthorizedNetworksConfig.cidrBlocks", r.Name, cidr)
		}
	}
	if authorized.Get("gcpPublicCidrsAccessEnabled").Bool(false) {
		c.Report(pack.Violation{Severity: pack.Medium, Message: "cluster " + r.Name + " has masterAuthorizedNetworksConfig." +
			"gcpPublicCidrsAccessEnabled true: any Google Cloud VM, in any project, can reach its control plane; set " +
			"it to false"})
	}
}

func checkGKENetworkPolicy(c *pack.Check, r *pack.Resource) {
	autopilot, datapath, enabled := r.Get("enableAutopilot"), r.Get("datapathProvider"), r.Get("networkPolicy", "enabled")
	if (!autopilot.Unknown() && autopilot.Bool(false)) || known.OneOf(datapath, "ADVANCED_DATAPATH") ||
		(!enabled.Unknown() && enabled.Bool(false)) {
		return
	}
	known.Require(autopilot, datapath, enabled)
	// LEGACY_DATAPATH (kube-proxy) is GKE's default for Standard clusters, with network policy off.
	c.Violatef("cluster %s does not enforce network policies: its pods accept traffic from every other pod "+
		"whatever NetworkPolicy objects say; set datapathProvider: \"ADVANCED_DATAPATH\" or networkPolicy.enabled: true",
		r.Name)
}

func checkGKENodeAutoUpgrade(c *pack.Check, r *pack.Resource) {
	// Both pulumi-gcp and GKE turn auto-upgrade on when management.autoUpgrade is unset.
	if r.Type == gkeNodePoolType {
		if !r.Get("management", "autoUpgrade").Bool(true) {
			c.Violatef("node pool %s has management.autoUpgrade false: its nodes miss security patches until "+
				"someone upgrades them; remove it or set it to true", r.Name)
		}
		return
	}
	// The default node pool, created when nodePools is unset, always has auto-upgrade on.
	var unknown []pack.Value
	for i, pool := range r.Get("nodePools").Items() {
		upgrade := pool.Get("management", "autoUpgrade")
		if upgrade.Unknown() {
			unknown = append(unknown, upgrade) // judged after the known pools
			continue
		}
		if !upgrade.Bool(true) {
			c.Violatef("cluster %s: node pool %s has management.autoUpgrade false: its nodes miss security "+
				"patches until someone upgrades them; remove it or set it to true", r.Name, gkePoolLabel(pool, i))
		}
	}
	known.Require(unknown...)
}

func checkGKEShieldedNodes(c *pack.Check, r *pack.Resource) {
	if !r.Get("enableShieldedNodes").Bool(true) { // true by default in pulumi-gcp and GKE
		c.Violatef("cluster %s has enableShieldedNodes false: a stolen node credential can register a rogue "+
			"node in the cluster; remove it or set it to true", r.Name)
	}
}
