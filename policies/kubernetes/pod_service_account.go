package kubernetes

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/joins"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Rules on the Kubernetes API credentials a pod carries: the token of its service account, which
// Kubernetes mounts into every container unless the pod spec or the ServiceAccount says not to.
// The ServiceAccount is another resource of the stack, so the rule is a stack rule that joins each
// workload to it.

func init() {
	register(podServiceAccountTokenNotMounted)
}

// kubernetesServiceAccountTypes are the ServiceAccount token of the pulumi-kubernetes v4 SDK
// (v4.32.0) and its patch, with which a program changes an account it did not create (a
// namespace's default ServiceAccount).
var kubernetesServiceAccountTypes = withPatchTypes("kubernetes:core/v1:ServiceAccount")

// defaultServiceAccount is the ServiceAccount a pod that names none runs as, which Kubernetes
// creates in every namespace.
const defaultServiceAccount = "default"

type serviceAccountTokenSettings struct {
	AllowedServiceAccounts []string `json:"allowedServiceAccounts"`

	kubernetesNames
}

func (s *serviceAccountTokenSettings) Prepare() error {
	return s.prepare("allowedServiceAccounts", s.AllowedServiceAccounts)
}

var podServiceAccountTokenNotMounted = pack.Policy{
	Name:        "kubernetes-pod-service-account-token-not-mounted",
	DisplayName: "Pods mount no service account token they do not need",
	Description: "Every pod turns off the mounting of its service account's API token with " +
		"automountServiceAccountToken: false, in its pod spec or on its ServiceAccount (the pod spec's setting " +
		"wins): Kubernetes mounts the token into every container by default, and whoever takes over a container " +
		"can then act on the API server with the account's permissions. The ServiceAccount is the one the pod " +
		"spec's serviceAccountName names (\"default\" when unset) in the workload's namespace, found in the stack " +
		"through property dependencies or by name; a pod whose ServiceAccount is not in the stack and whose spec " +
		"leaves the setting unset mounts the token, as Kubernetes defaults it to true. Service accounts listed in allowedServiceAccounts, for workloads that call the " +
		"Kubernetes API (operators, controllers), are not judged.",
	Severity:  pack.Medium,
	Framework: frameworks.CISKubernetes("5.1.6"),
	Tags:      []string{"kubernetes", "pod-security", "identity"},
	Remediation: "Set automountServiceAccountToken: false on the ServiceAccount (on a namespace's default " +
		"ServiceAccount through a ServiceAccountPatch) or in the pod spec of the workload. A workload that calls " +
		"the Kubernetes API should run as a ServiceAccount of its own, bound to a Role that grants only what it " +
		"needs, listed in this policy's allowedServiceAccounts setting.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"allowedServiceAccounts": pack.StringList("Service accounts whose pods may mount their token, by " +
			"metadata.name or Pulumi resource name (\"name\" in any namespace, \"namespace/name\" in one). " +
			"Default: none."),
	}},
	Settings: func() any { return &serviceAccountTokenSettings{} },
	// Patches are left out: a patch that sets neither automountServiceAccountToken nor
	// serviceAccountName keeps the cluster's, which a stack check cannot see.
	Types: kubernetesWorkloadTypes,
	Stack: checkPodServiceAccountToken,
}

// podServiceAccountName reads, without ever stopping the check, the name of the ServiceAccount a
// workload's pods run as: the pod spec's serviceAccountName, else its deprecated alias
// serviceAccount (which older programs set and the API server copies), else "default".
func podServiceAccountName(w *pack.Resource) pack.Value {
	path := podSpecPaths[kubernetesKind(w.Type)]
	for _, field := range []string{"serviceAccountName", "serviceAccount"} {
		v := w.Peek(append(slices.Clone(path), field)...)
		if v.Unknown() || v.Raw().IsString() && v.Raw().AsString() != "" {
			return v
		}
	}
	return pack.NewValue(property.New(defaultServiceAccount), strings.Join(append(slices.Clone(path),
		"serviceAccountName"), "."))
}

// serviceAccountName reads a ServiceAccount's name without ever stopping the check.
func serviceAccountName(sa *pack.Resource) pack.Value { return sa.Peek("metadata", "name") }

// knownToDiffer reports whether two join values are both known and differ.
func knownToDiffer(a, b pack.Value) bool {
	x, ok := known.Text(a)
	y, known := known.Text(b)
	return ok && known && x != y
}

