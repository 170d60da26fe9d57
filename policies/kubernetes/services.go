package kubernetes

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
	"github.com/pulumi-securely/pulumi-securely/policies/network"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Rules on Kubernetes Services.

func init() {
	register(serviceLoadBalancerSourceRanges, serviceNoNodePort)
}

// Service annotations the rule reads. The source-ranges annotation is the cloud providers'
// fallback for spec.loadBalancerSourceRanges (k8s.io/cloud-provider's service helpers); the
// others ask a cloud for an internal load balancer, reachable from its private network only.
const (
	annotationSourceRanges = "service.beta.kubernetes.io/load-balancer-source-ranges"
	// AWS: the in-tree cloud provider reads aws-load-balancer-internal; the AWS Load Balancer
	// Controller and EKS Auto Mode read aws-load-balancer-scheme and default to internal.
	annotationAWSInternal = "service.beta.kubernetes.io/aws-load-balancer-internal"
	annotationAWSScheme   = "service.beta.kubernetes.io/aws-load-balancer-scheme"
	annotationAWSType     = "service.beta.kubernetes.io/aws-load-balancer-type"
	// Azure (cloud-provider-azure).
	annotationAzureInternal = "service.beta.kubernetes.io/azure-load-balancer-internal"
	// Google Kubernetes Engine, current and legacy.
	annotationGKEType       = "networking.gke.io/load-balancer-type"
	annotationGKELegacyType = "cloud.google.com/load-balancer-type"
)

// Load balancer classes whose controller reads aws-load-balancer-scheme and defaults to an
// internal load balancer (AWS Load Balancer Controller, EKS Auto Mode), and GKE's internal class.
var (
	awsSchemeClasses      = []string{"service.k8s.aws/nlb", "eks.amazonaws.com/nlb"}
	awsControllerLBTypes  = []string{"external", "nlb-ip"}
	gkeInternalClass      = "networking.gke.io/l4-regional-internal"
	kubernetesServiceType = []string{"kubernetes:core/v1:Service"}
)

var serviceLoadBalancerSourceRanges = pack.Policy{
	Name:        "kubernetes-service-load-balancer-source-ranges",
	DisplayName: "LoadBalancer Services restrict their sources",
	Description: "A Service of type LoadBalancer that gets an internet-facing load balancer lists the " +
		"addresses allowed to reach it in spec.loadBalancerSourceRanges (or the " +
		"service.beta.kubernetes.io/load-balancer-source-ranges annotation), none of them 0.0.0.0/0 or ::/0. " +
		"Internal load balancers (AWS, Azure and GKE annotations or classes) are exempt.",
	Severity:  pack.High,
	Framework: frameworks.NSAKubernetesHardening("Network separation and hardening"),
	Tags:      []string{"kubernetes", "service", "network"},
	Remediation: "Set spec.loadBalancerSourceRanges to the CIDR blocks of the clients (an office, a VPN, a CDN), " +
		"or make the load balancer internal (service.beta.kubernetes.io/aws-load-balancer-scheme: internal " +
		"with the AWS Load Balancer Controller, azure-load-balancer-internal: \"true\", " +
		"networking.gke.io/load-balancer-type: Internal), or expose the workload through an Ingress with " +
		"authentication.",
	// ServicePatch is left out: a patch that sets ranges may not set the type it applies to.
	Types:    kubernetesServiceType,
	Resource: checkServiceLoadBalancerSourceRanges,
}

func checkServiceLoadBalancerSourceRanges(c *pack.Check, r *pack.Resource) {
	spec := r.Get("spec")
	if spec.Get("type").Text("ClusterIP") != "LoadBalancer" {
		return
	}
	ranges := spec.Get("loadBalancerSourceRanges")
	sources := ranges.Items()
	if len(sources) == 0 {
		// The annotation applies only when the field is empty.
		ranges = r.Get("metadata", "annotations", annotationSourceRanges)
		sources = splitSourceRanges(ranges)
	}
	var open []pack.Value
	for _, s := range known.ValuesFirst(sources) {
		if s.Unknown() && len(open) > 0 {
			break // the known ranges already open the load balancer to the internet
		}
		if network.IsInternet(s.Text("")) {
			open = append(open, s)
		}
	}
	if len(sources) > 0 && len(open) == 0 {
		return
	}
	internal, hint := internalLoadBalancer(r)
	if internal {
		return
	}
	if len(open) > 0 {
		c.Violatef("Service %s: %s admits %s, the whole internet, to its load balancer: list only the "+
			"clients' CIDR blocks%s", r.Name, ranges.Path(), quoteValues(open), hint)
		return
	}
	c.Violatef("Service %s is of type LoadBalancer with no spec.loadBalancerSourceRanges: its load balancer "+
		"accepts connections from the whole internet; list the clients' CIDR blocks there, or make it "+
		"internal%s", r.Name, hint)
}

