package gcp

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/stretchr/testify/assert"
)

func TestGKEPrivateNodes(t *testing.T) {
	private := packtest.Props{"enablePrivateNodes": true, "masterIpv4CidrBlock": "172.16.0.0/28"}
	pool := func(name string, privateNodes any) packtest.Props {
		p := packtest.Props{"name": name, "nodeCount": 1}
		if privateNodes != nil {
			p["networkConfig"] = packtest.Props{"enablePrivateNodes": privateNodes}
		}
		return p
	}
	packtest.Run(t, Policies(), "gcp-gke-private-nodes", []packtest.Case{
		{Name: "public nodes by default", Want: packtest.Violation, Message: "cluster k8s does not set privateClusterConfig.enablePrivateNodes",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"initialNodeCount": 1})},
		{Name: "private cluster", Want: packtest.Pass,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"privateClusterConfig": private})},
		{Name: "private cluster with a pool opting out", Want: packtest.Violation, Count: 1, Message: `node pool "batch" get public IP`,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"privateClusterConfig": private,
				"nodePools": []any{pool("web", nil), pool("batch", false)}})},
		{Name: "public cluster whose pools are all private", Want: packtest.Pass,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"nodePools": []any{pool("web", true), pool("batch", true)}})},
		{Name: "public cluster with a pool that inherits", Want: packtest.Violation, Message: "nodePools[1]",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"nodePools": []any{pool("web", true),
				packtest.Props{"nodeCount": 1}}})},
		{Name: "node pool opting out", Want: packtest.Violation, Message: "node pool batch has networkConfig.enablePrivateNodes false",
			Resource: packtest.Resource(gkeNodePoolType, "batch", packtest.Props{"cluster": "k8s", "networkConfig": packtest.Props{"enablePrivateNodes": false}})},
		{Name: "node pool inheriting", Want: packtest.Pass,
			Resource: packtest.Resource(gkeNodePoolType, "batch", packtest.Props{"cluster": "k8s"})},
		{Name: "private node pool", Want: packtest.Pass,
			Resource: packtest.Resource(gkeNodePoolType, "batch", packtest.Props{"cluster": "k8s", "networkConfig": packtest.Props{"enablePrivateNodes": true}})},
		{Name: "unknown cluster setting", Want: packtest.NotApplicable, Message: "privateClusterConfig.enablePrivateNodes",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"privateClusterConfig": packtest.Props{"enablePrivateNodes": packtest.Unknown}})},
		{Name: "unknown node pools", Want: packtest.NotApplicable, Message: "value unknown during preview: nodePools",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"nodePools": packtest.Unknown})},
		{Name: "unknown inline pool setting", Want: packtest.NotApplicable, Message: "nodePools[0].networkConfig.enablePrivateNodes",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"nodePools": []any{pool("web", packtest.Unknown)}})},
		{Name: "unknown node pool setting", Want: packtest.NotApplicable, Message: "networkConfig.enablePrivateNodes",
			Resource: packtest.Resource(gkeNodePoolType, "batch", packtest.Props{"networkConfig": packtest.Props{"enablePrivateNodes": packtest.Unknown}})},
	})
}

func TestGKELegacyABAC(t *testing.T) {
	packtest.Run(t, Policies(), "gcp-gke-legacy-abac-disabled", []packtest.Case{
		{Name: "abac on", Want: packtest.Violation, Message: "cluster k8s has enableLegacyAbac true",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"enableLegacyAbac": true})},
		{Name: "abac off", Want: packtest.Pass, Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"enableLegacyAbac": false})},
		{Name: "unset is off", Want: packtest.Pass, Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: enableLegacyAbac",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"enableLegacyAbac": packtest.Unknown})},
	})
}

func TestGKEWorkloadIdentity(t *testing.T) {
	packtest.Run(t, Policies(), "gcp-gke-workload-identity", []packtest.Case{
		{Name: "not enabled", Want: packtest.Violation, Message: "cluster k8s does not enable Workload Identity",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{})},
		{Name: "empty pool", Want: packtest.Violation,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"workloadIdentityConfig": packtest.Props{"workloadPool": ""}})},
		{Name: "enabled", Want: packtest.Pass,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"workloadIdentityConfig": packtest.Props{"workloadPool": "proj.svc.id.goog"}})},
		{Name: "autopilot", Want: packtest.Pass, Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"enableAutopilot": true})},
		{Name: "autopilot decides while the pool is unknown", Want: packtest.Pass,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"enableAutopilot": true,
				"workloadIdentityConfig": packtest.Props{"workloadPool": packtest.Unknown}})},
		{Name: "unknown pool", Want: packtest.NotApplicable, Message: "workloadIdentityConfig.workloadPool",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"workloadIdentityConfig": packtest.Props{"workloadPool": packtest.Unknown}})},
		{Name: "unknown autopilot", Want: packtest.NotApplicable, Message: "value unknown during preview: enableAutopilot",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"enableAutopilot": packtest.Unknown})},
	})
}

