package policies

import (
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/stretchr/testify/require"
)

// exportedResources reads a stack export of the shared real-world folder (skipping the test
// without it) and returns its resources by name as Analyze sees them, with their inputs, or
// with their outputs when fromOutputs.
func exportedResources(t *testing.T, file string, fromOutputs bool) map[string]plugin.AnalyzerResource {
	t.Helper()
	out := map[string]plugin.AnalyzerResource{}
	for _, r := range packtest.LoadExport(t, packtest.RealWorld(t, file)) {
		if strings.HasPrefix(string(r.Type), "pulumi:providers:") {
			continue
		}
		res := r.Resource()
		if fromOutputs {
			res.Properties = r.Outputs
		}
		out[r.Name] = res
	}
	return out
}

// The OPA project's Azure fixtures: each *_invalid_* one must fail the matching rule, each
// *_valid one pass it.
func TestCloudRulesOnOPAFixtures(t *testing.T) {
	rs := exportedResources(t, "opa-fixtures.export.json", false)
	cases := []struct {
		policy, resource string
		want             packtest.Outcome
	}{
		{"azure-nsg-no-internet-admin-ports", "azure-nsg_invalid_ssh", packtest.Violation},
		{"azure-nsg-no-internet-admin-ports", "azure-nsg_valid", packtest.Pass},
		{"azure-storage-minimum-tls-version", "azure-storage_invalid_tls", packtest.Violation},
		{"azure-storage-minimum-tls-version", "azure-storage_valid", packtest.Pass},
		{"azure-storage-https-only", "azure-storage_valid", packtest.Pass},
		{"azure-storage-no-public-blob-access", "azure-storage_valid", packtest.Pass},
		{"azure-storage-infrastructure-encryption", "azure-storage_valid", packtest.Pass},
	}
	for _, tc := range cases {
		r, ok := rs[tc.resource]
		require.True(t, ok, tc.resource)
		packtest.Run(t, All(), tc.policy, []packtest.Case{{Name: tc.policy, Want: tc.want, Resource: r}})
	}
}

// A classic azure stack (provider 3.11.0): the network security groups admit one private
// address in the program, but one of them gained an SSH rule from "*" outside it, which shows in
// its outputs only, with the empty strings the classic provider records for unset fields.
func TestCloudRulesOnClassicAzureStack(t *testing.T) {
	inputs := exportedResources(t, "azure-classic-private-rmq.export.json", false)
	outputs := exportedResources(t, "azure-classic-private-rmq.export.json", true)
	packtest.Run(t, All(), "azure-nsg-no-internet-admin-ports", []packtest.Case{
		{Name: "program's rules", Want: packtest.Pass, Resource: inputs["nsg-vm"]},
		{Name: "rule added outside the program", Want: packtest.Violation, Count: 1,
			Message: `rule "Allow Nick SSH" allows inbound TCP port 22 from "*"`, Resource: outputs["nsg-vm"]},
		{Name: "other group", Want: packtest.Pass, Resource: outputs["nsg-rmq"]},
	})
	packtest.Run(t, All(), "azure-storage-https-only", []packtest.Case{
		{Name: "https only", Want: packtest.Pass, Resource: inputs["sarmqsa"]},
	})
	packtest.Run(t, All(), "azure-storage-minimum-tls-version", []packtest.Case{
		{Name: "provider 3.x defaults to TLS 1.0", Want: packtest.Violation, Message: "leaves minTlsVersion unset",
			Resource: inputs["sarmqsa"]},
	})
	packtest.Run(t, All(), "azure-storage-no-public-blob-access", []packtest.Case{
		{Name: "provider 3.x defaults to private", Want: packtest.Pass, Resource: inputs["sarmqsa"]},
	})
}

// Every Azure and Google Cloud rule runs over every real-world resource, inputs and outputs,
// without failing.
func TestCloudRulesNeverFailOnRealworldState(t *testing.T) {
	files := []string{"opa-fixtures.export.json", "azure-classic-private-rmq.export.json",
		"azure-native-networked-vm.export.json", "kubernetes-kloudlib.export.json", "aws-rds-instance.export.json"}
	for _, p := range All() {
		if !strings.HasPrefix(p.Name, "azure-") && !strings.HasPrefix(p.Name, "gcp-") {
			continue
		}
		for _, file := range files {
			for _, fromOutputs := range []bool{false, true} {
				for name, r := range exportedResources(t, file, fromOutputs) {
					res := packtest.Check(t, p, packtest.Case{Resource: r})
					for _, d := range res.Diagnostics {
						require.NotContains(t, d.Message, "failed while checking", "%s on %s (%s)", p.Name, name, file)
					}
				}
			}
		}
	}
}
