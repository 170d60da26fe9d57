package kubernetes

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/stretchr/testify/assert"
)

const unknownValue = "value unknown during preview: "

// windows is a pod spec that declares spec.os.name windows.
func windows(spec props) props { return packtest.With(spec, props{"os": props{"name": "windows"}}) }

func TestPodNoPrivilegedContainers(t *testing.T) {
	packtest.Run(t, Policies(), "kubernetes-pod-no-privileged-containers", []packtest.Case{
		{Name: "privileged container", Want: packtest.Violation, Count: 1,
			Message:  `Deployment web: container "app" (spec.template.spec.containers[0]) runs privileged`,
			Resource: deployment(containers(securityContext(props{"privileged": true})))},
		{Name: "privileged pod container", Want: packtest.Violation,
			Message:  `Pod web: container "app" (spec.containers[0]) runs privileged`,
			Resource: pod(containers(securityContext(props{"privileged": true})))},
		{Name: "privileged false", Want: packtest.Pass,
			Resource: deployment(containers(securityContext(props{"privileged": false})))},
		{Name: "unset defaults to unprivileged", Want: packtest.Pass,
			Resource: deployment(containers(container("app", nil)))},
		{Name: "Windows HostProcess container", Want: packtest.Violation, Count: 1,
			Message: "is a Windows HostProcess container, a process on the node itself: remove " +
				"spec.template.spec.containers[0].securityContext.windowsOptions.hostProcess",
			Resource: deployment(containers(securityContext(props{"windowsOptions": props{"hostProcess": true}})))},
		{Name: "Windows HostProcess pod", Want: packtest.Violation, Count: 1,
			Message: "spec.template.spec.securityContext.windowsOptions.hostProcess makes every container a " +
				"Windows HostProcess container",
			Resource: deployment(packtest.With(containers(container("app", nil)),
				props{"securityContext": props{"windowsOptions": props{"hostProcess": true}}}))},
		{Name: "hostProcess false", Want: packtest.Pass,
			Resource: deployment(packtest.With(containers(securityContext(props{"windowsOptions": props{"hostProcess": false}})),
				props{"securityContext": props{"windowsOptions": props{"hostProcess": false}}}))},
		{Name: "CronJob batch/v1beta1", Want: packtest.Violation,
			Message:  `CronJob nightly: container "app" (spec.jobTemplate.spec.template.spec.containers[0]) runs privileged`,
			Resource: cronJob("kubernetes:batch/v1beta1:CronJob", containers(securityContext(props{"privileged": true})))},
		{Name: "patch setting privileged", Want: packtest.Violation,
			Message:  `DeploymentPatch web: container "app"`,
			Resource: deploymentPatch(containers(securityContext(props{"privileged": true})))},
		{Name: "patch not setting it", Want: packtest.Pass,
			Resource: deploymentPatch(containers(props{"name": "app"}))},
		{Name: "unknown privileged", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].securityContext.privileged",
			Resource: deployment(containers(securityContext(props{"privileged": packtest.Unknown})))},
		{Name: "unknown container hostProcess", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].securityContext.windowsOptions.hostProcess",
			Resource: deployment(containers(securityContext(props{"windowsOptions": props{"hostProcess": packtest.Unknown}})))},
		{Name: "unknown pod hostProcess", Want: packtest.NotApplicable,
			Message: unknownValue + "spec.template.spec.securityContext.windowsOptions.hostProcess",
			Resource: deployment(packtest.With(containers(container("app", nil)),
				props{"securityContext": props{"windowsOptions": props{"hostProcess": packtest.Unknown}}}))},
	})
}