func TestGKEControlPlaneRestricted(t *testing.T) {
	authorized := func(cidrs ...any) packtest.Props {
		blocks := make([]any, len(cidrs))
		for i, c := range cidrs {
			blocks[i] = packtest.Props{"cidrBlock": c, "displayName": "ops"}
		}
		return packtest.Props{"masterAuthorizedNetworksConfig": packtest.Props{"cidrBlocks": blocks}}
	}
	packtest.Run(t, Policies(), "gcp-gke-control-plane-restricted", []packtest.Case{
		{Name: "open control plane", Want: packtest.Violation, Message: "cluster k8s has no masterAuthorizedNetworksConfig",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{})},
		{Name: "authorized networks include the internet", Want: packtest.Violation, Message: `authorizes "0.0.0.0/0"`,
			Resource: packtest.Resource(gkeClusterType, "k8s", authorized("203.0.113.0/24", "0.0.0.0/0"))},
		{Name: "authorized networks", Want: packtest.Pass, Resource: packtest.Resource(gkeClusterType, "k8s", authorized("203.0.113.0/24"))},
		{Name: "authorized networks with no external block", Want: packtest.Pass,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"masterAuthorizedNetworksConfig": packtest.Props{}})},
		{Name: "all google cloud addresses", Want: packtest.Violation, Message: "any Google Cloud VM",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"masterAuthorizedNetworksConfig": packtest.Props{
				"gcpPublicCidrsAccessEnabled": true}})},
		{Name: "private endpoint", Want: packtest.Pass,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"privateClusterConfig": packtest.Props{
				"enablePrivateNodes": true, "enablePrivateEndpoint": true}})},
		{Name: "dns endpoint only", Want: packtest.Pass,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"controlPlaneEndpointsConfig": packtest.Props{
				"ipEndpointsConfig": packtest.Props{"enabled": false}}})},
		{Name: "unknown private endpoint", Want: packtest.NotApplicable, Message: "privateClusterConfig.enablePrivateEndpoint",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"privateClusterConfig": packtest.Props{"enablePrivateEndpoint": packtest.Unknown}})},
		{Name: "unknown ip endpoint", Want: packtest.NotApplicable, Message: "controlPlaneEndpointsConfig.ipEndpointsConfig.enabled",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"controlPlaneEndpointsConfig": packtest.Props{
				"ipEndpointsConfig": packtest.Props{"enabled": packtest.Unknown}}})},
		{Name: "unknown authorized networks", Want: packtest.NotApplicable, Message: "masterAuthorizedNetworksConfig",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"masterAuthorizedNetworksConfig": packtest.Unknown})},
		{Name: "unknown cidr block", Want: packtest.NotApplicable, Message: "cidrBlocks[0].cidrBlock",
			Resource: packtest.Resource(gkeClusterType, "k8s", authorized(packtest.Unknown))},
		{Name: "unknown gcp public cidrs", Want: packtest.NotApplicable, Message: "gcpPublicCidrsAccessEnabled",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"masterAuthorizedNetworksConfig": packtest.Props{
				"gcpPublicCidrsAccessEnabled": packtest.Unknown}})},
	})
	// Google Cloud addresses are a narrower exposure than the whole internet: reported as medium.
	res := packtest.Check(t, gkeControlPlaneRestricted, packtest.Case{Resource: packtest.Resource(gkeClusterType, "k8s",
		packtest.Props{"masterAuthorizedNetworksConfig": packtest.Props{"gcpPublicCidrsAccessEnabled": true}})})
	if assert.Len(t, res.Diagnostics, 1) {
		assert.Equal(t, pack.Medium, res.Diagnostics[0].Severity)
	}
}

