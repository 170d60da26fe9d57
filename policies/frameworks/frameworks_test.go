package frameworks

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/stretchr/testify/assert"
)

func TestCitations(t *testing.T) {
	for _, tc := range []struct {
		cite          func(string) *pack.Framework
		name, version string
	}{
		{FSBP, "AWS Foundational Security Best Practices", "1.0.0"},
		{CISAzure, "CIS Microsoft Azure Foundations Benchmark", "2.1.0"},
		{CISGCP, "CIS Google Cloud Platform Foundation Benchmark", "3.0.0"},
		{CISKubernetes, "CIS Kubernetes Benchmark", "1.9.0"},
		{WellArchitected, "AWS Well-Architected Framework", "2024-06-27"},
		{UsingPulumiSecurely, "Using Pulumi Securely", "2025"},
		{CISAKS, "CIS Azure Kubernetes Service (AKS) Benchmark", "1.7.0"},
		{CISGKE, "CIS Google Kubernetes Engine (GKE) Benchmark", "1.6.0"},
		{MCSB, "Microsoft cloud security benchmark", "1.0"},
		{NIST80053Rev5, "NIST SP 800-53", "Rev. 5"},
		{NSAKubernetesHardening, "NSA/CISA Kubernetes Hardening Guidance", "1.2"},
	} {
		got := tc.cite("X.1")
		assert.Equal(t, &pack.Framework{Name: tc.name, Version: tc.version, Reference: "X.1"}, got, tc.name)
		got.Reference = "changed"
		assert.Equal(t, "X.1", tc.cite("X.1").Reference, "%s: each citation is a new value", tc.name)
	}
}

func TestPodSecurityStandard(t *testing.T) {
	assert.Equal(t, &pack.Framework{Name: "Kubernetes Pod Security Standards", Version: "v1.37", Reference: "Baseline: AppArmor"},
		PodSecurityStandard("Baseline", "AppArmor"))
	assert.Equal(t, "Restricted: Running as Non-root", PodSecurityStandard("Restricted", "Running as Non-root").Reference)
}
