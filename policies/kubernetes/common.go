package kubernetes

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Helpers the Kubernetes rules of several files share: tokens, names, namespaces and settings
// that list objects by name.

// withPatchTypes lists the given tokens followed by their patch resources' tokens.
func withPatchTypes(types ...string) []string { return slices.Concat(types, patchTypes(types)) }

// kubernetesKind is the kind a Kubernetes token names, without the Patch suffix of a patch
// resource's token: "ClusterRoleBinding" for ...:ClusterRoleBinding and ...:ClusterRoleBindingPatch.
func kubernetesKind(typ string) string {
	kind, _ := strings.CutSuffix(typ[strings.LastIndex(typ, ":")+1:], "Patch")
	return kind
}

// kubernetesObject names a Kubernetes resource in messages by its token's kind and its Pulumi
// name: "ClusterRoleBinding admins", "RolePatch reader".
func kubernetesObject(r *pack.Resource) string {
	return r.Type[strings.LastIndex(r.Type, ":")+1:] + " " + r.Name
}

// defaultNamespace is where Kubernetes puts a namespaced object that names no namespace, when
// neither the provider's namespace input nor the kubeconfig's context says otherwise.
const defaultNamespace = "default"

// kubernetesNamespace reads the namespace of a namespaced object without ever stopping the check:
// its metadata.namespace, else the namespace input of its provider (pulumi-kubernetes's default
// for objects that name none), else "default". The kubeconfig context's namespace, which
// pulumi-kubernetes uses before "default", is not seen: a pack has no kubeconfig.
func kubernetesNamespace(r *pack.Resource) pack.Value {
	if ns := r.Peek("metadata", "namespace"); !ns.Raw().IsNull() {
		return ns
	}
	if r.Provider != nil {
		if ns := r.Provider.Get("namespace"); !ns.Raw().IsNull() {
			return pack.NewValue(ns.Raw(), "metadata.namespace")
		}
	}
	return pack.NewValue(property.New(defaultNamespace), "metadata.namespace")
}

// kubernetesNames is a setting that lists Kubernetes objects by name: "name" matches the objects
// of that name in any namespace, "namespace/name" only the one in that namespace.
type kubernetesNames struct {
	names map[string]bool
}

// prepare reads the setting's entries, for the Prepare method of the settings that hold it.
func (s *kubernetesNames) prepare(setting string, entries []string) error {
	s.names = make(map[string]bool, len(entries))
	for _, entry := range entries {
		entry = strings.TrimSpace(entry)
		namespace, name, scoped := strings.Cut(entry, "/")
		if !scoped {
			name = namespace
		}
		if name == "" || scoped && namespace == "" || strings.Contains(name, "/") {
			return fmt.Errorf("%s: %q is neither a name nor namespace/name", setting, entry)
		}
		s.names[entry] = true
	}
	return nil
}

// empty reports whether the setting lists no object.
func (s *kubernetesNames) empty() bool { return len(s.names) == 0 }

// allows reports whether the setting lists an object of one of the given names in namespace (""
// for a cluster-scoped object).
func (s *kubernetesNames) allows(namespace string, names ...string) bool {
	for _, name := range names {
		if name != "" && (s.names[name] || namespace != "" && s.names[namespace+"/"+name]) {
			return true
		}
	}
	return false
}
