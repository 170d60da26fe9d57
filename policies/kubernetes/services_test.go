package kubernetes

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

// service is a core/v1 Service named web with the given spec fields and annotations.
func service(spec props, annotations props) plugin.AnalyzerResource {
	s := packtest.With(props{"selector": props{"app": "web"}, "ports": []any{props{"port": 443, "targetPort": 8443}}}, spec)
	meta := props{"name": "web"}
	if annotations != nil {
		meta["annotations"] = annotations
	}
	return packtest.Resource("kubernetes:core/v1:Service", "web", props{"metadata": meta, "spec": s})
}

func TestServiceLoadBalancerSourceRanges(t *testing.T) {
	lb := props{"type": "LoadBalancer"}
	ranges := func(rs ...any) props { return packtest.With(lb, props{"loadBalancerSourceRanges": rs}) }
	const (
		awsInternal = "service.beta.kubernetes.io/aws-load-balancer-internal"
		awsScheme   = "service.beta.kubernetes.io/aws-load-balancer-scheme"
		awsType     = "service.beta.kubernetes.io/aws-load-balancer-type"
		azure       = "service.beta.kubernetes.io/azure-load-balancer-internal"
		gke         = "networking.gke.io/load-balancer-type"
		gkeLegacy   = "cloud.google.com/load-balancer-type"
		annotation  = "service.beta.kubernetes.io/load-balancer-source-ranges"
	)
	packtest.Run(t, Policies(), "kubernetes-service-load-balancer-source-ranges", []packtest.Case{
		{Name: "load balancer open to all", Want: packtest.Violation, Count: 1,
			Message: "Service web is of type LoadBalancer with no spec.loadBalancerSourceRanges: its load balancer " +
				"accepts connections from the whole internet",
			Resource: service(lb, nil)},
		{Name: "ClusterIP", Want: packtest.Pass, Resource: service(props{"type": "ClusterIP"}, nil)},
		{Name: "type defaults to ClusterIP", Want: packtest.Pass, Resource: service(nil, nil)},
		{Name: "NodePort is another matter", Want: packtest.Pass, Resource: service(props{"type": "NodePort"}, nil)},
		{Name: "restricted ranges", Want: packtest.Pass, Resource: service(ranges("203.0.113.0/24", "10.0.0.0/8"), nil)},
		{Name: "0.0.0.0/0", Want: packtest.Violation,
			Message:  `Service web: spec.loadBalancerSourceRanges admits "0.0.0.0/0", the whole internet`,
			Resource: service(ranges("203.0.113.0/24", "0.0.0.0/0"), nil)},
		{Name: "::/0", Want: packtest.Violation, Message: `admits "::/0"`,
			Resource: service(ranges("203.0.113.0/24", "::/0"), nil)},
		{Name: "empty list is no restriction", Want: packtest.Violation, Message: "no spec.loadBalancerSourceRanges",
			Resource: service(ranges(), nil)},
		{Name: "annotation ranges", Want: packtest.Pass,
			Resource: service(lb, props{annotation: "203.0.113.0/24, 198.51.100.7/32"})},
		{Name: "annotation open to all", Want: packtest.Violation,
			Message:  `metadata.annotations.service.beta.kubernetes.io/load-balancer-source-ranges admits "0.0.0.0/0"`,
			Resource: service(lb, props{annotation: "203.0.113.0/24,0.0.0.0/0"})},
		{Name: "the field wins over the annotation", Want: packtest.Pass,
			Resource: service(ranges("203.0.113.0/24"), props{annotation: "0.0.0.0/0"})},
		{Name: "a secret annotation is not quoted", Want: packtest.Violation, Message: "the details are withheld because the check read secret values",
			Resource: service(lb, props{annotation: packtest.Secret("0.0.0.0/0")})},
		// Internal load balancers, as each cloud reads its annotations.
		{Name: "AWS in-tree internal", Want: packtest.Pass, Resource: service(lb, props{awsInternal: "true"})},
		{Name: "AWS in-tree internal false", Want: packtest.Violation, Resource: service(lb, props{awsInternal: "false"})},
		{Name: "AWS in-tree ignores the scheme annotation", Want: packtest.Violation,
			Message:  "aws-load-balancer-scheme is read only by the AWS Load Balancer Controller and EKS Auto Mode",
			Resource: service(lb, props{awsScheme: "internal"})},
		{Name: "AWS Load Balancer Controller defaults to internal", Want: packtest.Pass,
			Resource: service(lb, props{awsType: "external"})},
		{Name: "AWS Load Balancer Controller internet-facing", Want: packtest.Violation,
			Resource: service(lb, props{awsType: "external", awsScheme: "internet-facing"})},
		{Name: "AWS Load Balancer Controller with the deprecated internal false", Want: packtest.Violation,
			Resource: service(lb, props{awsType: "nlb-ip", awsInternal: "false"})},
		{Name: "AWS Load Balancer Controller class, internal scheme", Want: packtest.Pass,
			Resource: service(packtest.With(lb, props{"loadBalancerClass": "service.k8s.aws/nlb"}), props{awsScheme: "internal"})},
		{Name: "EKS Auto Mode class, internet-facing", Want: packtest.Violation,
			Resource: service(packtest.With(lb, props{"loadBalancerClass": "eks.amazonaws.com/nlb"}), props{awsScheme: "internet-facing"})},
		{Name: "EKS Auto Mode class, internet-facing but restricted", Want: packtest.Pass,
			Resource: service(packtest.With(ranges("203.0.113.0/24"), props{"loadBalancerClass": "eks.amazonaws.com/nlb"}),
				props{awsScheme: "internet-facing"})},
		{Name: "Azure internal", Want: packtest.Pass, Resource: service(lb, props{azure: "true"})},
		{Name: "Azure compares with true exactly", Want: packtest.Violation, Resource: service(lb, props{azure: "True"})},
		{Name: "GKE internal", Want: packtest.Pass, Resource: service(lb, props{gke: "Internal"})},
		{Name: "GKE legacy internal, deprecated spelling", Want: packtest.Pass, Resource: service(lb, props{gkeLegacy: "internal"})},
		{Name: "GKE reads its current annotation first", Want: packtest.Violation,
			Resource: service(lb, props{gke: "External", gkeLegacy: "Internal"})},
		{Name: "GKE does not fold case", Want: packtest.Violation, Resource: service(lb, props{gke: "INTERNAL"})},
		{Name: "GKE internal class", Want: packtest.Pass,
			Resource: service(packtest.With(lb, props{"loadBalancerClass": "networking.gke.io/l4-regional-internal"}), nil)},
		{Name: "internal but open ranges", Want: packtest.Pass,
			Resource: service(ranges("0.0.0.0/0"), props{azure: "true"})},
		{Name: "unknown type", Want: packtest.NotApplicable, Message: unknownValue + "spec.type",
			Resource: service(props{"type": packtest.Unknown}, nil)},
		{Name: "unknown ranges", Want: packtest.NotApplicable, Message: unknownValue + "spec.loadBalancerSourceRanges",
			Resource: service(packtest.With(lb, props{"loadBalancerSourceRanges": packtest.Unknown}), nil)},
		{Name: "a known open range is reported though another is unknown", Want: packtest.Violation,
			Message: `admits "0.0.0.0/0"`, Resource: service(ranges(packtest.Unknown, "0.0.0.0/0"), nil)},
		{Name: "unknown range", Want: packtest.NotApplicable, Message: unknownValue + "spec.loadBalancerSourceRanges[0]",
			Resource: service(ranges(packtest.Unknown), nil)},
		{Name: "unknown source-ranges annotation", Want: packtest.NotApplicable,
			Message:  unknownValue + "metadata.annotations.service.beta.kubernetes.io/load-balancer-source-ranges",
			Resource: service(lb, props{annotation: packtest.Unknown})},
		{Name: "unknown annotations", Want: packtest.NotApplicable, Message: unknownValue + "metadata.annotations",
			Resource: packtest.Resource("kubernetes:core/v1:Service", "web",
				props{"metadata": props{"annotations": packtest.Unknown}, "spec": lb})},
		{Name: "unknown internal annotation", Want: packtest.NotApplicable,
			Message:  unknownValue + "metadata.annotations." + azure,
			Resource: service(lb, props{azure: packtest.Unknown})},
		{Name: "unknown class", Want: packtest.NotApplicable, Message: unknownValue + "spec.loadBalancerClass",
			Resource: service(packtest.With(lb, props{"loadBalancerClass": packtest.Unknown}), nil)},
		{Name: "patches are not judged", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource("kubernetes:core/v1:ServicePatch", "web", props{"spec": lb})},
	})
}