func TestGKENetworkPolicy(t *testing.T) {
	packtest.Run(t, Policies(), "gcp-gke-network-policy", []packtest.Case{
		{Name: "default datapath without network policy", Want: packtest.Violation,
			Message:  "cluster k8s does not enforce network policies",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"initialNodeCount": 1})},
		{Name: "network policy off", Want: packtest.Violation,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"networkPolicy": packtest.Props{"enabled": false},
				"datapathProvider": "LEGACY_DATAPATH"})},
		{Name: "calico", Want: packtest.Pass,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"networkPolicy": packtest.Props{"enabled": true, "provider": "CALICO"}})},
		{Name: "dataplane v2", Want: packtest.Pass,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"datapathProvider": "ADVANCED_DATAPATH"})},
		{Name: "autopilot", Want: packtest.Pass, Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"enableAutopilot": true})},
		{Name: "dataplane v2 decides while network policy is unknown", Want: packtest.Pass,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"datapathProvider": "ADVANCED_DATAPATH",
				"networkPolicy": packtest.Props{"enabled": packtest.Unknown}})},
		{Name: "unknown network policy", Want: packtest.NotApplicable, Message: "networkPolicy.enabled",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"networkPolicy": packtest.Props{"enabled": packtest.Unknown}})},
		{Name: "unknown datapath", Want: packtest.NotApplicable, Message: "value unknown during preview: datapathProvider",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"datapathProvider": packtest.Unknown})},
		{Name: "unknown autopilot", Want: packtest.NotApplicable, Message: "value unknown during preview: enableAutopilot",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"enableAutopilot": packtest.Unknown})},
	})
}

func TestGKENodeAutoUpgrade(t *testing.T) {
	pool := func(name string, upgrade any) packtest.Props {
		p := packtest.Props{"name": name, "nodeCount": 1}
		if upgrade != nil {
			p["management"] = packtest.Props{"autoUpgrade": upgrade, "autoRepair": true}
		}
		return p
	}
	packtest.Run(t, Policies(), "gcp-gke-node-auto-upgrade", []packtest.Case{
		{Name: "node pool not upgrading", Want: packtest.Violation, Message: "node pool batch has management.autoUpgrade false",
			Resource: packtest.Resource(gkeNodePoolType, "batch", packtest.Props{"cluster": "k8s", "management": packtest.Props{"autoUpgrade": false}})},
		{Name: "node pool upgrading", Want: packtest.Pass,
			Resource: packtest.Resource(gkeNodePoolType, "batch", packtest.Props{"cluster": "k8s", "management": packtest.Props{"autoUpgrade": true}})},
		{Name: "node pool default", Want: packtest.Pass,
			Resource: packtest.Resource(gkeNodePoolType, "batch", packtest.Props{"cluster": "k8s"})},
		{Name: "inline pool not upgrading", Want: packtest.Violation, Count: 1,
			Message:  `cluster k8s: node pool "batch" has management.autoUpgrade false`,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"nodePools": []any{pool("web", nil), pool("batch", false)}})},
		{Name: "inline pools upgrading", Want: packtest.Pass,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"nodePools": []any{pool("web", true), pool("batch", nil)}})},
		{Name: "default node pool", Want: packtest.Pass,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"initialNodeCount": 1, "nodeConfig": packtest.Props{"machineType": "e2-medium"}})},
		{Name: "known pool judged while another is unknown", Want: packtest.Violation, Message: `node pool "batch"`,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"nodePools": []any{pool("web", packtest.Unknown), pool("batch", false)}})},
		{Name: "unknown inline setting", Want: packtest.NotApplicable, Message: "nodePools[0].management.autoUpgrade",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"nodePools": []any{pool("web", packtest.Unknown)}})},
		{Name: "unknown node pools", Want: packtest.NotApplicable, Message: "value unknown during preview: nodePools",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"nodePools": packtest.Unknown})},
		{Name: "unknown node pool setting", Want: packtest.NotApplicable, Message: "management.autoUpgrade",
			Resource: packtest.Resource(gkeNodePoolType, "batch", packtest.Props{"management": packtest.Props{"autoUpgrade": packtest.Unknown}})},
	})
}

func TestGKEShieldedNodes(t *testing.T) {
	packtest.Run(t, Policies(), "gcp-gke-shielded-nodes", []packtest.Case{
		{Name: "off", Want: packtest.Violation, Message: "cluster k8s has enableShieldedNodes false",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"enableShieldedNodes": false})},
		{Name: "on", Want: packtest.Pass, Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"enableShieldedNodes": true})},
		{Name: "unset is on", Want: packtest.Pass, Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: enableShieldedNodes",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"enableShieldedNodes": packtest.Unknown})},
	})
}