func TestPodNoPrivilegeEscalation(t *testing.T) {
	packtest.Run(t, Policies(), "kubernetes-pod-no-privilege-escalation", []packtest.Case{
		{Name: "unset allows escalation", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: container "app" (spec.template.spec.containers[0]) does not set ` +
				"securityContext.allowPrivilegeEscalation, which then defaults to allowing it: set it to false",
			Resource: deployment(containers(container("app", nil)))},
		{Name: "explicitly true", Want: packtest.Violation,
			Message:  "sets spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation to true",
			Resource: deployment(containers(securityContext(props{"allowPrivilegeEscalation": true})))},
		{Name: "explicitly false", Want: packtest.Pass,
			Resource: deployment(containers(securityContext(props{"allowPrivilegeEscalation": false})))},
		{Name: "privileged always escalates", Want: packtest.Violation,
			Message:  "runs privileged, which always allows privilege escalation",
			Resource: deployment(containers(securityContext(props{"privileged": true})))},
		{Name: "every container kind", Want: packtest.Violation, Count: 2,
			Message: `init container "migrate" (spec.initContainers[0])`,
			Resource: pod(props{"containers": []any{securityContext(props{"allowPrivilegeEscalation": false})},
				"initContainers": []any{container("migrate", nil)}, "ephemeralContainers": []any{container("debug", nil)}})},
		{Name: "Windows pods may not set it", Want: packtest.Pass,
			Resource: deployment(windows(containers(container("app", nil))))},
		{Name: "patch not setting it", Want: packtest.Pass,
			Resource: deploymentPatch(containers(props{"name": "app", "image": "app:2"}))},
		{Name: "patch setting it to true", Want: packtest.Violation,
			Resource: deploymentPatch(containers(securityContext(props{"allowPrivilegeEscalation": true})))},
		{Name: "patch setting it to false", Want: packtest.Pass,
			Resource: deploymentPatch(containers(securityContext(props{"allowPrivilegeEscalation": false})))},
		{Name: "unknown allowPrivilegeEscalation", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation",
			Resource: deployment(containers(securityContext(props{"allowPrivilegeEscalation": packtest.Unknown})))},
		{Name: "unknown privileged", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].securityContext.privileged",
			Resource: deployment(containers(securityContext(props{"privileged": packtest.Unknown})))},
		{Name: "unknown os", Want: packtest.NotApplicable, Message: unknownValue + "spec.template.spec.os.name",
			Resource: deployment(packtest.With(containers(container("app", nil)), props{"os": props{"name": packtest.Unknown}}))},
	})
}

func TestPodRunAsNonRoot(t *testing.T) {
	podSC := func(sc props, c props) props { return packtest.With(containers(c), props{"securityContext": sc}) }
	plain := container("app", nil)
	packtest.Run(t, Policies(), "kubernetes-pod-run-as-non-root", []packtest.Case{
		{Name: "nothing set: the image decides", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: container "app" (spec.template.spec.containers[0]) may run as root: ` +
				"neither its securityContext nor the pod's sets runAsNonRoot: true, so the image's user applies",
			Resource: deployment(containers(plain))},
		{Name: "container runAsNonRoot", Want: packtest.Pass,
			Resource: deployment(containers(securityContext(props{"runAsNonRoot": true})))},
		{Name: "pod runAsNonRoot", Want: packtest.Pass,
			Resource: deployment(podSC(props{"runAsNonRoot": true}, plain))},
		{Name: "container runAsNonRoot false overrides the pod's true", Want: packtest.Violation, Count: 1,
			Message:  "sets spec.template.spec.containers[0].securityContext.runAsNonRoot to false: set it to true",
			Resource: deployment(podSC(props{"runAsNonRoot": true}, securityContext(props{"runAsNonRoot": false})))},
		{Name: "pod runAsNonRoot false", Want: packtest.Violation,
			Message:  "spec.template.spec.securityContext.runAsNonRoot is false: set it to true",
			Resource: deployment(podSC(props{"runAsNonRoot": false}, securityContext(props{"runAsNonRoot": true})))},
		{Name: "a non-zero runAsUser alone is not enough", Want: packtest.Violation, Message: "may run as root",
			Resource: deployment(containers(securityContext(props{"runAsUser": 1000})))},
		{Name: "pod non-zero runAsUser alone is not enough", Want: packtest.Violation, Message: "may run as root",
			Resource: deployment(podSC(props{"runAsUser": 1000}, plain))},
		{Name: "non-zero runAsUser and runAsNonRoot", Want: packtest.Pass,
			Resource: deployment(podSC(props{"runAsUser": 1000, "runAsNonRoot": true}, plain))},
		{Name: "user namespace: root is no root of the node", Want: packtest.Pass,
			Resource: deployment(packtest.With(podSC(props{"runAsUser": 0}, securityContext(props{"runAsUser": 0})),
				props{"hostUsers": false}))},
		{Name: "hostUsers true", Want: packtest.Violation, Message: "runs as root",
			Resource: deployment(packtest.With(containers(securityContext(props{"runAsUser": 0})), props{"hostUsers": true}))},
		{Name: "container runAsUser 0", Want: packtest.Violation, Count: 1,
			Message: `container "app" (spec.template.spec.containers[0]) runs as root: ` +
				"spec.template.spec.containers[0].securityContext.runAsUser is 0",
			Resource: deployment(containers(securityContext(props{"runAsUser": 0})))},
		{Name: "runAsUser 0 with runAsNonRoot", Want: packtest.Violation, Message: "runs as root",
			Resource: deployment(containers(securityContext(props{"runAsUser": 0, "runAsNonRoot": true})))},
		{Name: "pod runAsUser 0", Want: packtest.Violation,
			Message:  "spec.template.spec.securityContext.runAsUser is 0, which runs every container that does not set its own user as root",
			Resource: deployment(podSC(props{"runAsUser": 0, "runAsNonRoot": true}, plain))},
		{Name: "the pod's root is forbidden even where containers override it", Want: packtest.Violation, Count: 1,
			Message: "spec.template.spec.securityContext.runAsUser is 0",
			Resource: deployment(podSC(props{"runAsUser": 0, "runAsNonRoot": true},
				securityContext(props{"runAsUser": 1000})))},
		{Name: "container root overrides the pod's runAsNonRoot", Want: packtest.Violation, Message: "runs as root",
			Resource: deployment(podSC(props{"runAsNonRoot": true}, securityContext(props{"runAsUser": 0})))},
		{Name: "Job", Want: packtest.Violation, Message: "Job nightly",
			Resource: packtest.Resource("kubernetes:batch/v1:Job", "nightly",
				props{"spec": props{"template": props{"spec": containers(plain)}}})},
		{Name: "patch with a root container", Want: packtest.Violation, Message: "runs as root",
			Resource: deploymentPatch(containers(securityContext(props{"runAsUser": 0})))},
		{Name: "patch setting nothing", Want: packtest.Pass, Resource: deploymentPatch(containers(plain))},
		{Name: "patch with a root pod", Want: packtest.Violation, Count: 1,
			Message:  "DeploymentPatch web: spec.template.spec.securityContext.runAsUser is 0",
			Resource: deploymentPatch(podSC(props{"runAsUser": 0}, props{"name": "app"}))},
		{Name: "patch moving the pod to a user namespace", Want: packtest.Pass,
			Resource: deploymentPatch(packtest.With(containers(securityContext(props{"runAsUser": 0})), props{"hostUsers": false}))},
		{Name: "unknown hostUsers", Want: packtest.NotApplicable, Message: unknownValue + "spec.template.spec.hostUsers",
			Resource: deployment(packtest.With(containers(plain), props{"hostUsers": packtest.Unknown}))},
		{Name: "patch setting runAsNonRoot false", Want: packtest.Violation, Message: "to false",
			Resource: deploymentPatch(containers(securityContext(props{"runAsNonRoot": false})))},
		{Name: "unknown container runAsUser", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].securityContext.runAsUser",
			Resource: deployment(containers(securityContext(props{"runAsUser": packtest.Unknown, "runAsNonRoot": true})))},
		{Name: "unknown pod runAsUser", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.securityContext.runAsUser",
			Resource: deployment(podSC(props{"runAsUser": packtest.Unknown}, plain))},
		{Name: "unknown runAsNonRoot", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].securityContext.runAsNonRoot",
			Resource: deployment(containers(securityContext(props{"runAsNonRoot": packtest.Unknown})))},
	})
}

