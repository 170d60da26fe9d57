package kubernetes

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/joins"
)

// Rules on Kubernetes Namespaces: the Pod Security Admission level they enforce and the
// default-deny NetworkPolicy that isolates their pods.

func init() {
	register(namespacePodSecurityEnforced, namespaceDefaultDenyNetworkPolicy)
}

// kubernetesNamespaceType is the Namespace token of the pulumi-kubernetes v4 SDK (v4.32.0);
// NamespacePatch changes a namespace the program did not create.
const kubernetesNamespaceType = "kubernetes:core/v1:Namespace"

// systemNamespaces are the namespaces Kubernetes creates for itself, whose components need more
// than the baseline level and whose traffic the cluster's add-ons manage.
var systemNamespaces = []string{"kube-system", "kube-public", "kube-node-lease"}

// namespaceExemptions is the setting of the namespace rules that lists the namespaces they do
// not judge.
type namespaceExemptions struct {
	ExemptNamespaces []string `json:"exemptNamespaces"`
}

func (s *namespaceExemptions) Prepare() error {
	for i, name := range s.ExemptNamespaces {
		s.ExemptNamespaces[i] = strings.TrimSpace(name)
		if s.ExemptNamespaces[i] == "" || strings.Contains(s.ExemptNamespaces[i], "/") {
			return fmt.Errorf("exemptNamespaces: %q is not a namespace name", name)
		}
	}
	return nil
}

// exempt reports whether the setting lists a Namespace, by metadata.name or Pulumi resource name.
// It reads the name only when the setting lists any: an unknown one then stops the check.
func (s *namespaceExemptions) exempt(ns *pack.Resource) bool {
	if len(s.ExemptNamespaces) == 0 {
		return false
	}
	return slices.Contains(s.ExemptNamespaces, ns.Name) ||
		slices.Contains(s.ExemptNamespaces, ns.Get("metadata", "name").Text(""))
}

// exemptNamespacesSchema is the schema of the namespace rules' exemptNamespaces setting.
func exemptNamespacesSchema(what string) pack.JSONSchema {
	return pack.StringList("Namespaces, by metadata.name or Pulumi resource name, that need not "+what+
		". Default: kube-system, kube-public and kube-node-lease.", systemNamespaces...)
}

// podSecurityEnforceLabel is the label with which Pod Security Admission enforces a Pod Security
// Standard on a namespace's pods: privileged (no restriction), baseline or restricted.
const podSecurityEnforceLabel = "pod-security.kubernetes.io/enforce"

var namespacePodSecurityEnforced = pack.Policy{
	Name:        "kubernetes-namespace-pod-security-enforced",
	DisplayName: "Namespaces enforce a Pod Security Standard",
	Description: "Every Namespace carries the label " + podSecurityEnforceLabel + " set to baseline or " +
		"restricted, so that Pod Security Admission rejects pods that run privileged, share the node's " +
		"namespaces or mount its paths: without it (or with privileged), a namespace admits any pod that those " +
		"who may create pods there write. The system namespaces are exempt by default (exemptNamespaces). A " +
		"NamespacePatch is judged only on a label it sets.",
	Severity:  pack.Medium,
	Framework: frameworks.CISKubernetes("5.2.1"),
	Tags:      []string{"kubernetes", "namespace", "pod-security"},
	Remediation: "Label the Namespace " + podSecurityEnforceLabel + ": restricted (or baseline for workloads that " +
		"cannot yet run restricted), optionally with pod-security.kubernetes.io/enforce-version; label a " +
		"namespace the program did not create through a NamespacePatch. A cluster that enforces its policies " +
		"with another admission controller (Kyverno, Gatekeeper) can turn this policy off.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"exemptNamespaces": exemptNamespacesSchema("enforce a Pod Security Standard"),
	}},
	Settings: func() any { return &namespaceExemptions{} },
	Types:    withPatchTypes(kubernetesNamespaceType),
	Resource: checkNamespacePodSecurityEnforced,
}

// enforcedPodSecurityLevels are the Pod Security Standards that restrict pods.
var enforcedPodSecurityLevels = []string{"baseline", "restricted"}

func checkNamespacePodSecurityEnforced(c *pack.Check, r *pack.Resource) {
	label := r.Get("metadata", "labels", podSecurityEnforceLabel)
	patch := strings.HasSuffix(r.Type, "Patch")
	if patch && !label.Exists() {
		return // the cluster's label applies
	}
	level := label.Text("")
	if slices.Contains(enforcedPodSecurityLevels, level) {
		return
	}
	if pack.SettingsOf[namespaceExemptions](c).exempt(r) {
		return
	}
	if !label.Exists() {
		c.Violatef("%s has no label %s: Pod Security Admission admits any pod into it, privileged ones and "+
			"those that mount the node's paths included; label it %s: restricted (or baseline)",
			kubernetesObject(r), podSecurityEnforceLabel, podSecurityEnforceLabel)
		return
	}
	c.Violatef("%s: %s is %v, which restricts no pod: set it to restricted (or baseline)", kubernetesObject(r),
		label.Path(), label)
}

// kubernetesNetworkPolicyTypes are the NetworkPolicy tokens of the pulumi-kubernetes v4 SDK
// (v4.32.0): networking.k8s.io/v1 and the extensions/v1beta1 of old state, of the same shape.
var kubernetesNetworkPolicyTypes = []string{
	"kubernetes:networking.k8s.io/v1:NetworkPolicy",
	"kubernetes:extensions/v1beta1:NetworkPolicy",
}

