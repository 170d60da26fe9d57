package kubernetes

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

// namespace is a core/v1 Namespace of the given metadata.name (none when ""), Pulumi name
// name+"-ns", with the given labels (none when nil).
func namespace(name string, labels props) plugin.AnalyzerResource {
	metadata := props{}
	if name != "" {
		metadata["name"] = name
	}
	if labels != nil {
		metadata["labels"] = labels
	}
	return packtest.Resource("kubernetes:core/v1:Namespace", name+"-ns", props{"metadata": metadata})
}

func TestNamespacePodSecurityEnforced(t *testing.T) {
	const enforce = "pod-security.kubernetes.io/enforce"
	patch := func(name string, labels props) plugin.AnalyzerResource {
		return packtest.Resource("kubernetes:core/v1:NamespacePatch", name+"-psa",
			props{"metadata": props{"name": name, "labels": labels}})
	}
	packtest.Run(t, Policies(), "kubernetes-namespace-pod-security-enforced", []packtest.Case{
		{Name: "no label", Want: packtest.Violation, Count: 1,
			Message: `Namespace shop-ns has no label pod-security.kubernetes.io/enforce: Pod Security Admission admits ` +
				`any pod into it, privileged ones and those that mount the node's paths included; label it ` +
				`pod-security.kubernetes.io/enforce: restricted (or baseline)`,
			Resource: namespace("shop", props{"team": "shop"})},
		{Name: "no labels at all", Want: packtest.Violation, Message: "has no label pod-security.kubernetes.io/enforce",
			Resource: namespace("shop", nil)},
		{Name: "privileged", Want: packtest.Violation, Count: 1,
			Message: `Namespace shop-ns: metadata.labels.pod-security.kubernetes.io/enforce is "privileged", which ` +
				`restricts no pod: set it to restricted (or baseline)`,
			Resource: namespace("shop", props{enforce: "privileged"})},
		{Name: "only warn and audit", Want: packtest.Violation, Message: "has no label",
			Resource: namespace("shop", props{"pod-security.kubernetes.io/warn": "restricted",
				"pod-security.kubernetes.io/audit": "restricted"})},
		{Name: "a patch that sets privileged", Want: packtest.Violation,
			Message:  `NamespacePatch shop-psa: metadata.labels.pod-security.kubernetes.io/enforce is "privileged"`,
			Resource: patch("shop", props{enforce: "privileged"})},

		{Name: "restricted", Want: packtest.Pass, Resource: namespace("shop", props{enforce: "restricted"})},
		{Name: "baseline", Want: packtest.Pass, Resource: namespace("shop", props{enforce: "baseline"})},
		{Name: "a patch that sets restricted", Want: packtest.Pass, Resource: patch("shop", props{enforce: "restricted"})},
		{Name: "a patch that leaves the label to the cluster", Want: packtest.Pass,
			Resource: patch("shop", props{"team": "shop"})},
		{Name: "kube-system is exempt by default", Want: packtest.Pass, Resource: namespace("kube-system", nil)},
		{Name: "exempt by Pulumi name", Want: packtest.Pass, Config: map[string]any{"exemptNamespaces": []any{"shop-ns"}},
			Resource: namespace("shop", nil)},
		{Name: "a configured list replaces the default", Want: packtest.Violation,
			Config: map[string]any{"exemptNamespaces": []any{"monitoring"}}, Resource: namespace("kube-system", nil)},
		{Name: "an autonamed namespace", Want: packtest.Violation, Message: "Namespace shop has no label",
			Resource: packtest.Resource("kubernetes:core/v1:Namespace", "shop", props{})},

		{Name: "unknown labels", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": metadata.labels",
			Resource: packtest.Resource("kubernetes:core/v1:Namespace", "shop",
				props{"metadata": props{"name": "shop", "labels": packtest.Unknown}})},
		{Name: "unknown label", Want: packtest.NotApplicable,
			Message:  packtest.UnknownDuringPreview + ": metadata.labels.pod-security.kubernetes.io/enforce",
			Resource: namespace("shop", props{enforce: packtest.Unknown})},
		{Name: "unknown name, with exemptions", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": metadata.name",
			Resource: packtest.Resource("kubernetes:core/v1:Namespace", "shop",
				props{"metadata": props{"name": packtest.Unknown}})},
		{Name: "unknown name, no exemptions", Want: packtest.Violation, Config: map[string]any{"exemptNamespaces": []any{}},
			Message: "Namespace shop has no label",
			Resource: packtest.Resource("kubernetes:core/v1:Namespace", "shop",
				props{"metadata": props{"name": packtest.Unknown}})},
	})
}

// networkPolicy is a networking.k8s.io/v1 NetworkPolicy of Pulumi name name in namespace (none
// when nil) with the given spec.
func networkPolicy(name string, namespace any, spec props) plugin.AnalyzerResource {
	metadata := props{"name": name}
	if namespace != nil {
		metadata["namespace"] = namespace
	}
	return packtest.Resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", name, props{"metadata": metadata, "spec": spec})
}

