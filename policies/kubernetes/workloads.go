package kubernetes

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// The pod-spec walker every Kubernetes workload rule uses: it finds the pod spec of each
// workload kind, in every API version pulumi-kubernetes v4 still registers (old state keeps
// the old tokens), and yields its containers with their paths and its pod-level security
// context.

// kubernetesWorkloadTypes are the type tokens of the resources that carry a pod spec, as the
// pulumi-kubernetes v4 SDK (v4.32.0) registers them.
var kubernetesWorkloadTypes = []string{
	"kubernetes:core/v1:Pod",
	"kubernetes:core/v1:PodTemplate",
	"kubernetes:core/v1:ReplicationController",
	"kubernetes:apps/v1:DaemonSet",
	"kubernetes:apps/v1:Deployment",
	"kubernetes:apps/v1:ReplicaSet",
	"kubernetes:apps/v1:StatefulSet",
	"kubernetes:apps/v1beta1:Deployment",
	"kubernetes:apps/v1beta1:StatefulSet",
	"kubernetes:apps/v1beta2:DaemonSet",
	"kubernetes:apps/v1beta2:Deployment",
	"kubernetes:apps/v1beta2:ReplicaSet",
	"kubernetes:apps/v1beta2:StatefulSet",
	"kubernetes:extensions/v1beta1:DaemonSet",
	"kubernetes:extensions/v1beta1:Deployment",
	"kubernetes:extensions/v1beta1:ReplicaSet",
	"kubernetes:batch/v1:CronJob",
	"kubernetes:batch/v1:Job",
	"kubernetes:batch/v1beta1:CronJob",
	"kubernetes:batch/v2alpha1:CronJob",
}

// kubernetesWorkloadPatchTypes are the server-side apply patch resources of the same kinds
// (DeploymentPatch, ...). A patch sets only the fields it names and leaves the others as they
// are in the cluster, so rules judge only the values a patch sets explicitly, never its gaps.
var kubernetesWorkloadPatchTypes = patchTypes(kubernetesWorkloadTypes)

// kubernetesWorkloadAndPatchTypes are the workloads and their patches, for rules that flag
// values set explicitly (privileged: true, hostNetwork: true, a hostPath volume...).
var kubernetesWorkloadAndPatchTypes = slices.Concat(kubernetesWorkloadTypes, kubernetesWorkloadPatchTypes)

func patchTypes(types []string) []string {
	out := make([]string, len(types))
	for i, t := range types {
		out[i] = t + "Patch"
	}
	return out
}

// podSpecPaths is where each kind keeps its pod spec.
var podSpecPaths = map[string][]string{
	"Pod":                   {"spec"},
	"PodTemplate":           {"template", "spec"},
	"ReplicationController": {"spec", "template", "spec"},
	"DaemonSet":             {"spec", "template", "spec"},
	"Deployment":            {"spec", "template", "spec"},
	"ReplicaSet":            {"spec", "template", "spec"},
	"StatefulSet":           {"spec", "template", "spec"},
	"Job":                   {"spec", "template", "spec"},
	"CronJob":               {"spec", "jobTemplate", "spec", "template", "spec"},
}

// podSpec is the pod spec of one workload resource.
type podSpec struct {
	// spec is the PodSpec value, read at its path in the resource ("spec.template.spec").
	spec pack.Value
	// meta is the pod's metadata (labels, annotations), beside the spec: metadata of a Pod,
	// template.metadata of a workload.
	meta pack.Value
	// partial is true for patch resources: what a patch leaves unset is not defaulted but kept
	// as it is in the cluster, so a rule must not judge a patch by what it does not say.
	partial bool
	// what names the resource in messages: "Deployment web".
	what string
}

// containerKind is one of the three lists of containers in a pod spec.
type containerKind struct {
	field string // "containers", "initContainers", "ephemeralContainers"
	noun  string // "container", "init container", "ephemeral container"
}

var (
	appContainers       = containerKind{"containers", "container"}
	initContainers      = containerKind{"initContainers", "init container"}
	ephemeralContainers = containerKind{"ephemeralContainers", "ephemeral container"}
	allContainerKinds   = []containerKind{appContainers, initContainers, ephemeralContainers}
)

// workloadContainer is one container of a pod spec.
type workloadContainer struct {
	kind  containerKind
	value pack.Value
}

// String names the container in messages: `container "app" (spec.template.spec.containers[0])`.
// The name goes through pack.Redact like every value a message quotes.
func (ct workloadContainer) String() string {
	return fmt.Sprintf("%s %v (%s)", ct.kind.noun, ct.value.Get("name"), ct.value.Path())
}

// security reads a field of the container's securityContext.
func (ct workloadContainer) security(keys ...string) pack.Value {
	return ct.value.Get("securityContext").Get(keys...)
}

// workloadPodSpec finds the pod spec of a workload resource; ok is false when the resource has
// none (a patch that leaves the pod template alone, or a resource of another kind). An unknown
// spec stops the check: the rule is then not applicable until the update.
func workloadPodSpec(r *pack.Resource) (podSpec, bool) {
	kind := r.Type[strings.LastIndex(r.Type, ":")+1:]
	base, partial := strings.CutSuffix(kind, "Patch")
	path, ok := podSpecPaths[base]
	if !ok || !strings.HasPrefix(r.Type, "kubernetes:") {
		return podSpec{}, false
	}
	spec := r.Get(path...)
	if !spec.Exists() {
		return podSpec{}, false
	}
	meta := r.Get(append(slices.Clone(path[:len(path)-1]), "metadata")...)
	return podSpec{spec: spec, meta: meta, partial: partial, what: kind + " " + r.Name}, true
}

// podRule adapts a check of one pod spec into a resource check over every workload kind.
func podRule(check func(c *pack.Check, pod podSpec)) func(c *pack.Check, r *pack.Resource) {
	return func(c *pack.Check, r *pack.Resource) {
		if pod, ok := workloadPodSpec(r); ok {
			check(c, pod)
		}
	}
}

// containers lists the pod's containers of the given kinds (all kinds when none are given),
// known ones first (see known.First).
func (p podSpec) containers(kinds ...containerKind) []workloadContainer {
	if len(kinds) == 0 {
		kinds = allContainerKinds
	}
	var all []workloadContainer
	for _, kind := range kinds {
		for _, item := range p.spec.Get(kind.field).Items() {
			all = append(all, workloadContainer{kind: kind, value: item})
		}
	}
	return known.First(all, func(ct workloadContainer) pack.Value { return ct.value })
}

// volumes lists the pod's volumes, known ones first (see known.First).
func (p podSpec) volumes() []pack.Value { return known.ValuesFirst(p.spec.Get("volumes").Items()) }

// podSecurity reads a field of the pod-level securityContext.
func (p podSpec) podSecurity(keys ...string) pack.Value {
	return p.spec.Get("securityContext").Get(keys...)
}

// userNamespace reports whether the pod runs in a user namespace of its own (spec.hostUsers:
// false): root in its containers is then an unprivileged user of the node, and the Pod
// Security Standards relax the checks on root users and /proc masks.
func (p podSpec) userNamespace() bool { return !p.spec.Get("hostUsers").Bool(true) }

// windows reports whether the pod declares spec.os.name windows. Kubernetes then forbids the
// Linux-only security fields (allowPrivilegeEscalation, capabilities, readOnlyRootFilesystem,
// seccompProfile, ...), so rules that require them do not apply.
func (p podSpec) windows() bool {
	return strings.EqualFold(p.spec.Get("os", "name").Text(""), "windows")
}
