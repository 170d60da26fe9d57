package azure

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

const (
	aksCluster        = "azure-native:containerservice:ManagedCluster"
	classicAKSCluster = "azure:containerservice/kubernetesCluster:KubernetesCluster"
)

func TestAKSRBACEnabled(t *testing.T) {
	packtest.Run(t, Policies(), "azure-aks-rbac-enabled", []packtest.Case{
		{Name: "rbac off", Want: packtest.Violation, Message: "AKS cluster k8s has enableRBAC false",
			Resource: packtest.Resource(aksCluster, "k8s", packtest.Props{"enableRBAC": false})},
		{Name: "rbac on", Want: packtest.Pass, Resource: packtest.Resource(aksCluster, "k8s", packtest.Props{"enableRBAC": true})},
		{Name: "unset is on", Want: packtest.Pass, Resource: packtest.Resource(aksCluster, "k8s", packtest.Props{"dnsPrefix": "k8s"})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:containerservice/v20240801:ManagedCluster", "k8s", packtest.Props{"enableRBAC": false})},
		{Name: "classic rbac off", Want: packtest.Violation, Message: "roleBasedAccessControlEnabled false",
			Resource: packtest.Resource(classicAKSCluster, "k8s", packtest.Props{"roleBasedAccessControlEnabled": false})},
		{Name: "classic 4.x rbac off", Want: packtest.Violation, Message: "roleBasedAccessControl.enabled false",
			Resource: packtest.Resource(classicAKSCluster, "k8s", packtest.Props{"roleBasedAccessControl": packtest.Props{"enabled": false}})},
		{Name: "classic 4.x rbac on", Want: packtest.Pass,
			Resource: packtest.Resource(classicAKSCluster, "k8s", packtest.Props{"roleBasedAccessControl": packtest.Props{"enabled": true}})},
		{Name: "classic 4.x unknown", Want: packtest.NotApplicable, Message: "roleBasedAccessControl.enabled",
			Resource: packtest.Resource(classicAKSCluster, "k8s", packtest.Props{"roleBasedAccessControl": packtest.Props{"enabled": packtest.Unknown}})},
		{Name: "classic unset is on", Want: packtest.Pass, Resource: packtest.Resource(classicAKSCluster, "k8s", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: enableRBAC",
			Resource: packtest.Resource(aksCluster, "k8s", packtest.Props{"enableRBAC": packtest.Unknown})},
		{Name: "classic unknown", Want: packtest.NotApplicable, Message: "roleBasedAccessControlEnabled",
			Resource: packtest.Resource(classicAKSCluster, "k8s", packtest.Props{"roleBasedAccessControlEnabled": packtest.Unknown})},
	})
}

func TestAKSAPIServerRestricted(t *testing.T) {
	profile := func(p packtest.Props) packtest.Props { return packtest.Props{"apiServerAccessProfile": p} }
	packtest.Run(t, Policies(), "azure-aks-api-server-restricted", []packtest.Case{
		{Name: "public api server with no ranges", Want: packtest.Violation,
			Message:  "AKS cluster k8s exposes its API server to the whole internet",
			Resource: packtest.Resource(aksCluster, "k8s", packtest.Props{"dnsPrefix": "k8s"})},
		{Name: "empty range list", Want: packtest.Violation,
			Resource: packtest.Resource(aksCluster, "k8s", profile(packtest.Props{"authorizedIPRanges": []any{}}))},
		{Name: "range list with the internet", Want: packtest.Violation, Message: `admits "0.0.0.0/0", the whole internet`,
			Resource: packtest.Resource(aksCluster, "k8s", profile(packtest.Props{"authorizedIPRanges": []any{"203.0.113.0/24", "0.0.0.0/0"}}))},
		{Name: "authorized ranges", Want: packtest.Pass,
			Resource: packtest.Resource(aksCluster, "k8s", profile(packtest.Props{"authorizedIPRanges": []any{"203.0.113.0/24"}}))},
		{Name: "private cluster", Want: packtest.Pass,
			Resource: packtest.Resource(aksCluster, "k8s", profile(packtest.Props{"enablePrivateCluster": true}))},
		{Name: "public network access disabled", Want: packtest.Pass,
			Resource: packtest.Resource(aksCluster, "k8s", packtest.Props{"publicNetworkAccess": "Disabled"})},
		{Name: "private cluster explicitly off", Want: packtest.Violation,
			Resource: packtest.Resource(aksCluster, "k8s", profile(packtest.Props{"enablePrivateCluster": false}))},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:containerservice/v20210501:ManagedCluster", "k8s", packtest.Props{})},
		{Name: "classic without ranges", Want: packtest.Violation, Message: "apiServerAccessProfile.authorizedIpRanges",
			Resource: packtest.Resource(classicAKSCluster, "k8s", packtest.Props{})},
		{Name: "classic with ranges", Want: packtest.Pass,
			Resource: packtest.Resource(classicAKSCluster, "k8s", profile(packtest.Props{"authorizedIpRanges": []any{"203.0.113.0/24"}}))},
		{Name: "classic 5.x ranges", Want: packtest.Pass,
			Resource: packtest.Resource(classicAKSCluster, "k8s", packtest.Props{"apiServerAuthorizedIpRanges": []any{"203.0.113.0/24"}})},
		{Name: "classic 5.x ranges open to all", Want: packtest.Violation, Message: "in apiServerAuthorizedIpRanges",
			Resource: packtest.Resource(classicAKSCluster, "k8s", packtest.Props{"apiServerAuthorizedIpRanges": []any{"0.0.0.0/0"}})},
		{Name: "classic private cluster", Want: packtest.Pass,
			Resource: packtest.Resource(classicAKSCluster, "k8s", packtest.Props{"privateClusterEnabled": true})},
		{Name: "private decides while ranges are unknown", Want: packtest.Pass,
			Resource: packtest.Resource(aksCluster, "k8s", profile(packtest.Props{"enablePrivateCluster": true,
				"authorizedIPRanges": packtest.Unknown}))},
		{Name: "unknown private flag", Want: packtest.NotApplicable, Message: "apiServerAccessProfile.enablePrivateCluster",
			Resource: packtest.Resource(aksCluster, "k8s", profile(packtest.Props{"enablePrivateCluster": packtest.Unknown}))},
		{Name: "unknown ranges", Want: packtest.NotApplicable, Message: "apiServerAccessProfile.authorizedIPRanges",
			Resource: packtest.Resource(aksCluster, "k8s", profile(packtest.Props{"authorizedIPRanges": packtest.Unknown}))},
		{Name: "unknown range", Want: packtest.NotApplicable, Message: "authorizedIPRanges[1]",
			Resource: packtest.Resource(aksCluster, "k8s", profile(packtest.Props{"authorizedIPRanges": []any{"203.0.113.0/24", packtest.Unknown}}))},
		{Name: "unknown public network access", Want: packtest.NotApplicable, Message: "publicNetworkAccess",
			Resource: packtest.Resource(aksCluster, "k8s", packtest.Props{"publicNetworkAccess": packtest.Unknown})},
		{Name: "unknown profile", Want: packtest.NotApplicable, Message: "apiServerAccessProfile",
			Resource: packtest.Resource(aksCluster, "k8s", packtest.Props{"apiServerAccessProfile": packtest.Unknown})},
		{Name: "classic unknown private flag", Want: packtest.NotApplicable, Message: "privateClusterEnabled",
			Resource: packtest.Resource(classicAKSCluster, "k8s", packtest.Props{"privateClusterEnabled": packtest.Unknown})},
		{Name: "classic unknown 5.x ranges", Want: packtest.NotApplicable, Message: "apiServerAuthorizedIpRanges",
			Resource: packtest.Resource(classicAKSCluster, "k8s", packtest.Props{"apiServerAuthorizedIpRanges": packtest.Unknown})},
		{Name: "classic unknown ranges", Want: packtest.NotApplicable, Message: "apiServerAccessProfile.authorizedIpRanges",
			Resource: packtest.Resource(classicAKSCluster, "k8s", profile(packtest.Props{"authorizedIpRanges": packtest.Unknown}))},
	})
}

func TestAKSNetworkPolicy(t *testing.T) {
	profile := func(policy any) packtest.Props {
		return packtest.Props{"networkProfile": packtest.Props{"networkPlugin": "azure", "networkPolicy": policy}}
	}
	packtest.Run(t, Policies(), "azure-aks-network-policy", []packtest.Case{
		{Name: "no network profile", Want: packtest.Violation, Message: "AKS cluster k8s sets no networkProfile.networkPolicy",
			Resource: packtest.Resource(aksCluster, "k8s", packtest.Props{"dnsPrefix": "k8s"})},
		{Name: "profile without policy", Want: packtest.Violation,
			Resource: packtest.Resource(aksCluster, "k8s", packtest.Props{"networkProfile": packtest.Props{"networkPlugin": "kubenet"}})},
		{Name: "none", Want: packtest.Violation, Message: `AKS cluster k8s has networkProfile.networkPolicy "none"`,
			Resource: packtest.Resource(aksCluster, "k8s", profile("none"))},
		{Name: "azure", Want: packtest.Pass, Resource: packtest.Resource(aksCluster, "k8s", profile("azure"))},
		{Name: "calico in another case", Want: packtest.Pass, Resource: packtest.Resource(aksCluster, "k8s", profile("Calico"))},
		{Name: "cilium on an API-versioned token", Want: packtest.Pass,
			Resource: packtest.Resource("azure-native:containerservice/v20240801:ManagedCluster", "k8s", profile("cilium"))},
		{Name: "classic without policy", Want: packtest.Violation, Message: "AKS cluster k8s sets no networkProfile.networkPolicy",
			Resource: packtest.Resource(classicAKSCluster, "k8s", packtest.Props{"networkProfile": packtest.Props{"networkPlugin": "azure"}})},
		{Name: "classic calico", Want: packtest.Pass, Resource: packtest.Resource(classicAKSCluster, "k8s", profile("calico"))},
		{Name: "unset on a Cilium data plane is left undecided", Want: packtest.NotApplicable,
			Message: "a Cilium data plane enforces NetworkPolicy with Cilium",
			Resource: packtest.Resource(aksCluster, "k8s", packtest.Props{"networkProfile": packtest.Props{
				"networkPlugin": "azure", "networkDataplane": "cilium"}})},
		{Name: "classic unset on a Cilium data plane", Want: packtest.NotApplicable, Message: "Cilium data plane",
			Resource: packtest.Resource(classicAKSCluster, "k8s", packtest.Props{"networkProfile": packtest.Props{
				"networkPlugin": "azure", "networkDataPlane": "cilium"}})},
		{Name: "unset on the Azure data plane", Want: packtest.Violation, Message: "sets no networkProfile.networkPolicy",
			Resource: packtest.Resource(aksCluster, "k8s", packtest.Props{"networkProfile": packtest.Props{
				"networkPlugin": "azure", "networkDataplane": "azure"}})},
		{Name: "unset with an unknown data plane", Want: packtest.NotApplicable, Message: "networkDataplane",
			Resource: packtest.Resource(aksCluster, "k8s", packtest.Props{"networkProfile": packtest.Props{
				"networkPlugin": "azure", "networkDataplane": packtest.Unknown}})},
		{Name: "unknown policy", Want: packtest.NotApplicable, Message: "networkProfile.networkPolicy",
			Resource: packtest.Resource(aksCluster, "k8s", profile(packtest.Unknown))},
		{Name: "unknown profile", Want: packtest.NotApplicable, Message: "value unknown during preview: networkProfile",
			Resource: packtest.Resource(aksCluster, "k8s", packtest.Props{"networkProfile": packtest.Unknown})},
	})
}

func TestAKSLocalAccountsDisabled(t *testing.T) {
	packtest.Run(t, Policies(), "azure-aks-local-accounts-disabled", []packtest.Case{
		{Name: "local accounts enabled", Want: packtest.Violation,
			Message:  "AKS cluster k8s has disableLocalAccounts false: anyone allowed to list the cluster admin credential",
			Resource: packtest.Resource(aksCluster, "k8s", packtest.Props{"disableLocalAccounts": false})},
		{Name: "unset keeps local accounts", Want: packtest.Violation,
			Message:  "AKS cluster k8s leaves disableLocalAccounts unset, which keeps local accounts",
			Resource: packtest.Resource(aksCluster, "k8s", packtest.Props{"dnsPrefix": "k8s"})},
		{Name: "local accounts disabled", Want: packtest.Pass,
			Resource: packtest.Resource(aksCluster, "k8s", packtest.Props{"disableLocalAccounts": true,
				"aadProfile": packtest.Props{"managed": true, "enableAzureRBAC": true}})},
		{Name: "api-versioned token", Want: packtest.Violation,
			Resource: packtest.Resource("azure-native:containerservice/v20210501:ManagedCluster", "k8s", packtest.Props{})},
		{Name: "classic enabled", Want: packtest.Violation, Message: "AKS cluster k8s leaves localAccountDisabled unset",
			Resource: packtest.Resource(classicAKSCluster, "k8s", packtest.Props{})},
		{Name: "classic explicitly false", Want: packtest.Violation, Message: "AKS cluster k8s has localAccountDisabled false",
			Resource: packtest.Resource(classicAKSCluster, "k8s", packtest.Props{"localAccountDisabled": false})},
		{Name: "classic disabled", Want: packtest.Pass,
			Resource: packtest.Resource(classicAKSCluster, "k8s", packtest.Props{"localAccountDisabled": true})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: disableLocalAccounts",
			Resource: packtest.Resource(aksCluster, "k8s", packtest.Props{"disableLocalAccounts": packtest.Unknown})},
		{Name: "classic unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: localAccountDisabled",
			Resource: packtest.Resource(classicAKSCluster, "k8s", packtest.Props{"localAccountDisabled": packtest.Unknown})},
	})
}
