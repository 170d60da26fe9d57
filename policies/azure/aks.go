package azure

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
	"github.com/pulumi-securely/pulumi-securely/policies/network"
)

// API versions of ManagedCluster that azure-native 2.x generated besides its default, from
// 2021-05-01 on (2019-06-01 has no apiServerAccessProfile).
var aksClusterTypes = append(azureNativeTypes("containerservice", "ManagedCluster", "20210501", "20230401",
	"20230502preview", "20230601", "20230602preview", "20230701", "20230702preview", "20230801", "20230802preview",
	"20230901", "20230902preview", "20231001", "20231002preview", "20231101", "20231102preview", "20240101",
	"20240102preview", "20240201", "20240202preview", "20240302preview", "20240402preview", "20240501",
	"20240502preview", "20240602preview", "20240701", "20240702preview", "20240801", "20240901", "20240902preview",
	"20241001", "20241002preview", "20250101"), "azure:containerservice/kubernetesCluster:KubernetesCluster")

var aksRBACEnabled = pack.Policy{
	Name:        "azure-aks-rbac-enabled",
	DisplayName: "AKS clusters use Kubernetes RBAC",
	Description: "AKS clusters keep Kubernetes role-based access control on, so that access to the API is " +
		"limited by roles and bindings.",
	Severity:  pack.High,
	Framework: frameworks.MCSB("PA-7"),
	Tags:      []string{"azure", "aks", "kubernetes", "identity"},
	Remediation: "Remove enableRBAC: false (roleBasedAccessControlEnabled: false, or roleBasedAccessControl." +
		"enabled: false before 5.0, in the classic azure provider). " +
		"RBAC can only be chosen when the cluster is created: create a new cluster.",
	Types:    aksClusterTypes,
	Resource: checkAKSRBACEnabled,
}

var aksAPIServerRestricted = pack.Policy{
	Name:        "azure-aks-api-server-restricted",
	DisplayName: "AKS API servers are not open to the internet",
	Description: "AKS clusters are private, or limit their public API server endpoint to authorized IP ranges " +
		"that do not include the whole internet.",
	Severity:  pack.High,
	Framework: frameworks.CISAKS("5.4.1"),
	Tags:      []string{"azure", "aks", "kubernetes", "network"},
	Remediation: "Set apiServerAccessProfile.authorizedIPRanges to the networks of the cluster's operators and " +
		"pipelines, or apiServerAccessProfile.enablePrivateCluster: true (apiServerAccessProfile." +
		"authorizedIpRanges or privateClusterEnabled in the classic azure provider).",
	Types:    aksClusterTypes,
	Resource: checkAKSAPIServerRestricted,
}

var aksNetworkPolicy = pack.Policy{
	Name:        "azure-aks-network-policy",
	DisplayName: "AKS clusters enforce Kubernetes network policies",
	Description: "AKS clusters choose a network policy engine (Azure, Calico or Cilium), so that NetworkPolicy " +
		"objects restrict traffic between pods; without one, AKS accepts them and enforces nothing.",
	Severity:  pack.Medium,
	Framework: frameworks.CISAKS("5.4.4"),
	Tags:      []string{"azure", "aks", "kubernetes", "network"},
	Remediation: "Set networkProfile.networkPolicy to \"azure\", \"calico\" or \"cilium\" (\"cilium\" with " +
		"networkProfile.networkDataplane: \"cilium\"; networkDataPlane in the classic azure provider). Changing the " +
		"engine of an existing cluster may recreate it.",
	Types:    aksClusterTypes,
	Resource: checkAKSNetworkPolicy,
}

var aksLocalAccountsDisabled = pack.Policy{
	Name:        "azure-aks-local-accounts-disabled",
	DisplayName: "AKS clusters disable local accounts",
	Description: "AKS clusters disable their local accounts, so that every user authenticates with Entra ID and no " +
		"static cluster-admin credential can be downloaded with listClusterAdminCredential.",
	Severity:  pack.High,
	Framework: frameworks.MCSB("IM-1"),
	Tags:      []string{"azure", "aks", "kubernetes", "identity"},
	Remediation: "Set disableLocalAccounts: true (localAccountDisabled: true in the classic azure provider), with " +
		"AKS-managed Entra ID integration (aadProfile.managed: true, azureActiveDirectoryRoleBasedAccessControl in " +
		"the classic provider) and Kubernetes RBAC on. On an existing cluster, rotate the cluster certificates " +
		"to revoke admin kubeconfigs already handed out.",
	Types:    aksClusterTypes,
	Resource: checkAKSLocalAccountsDisabled,
}

func init() {
	register(aksRBACEnabled, aksAPIServerRestricted, aksNetworkPolicy, aksLocalAccountsDisabled)
}