func TestPodReadOnlyRootFilesystem(t *testing.T) {
	packtest.Run(t, Policies(), "kubernetes-pod-read-only-root-filesystem", []packtest.Case{
		{Name: "unset is writable", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: container "app" (spec.template.spec.containers[0]) has a writable root ` +
				"filesystem: set securityContext.readOnlyRootFilesystem to true",
			Resource: deployment(containers(container("app", nil)))},
		{Name: "false", Want: packtest.Violation,
			Message:  "sets spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem to false",
			Resource: deployment(containers(securityContext(props{"readOnlyRootFilesystem": false})))},
		{Name: "true", Want: packtest.Pass,
			Resource: deployment(containers(securityContext(props{"readOnlyRootFilesystem": true})))},
		{Name: "init container", Want: packtest.Violation, Message: "init container",
			Resource: deployment(props{"containers": []any{hardenedContainer("app")}, "initContainers": []any{container("init", nil)}})},
		{Name: "Windows pods may not set it", Want: packtest.Pass,
			Resource: deployment(windows(containers(container("app", nil))))},
		{Name: "patch not setting it", Want: packtest.Pass, Resource: deploymentPatch(containers(props{"name": "app"}))},
		{Name: "patch setting it false", Want: packtest.Violation,
			Resource: deploymentPatch(containers(securityContext(props{"readOnlyRootFilesystem": false})))},
		{Name: "unknown", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem",
			Resource: deployment(containers(securityContext(props{"readOnlyRootFilesystem": packtest.Unknown})))},
		{Name: "unknown os", Want: packtest.NotApplicable, Message: unknownValue + "spec.template.spec.os",
			Resource: deployment(packtest.With(containers(container("app", nil)), props{"os": packtest.Unknown}))},
	})
}

func TestPodCapabilitiesDropAll(t *testing.T) {
	drop := func(caps ...any) props { return securityContext(props{"capabilities": props{"drop": caps}}) }
	packtest.Run(t, Policies(), "kubernetes-pod-capabilities-drop-all", []packtest.Case{
		{Name: "unset keeps the defaults", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: container "app" (spec.template.spec.containers[0]) keeps the runtime's ` +
				`default Linux capabilities: set securityContext.capabilities.drop to ["ALL"]`,
			Resource: deployment(containers(container("app", nil)))},
		{Name: "drops some only", Want: packtest.Violation,
			Message:  `spec.template.spec.containers[0].securityContext.capabilities.drop does not include "ALL"`,
			Resource: deployment(containers(drop("NET_RAW", "SYS_ADMIN")))},
		{Name: "drops none", Want: packtest.Violation, Message: `does not include "ALL"`,
			Resource: deployment(containers(drop()))},
		{Name: "drops ALL", Want: packtest.Pass, Resource: deployment(containers(drop("ALL")))},
		{Name: "drops ALL and adds one back", Want: packtest.Pass,
			Resource: deployment(containers(securityContext(props{"capabilities": props{"drop": []any{"ALL"},
				"add": []any{"NET_BIND_SERVICE"}}})))},
		{Name: "drops ALL and adds others back", Want: packtest.Violation, Count: 1,
			Message: `container "app" (spec.template.spec.containers[0]) adds back "CHOWN", "SYS_TIME" in ` +
				"spec.template.spec.containers[0].securityContext.capabilities.add: after dropping ALL, add only " +
				"NET_BIND_SERVICE",
			Resource: deployment(containers(securityContext(props{"capabilities": props{"drop": []any{"ALL"},
				"add": []any{"NET_BIND_SERVICE", "CHOWN", "SYS_TIME"}}})))},
		{Name: "Windows pods are exempt from the added list too", Want: packtest.Pass,
			Resource: deployment(windows(containers(securityContext(props{"capabilities": props{"add": []any{"CHOWN"}}}))))},
		{Name: "patch adding one back", Want: packtest.Violation, Message: `adds back "KILL"`,
			Resource: deploymentPatch(containers(securityContext(props{"capabilities": props{"add": []any{"KILL"}}})))},
		{Name: "unknown add list", Want: packtest.NotApplicable,
			Message: unknownValue + "spec.template.spec.containers[0].securityContext.capabilities.add",
			Resource: deployment(containers(securityContext(props{"capabilities": props{"drop": []any{"ALL"},
				"add": packtest.Unknown}})))},
		{Name: "lower-case all", Want: packtest.Violation, Message: `write "ALL" in upper case`,
			Resource: deployment(containers(drop("all")))},
		{Name: "Windows pods may not set capabilities", Want: packtest.Pass,
			Resource: deployment(windows(containers(container("app", nil))))},
		{Name: "patch not setting them", Want: packtest.Pass, Resource: deploymentPatch(containers(props{"name": "app"}))},
		{Name: "patch replacing the drop list", Want: packtest.Violation, Message: `does not include "ALL"`,
			Resource: deploymentPatch(containers(drop("NET_RAW")))},
		{Name: "unknown drop list", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].securityContext.capabilities.drop",
			Resource: deployment(containers(securityContext(props{"capabilities": props{"drop": packtest.Unknown}})))},
		{Name: "unknown dropped capability", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].securityContext.capabilities.drop[0]",
			Resource: deployment(containers(drop(packtest.Unknown)))},
		{Name: "a known ALL decides though another item is unknown", Want: packtest.Pass,
			Resource: deployment(containers(drop(packtest.Unknown, "ALL")))},
		{Name: "unknown os", Want: packtest.NotApplicable, Message: unknownValue + "spec.template.spec.os.name",
			Resource: deployment(packtest.With(containers(container("app", nil)), props{"os": props{"name": packtest.Unknown}}))},
	})
}

