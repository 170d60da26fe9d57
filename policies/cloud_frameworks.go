package policies

import "github.com/pulumi-securely/pulumi-securely/pack"

// The frameworks the Azure and Google Cloud rules cite where the CIS foundations benchmarks of
// frameworks.go have no control: the CIS benchmarks of the managed Kubernetes services, the
// Microsoft cloud security benchmark, and NIST SP 800-53.

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