func TestNamespaceDefaultDenyNetworkPolicy(t *testing.T) {
	shop := namespace("shop", nil)
	denyAll := props{"podSelector": props{}, "policyTypes": []any{"Ingress"}}
	webOnly := props{"podSelector": props{"matchLabels": props{"app": "web"}}, "policyTypes": []any{"Ingress"}}
	const missing = `Namespace shop-ns: no NetworkPolicy of the stack in namespace "shop" selects every pod ` +
		`(podSelector: {}) for Ingress, so its pods accept connections from every pod of the cluster; add one with ` +
		`podSelector: {} and policyTypes: ["Ingress"]`
	packtest.Run(t, Policies(), "kubernetes-namespace-default-deny-network-policy", []packtest.Case{
		{Name: "a default-deny policy in the namespace", Want: packtest.Pass,
			Stack: packtest.Stack(shop, networkPolicy("deny", "shop", denyAll))},
		{Name: "podSelector and policyTypes unset default to every pod and Ingress", Want: packtest.Pass,
			Stack: packtest.Stack(shop, networkPolicy("deny", "shop", props{}))},
		{Name: "Ingress and Egress", Want: packtest.Pass,
			Stack: packtest.Stack(shop, networkPolicy("deny", "shop", props{"podSelector": props{"matchLabels": props{}},
				"policyTypes": []any{"Egress", "Ingress"}}))},
		{Name: "no NetworkPolicy", Want: packtest.Violation, Count: 1, Message: missing, Stack: packtest.Stack(shop)},
		{Name: "the policy is in another namespace", Want: packtest.Violation, Count: 1, Message: missing,
			Stack: packtest.Stack(shop, networkPolicy("deny", "shop-staging", denyAll))},
		{Name: "the policy selects only some pods", Want: packtest.Violation, Count: 1,
			Message: `Namespace shop-ns: no NetworkPolicy of the stack in namespace "shop" selects every pod ` +
				`(podSelector: {}) for Ingress (NetworkPolicy web selects only some pods, or only Egress), so its pods ` +
				`accept connections from every pod of the cluster`,
			Stack: packtest.Stack(shop, networkPolicy("web", "shop", webOnly))},
		{Name: "a selector by expression", Want: packtest.Violation,
			Message: `(NetworkPolicies web, db select only some pods, or only Egress)`,
			Stack: packtest.Stack(shop, networkPolicy("web", "shop", webOnly), networkPolicy("db", "shop", props{
				"podSelector": props{"matchExpressions": []any{props{"key": "app", "operator": "In",
					"values": []any{"db"}}}}}))},
		{Name: "the policy isolates Egress only", Want: packtest.Violation, Message: "(NetworkPolicy egress selects",
			Stack: packtest.Stack(shop, networkPolicy("egress", "shop", props{"podSelector": props{},
				"policyTypes": []any{"Egress"}}))},
		{Name: "each namespace is judged", Want: packtest.Violation, Count: 1, Message: `namespace "billing"`,
			Stack: packtest.Stack(shop, namespace("billing", nil), networkPolicy("deny", "shop", denyAll))},
		{Name: "kube-system is exempt by default", Want: packtest.Pass, Stack: packtest.Stack(namespace("kube-system", nil))},
		{Name: "a configured exemption", Want: packtest.Pass, Config: map[string]any{"exemptNamespaces": []any{"shop"}},
			Stack: packtest.Stack(shop)},
		{Name: "the provider's namespace", Want: packtest.Pass,
			Stack: packtest.Stack(shop, packtest.WithProvider(networkPolicy("deny", nil, denyAll), "kubernetes",
				props{"namespace": "shop"}))},
		{Name: "a policy without namespace goes to default", Want: packtest.Violation, Message: missing,
			Stack: packtest.Stack(shop, networkPolicy("deny", nil, denyAll))},

		// Through property dependencies, while the namespace's name is unknown during preview.
		{Name: "joined by dependency", Want: packtest.Pass,
			Stack: append(packtest.Stack(shop), packtest.DependsOn(networkPolicy("deny", packtest.Unknown, denyAll),
				"metadata", shop))},
		{Name: "a dependency on the namespace, but another namespace named", Want: packtest.Violation, Message: missing,
			Stack: append(packtest.Stack(shop), packtest.DependsOn(networkPolicy("deny", "other", denyAll),
				"metadata", shop))},
		{Name: "joined by dependency, selecting some pods", Want: packtest.Violation,
			Message: "(NetworkPolicy web selects only some pods",
			Stack: append(packtest.Stack(shop), packtest.DependsOn(networkPolicy("web", packtest.Unknown, webOnly),
				"metadata", shop))},

		// Unknown values during preview.
		{Name: "an untraced policy of unknown namespace", Want: packtest.NotApplicable,
			Message: packtest.UnknownDuringPreview + ": metadata.namespace",
			Stack:   packtest.Stack(shop, networkPolicy("deny", packtest.Unknown, denyAll))},
		{Name: "unknown podSelector", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": spec.podSelector",
			Stack: packtest.Stack(shop, networkPolicy("deny", "shop", props{"podSelector": packtest.Unknown}))},
		{Name: "unknown policyTypes", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": spec.policyTypes[1]",
			Stack: packtest.Stack(shop, networkPolicy("deny", "shop", props{"podSelector": props{},
				"policyTypes": []any{"Egress", packtest.Unknown}}))},
		{Name: "unknown policyTypes list", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": spec.policyTypes",
			Stack: packtest.Stack(shop, networkPolicy("deny", "shop", props{"podSelector": props{},
				"policyTypes": packtest.Unknown}))},
		{Name: "unknown spec", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": spec",
			Stack: packtest.Stack(shop, packtest.Resource(
				"kubernetes:networking.k8s.io/v1:NetworkPolicy", "x", props{"metadata": props{"namespace": "shop"},
					"spec": packtest.Unknown}))},
		{Name: "a known selection of some pods decides whatever the types", Want: packtest.Violation,
			Message: "(NetworkPolicy web selects",
			Stack:   packtest.Stack(shop, networkPolicy("web", "shop", props{"podSelector": props{"matchLabels": props{"app": "web"}}, "policyTypes": packtest.Unknown}))},
		{Name: "a stack without namespaces", Want: packtest.NotApplicable, Message: "the stack has no resources of its types",
			Stack: packtest.Stack(networkPolicy("deny", "shop", denyAll))},
	})
}
