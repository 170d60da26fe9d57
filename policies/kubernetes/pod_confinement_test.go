package kubernetes

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

// podWithSC is a pod spec with the given pod-level securityContext and containers.
func podWithSC(sc props, cs ...props) props {
	return packtest.With(containers(cs...), props{"securityContext": sc})
}

func TestPodAppArmorProfile(t *testing.T) {
	profile := func(typ any) props { return props{"appArmorProfile": props{"type": typ}} }
	annotated := func(value any) props {
		return props{"metadata": props{"name": "web", "annotations": props{
			"container.apparmor.security.beta.kubernetes.io/app": value, "team": "web"}}, "spec": containers(container("app", nil))}
	}
	packtest.Run(t, Policies(), "kubernetes-pod-apparmor-profile", []packtest.Case{
		{Name: "container Unconfined", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: container "app" (spec.template.spec.containers[0]): ` +
				`spec.template.spec.containers[0].securityContext.appArmorProfile.type is "Unconfined"`,
			Resource: deployment(containers(securityContext(profile("Unconfined"))))},
		{Name: "pod Unconfined", Want: packtest.Violation, Count: 1,
			Message:  `spec.template.spec.securityContext.appArmorProfile.type is "Unconfined", which lifts AppArmor confinement from every container`,
			Resource: deployment(podWithSC(profile("Unconfined"), container("app", nil)))},
		{Name: "RuntimeDefault and Localhost", Want: packtest.Pass,
			Resource: deployment(podWithSC(profile("RuntimeDefault"),
				securityContext(props{"appArmorProfile": props{"type": "Localhost", "localhostProfile": "k8s-app"}})))},
		{Name: "unset", Want: packtest.Pass, Resource: deployment(containers(container("app", nil)))},
		{Name: "unconfined annotation on a Pod", Want: packtest.Violation, Count: 1,
			Message: `Pod web: annotation metadata.annotations.container.apparmor.security.beta.kubernetes.io/app is ` +
				`"unconfined"`,
			Resource: packtest.Resource("kubernetes:core/v1:Pod", "web", annotated("unconfined"))},
		{Name: "unconfined annotation on a pod template", Want: packtest.Violation,
			Message: "spec.template.metadata.annotations.container.apparmor.security.beta.kubernetes.io/app",
			Resource: packtest.Resource("kubernetes:apps/v1:Deployment", "web", props{"spec": props{"template": props{
				"metadata": props{"annotations": props{"container.apparmor.security.beta.kubernetes.io/app": "unconfined"}},
				"spec":     containers(container("app", nil))}}})},
		{Name: "runtime/default annotation", Want: packtest.Pass,
			Resource: packtest.Resource("kubernetes:core/v1:Pod", "web", annotated("runtime/default"))},
		{Name: "localhost annotation", Want: packtest.Pass,
			Resource: packtest.Resource("kubernetes:core/v1:Pod", "web", annotated("localhost/k8s-app"))},
		{Name: "patch setting Unconfined", Want: packtest.Violation, Message: "DeploymentPatch web",
			Resource: deploymentPatch(containers(securityContext(profile("Unconfined"))))},
		{Name: "patch setting nothing", Want: packtest.Pass, Resource: deploymentPatch(containers(props{"name": "app"}))},
		{Name: "unknown type", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].securityContext.appArmorProfile.type",
			Resource: deployment(containers(securityContext(profile(packtest.Unknown))))},
		{Name: "unknown annotation", Want: packtest.NotApplicable,
			Message:  unknownValue + "metadata.annotations.container.apparmor.security.beta.kubernetes.io/app",
			Resource: packtest.Resource("kubernetes:core/v1:Pod", "web", annotated(packtest.Unknown))},
	})
}

func TestPodSELinuxOptions(t *testing.T) {
	selinux := func(opts props) props { return props{"seLinuxOptions": opts} }
	packtest.Run(t, Policies(), "kubernetes-pod-selinux-options", []packtest.Case{
		{Name: "super-privileged type", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: container "app" (spec.template.spec.containers[0]) sets ` +
				`spec.template.spec.containers[0].securityContext.seLinuxOptions.type to "spc_t"`,
			Resource: deployment(containers(securityContext(selinux(props{"type": "spc_t"}))))},
		{Name: "pod user and role", Want: packtest.Violation, Count: 2,
			Message:  "the pod sets spec.template.spec.securityContext.seLinuxOptions.user",
			Resource: deployment(podWithSC(selinux(props{"user": "system_u", "role": "system_r"}), container("app", nil)))},
		{Name: "container types and a level", Want: packtest.Pass,
			Resource: deployment(podWithSC(selinux(props{"type": "container_t", "level": "s0:c123,c456"}),
				securityContext(selinux(props{"type": "container_engine_t"}))))},
		{Name: "empty strings", Want: packtest.Pass,
			Resource: deployment(containers(securityContext(selinux(props{"type": "", "user": "", "role": ""}))))},
		{Name: "unset", Want: packtest.Pass, Resource: deployment(containers(container("app", nil)))},
		{Name: "patch setting a type", Want: packtest.Violation, Message: "DeploymentPatch web",
			Resource: deploymentPatch(containers(securityContext(selinux(props{"type": "unconfined_t"}))))},
		{Name: "unknown type", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].securityContext.seLinuxOptions.type",
			Resource: deployment(containers(securityContext(selinux(props{"type": packtest.Unknown}))))},
	})
}

