// Package frameworks names the compliance frameworks that rules cite (AWS Foundational Security
// Best Practices, CIS benchmarks, NIST SP 800-53, ...), each with the version the citations follow,
// so that a team's own rules cite them exactly as the built-in ones do: set one as a
// pack.Policy's Framework.
//
// Each function returns a new *pack.Framework holding the framework's name and version and the
// control it is given, as is: no function checks that the control exists. A rule cites one
// framework; where it cites another, the CIS benchmark control goes in its tags as "cis:<id>".
// Those ids follow the benchmark version named here for the rule's cloud (GKE rules: the GKE
// benchmark's); AWS rules, which cite no CIS benchmark as their framework, follow the CIS AWS
// Foundations Benchmark v3.0.0. docs/citations.md records the sources each citation was checked against.
package frameworks

import "github.com/pulumi-securely/pulumi-securely/pack"

// FSBP cites an AWS Foundational Security Best Practices control, e.g. "S3.8".
func FSBP(control string) *pack.Framework {
	return &pack.Framework{Name: "AWS Foundational Security Best Practices", Version: "1.0.0", Reference: control}
}

// CISAzure cites a CIS Microsoft Azure Foundations Benchmark control.
func CISAzure(control string) *pack.Framework {
	return &pack.Framework{Name: "CIS Microsoft Azure Foundations Benchmark", Version: "2.1.0", Reference: control}
}

// CISGCP cites a CIS Google Cloud Platform Foundation Benchmark control.
func CISGCP(control string) *pack.Framework {
	return &pack.Framework{Name: "CIS Google Cloud Platform Foundation Benchmark", Version: "3.0.0", Reference: control}
}

// CISKubernetes cites a CIS Kubernetes Benchmark control.
func CISKubernetes(control string) *pack.Framework {
	return &pack.Framework{Name: "CIS Kubernetes Benchmark", Version: "1.9.0", Reference: control}
}

// WellArchitected cites a best practice of the AWS Well-Architected Framework, e.g. "SEC08-BP01"
// (security pillar) or "REL06-BP01" (reliability), for AWS rules no Foundational Security Best
// Practices control covers.
func WellArchitected(practice string) *pack.Framework {
	return &pack.Framework{Name: "AWS Well-Architected Framework", Version: "2024-06-27", Reference: practice}
}

// UsingPulumiSecurely cites the practices of Pulumi's "Using Pulumi Securely" guidance that the
// pack's own rules (tags, packages, secrets, production guardrails) make executable.
func UsingPulumiSecurely(practice string) *pack.Framework {
	return &pack.Framework{Name: "Using Pulumi Securely", Version: "2025", Reference: practice}
}

// CISAKS cites a CIS Azure Kubernetes Service (AKS) Benchmark control, e.g. "5.4.1".
func CISAKS(control string) *pack.Framework {
	return &pack.Framework{Name: "CIS Azure Kubernetes Service (AKS) Benchmark", Version: "1.7.0", Reference: control}
}

// CISGKE cites a CIS Google Kubernetes Engine (GKE) Benchmark control, e.g. "5.6.5".
func CISGKE(control string) *pack.Framework {
	return &pack.Framework{Name: "CIS Google Kubernetes Engine (GKE) Benchmark", Version: "1.6.0", Reference: control}
}

// MCSB cites a Microsoft cloud security benchmark control, e.g. "NS-2".
func MCSB(control string) *pack.Framework {
	return &pack.Framework{Name: "Microsoft cloud security benchmark", Version: "1.0", Reference: control}
}

// NIST80053Rev5 cites a NIST SP 800-53 Rev. 5 control, e.g. "CP-9".
func NIST80053Rev5(control string) *pack.Framework {
	return &pack.Framework{Name: "NIST SP 800-53", Version: "Rev. 5", Reference: control}
}

// NSAKubernetesHardening cites a section of the NSA/CISA Kubernetes Hardening Guidance, for
// workload rules the CIS Kubernetes Benchmark has no control for.
func NSAKubernetesHardening(section string) *pack.Framework {
	return &pack.Framework{Name: "NSA/CISA Kubernetes Hardening Guidance", Version: "1.2", Reference: section}
}

// PodSecurityStandard cites a control of the Kubernetes Pod Security Standards by its level and
// its name in the standards' tables, e.g. ("Baseline", "AppArmor"), for pod rules the CIS
// Kubernetes Benchmark has no control for. The version is the policy version of
// k8s.io/pod-security-admission the conformance test (policies/kubernetes/pssconformance) pins.
func PodSecurityStandard(level, control string) *pack.Framework {
	return &pack.Framework{Name: "Kubernetes Pod Security Standards", Version: "v1.37", Reference: level + ": " + control}
}