func TestPodNoDangerousCapabilities(t *testing.T) {
	add := func(caps ...any) props { return securityContext(props{"capabilities": props{"add": caps}}) }
	allowNetAdmin := map[string]any{"allowedCapabilities": []any{"net_admin"}}
	packtest.Run(t, Policies(), "kubernetes-pod-no-dangerous-capabilities", []packtest.Case{
		{Name: "SYS_ADMIN", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: container "app" (spec.template.spec.containers[0]) adds the capabilities "SYS_ADMIN" ` +
				"in spec.template.spec.containers[0].securityContext.capabilities.add, beyond the allowed list: remove them",
			Resource: deployment(containers(add("SYS_ADMIN")))},
		{Name: "several, only the dangerous ones named", Want: packtest.Violation,
			Message:  `adds the capabilities "NET_ADMIN", "SYS_PTRACE" in`,
			Resource: deployment(containers(add("NET_ADMIN", "NET_BIND_SERVICE", "SYS_PTRACE")))},
		{Name: "kernel spelling", Want: packtest.Violation, Message: `"cap_sys_admin"`,
			Resource: deployment(containers(add("cap_sys_admin")))},
		{Name: "NET_RAW is not in the baseline", Want: packtest.Violation, Message: `"NET_RAW"`,
			Resource: deployment(containers(add("NET_RAW")))},
		{Name: "ALL", Want: packtest.Violation, Message: `"ALL"`, Resource: deployment(containers(add("ALL")))},
		{Name: "baseline capabilities", Want: packtest.Pass,
			Resource: deployment(containers(add("NET_BIND_SERVICE", "CHOWN", "SETUID", "SETGID", "KILL")))},
		{Name: "no capabilities added", Want: packtest.Pass, Resource: deployment(containers(container("app", nil)))},
		{Name: "lower-case spelling is no baseline capability", Want: packtest.Violation, Count: 1,
			Message: `adds the capabilities "chown", "CAP_CHOWN" in`, Resource: deployment(containers(add("chown", "CAP_CHOWN")))},
		{Name: "allowed by settings", Want: packtest.Pass, Config: allowNetAdmin,
			Resource: deployment(containers(add("NET_ADMIN")))},
		{Name: "settings replace the default list", Want: packtest.Violation, Config: allowNetAdmin,
			Message: `"CHOWN"`, Resource: deployment(containers(add("CHOWN")))},
		{Name: "init container", Want: packtest.Violation, Message: `init container "app"`,
			Resource: deployment(props{"containers": []any{hardenedContainer("main")}, "initContainers": []any{add("SYS_MODULE")}})},
		{Name: "patch adding one", Want: packtest.Violation, Message: "DeploymentPatch web",
			Resource: deploymentPatch(containers(add("SYS_ADMIN")))},
		{Name: "unknown add list", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].securityContext.capabilities.add",
			Resource: deployment(containers(securityContext(props{"capabilities": props{"add": packtest.Unknown}})))},
		{Name: "a known dangerous capability is reported though another is unknown", Want: packtest.Violation,
			Count: 1, Message: `adds the capabilities "SYS_ADMIN" in`,
			Resource: deployment(containers(add(packtest.Unknown, "SYS_ADMIN")))},
		{Name: "unknown added capability", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].securityContext.capabilities.add[0]",
			Resource: deployment(containers(add(packtest.Unknown)))},
	})
}

func TestCapabilitySettings(t *testing.T) {
	s := &capabilitySettings{AllowedCapabilities: []string{"cap_net_admin", " SYS_TIME "}}
	assert.NoError(t, s.Prepare())
	assert.Equal(t, map[string]bool{"NET_ADMIN": true, "SYS_TIME": true}, s.allowed)
	assert.Error(t, (&capabilitySettings{AllowedCapabilities: []string{" "}}).Prepare())
}

func TestPodSeccompProfile(t *testing.T) {
	seccomp := func(typ any) props { return props{"seccompProfile": props{"type": typ}} }
	podSC := func(sc props, c props) props { return packtest.With(containers(c), props{"securityContext": sc}) }
	plain := container("app", nil)
	packtest.Run(t, Policies(), "kubernetes-pod-seccomp-profile", []packtest.Case{
		{Name: "unset runs unconfined", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: container "app" (spec.template.spec.containers[0]) runs without a seccomp ` +
				"profile (Unconfined)",
			Resource: deployment(containers(plain))},
		{Name: "pod RuntimeDefault", Want: packtest.Pass, Resource: deployment(podSC(seccomp("RuntimeDefault"), plain))},
		{Name: "container Localhost", Want: packtest.Pass,
			Resource: deployment(containers(securityContext(props{"seccompProfile": props{"type": "Localhost",
				"localhostProfile": "profiles/app.json"}})))},
		{Name: "pod Unconfined", Want: packtest.Violation,
			Message:  `spec.template.spec.securityContext.seccompProfile.type is "Unconfined": set it to RuntimeDefault`,
			Resource: deployment(podSC(seccomp("Unconfined"), plain))},
		{Name: "container Unconfined overrides the pod", Want: packtest.Violation,
			Message:  `spec.template.spec.containers[0].securityContext.seccompProfile.type is "Unconfined"`,
			Resource: deployment(podSC(seccomp("RuntimeDefault"), securityContext(seccomp("Unconfined"))))},
		{Name: "the pod's Unconfined is forbidden even where containers override it", Want: packtest.Violation,
			Count: 1, Message: `spec.template.spec.securityContext.seccompProfile.type is "Unconfined"`,
			Resource: deployment(podSC(seccomp("Unconfined"), securityContext(seccomp("RuntimeDefault"))))},
		{Name: "the old annotations no longer count", Want: packtest.Violation, Message: "without a seccomp profile",
			Resource: packtest.Resource("kubernetes:core/v1:Pod", "web", props{
				"metadata": props{"annotations": props{"seccomp.security.alpha.kubernetes.io/pod": "runtime/default"}},
				"spec":     containers(plain)})},
		{Name: "Windows pods may not set it", Want: packtest.Pass, Resource: deployment(windows(containers(plain)))},
		{Name: "patch with an unconfined container", Want: packtest.Violation, Message: `is "Unconfined"`,
			Resource: deploymentPatch(containers(securityContext(seccomp("Unconfined"))))},
		{Name: "patch setting nothing", Want: packtest.Pass, Resource: deploymentPatch(containers(plain))},
		{Name: "patch with an unconfined pod", Want: packtest.Violation, Count: 1,
			Message:  `DeploymentPatch web: spec.template.spec.securityContext.seccompProfile.type is "Unconfined"`,
			Resource: deploymentPatch(podSC(seccomp("Unconfined"), plain))},
		{Name: "pod profile without a type", Want: packtest.Violation, Message: "seccompProfile.type is null",
			Resource: deployment(podSC(props{"seccompProfile": props{}}, plain))},
		{Name: "unknown container type", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].securityContext.seccompProfile.type",
			Resource: deployment(podSC(seccomp("RuntimeDefault"), securityContext(seccomp(packtest.Unknown))))},
		{Name: "unknown pod type", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.securityContext.seccompProfile.type",
			Resource: deployment(podSC(seccomp(packtest.Unknown), plain))},
		{Name: "unknown os", Want: packtest.NotApplicable, Message: unknownValue + "spec.template.spec.os.name",
			Resource: deployment(packtest.With(containers(plain), props{"os": props{"name": packtest.Unknown}}))},
	})
}

