package policies

import "github.com/pulumi-securely/pulumi-securely/pack"

// The compliance frameworks rules cite. A rule cites one framework; the CIS benchmark control,
// where another framework is cited, goes in its tags as "cis:<id>".

// fsbp cites an AWS Foundational Security Best Practices control, e.g. "S3.8".
func fsbp(control string) *pack.Framework {
	return &pack.Framework{Name: "AWS Foundational Security Best Practices", Version: "1.0.0", Reference: control}
}

// cisAzure cites a CIS Microsoft Azure Foundations Benchmark control.
func cisAzure(control string) *pack.Framework {
	return &pack.Framework{Name: "CIS Microsoft Azure Foundations Benchmark", Version: "2.1.0", Reference: control}
}

// cisGCP cites a CIS Google Cloud Platform Foundation Benchmark control.
func cisGCP(control string) *pack.Framework {
	return &pack.Framework{Name: "CIS Google Cloud Platform Foundation Benchmark", Version: "3.0.0", Reference: control}
}

// cisKubernetes cites a CIS Kubernetes Benchmark control.
func cisKubernetes(control string) *pack.Framework {
	return &pack.Framework{Name: "CIS Kubernetes Benchmark", Version: "1.9.0", Reference: control}
}

// wellArchitected cites a best practice of the AWS Well-Architected Framework, e.g. "SEC08-BP01"
// (security pillar) or "REL06-BP01" (reliability), for AWS rules no Foundational Security Best
// Practices control covers.
func wellArchitected(practice string) *pack.Framework {
	return &pack.Framework{Name: "AWS Well-Architected Framework", Version: "2024-06-27", Reference: practice}
}

// usingPulumiSecurely cites the practices of Pulumi's "Using Pulumi Securely" guidance that the
// pack's own rules (tags, packages, secrets, production guardrails) make executable.
func usingPulumiSecurely(practice string) *pack.Framework {
	return &pack.Framework{Name: "Using Pulumi Securely", Version: "2025", Reference: practice}
}

// cisAKS cites a CIS Azure Kubernetes Service (AKS) Benchmark control, e.g. "5.4.1".
func cisAKS(control string) *pack.Framework {
	return &pack.Framework{Name: "CIS Azure Kubernetes Service (AKS) Benchmark", Version: "1.7.0", Reference: control}
}

// cisGKE cites a CIS Google Kubernetes Engine (GKE) Benchmark control, e.g. "5.6.5".
func cisGKE(control string) *pack.Framework {
	return &pack.Framework{Name: "CIS Google Kubernetes Engine (GKE) Benchmark", Version: "1.6.0", Reference: control}
}

// mcsb cites a Microsoft cloud security benchmark control, e.g. "NS-2".
func mcsb(control string) *pack.Framework {
	return &pack.Framework{Name: "Microsoft cloud security benchmark", Version: "1.0", Reference: control}
}

// nist80053Rev5 cites a NIST SP 800-53 Rev. 5 control, e.g. "CP-9".
func nist80053Rev5(control string) *pack.Framework {
	return &pack.Framework{Name: "NIST SP 800-53", Version: "Rev. 5", Reference: control}
}

// nsaKubernetesHardening cites a section of the NSA/CISA Kubernetes Hardening Guidance, for
// workload rules the CIS Kubernetes Benchmark has no control for.
func nsaKubernetesHardening(section string) *pack.Framework {
	return &pack.Framework{Name: "NSA/CISA Kubernetes Hardening Guidance", Version: "1.2", Reference: section}
}

// podSecurityStandard cites a control of the Kubernetes Pod Security Standards by its level and
// its name in the standards' tables, e.g. ("Baseline", "AppArmor"), for pod rules the CIS
// Kubernetes Benchmark has no control for. The version is the policy version of
// k8s.io/pod-security-admission the conformance test pins.
func podSecurityStandard(level, control string) *pack.Framework {
	return &pack.Framework{Name: "Kubernetes Pod Security Standards", Version: "v1.37", Reference: level + ": " + control}
}
