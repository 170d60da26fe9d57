package policies

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// Rules on Kubernetes Namespaces: the Pod Security Admission level they enforce and the
// default-deny NetworkPolicy that isolates their pods.

func init() {
	register(namespacePodSecurityEnforced)
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
	Framework: cisKubernetes("5.2.1"),
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