func TestPodSecurityPolicyNotPrivileged(t *testing.T) {
	psp := func(spec any) props {
		return props{"metadata": props{"name": "agents"}, "spec": spec}
	}
	restricted := props{"privileged": false, "runAsUser": props{"rule": "MustRunAsNonRoot"},
		"seLinux": props{"rule": "RunAsAny"}, "volumes": []any{"configMap", "secret"}}
	packtest.Run(t, Policies(), "kubernetes-pod-security-policy-not-privileged", []packtest.Case{
		{Name: "privileged", Want: packtest.Violation, Count: 1,
			Message: "PodSecurityPolicy agents: spec.privileged is true, which admits privileged containers: remove it",
			Resource: packtest.Resource("kubernetes:policy/v1beta1:PodSecurityPolicy", "agents",
				psp(packtest.With(restricted, props{"privileged": true})))},
		{Name: "extensions/v1beta1", Want: packtest.Violation, Message: "spec.privileged is true",
			Resource: packtest.Resource("kubernetes:extensions/v1beta1:PodSecurityPolicy", "agents",
				psp(props{"privileged": true}))},
		{Name: "patch", Want: packtest.Violation, Message: "spec.privileged is true",
			Resource: packtest.Resource("kubernetes:policy/v1beta1:PodSecurityPolicyPatch", "agents",
				psp(props{"privileged": true}))},
		{Name: "not privileged", Want: packtest.Pass,
			Resource: packtest.Resource("kubernetes:policy/v1beta1:PodSecurityPolicy", "agents", psp(restricted))},
		{Name: "unset defaults to false", Want: packtest.Pass,
			Resource: packtest.Resource("kubernetes:policy/v1beta1:PodSecurityPolicy", "agents", psp(props{}))},
		{Name: "unknown", Want: packtest.NotApplicable, Message: unknownValue + "spec.privileged",
			Resource: packtest.Resource("kubernetes:policy/v1beta1:PodSecurityPolicy", "agents",
				psp(props{"privileged": packtest.Unknown}))},
	})
}
