package policies

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
	packtest.Run(t, All(), "kubernetes-namespace-pod-security-enforced", []packtest.Case{
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

		{Name: "unknown labels", Want: packtest.NotApplicable, Message: unknownDuringPreview + ": metadata.labels",
			Resource: packtest.Resource("kubernetes:core/v1:Namespace", "shop",
				props{"metadata": props{"name": "shop", "labels": packtest.Unknown}})},
		{Name: "unknown label", Want: packtest.NotApplicable,
			Message:  unknownDuringPreview + ": metadata.labels.pod-security.kubernetes.io/enforce",
			Resource: namespace("shop", props{enforce: packtest.Unknown})},
		{Name: "unknown name, with exemptions", Want: packtest.NotApplicable, Message: unknownDuringPreview + ": metadata.name",
			Resource: packtest.Resource("kubernetes:core/v1:Namespace", "shop",
				props{"metadata": props{"name": packtest.Unknown}})},
		{Name: "unknown name, no exemptions", Want: packtest.Violation, Config: map[string]any{"exemptNamespaces": []any{}},
			Message: "Namespace shop has no label",
			Resource: packtest.Resource("kubernetes:core/v1:Namespace", "shop",
				props{"metadata": props{"name": packtest.Unknown}})},
	})
}