func checkAKSRBACEnabled(c *pack.Check, r *pack.Resource) {
	name, v := "enableRBAC", r.Get("enableRBAC")
	if isClassicAzure(r.Type) {
		// roleBasedAccessControl.enabled is the classic provider's 4.x spelling.
		name, v = "roleBasedAccessControlEnabled", r.Get("roleBasedAccessControlEnabled")
		if !v.Unknown() && !v.Exists() {
			name, v = "roleBasedAccessControl.enabled", r.Get("roleBasedAccessControl", "enabled")
		}
	}
	// Both providers enable RBAC when the setting is left unset.
	if !v.Bool(true) {
		c.Violatef("AKS cluster %s has %s false: any authenticated user can act on the cluster without roles or "+
			"bindings; remove %s: false", r.Name, name, name)
	}
}

func checkAKSAPIServerRestricted(c *pack.Check, r *pack.Resource) {
	private, ranges, rangesName, access := r.Get("apiServerAccessProfile", "enablePrivateCluster"),
		r.Get("apiServerAccessProfile", "authorizedIPRanges"), "apiServerAccessProfile.authorizedIPRanges",
		r.Get("publicNetworkAccess")
	if isClassicAzure(r.Type) {
		private, access = r.Get("privateClusterEnabled"), pack.Value{}
		rangesName, ranges = "apiServerAccessProfile.authorizedIpRanges", r.Get("apiServerAccessProfile", "authorizedIpRanges")
		if legacy := r.Get("apiServerAuthorizedIpRanges"); legacy.Unknown() || legacy.Exists() { // 5.x and before
			rangesName, ranges = "apiServerAuthorizedIpRanges", legacy
		}
	}
	if (!private.Unknown() && private.Bool(false)) || known.OneOf(access, "Disabled") {
		return
	}
	known.Require(private, access)
	items := ranges.Items()
	if source, open := network.FirstInternet(items); open {
		c.Violatef("AKS cluster %s admits %v, the whole internet, in %s: list only the networks that need the "+
			"Kubernetes API", r.Name, source, rangesName)
		return
	}
	if len(items) == 0 {
		c.Violatef("AKS cluster %s exposes its API server to the whole internet: set %s to the networks that "+
			"need it, or make the cluster private", r.Name, rangesName)
	}
}

func checkAKSNetworkPolicy(c *pack.Check, r *pack.Resource) {
	// Both providers send no networkPolicy when it is unset, which AKS takes as "none" on its own
	// data plane. On a Cilium data plane, Cilium is the policy engine: whether AKS records it when
	// networkPolicy is unset is not documented, so that case is left undecided rather than flagged.
	v := r.Get("networkProfile", "networkPolicy")
	if known.OneOf(v, "azure", "calico", "cilium") {
		return
	}
	if strings.TrimSpace(v.Text("")) == "" {
		dataplane := r.Get("networkProfile", "networkDataplane") // networkDataPlane in the classic provider
		if isClassicAzure(r.Type) {
			dataplane = r.Get("networkProfile", "networkDataPlane")
		}
		known.Require(dataplane)
		if known.OneOf(dataplane, "cilium") {
			c.Skip("a Cilium data plane enforces NetworkPolicy with Cilium; set networkProfile.networkPolicy: " +
				"\"cilium\" to make it explicit")
			return
		}
		c.Violatef("AKS cluster %s sets no networkProfile.networkPolicy: its pods accept traffic from every other "+
			"pod whatever NetworkPolicy objects say; set it to \"azure\", \"calico\" or \"cilium\"", r.Name)
		return
	}
	c.Violatef("AKS cluster %s has networkProfile.networkPolicy %v: NetworkPolicy objects are not enforced; set it "+
		"to \"azure\", \"calico\" or \"cilium\"", r.Name, v)
}

// checkAKSLocalAccountsDisabled follows the built-in Azure Policy "Azure Kubernetes Service Clusters
// should have local authentication methods disabled" (993c2fcd): disableLocalAccounts must be true.
func checkAKSLocalAccountsDisabled(c *pack.Check, r *pack.Resource) {
	name := "disableLocalAccounts"
	if isClassicAzure(r.Type) {
		name = "localAccountDisabled"
	}
	// Both providers, and AKS, keep local accounts when the setting is unset.
	v := r.Get(name)
	if v.Bool(false) {
		return
	}
	if !v.Exists() {
		c.Violatef("AKS cluster %s leaves %s unset, which keeps local accounts: anyone allowed to list the "+
			"cluster admin credential gets a static cluster-admin certificate outside Entra ID; set %s: true",
			r.Name, name, name)
		return
	}
	c.Violatef("AKS cluster %s has %s false: anyone allowed to list the cluster admin credential gets a static "+
		"cluster-admin certificate outside Entra ID; set %s: true", r.Name, name, name)
}
