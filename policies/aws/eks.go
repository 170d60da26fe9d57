package aws

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/kubeversion"
	"github.com/pulumi-securely/pulumi-securely/policies/network"
)

// EKS cluster rules. aws:eks/cluster:Cluster and vpcConfig, encryptionConfig and
// enabledClusterLogTypes have the same token, names and shapes in pulumi-aws v6 (v6.83.4) and v7
// (7.48.0): vpcConfig and encryptionConfig are single objects in both.

var eksClusterTypes = []string{"aws:eks/cluster:Cluster"}

func init() {
	register(eksEndpointRestricted, eksSecretsEncrypted, eksControlPlaneLogging, eksSupportedVersion)
}

var eksEndpointRestricted = pack.Policy{
	Name:        "aws-eks-endpoint-public-access-restricted",
	DisplayName: "EKS API endpoints are not open to the internet",
	Description: "A cluster's Kubernetes API endpoint is private (vpcConfig.endpointPublicAccess: false) or " +
		"limited to known networks (vpcConfig.publicAccessCidrs without 0.0.0.0/0). EKS makes the endpoint " +
		"public, to 0.0.0.0/0, when these are unset.",
	Severity:  pack.High,
	Framework: frameworks.FSBP("EKS.1"),
	Tags:      []string{"aws", "eks", "kubernetes", "network", "public-access"},
	Remediation: "Set vpcConfig.endpointPrivateAccess: true and vpcConfig.endpointPublicAccess: false, and " +
		"reach the API from the VPC (VPN, bastion, CI runners inside); or keep the public endpoint and set " +
		"vpcConfig.publicAccessCidrs to your networks' CIDR blocks.",
	Types: eksClusterTypes,
	Resource: func(c *pack.Check, r *pack.Resource) {
		vpc := r.Get("vpcConfig")
		if !vpc.Get("endpointPublicAccess").Bool(true) {
			return
		}
		cidrs := vpc.Get("publicAccessCidrs").Strings()
		if len(cidrs) == 0 {
			c.Violatef("cluster %s has a public API endpoint open to 0.0.0.0/0 (the EKS default when "+
				"vpcConfig.publicAccessCidrs is unset): set vpcConfig.endpointPublicAccess: false, or "+
				"vpcConfig.publicAccessCidrs to your networks", r.Name)
			return
		}
		if slices.ContainsFunc(cidrs, network.IsInternet) {
			c.Violatef("cluster %s has a public API endpoint open to the internet (vpcConfig.publicAccessCidrs "+
				"holds an all-addresses block): list only your networks, or set vpcConfig.endpointPublicAccess: false",
				r.Name)
		}
	},
}

var eksSecretsEncrypted = pack.Policy{
	Name:        "aws-eks-secrets-encrypted",
	DisplayName: "EKS encrypts Kubernetes secrets with a customer managed KMS key",
	Description: "Clusters envelope-encrypt Kubernetes secrets with a KMS key of yours " +
		"(encryptionConfig with resources [\"secrets\"]), so that reading them from etcd takes kms:Decrypt " +
		"on that key.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("EKS.3"),
	Tags:      []string{"aws", "eks", "kubernetes", "encryption"},
	Remediation: "Set encryptionConfig: { resources: [\"secrets\"], provider: { keyArn: <symmetric KMS key ARN> } }. " +
		"It can be added to an existing cluster but never removed.",
	Types: eksClusterTypes,
	Resource: func(c *pack.Check, r *pack.Resource) {
		enc := r.Get("encryptionConfig")
		for _, res := range enc.Get("resources").Strings() {
			if strings.EqualFold(res, "secrets") {
				return
			}
		}
		c.Violatef("cluster %s does not encrypt Kubernetes secrets with a KMS key of yours: set encryptionConfig "+
			"with resources [\"secrets\"] and provider.keyArn", r.Name)
	},
}

// eksLogTypes are the control plane log types EKS can send to CloudWatch Logs.
var eksLogTypes = []any{"api", "audit", "authenticator", "controllerManager", "scheduler"}

type eksLoggingSettings struct {
	RequiredLogTypes []string `json:"requiredLogTypes"`
}

func (s *eksLoggingSettings) Prepare() error {
	if len(s.RequiredLogTypes) == 0 {
		return pack.TurnsRuleOff("requiredLogTypes", "an empty list requires no log type",
			`list the log types every cluster must enable (by default ["audit"])`)
	}
	return nil
}