func TestServiceNoNodePort(t *testing.T) {
	nodePort := props{"type": "NodePort", "ports": []any{props{"port": 443, "nodePort": 30443}}}
	packtest.Run(t, Policies(), "kubernetes-service-no-nodeport", []packtest.Case{
		{Name: "NodePort", Want: packtest.Violation, Count: 1,
			Message: `Service web: spec.type is "NodePort", which opens its port on every node of the cluster: use ` +
				`ClusterIP behind an Ingress, or a LoadBalancer with spec.loadBalancerSourceRanges, or allow the ` +
				`Service in allowedServices`,
			Resource: service(nodePort, nil)},
		{Name: "a patch that sets NodePort", Want: packtest.Violation, Message: `ServicePatch web: spec.type is "NodePort"`,
			Resource: packtest.Resource("kubernetes:core/v1:ServicePatch", "web", props{"spec": props{"type": "NodePort"}})},
		{Name: "ClusterIP", Want: packtest.Pass, Resource: service(props{"type": "ClusterIP"}, nil)},
		{Name: "type defaults to ClusterIP", Want: packtest.Pass, Resource: service(nil, nil)},
		{Name: "LoadBalancer is another rule's matter", Want: packtest.Pass, Resource: service(props{"type": "LoadBalancer"}, nil)},
		{Name: "a patch that leaves the type", Want: packtest.Pass,
			Resource: packtest.Resource("kubernetes:core/v1:ServicePatch", "web", props{"metadata": props{"labels": props{"a": "b"}}})},
		{Name: "an allowed Service", Want: packtest.Pass, Config: map[string]any{"allowedServices": []any{"default/web"}},
			Resource: service(nodePort, nil)},
		{Name: "a Service allowed in another namespace", Want: packtest.Violation,
			Config: map[string]any{"allowedServices": []any{"ingress/web"}}, Resource: service(nodePort, nil)},
		{Name: "unknown type", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": spec.type",
			Resource: service(props{"type": packtest.Unknown}, nil)},
		{Name: "unknown name with an allow-list", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": metadata.name",
			Config: map[string]any{"allowedServices": []any{"api"}},
			Resource: packtest.Resource("kubernetes:core/v1:Service", "web", props{"metadata": props{"name": packtest.Unknown},
				"spec": nodePort})},
	})
}