var namespaceDefaultDenyNetworkPolicy = pack.Policy{
	Name:        "kubernetes-namespace-default-deny-network-policy",
	DisplayName: "Namespaces isolate their pods with a default-deny NetworkPolicy",
	Description: "Every Namespace of the stack has a NetworkPolicy of the stack in it whose podSelector is empty " +
		"(every pod of the namespace) and whose policyTypes include Ingress (the default when unset): without " +
		"one, pods accept connections from every pod of the cluster, so one compromised workload reaches them " +
		"all. The NetworkPolicy is found through property dependencies (metadata.namespace computed from the " +
		"Namespace's metadata.name) or by name. The system namespaces are exempt by default (exemptNamespaces).",
	Severity:  pack.Medium,
	Framework: frameworks.CISKubernetes("5.3.2"),
	Tags:      []string{"kubernetes", "namespace", "network"},
	Remediation: "Add to each namespace a NetworkPolicy with podSelector: {} and policyTypes: [\"Ingress\"] (and " +
		"\"Egress\" to control outbound traffic too) and no ingress rules, then allow what each workload needs " +
		"with NetworkPolicies that select it. The cluster's CNI must enforce NetworkPolicies.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"exemptNamespaces": exemptNamespacesSchema("have a default-deny NetworkPolicy"),
	}},
	Settings: func() any { return &namespaceExemptions{} },
	// NamespacePatch is left out: a namespace the program did not create may have its
	// NetworkPolicies outside the stack.
	Types: []string{kubernetesNamespaceType},
	Stack: checkNamespaceDefaultDeny,
}

// namespaceName reads a Namespace's name without ever stopping the check.
func namespaceName(ns *pack.Resource) pack.Value { return ns.Peek("metadata", "name") }

func checkNamespaceDefaultDeny(c *pack.Check, s *pack.Stack) {
	// NetworkPolicies name their namespace in metadata.namespace, or their metadata was computed
	// from it (namespace: ns.metadata.name).
	join := joins.Sides(s, kubernetesNetworkPolicyTypes, joins.At(kubernetesNamespace, namespaceName))
	exemptions := pack.SettingsOf[namespaceExemptions](c)
	c.ForEach(s.OfType(kubernetesNamespaceType), func(ns *pack.Resource) {
		var policies []*pack.Resource
		for _, np := range join.Of(ns) {
			// Metadata computed from a namespace may still name another.
			if !knownToDiffer(kubernetesNamespace(np), namespaceName(ns)) {
				policies = append(policies, np)
			}
		}
		var unknown []pack.Value
		for _, np := range policies {
			deny, open := defaultDeny(np)
			if deny {
				return
			}
			unknown = append(unknown, open...)
		}
		if exemptions.exempt(ns) {
			return
		}
		for _, v := range unknown {
			_ = v.Exists() // unknown: stops the check, since it may select every pod for Ingress
		}
		name := namespaceName(ns)
		hint := ""
		if len(policies) > 0 {
			names := make([]string, len(policies))
			for i, np := range policies {
				names[i] = np.Name
			}
			hint = fmt.Sprintf(" (NetworkPolicy %s selects only some pods, or only Egress)", names[0])
			if len(names) > 1 {
				hint = fmt.Sprintf(" (NetworkPolicies %s select only some pods, or only Egress)", strings.Join(names, ", "))
			}
		}
		c.Report(pack.Violation{URN: ns.URN, Message: fmt.Sprintf("%s: no NetworkPolicy of the stack in "+
			"namespace %v selects every pod (podSelector: {}) for Ingress%s, so its pods accept connections from "+
			"every pod of the cluster; add one with podSelector: {} and policyTypes: [\"Ingress\"]",
			kubernetesObject(ns), name, hint)})
	})
}

// defaultDeny reports whether a NetworkPolicy selects every pod of its namespace (an empty or
// unset podSelector) for Ingress (policyTypes includes it, or is unset), without ever stopping
// the check; unknown are the values that may make it one.
func defaultDeny(np *pack.Resource) (deny bool, unknown []pack.Value) {
	spec := np.Peek("spec")
	if spec.Raw().IsComputed() {
		return false, []pack.Value{spec}
	}
	// Each part is known to match, known not to, or unknown.
	selects, ingress := ruleYes, ruleYes
	selector := np.Peek("spec", "podSelector")
	if selector.Raw().IsComputed() {
		selects, unknown = ruleUnknown, append(unknown, selector)
	}
	for _, field := range []string{"matchLabels", "matchExpressions"} {
		v := np.Peek("spec", "podSelector", field)
		switch raw := v.Raw(); {
		case selects == ruleUnknown:
		case raw.IsComputed():
			selects, unknown = ruleUnknown, append(unknown, v)
		case raw.IsMap() && raw.AsMap().Len() > 0, raw.IsArray() && raw.AsArray().Len() > 0:
			return false, nil // selects only some pods
		}
	}
	types := np.Peek("spec", "policyTypes")
	if raw := types.Raw(); raw.IsComputed() || raw.IsArray() {
		// Unset, policyTypes includes Ingress; set, it must list it.
		ingress = rbacRuleMatches(types, func(t string) bool { return t == "Ingress" })
	}
	switch {
	case ingress == ruleNo:
		return false, nil
	case ingress == ruleUnknown && types.Raw().IsComputed():
		unknown = append(unknown, types)
	case ingress == ruleUnknown:
		for _, t := range types.Items() {
			if t.Raw().IsComputed() {
				unknown = append(unknown, t)
			}
		}
	}
	return selects == ruleYes && ingress == ruleYes, unknown
}