var eksControlPlaneLogging = pack.Policy{
	Name:        "aws-eks-control-plane-logging",
	DisplayName: "EKS control plane logs are enabled",
	Description: "Clusters send the required control plane logs to CloudWatch Logs (enabledClusterLogTypes); " +
		"by default the audit log, which records every call to the Kubernetes API.",
	Severity:    pack.Medium,
	Framework:   frameworks.FSBP("EKS.8"),
	Tags:        []string{"aws", "eks", "kubernetes", "logging"},
	Remediation: "Add the missing types to enabledClusterLogTypes (e.g. [\"api\", \"audit\", \"authenticator\"]).",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"requiredLogTypes": {
			"type": "array",
			"description": "Control plane log types every cluster must enable. Default [\"audit\"] (FSBP EKS.8); " +
				"add \"authenticator\" to trace which IAM identity made each call.",
			"items":       pack.JSONSchema{"type": "string", "enum": eksLogTypes},
			"uniqueItems": true,
			"default":     []any{"audit"},
		},
	}},
	Settings: func() any { return &eksLoggingSettings{} },
	Types:    eksClusterTypes,
	Resource: func(c *pack.Check, r *pack.Resource) {
		enabled := r.Get("enabledClusterLogTypes").Strings()
		var missing []string
		for _, want := range pack.SettingsOf[eksLoggingSettings](c).RequiredLogTypes {
			if !pack.ContainsFold(enabled, want) {
				missing = append(missing, want)
			}
		}
		if len(missing) > 0 {
			c.Violatef("cluster %s does not send its %s control plane logs to CloudWatch Logs: add them to "+
				"enabledClusterLogTypes", r.Name, strings.Join(missing, ", "))
		}
	},
}

// eksStandardSupportEnds is the day EKS standard support ends for each Kubernetes 1.x minor version,
// from the EKS release calendar as of 2026-11-26 (endoflife.date agrees). Versions after the last
// entry count as supported until its successor is added here.
var eksStandardSupportEnds = kubeversion.Calendar{
	{32, time.Date(2026, time.March, 23, 0, 0, 0, 0, time.UTC)},
	{33, time.Date(2026, time.July, 29, 0, 0, 0, 0, time.UTC)},
	{34, time.Date(2026, time.December, 2, 0, 0, 0, 0, time.UTC)},
	{35, time.Date(2027, time.March, 27, 0, 0, 0, 0, time.UTC)},
}

var eksSupportedVersion = pack.Policy{
	Name:        "aws-eks-cluster-supported-version",
	DisplayName: "EKS clusters run a Kubernetes version in standard support",
	Description: "Clusters set version to a Kubernetes version still in EKS standard support on the day of the " +
		"check, from the EKS release calendar built into the pack (1.33 left standard support on 29 July 2026, " +
		"1.34 leaves it on 2 December 2026, 1.35 on 27 March 2027), or to minimumVersion or later when that is " +
		"set. Older versions get no more fixes unless paid extended support keeps them, and are then upgraded " +
		"by force. A cluster without version gets the latest one when it is created, and passes.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("EKS.2"),
	Tags:      []string{"aws", "eks", "kubernetes", "patching"},
	Remediation: "Upgrade the control plane one minor version at a time (set version to the next minor version, " +
		"deploy, then upgrade the node groups and add-ons) until it reaches a version in standard support.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"minimumVersion": pack.String("The oldest Kubernetes minor version allowed, e.g. 1.35. Default: empty, "+
			"the oldest version in EKS standard support on the day of the check, from the pack's calendar.", ""),
	}},
	Settings: func() any { return &kubeversion.Settings{} },
	Types:    eksClusterTypes,
	Resource: func(c *pack.Check, r *pack.Resource) {
		configured := r.Get("version")
		if netBlank(configured) {
			return
		}
		version, ok := kubeversion.Parse(configured.Text(""))
		if !ok {
			c.Skip(fmt.Sprintf("version %v is not a Kubernetes version this policy can read", configured))
			return
		}
		minimum, why := pack.SettingsOf[kubeversion.Settings](c).Minimum(), "the configured minimumVersion"
		if minimum == [2]int{} {
			day := now().UTC()
			minimum, why = eksStandardSupportEnds.OldestSupported(day), "the oldest in EKS standard support on "+day.Format(time.DateOnly)
		}
		if slices.Compare(version[:], minimum[:]) < 0 {
			c.Violatef("cluster %s runs Kubernetes %v, older than %d.%d, %s: upgrade it one minor version at a "+
				"time", r.Name, configured, minimum[0], minimum[1], why)
		}
	},
}