func TestPodDefaultProcMount(t *testing.T) {
	procMount := func(v any) props { return securityContext(props{"procMount": v}) }
	packtest.Run(t, Policies(), "kubernetes-pod-default-proc-mount", []packtest.Case{
		{Name: "Unmasked", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: container "app" (spec.template.spec.containers[0]) sets ` +
				`spec.template.spec.containers[0].securityContext.procMount to "Unmasked", which unmasks /proc`,
			Resource: deployment(containers(procMount("Unmasked")))},
		{Name: "Unmasked in a user namespace: restricted forbids it still", Want: packtest.Violation,
			Resource: deployment(packtest.With(containers(procMount("Unmasked")), props{"hostUsers": false}))},
		{Name: "Default", Want: packtest.Pass, Resource: deployment(containers(procMount("Default")))},
		{Name: "unset", Want: packtest.Pass, Resource: deployment(containers(container("app", nil)))},
		{Name: "init container", Want: packtest.Violation, Message: `init container "migrate"`,
			Resource: deployment(props{"containers": []any{container("app", nil)},
				"initContainers": []any{container("migrate", props{"securityContext": props{"procMount": "Unmasked"}})}})},
		{Name: "patch", Want: packtest.Violation, Message: "DeploymentPatch web",
			Resource: deploymentPatch(containers(procMount("Unmasked")))},
		{Name: "unknown", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].securityContext.procMount",
			Resource: deployment(containers(procMount(packtest.Unknown)))},
	})
}

func TestPodSafeSysctls(t *testing.T) {
	sysctls := func(names ...any) props {
		list := make([]any, len(names))
		for i, n := range names {
			list[i] = props{"name": n, "value": "1"}
		}
		return podWithSC(props{"sysctls": list}, container("app", nil))
	}
	packtest.Run(t, Policies(), "kubernetes-pod-safe-sysctls", []packtest.Case{
		{Name: "unsafe sysctl", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: spec.template.spec.securityContext.sysctls[1] sets the unsafe sysctl ` +
				`"kernel.msgmax"`,
			Resource: deployment(sysctls("net.ipv4.tcp_syncookies", "kernel.msgmax"))},
		{Name: "net.core is not namespaced safely", Want: packtest.Violation, Message: `"net.core.somaxconn"`,
			Resource: deployment(sysctls("net.core.somaxconn"))},
		{Name: "safe sysctls of policy version v1.37", Want: packtest.Pass,
			Resource: deployment(sysctls("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
				"net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_rmem", "net.ipv4.tcp_notsent_lowat"))},
		{Name: "none", Want: packtest.Pass, Resource: deployment(containers(container("app", nil)))},
		{Name: "patch", Want: packtest.Violation, Message: "DeploymentPatch web",
			Resource: deploymentPatch(sysctls("kernel.sem"))},
		{Name: "a known unsafe sysctl is reported though another is unknown", Want: packtest.Violation,
			Message: `"kernel.sem"`, Resource: deployment(podWithSC(props{"sysctls": []any{packtest.Unknown,
				props{"name": "kernel.sem", "value": "1"}}}, container("app", nil)))},
		{Name: "unknown name", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.securityContext.sysctls[0].name",
			Resource: deployment(sysctls(packtest.Unknown))},
	})
}