func checkPodServiceAccountToken(c *pack.Check, s *pack.Stack) {
	// Workloads name their ServiceAccount by name and namespace, or their pod spec was computed
	// from it (serviceAccountName: account.metadata.name).
	join := joins.Sides(s, kubernetesWorkloadTypes,
		joins.At(podServiceAccountName, serviceAccountName), joins.At(kubernetesNamespace, kubernetesNamespace))
	accountsOf := map[pack.URN][]*pack.Resource{}
	for _, sa := range s.OfType(kubernetesServiceAccountTypes...) {
		for _, w := range join.Matching(sa) {
			// A pod spec computed from an account may still name another, or live in another namespace.
			if !knownToDiffer(podServiceAccountName(w), serviceAccountName(sa)) &&
				!knownToDiffer(kubernetesNamespace(w), kubernetesNamespace(sa)) {
				accountsOf[w.URN] = append(accountsOf[w.URN], sa)
			}
		}
	}
	allowed := &pack.SettingsOf[serviceAccountTokenSettings](c).kubernetesNames
	c.ForEach(s.OfType(kubernetesWorkloadTypes...), func(w *pack.Resource) {
		if pod, ok := workloadPodSpec(w); ok {
			checkPodToken(c, allowed, w, pod, accountsOf[w.URN])
		}
	})
}

// checkPodToken judges one workload whose pods run as the ServiceAccounts accounts of the stack
// (none when the account is not in the stack; several only while names are unknown, or when the
// stack both declares an account and patches it).
func checkPodToken(c *pack.Check, allowed *kubernetesNames, w *pack.Resource, pod podSpec, accounts []*pack.Resource) {
	name, namespace := podServiceAccountName(w), kubernetesNamespace(w)
	if name.Unknown() && len(accounts) > 0 {
		name = serviceAccountName(accounts[0]) // the pod spec was computed from it
	}
	// allows reads the names only when a violation is at stake: an unknown one then stops the check.
	allows := func() bool {
		if allowed.empty() {
			return false
		}
		ns := namespace.Text("")
		if allowed.allows(ns, name.Text("")) {
			return true
		}
		return slices.ContainsFunc(accounts, func(sa *pack.Resource) bool { return allowed.allows(ns, sa.Name) })
	}
	own := pod.spec.Get("automountServiceAccountToken")
	if own.Exists() {
		if own.Bool(true) && !allows() {
			c.Report(pack.Violation{URN: w.URN, Path: own.Path(),
				Message: fmt.Sprintf("%s: %s is true: every container gets a token of ServiceAccount %v with which it "+
					"acts on the Kubernetes API; set it to false, or allow the account in allowedServiceAccounts",
					pod.what, own.Path(), name)})
		}
		return
	}
	if len(accounts) == 0 {
		_, _ = name.Text(""), namespace.Text("") // an unknown name may be an account's of the stack: stops the check
		if !allows() {
			// Kubernetes mounts the token unless a setting says otherwise; none in the stack does.
			c.Report(pack.Violation{URN: w.URN, Path: own.Path(),
				Message: fmt.Sprintf("%s: %s.automountServiceAccountToken is unset "+
					"and its ServiceAccount %v of namespace %v is not in the stack, so Kubernetes mounts the account's "+
					"token into every container by default; set automountServiceAccountToken: false in the pod spec, or "+
					"allow the account in allowedServiceAccounts", pod.what, pod.spec.Path(), name, namespace)})
		}
		return
	}
	var mounting, silent []*pack.Resource
	disabling := 0
	for _, sa := range accounts {
		set := sa.Get("automountServiceAccountToken")
		switch {
		case !set.Exists() && strings.HasSuffix(sa.Type, "Patch"):
			silent = append(silent, sa) // the cluster's value applies
		case set.Bool(true):
			mounting = append(mounting, sa)
		default:
			disabling++
		}
	}
	switch {
	case len(mounting) == 0 && len(silent) == 0, allows():
	case len(silent) > 0:
		c.Defer(w, fmt.Sprintf("its ServiceAccount %v is changed by %s, which does not set "+
			"automountServiceAccountToken: the cluster's value applies", name, kubernetesObject(silent[0])))
	case disabling > 0:
		c.Defer(w, fmt.Sprintf("its ServiceAccount %v may be any of %d ServiceAccounts and patches of the stack, "+
			"which do not agree on automountServiceAccountToken", name, len(accounts)))
	default:
		sa := mounting[0]
		how := "does not set automountServiceAccountToken: false"
		if sa.Get("automountServiceAccountToken").Exists() {
			how = "sets automountServiceAccountToken: true"
		}
		c.Report(pack.Violation{URN: w.URN, Path: own.Path(),
			Message: fmt.Sprintf("%s: its ServiceAccount %v (%s) %s, nor does %s: "+
				"every container gets a token with which it acts on the Kubernetes API as that account; set "+
				"automountServiceAccountToken: false on the ServiceAccount or in the pod spec, or allow the account in "+
				"allowedServiceAccounts", pod.what, name, kubernetesObject(sa), how, pod.spec.Path())})
	}
}
