package kubernetes

import (
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Test helpers shared by the Kubernetes rule tests. The nesting of each kind's pod spec is
// written out here, apart from the walker's table, so that the tests check the walker.

type props = packtest.Props

// deployment is an apps/v1 Deployment named web whose pod template has the given pod spec.
func deployment(spec props) plugin.AnalyzerResource {
	return packtest.Resource("kubernetes:apps/v1:Deployment", "web", props{
		"metadata": props{"name": "web"},
		"spec": props{"selector": props{"matchLabels": props{"app": "web"}},
			"template": props{"metadata": props{"labels": props{"app": "web"}}, "spec": spec}},
	})
}

// deploymentPatch is an apps/v1 DeploymentPatch named web that patches the pod template.
func deploymentPatch(spec props) plugin.AnalyzerResource {
	return packtest.Resource("kubernetes:apps/v1:DeploymentPatch", "web", props{
		"metadata": props{"name": "web"}, "spec": props{"template": props{"spec": spec}},
	})
}

// pod is a core/v1 Pod named web.
func pod(spec props) plugin.AnalyzerResource {
	return packtest.Resource("kubernetes:core/v1:Pod", "web", props{"metadata": props{"name": "web"}, "spec": spec})
}

// cronJob is a CronJob of the given token whose job template has the given pod spec.
func cronJob(typ string, spec props) plugin.AnalyzerResource {
	return packtest.Resource(typ, "nightly", props{"spec": props{"schedule": "0 3 * * *",
		"jobTemplate": props{"spec": props{"template": props{"spec": spec}}}}})
}

// containers is a pod spec with the given containers.
func containers(cs ...props) props {
	list := make([]any, len(cs))
	for i, c := range cs {
		list[i] = c
	}
	return props{"containers": list}
}

// container is a container named name running a pinned image, with the given fields.
func container(name string, fields props) props {
	return packtest.With(props{"name": name, "image": "registry.example.com/app:1.4.2"}, fields)
}

// securityContext is a container with the given securityContext.
func securityContext(sc props) props {
	return container("app", props{"securityContext": sc})
}

// hardenedContainer is a container every pod rule accepts.
func hardenedContainer(name string) props {
	return container(name, props{
		"securityContext": props{
			"allowPrivilegeEscalation": false, "runAsNonRoot": true, "readOnlyRootFilesystem": true,
			"capabilities": props{"drop": []any{"ALL"}}, "seccompProfile": props{"type": "RuntimeDefault"},
		},
		"resources": props{"limits": props{"cpu": "500m", "memory": "256Mi"}},
	})
}

// kubernetesOtherRuleNames are the Kubernetes rules neither in podRuleNames nor in rbacRuleNames.
var kubernetesOtherRuleNames = []string{
	"kubernetes-pod-security-policy-not-privileged", "kubernetes-service-load-balancer-source-ranges",
	"kubernetes-pod-service-account-token-not-mounted", "kubernetes-ingress-tls",
	"kubernetes-namespace-pod-security-enforced", "kubernetes-namespace-default-deny-network-policy",
	"kubernetes-service-no-nodeport", "kubernetes-persistent-volume-no-host-path",
}

// podRuleNames are the workload rules, which must all accept a hardened pod.
var podRuleNames = []string{
	"kubernetes-pod-no-privileged-containers", "kubernetes-pod-no-privilege-escalation",
	"kubernetes-pod-run-as-non-root", "kubernetes-pod-read-only-root-filesystem",
	"kubernetes-pod-capabilities-drop-all", "kubernetes-pod-no-dangerous-capabilities",
	"kubernetes-pod-seccomp-profile", "kubernetes-pod-no-host-network", "kubernetes-pod-no-host-pid",
	"kubernetes-pod-no-host-ipc", "kubernetes-pod-no-host-path-volumes", "kubernetes-pod-no-host-ports",
	"kubernetes-pod-resource-limits", "kubernetes-pod-image-pinned", "kubernetes-pod-secrets-not-in-env",
	"kubernetes-pod-no-host-probes", "kubernetes-pod-apparmor-profile", "kubernetes-pod-selinux-options",
	"kubernetes-pod-default-proc-mount", "kubernetes-pod-safe-sysctls", "kubernetes-pod-restricted-volume-types",
}

func TestHardenedPodPassesEveryPodRule(t *testing.T) {
	spec := packtest.With(containers(hardenedContainer("app")), props{
		"initContainers": []any{hardenedContainer("migrate")},
		"volumes":        []any{props{"name": "tmp", "emptyDir": props{}}},
	})
	for _, name := range podRuleNames {
		packtest.Run(t, Policies(), name, []packtest.Case{
			{Name: "hardened deployment", Want: packtest.Pass, Resource: deployment(spec)},
		})
	}
}

func TestBarePodViolatesTheHardeningRules(t *testing.T) {
	bare := pod(containers(props{"name": "app", "image": "nginx"}))
	for _, name := range []string{
		"kubernetes-pod-no-privilege-escalation", "kubernetes-pod-run-as-non-root",
		"kubernetes-pod-read-only-root-filesystem", "kubernetes-pod-capabilities-drop-all",
		"kubernetes-pod-seccomp-profile", "kubernetes-pod-resource-limits", "kubernetes-pod-image-pinned",
	} {
		packtest.Run(t, Policies(), name, []packtest.Case{
			{Name: "bare pod", Want: packtest.Violation, Count: 1, Resource: bare},
		})
	}
	for _, name := range []string{
		"kubernetes-pod-no-privileged-containers", "kubernetes-pod-no-dangerous-capabilities",
		"kubernetes-pod-no-host-network", "kubernetes-pod-no-host-pid", "kubernetes-pod-no-host-ipc",
		"kubernetes-pod-no-host-path-volumes", "kubernetes-pod-no-host-ports", "kubernetes-pod-no-host-probes",
		"kubernetes-pod-apparmor-profile", "kubernetes-pod-selinux-options", "kubernetes-pod-default-proc-mount",
		"kubernetes-pod-safe-sysctls", "kubernetes-pod-restricted-volume-types",
	} {
		packtest.Run(t, Policies(), name, []packtest.Case{
			{Name: "bare pod", Want: packtest.Pass, Resource: bare},
		})
	}
}

// TestWalkerFindsEveryKindsPodSpec proves the walker reaches the pod spec of every workload
// token, pulumi-kubernetes v4's current and old API versions and their patches, at the path
// each kind keeps it.
func TestWalkerFindsEveryKindsPodSpec(t *testing.T) {
	spec := containers(securityContext(props{"privileged": true}))
	template := props{"template": props{"spec": spec}}
	underSpec := props{"spec": template}
	cron := props{"spec": props{"schedule": "0 3 * * *", "jobTemplate": props{"spec": template}}}
	kinds := []struct {
		typ   string
		props props
		path  string
	}{
		{"kubernetes:core/v1:Pod", props{"spec": spec}, "spec.containers[0]"},
		{"kubernetes:core/v1:PodTemplate", template, "template.spec.containers[0]"},
		{"kubernetes:core/v1:ReplicationController", underSpec, "spec.template.spec.containers[0]"},
		{"kubernetes:apps/v1:Deployment", underSpec, "spec.template.spec.containers[0]"},
		{"kubernetes:apps/v1:StatefulSet", underSpec, "spec.template.spec.containers[0]"},
		{"kubernetes:apps/v1:DaemonSet", underSpec, "spec.template.spec.containers[0]"},
		{"kubernetes:apps/v1:ReplicaSet", underSpec, "spec.template.spec.containers[0]"},
		{"kubernetes:apps/v1beta1:Deployment", underSpec, "spec.template.spec.containers[0]"},
		{"kubernetes:apps/v1beta1:StatefulSet", underSpec, "spec.template.spec.containers[0]"},
		{"kubernetes:apps/v1beta2:Deployment", underSpec, "spec.template.spec.containers[0]"},
		{"kubernetes:apps/v1beta2:StatefulSet", underSpec, "spec.template.spec.containers[0]"},
		{"kubernetes:apps/v1beta2:DaemonSet", underSpec, "spec.template.spec.containers[0]"},
		{"kubernetes:apps/v1beta2:ReplicaSet", underSpec, "spec.template.spec.containers[0]"},
		{"kubernetes:extensions/v1beta1:Deployment", underSpec, "spec.template.spec.containers[0]"},
		{"kubernetes:extensions/v1beta1:DaemonSet", underSpec, "spec.template.spec.containers[0]"},
		{"kubernetes:extensions/v1beta1:ReplicaSet", underSpec, "spec.template.spec.containers[0]"},
		{"kubernetes:batch/v1:Job", underSpec, "spec.template.spec.containers[0]"},
		{"kubernetes:batch/v1:CronJob", cron, "spec.jobTemplate.spec.template.spec.containers[0]"},
		{"kubernetes:batch/v1beta1:CronJob", cron, "spec.jobTemplate.spec.template.spec.containers[0]"},
		{"kubernetes:batch/v2alpha1:CronJob", cron, "spec.jobTemplate.spec.template.spec.containers[0]"},
	}
	var cases []packtest.Case
	for _, k := range kinds {
		kind := k.typ[strings.LastIndex(k.typ, ":")+1:]
		for _, typ := range []string{k.typ, k.typ + "Patch"} {
			cases = append(cases, packtest.Case{
				Name: typ, Want: packtest.Violation, Count: 1,
				Message:  `container "app" (` + k.path + `) runs privileged`,
				Resource: packtest.Resource(typ, "w", k.props),
			})
		}
		cases = append(cases, packtest.Case{
			Name: k.typ + " names its kind", Want: packtest.Violation,
			Message: kind + " w: ", Resource: packtest.Resource(k.typ, "w", k.props),
		})
	}
	assert.Len(t, cases, 3*len(kubernetesWorkloadTypes), "every workload token is tested")
	packtest.Run(t, Policies(), "kubernetes-pod-no-privileged-containers", cases)
}

func TestWalkerContainerKindsAndUnknowns(t *testing.T) {
	privileged := securityContext(props{"privileged": true})
	packtest.Run(t, Policies(), "kubernetes-pod-no-privileged-containers", []packtest.Case{
		{Name: "init container", Want: packtest.Violation, Count: 1,
			Message:  `init container "app" (spec.template.spec.initContainers[0]) runs privileged`,
			Resource: deployment(props{"containers": []any{hardenedContainer("main")}, "initContainers": []any{privileged}})},
		{Name: "ephemeral container", Want: packtest.Violation, Count: 1,
			Message:  `ephemeral container "app" (spec.ephemeralContainers[0]) runs privileged`,
			Resource: pod(props{"containers": []any{hardenedContainer("main")}, "ephemeralContainers": []any{privileged}})},
		{Name: "second container", Want: packtest.Violation, Count: 1,
			Message:  "spec.template.spec.containers[1]",
			Resource: deployment(containers(hardenedContainer("main"), privileged))},
		{Name: "a known violation is reported though another container is unknown", Want: packtest.Violation,
			Count: 1, Message: "spec.template.spec.containers[1]",
			Resource: deployment(containers(securityContext(props{"privileged": packtest.Unknown}), privileged))},
		{Name: "unknown container alone defers", Want: packtest.NotApplicable,
			Message:  "value unknown during preview: spec.template.spec.containers[0].securityContext.privileged",
			Resource: deployment(containers(securityContext(props{"privileged": packtest.Unknown})))},
		{Name: "unknown container list", Want: packtest.NotApplicable,
			Message:  "value unknown during preview: spec.template.spec.containers",
			Resource: deployment(props{"containers": packtest.Unknown})},
		{Name: "unknown pod spec", Want: packtest.NotApplicable,
			Message:  "value unknown during preview: spec.template.spec",
			Resource: packtest.Resource("kubernetes:apps/v1:Deployment", "web", props{"spec": props{"template": props{"spec": packtest.Unknown}}})},
		{Name: "unknown whole spec", Want: packtest.NotApplicable, Message: "value unknown during preview: spec",
			Resource: packtest.Resource("kubernetes:apps/v1:Deployment", "web", props{"spec": packtest.Unknown})},
		{Name: "no pod template", Want: packtest.Pass,
			Resource: packtest.Resource("kubernetes:apps/v1:Deployment", "web", props{"spec": props{"replicas": 2}})},
		{Name: "patch that leaves the template alone", Want: packtest.Pass,
			Resource: packtest.Resource("kubernetes:apps/v1:DeploymentPatch", "web", props{"spec": props{"replicas": 2}})},
		{Name: "other kinds", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource("kubernetes:core/v1:ConfigMap", "cfg", props{"data": props{"a": "b"}})},
		{Name: "pod security policy is not a workload", Want: packtest.NotApplicable,
			Message: "other resource types",
			Resource: packtest.Resource("kubernetes:policy/v1beta1:PodSecurityPolicy", "psp",
				props{"spec": props{"privileged": true}})},
	})
}

// The real-world stack kloudlib (Place1/kloudlib, recorded by Pulumi 0.17 and
// pulumi-kubernetes 0.22) runs promtail as a privileged DaemonSet, as root (runAsUser 0), with
// the node's /var/log and /var/lib/docker/containers mounted, under a privileged
// PodSecurityPolicy: its README says so.
const kloudlibExport = "kubernetes-kloudlib.export.json"

func TestKloudlibRealWorldStack(t *testing.T) {
	resources := packtest.LoadExport(t, packtest.RealWorld(t, kloudlibExport))
	policies := map[string]pack.Policy{}
	for _, p := range Policies() {
		if strings.HasPrefix(p.Name, "kubernetes-") {
			policies[p.Name] = p
		}
	}
	// The pod rules, the RBAC rules and the others (the stack rules among them are judged on the
	// stack below).
	require.Equal(t, len(podRuleNames)+len(rbacRuleNames)+len(kubernetesOtherRuleNames), len(policies),
		"every Kubernetes rule runs over the stack")
	// outcome[resource name][policy] is what each Kubernetes rule made of each resource's inputs.
	outcome := map[string]map[string]packtest.Result{}
	for _, r := range resources {
		if !strings.HasPrefix(string(r.Type), "kubernetes:") {
			continue
		}
		outcome[r.Name] = map[string]packtest.Result{}
		for _, p := range policies {
			outcome[r.Name][p.Name] = packtest.Check(t, p, packtest.Case{Resource: r.Resource()})
		}
	}
	messages := func(resource, policy string) []string {
		t.Helper()
		res, ok := outcome[resource][policy]
		require.True(t, ok, "%s was analyzed", resource)
		require.True(t, res.Applicable, "%s applies to %s", policy, resource)
		var out []string
		for _, d := range res.Diagnostics {
			out = append(out, d.Message)
		}
		return out
	}

	// What the README describes: the privileged promtail DaemonSet, running as root, mounting
	// two directories of the node.
	assert.Equal(t, []string{`DaemonSet promtail-daemonset: container "promtail" ` +
		`(spec.template.spec.containers[0]) runs privileged, with every capability and device of the node: ` +
		`remove securityContext.privileged or set it to false`},
		messages("promtail-daemonset", "kubernetes-pod-no-privileged-containers"))
	assert.Equal(t, []string{`DaemonSet promtail-daemonset: container "promtail" ` +
		`(spec.template.spec.containers[0]) runs as root: ` +
		`spec.template.spec.containers[0].securityContext.runAsUser is 0; set a non-zero runAsUser and runAsNonRoot: true`},
		messages("promtail-daemonset", "kubernetes-pod-run-as-non-root"))
	hostPaths := messages("promtail-daemonset", "kubernetes-pod-no-host-path-volumes")
	if assert.Len(t, hostPaths, 2) {
		assert.Contains(t, hostPaths[0], `volume "varlog" (spec.template.spec.volumes[1]) mounts the node's path "/var/log"`)
		assert.Contains(t, hostPaths[1], `volume "varlibdockercontainers" (spec.template.spec.volumes[2]) `+
			`mounts the node's path "/var/lib/docker/containers"`)
	}
	// A privileged container always escalates.
	assert.Len(t, messages("promtail-daemonset", "kubernetes-pod-no-privilege-escalation"), 1)

	// Grafana runs as user 472 but does not set runAsNonRoot, which the restricted profile requires
	// (Pod Security admission rejects it in a restricted namespace). No false alarms otherwise: the
	// workloads share no host namespace and mount no host path; every Service is a ClusterIP.
	assert.Equal(t, []string{`Deployment grafana-deployment: container "grafana" (spec.template.spec.containers[0]) ` +
		`may run as root: neither its securityContext nor the pod's sets runAsNonRoot: true, so the image's user ` +
		`applies; set runAsNonRoot: true`}, messages("grafana-deployment", "kubernetes-pod-run-as-non-root"))
	for _, w := range []string{"database-deployment", "my-app-deployment", "loki-deployment", "prometheus",
		"grafana-deployment", "promtail-daemonset"} {
		for _, p := range []string{"kubernetes-pod-no-host-network", "kubernetes-pod-no-host-pid",
			"kubernetes-pod-no-host-ipc", "kubernetes-pod-no-dangerous-capabilities", "kubernetes-pod-no-host-ports"} {
			assert.Empty(t, messages(w, p), "%s on %s", p, w)
		}
	}
	for _, w := range []string{"database-deployment", "my-app-deployment", "loki-deployment", "prometheus",
		"grafana-deployment"} {
		assert.Empty(t, messages(w, "kubernetes-pod-no-privileged-containers"), w)
		assert.Empty(t, messages(w, "kubernetes-pod-no-host-path-volumes"), w)
	}
	for _, s := range []string{"my-app-service", "database-service", "loki-service", "prometheus-service",
		"grafana-service"} {
		assert.Empty(t, messages(s, "kubernetes-service-load-balancer-source-ranges"), s)
	}
	// Images: "my-app" has no tag; the others name versions.
	assert.Equal(t, []string{`Deployment my-app-deployment: container "my-app" (spec.template.spec.containers[0]) ` +
		`image "my-app" has no tag, so it runs whatever latest points to when a node pulls it: pin a version tag ` +
		`or a digest (name@sha256:...)`}, messages("my-app-deployment", "kubernetes-pod-image-pinned"))
	for _, w := range []string{"database-deployment", "loki-deployment", "prometheus", "grafana-deployment",
		"promtail-daemonset"} {
		assert.Empty(t, messages(w, "kubernetes-pod-image-pinned"), w)
	}
	// The privileged PodSecurityPolicy of the README, recorded under extensions/v1beta1. It is no
	// workload: the pod rules do not apply to it.
	assert.Equal(t, []string{"PodSecurityPolicy promtail-pod-security-policy: spec.privileged is true, which " +
		"admits privileged containers: remove it"},
		messages("promtail-pod-security-policy", "kubernetes-pod-security-policy-not-privileged"))
	// RBAC: Prometheus and promtail read pods, services, endpoints and nodes cluster-wide, and
	// promtail may use its PodSecurityPolicy: no wildcard, no secret, no cluster-admin.
	for _, r := range []string{"prometheus-cluster-role", "promtail-cluster-role", "promtail-role"} {
		assert.Empty(t, messages(r, "kubernetes-rbac-no-wildcards"), r)
		assert.Empty(t, messages(r, "kubernetes-rbac-secrets-access"), r)
		for _, p := range []string{"kubernetes-rbac-no-pod-exec", "kubernetes-rbac-no-escalate-bind-impersonate",
			"kubernetes-rbac-create-pods"} {
			assert.Empty(t, messages(r, p), "%s on %s", p, r)
		}
	}
	for _, b := range []string{"prometheus-cluster-role-binding", "promtail-cluster-role-binding", "promtail-role-binding"} {
		assert.Empty(t, messages(b, "kubernetes-rbac-no-cluster-admin-binding"), b)
	}
	// Service account tokens, on the stack's outputs. Prometheus and promtail run as accounts of
	// their own, which their pod specs were computed from; but the backup was taken while those
	// accounts had moved to the monitoring namespace (the old ones, in default, pending deletion)
	// and the workloads had not: the dependency is no join across namespaces, so neither account
	// is in the stack, like the default account the other workloads run as. No pod spec turns the
	// token off, so each pod mounts it, as Kubernetes does by default.
	tokens := packtest.Check(t, packtest.Find(t, Policies(), "kubernetes-pod-service-account-token-not-mounted"),
		packtest.Case{Stack: resources.Stack()})
	var tokenMessages []string
	for _, d := range tokens.Diagnostics {
		tokenMessages = append(tokenMessages, d.Message)
	}
	assert.Len(t, tokenMessages, 6)
	assert.Contains(t, tokenMessages, `DaemonSet promtail-daemonset: spec.template.spec.automountServiceAccountToken `+
		`is unset and its ServiceAccount "promtail" of namespace "default" is not in the stack, so Kubernetes mounts `+
		`the account's token into every container by default; set automountServiceAccountToken: false in the pod `+
		`spec, or allow the account in allowedServiceAccounts`)

	psp := outcome["promtail-pod-security-policy"]["kubernetes-pod-no-privileged-containers"]
	assert.False(t, psp.Applicable)
	assert.Equal(t, "other resource types", psp.Reason)
}

// The Kubernetes fixtures of pulumi/pulumi-policy-opa: each resource's name says what its
// authors expect ("_valid", "_invalid_privileged", "_invalid_no_resources").
const opaFixturesExport = "opa-fixtures.export.json"

func TestOPAKubernetesFixtures(t *testing.T) {
	fixtures := map[string]plugin.AnalyzerResource{}
	for _, r := range packtest.LoadExport(t, packtest.RealWorld(t, opaFixturesExport)) {
		if strings.HasPrefix(string(r.Type), "kubernetes:") {
			fixtures[r.Name] = r.Resource()
		}
	}
	valid := fixtures["kubernetes-deployment_valid"]
	require.NotEmpty(t, valid.Type, "the valid Deployment fixture is in the export")
	for _, name := range []string{
		"kubernetes-pod-no-privileged-containers", "kubernetes-pod-no-privilege-escalation",
		"kubernetes-pod-run-as-non-root", "kubernetes-pod-read-only-root-filesystem",
		"kubernetes-pod-capabilities-drop-all", "kubernetes-pod-no-dangerous-capabilities",
		"kubernetes-pod-no-host-network", "kubernetes-pod-no-host-pid", "kubernetes-pod-no-host-ipc",
		"kubernetes-pod-no-host-path-volumes", "kubernetes-pod-no-host-ports", "kubernetes-pod-resource-limits",
		"kubernetes-pod-image-pinned",
	} {
		packtest.Run(t, Policies(), name, []packtest.Case{{Name: "valid fixture", Want: packtest.Pass, Resource: valid}})
	}
	// The valid fixture sets no seccomp profile, which this pack's rule asks for.
	packtest.Run(t, Policies(), "kubernetes-pod-seccomp-profile", []packtest.Case{
		{Name: "valid fixture without seccomp", Want: packtest.Violation, Message: "runs without a seccomp profile",
			Resource: valid},
	})
	packtest.Run(t, Policies(), "kubernetes-pod-no-privileged-containers", []packtest.Case{
		{Name: "privileged fixture", Want: packtest.Violation, Count: 1,
			Message:  `container "app" (spec.template.spec.containers[0]) runs privileged`,
			Resource: fixtures["kubernetes-deployment_invalid_privileged"]},
	})
	packtest.Run(t, Policies(), "kubernetes-pod-image-pinned", []packtest.Case{
		{Name: "privileged fixture runs latest", Want: packtest.Violation, Message: `image "myapp:latest" uses the tag latest`,
			Resource: fixtures["kubernetes-deployment_invalid_privileged"]},
	})
	packtest.Run(t, Policies(), "kubernetes-pod-resource-limits", []packtest.Case{
		{Name: "fixture without resources", Want: packtest.Violation, Message: "sets no cpu or memory limit",
			Resource: fixtures["kubernetes-deployment_invalid_no_resources"]},
	})
	packtest.Run(t, Policies(), "kubernetes-service-load-balancer-source-ranges", []packtest.Case{
		{Name: "ClusterIP fixture", Want: packtest.Pass, Resource: fixtures["kubernetes-service_valid"]},
	})
}
