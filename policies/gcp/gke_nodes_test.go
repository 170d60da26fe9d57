package gcp

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/stretchr/testify/assert"
)

func TestGKESecretsEncrypted(t *testing.T) {
	enc := func(state any) packtest.Props {
		return packtest.Props{"databaseEncryption": map[string]any{"state": state, "keyName": "projects/p/locations/l/keyRings/r/cryptoKeys/k"}}
	}
	packtest.Run(t, Policies(), "gcp-gke-secrets-encrypted", []packtest.Case{
		{Name: "unset", Want: packtest.Violation, Message: "cluster k8s does not set databaseEncryption",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{})},
		{Name: "decrypted", Want: packtest.Violation, Message: `has databaseEncryption.state "DECRYPTED"`,
			Resource: packtest.Resource(gkeClusterType, "k8s", enc("DECRYPTED"))},
		{Name: "encrypted", Want: packtest.Pass, Resource: packtest.Resource(gkeClusterType, "k8s", enc("ENCRYPTED"))},
		{Name: "autopilot is judged too", Want: packtest.Violation,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"enableAutopilot": true})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "databaseEncryption.state",
			Resource: packtest.Resource(gkeClusterType, "k8s", enc(packtest.Unknown))},
	})
}

func TestGKENodeServiceAccount(t *testing.T) {
	const dedicated = "nodes@proj.iam.gserviceaccount.com"
	node := func(account any, scopes ...any) map[string]any {
		cfg := map[string]any{}
		if account != nil {
			cfg["serviceAccount"] = account
		}
		if scopes != nil {
			cfg["oauthScopes"] = scopes
		}
		return cfg
	}
	packtest.Run(t, Policies(), "gcp-gke-node-service-account", []packtest.Case{
		{Name: "node pool without an account", Want: packtest.Violation,
			Message:  "node pool pool runs as the Compute Engine default service account",
			Resource: packtest.Resource(gkeNodePoolType, "pool", packtest.Props{"nodeConfig": node(nil)})},
		{Name: "node pool without nodeConfig", Want: packtest.Violation,
			Resource: packtest.Resource(gkeNodePoolType, "pool", packtest.Props{})},
		{Name: "node pool naming the default account with cloud-platform", Want: packtest.Violation,
			Message: "with the cloud-platform scope", Resource: packtest.Resource(gkeNodePoolType, "pool", packtest.Props{
				"nodeConfig": node("123456789012-compute@developer.gserviceaccount.com", "https://www.googleapis.com/auth/cloud-platform")})},
		{Name: "node pool with a dedicated account and cloud-platform", Want: packtest.Pass,
			Resource: packtest.Resource(gkeNodePoolType, "pool", packtest.Props{"nodeConfig": node(dedicated, "cloud-platform")})},
		{Name: "cluster default pool", Want: packtest.Violation, Message: "cluster k8s: the default node pool runs as",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"nodeConfig": node("default")})},
		{Name: "cluster removing its default pool", Want: packtest.Pass,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"removeDefaultNodePool": true})},
		{Name: "cluster inline pools", Want: packtest.Violation, Count: 1, Message: `cluster k8s: node pool "batch"`,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"nodePools": []any{
				map[string]any{"name": "web", "nodeConfig": node(dedicated)},
				map[string]any{"name": "batch", "nodeConfig": node(nil)}}})},
		{Name: "autopilot", Want: packtest.NotApplicable, Message: "Autopilot clusters manage their nodes",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"enableAutopilot": true})},
		{Name: "unknown autopilot", Want: packtest.NotApplicable, Message: "value unknown during preview: enableAutopilot",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"enableAutopilot": packtest.Unknown})},
		{Name: "unknown node pools", Want: packtest.NotApplicable, Message: "value unknown during preview: nodePools",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"nodePools": packtest.Unknown})},
		{Name: "unknown removeDefaultNodePool", Want: packtest.NotApplicable, Message: "value unknown during preview: removeDefaultNodePool",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"removeDefaultNodePool": packtest.Unknown})},
		{Name: "unknown account", Want: packtest.NotApplicable, Message: "nodeConfig.serviceAccount",
			Resource: packtest.Resource(gkeNodePoolType, "pool", packtest.Props{"nodeConfig": node(packtest.Unknown)})},
		{Name: "unknown scopes", Want: packtest.NotApplicable, Message: "nodeConfig.oauthScopes",
			Resource: packtest.Resource(gkeNodePoolType, "pool", packtest.Props{"nodeConfig": node(nil, packtest.Unknown)})},
	})
}

// The default service account with the cloud-platform scope is reported as high.
func TestGKENodeServiceAccountSeverity(t *testing.T) {
	for scope, want := range map[string]pack.Severity{"cloud-platform": pack.High, "logging-write": pack.Medium} {
		res := packtest.Check(t, gkeNodeServiceAccount, packtest.Case{Resource: packtest.Resource(gkeNodePoolType, "pool",
			packtest.Props{"nodeConfig": map[string]any{"oauthScopes": []any{scope}}})})
		if assert.Len(t, res.Diagnostics, 1) {
			assert.Equal(t, want, res.Diagnostics[0].Severity, scope)
		}
	}
}