// splitSourceRanges reads the comma-separated ranges of the source-ranges annotation, each as a
// value that keeps the annotation's secret flag and path.
func splitSourceRanges(annotation pack.Value) []pack.Value {
	var out []pack.Value
	for _, s := range strings.Split(annotation.Text(""), ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, pack.NewValue(property.New(s).WithSecret(annotation.Secret()), annotation.Path()))
		}
	}
	return out
}

// internalLoadBalancer reports whether the Service asks its cloud for an internal load balancer,
// reading the annotations exactly as each cloud's controller does; hint explains an annotation
// that asks for one but is not read where it is set.
func internalLoadBalancer(r *pack.Resource) (internal bool, hint string) {
	annotation := func(key string) (string, bool) {
		v := r.Get("metadata", "annotations", key)
		return v.Text(""), v.Exists()
	}
	class := r.Get("spec", "loadBalancerClass").Text("")
	if class == gkeInternalClass {
		return true, ""
	}
	// GKE reads its current annotation if present, else the legacy one; "Internal", or the
	// deprecated "internal", asks for an internal passthrough load balancer.
	gkeType, ok := annotation(annotationGKEType)
	if !ok {
		gkeType, _ = annotation(annotationGKELegacyType)
	}
	if gkeType == "Internal" || gkeType == "internal" {
		return true, ""
	}
	// cloud-provider-azure compares the annotation with "true".
	if azure, _ := annotation(annotationAzureInternal); azure == "true" {
		return true, ""
	}
	awsInternal, _ := annotation(annotationAWSInternal)
	awsScheme, _ := annotation(annotationAWSScheme)
	awsType, _ := annotation(annotationAWSType)
	if slices.Contains(awsSchemeClasses, class) || slices.Contains(awsControllerLBTypes, awsType) {
		// The AWS Load Balancer Controller and EKS Auto Mode: the scheme annotation decides, then
		// the deprecated internal annotation; with neither, the load balancer is internal.
		if awsScheme != "" {
			return awsScheme == "internal", ""
		}
		return awsInternal == "" || strings.EqualFold(awsInternal, "true"), ""
	}
	if strings.EqualFold(awsInternal, "true") {
		return true, ""
	}
	if awsScheme == "internal" {
		return false, fmt.Sprintf(" (%s is read only by the AWS Load Balancer Controller and EKS Auto Mode, which "+
			"handle Services with spec.loadBalancerClass %s or %s: external; set one of those, or %s: \"true\" for "+
			"the in-tree provider)", annotationAWSScheme, strings.Join(awsSchemeClasses, " or "), annotationAWSType,
			annotationAWSInternal)
	}
	return false, ""
}

type nodePortSettings struct {
	AllowedServices []string `json:"allowedServices"`

	kubernetesNames
}

func (s *nodePortSettings) Prepare() error {
	return s.prepare("allowedServices", s.AllowedServices)
}

var serviceNoNodePort = pack.Policy{
	Name:        "kubernetes-service-no-nodeport",
	DisplayName: "Services are not of type NodePort",
	Description: "No Service is of type NodePort, which opens its port on every node of the cluster, outside " +
		"NetworkPolicies' view of the traffic on the node's address and often past a firewall meant for the load " +
		"balancer: every node becomes a way in to the workload. Services listed in allowedServices are not judged.",
	Severity:  pack.Low,
	Framework: frameworks.NSAKubernetesHardening("Network separation and hardening"),
	Tags:      []string{"kubernetes", "service", "network"},
	Remediation: "Use type ClusterIP behind an Ingress or a Gateway, or type LoadBalancer with " +
		"spec.loadBalancerSourceRanges; a Service that must be reached on the nodes' addresses (a bare-metal " +
		"cluster without a load balancer) can be listed in this policy's allowedServices setting.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"allowedServices": pack.StringList("Services that may be of type NodePort, by metadata.name or Pulumi " +
			"resource name (\"name\" in any namespace, \"namespace/name\" in one). Default: none."),
	}},
	Settings: func() any { return &nodePortSettings{} },
	// A ServicePatch is judged on the type it sets; one that sets none keeps the cluster's.
	Types:    withPatchTypes(kubernetesServiceType...),
	Resource: checkServiceNoNodePort,
}

func checkServiceNoNodePort(c *pack.Check, r *pack.Resource) {
	typ := r.Get("spec", "type")
	if typ.Text("ClusterIP") != "NodePort" {
		return
	}
	if allowed := pack.SettingsOf[nodePortSettings](c); !allowed.empty() &&
		allowed.allows(kubernetesNamespace(r).Text(""), r.Name, r.Get("metadata", "name").Text("")) {
		return
	}
	c.Violatef("%s: %s is %v, which opens its port on every node of the cluster: use ClusterIP behind an Ingress, "+
		"or a LoadBalancer with spec.loadBalancerSourceRanges, or allow the Service in allowedServices",
		kubernetesObject(r), typ.Path(), typ)
}
