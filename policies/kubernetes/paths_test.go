package kubernetes

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Each pod finding names the property it is about (where it should be set, when it is missing),
// never just the container or the pod: supersession and the overlap test match findings on it.
func TestPodFindingsNameTheirProperty(t *testing.T) {
	const spec = "spec.template.spec."
	const sc = spec + "containers[0].securityContext."
	hardened := hardenedContainer("app")["securityContext"].(props)
	hardenedWith := func(fields props) props {
		return container("app", props{"securityContext": packtest.With(hardened, fields),
			"resources": props{"limits": props{"cpu": "1", "memory": "1Gi"}}})
	}
	for _, tc := range []struct {
		name, rule string
		resource   plugin.AnalyzerResource
		want       []string
	}{
		{"privileged", "kubernetes-pod-no-privileged-containers",
			deployment(containers(securityContext(props{"privileged": true}))), []string{sc + "privileged"}},
		{"HostProcess container and pod", "kubernetes-pod-no-privileged-containers",
			deployment(podWithSC(props{"windowsOptions": props{"hostProcess": true}},
				securityContext(props{"windowsOptions": props{"hostProcess": true}}))),
			[]string{sc + "windowsOptions.hostProcess", spec + "securityContext.windowsOptions.hostProcess"}},
		{"escalation allowed", "kubernetes-pod-no-privilege-escalation",
			deployment(containers(securityContext(props{"allowPrivilegeEscalation": true}))),
			[]string{sc + "allowPrivilegeEscalation"}},
		{"escalation unset", "kubernetes-pod-no-privilege-escalation",
			deployment(containers(container("app", nil))), []string{sc + "allowPrivilegeEscalation"}},
		{"escalation of a privileged container", "kubernetes-pod-no-privilege-escalation",
			deployment(containers(securityContext(props{"privileged": true}))), []string{sc + "privileged"}},
		{"root user on the pod, runAsNonRoot unset", "kubernetes-pod-run-as-non-root",
			deployment(podWithSC(props{"runAsUser": 0}, container("app", nil))),
			[]string{spec + "securityContext.runAsUser", sc + "runAsNonRoot"}},
		{"root user on the container", "kubernetes-pod-run-as-non-root",
			deployment(containers(securityContext(props{"runAsUser": 0}))), []string{sc + "runAsUser"}},
		{"writable root filesystem", "kubernetes-pod-read-only-root-filesystem",
			deployment(containers(container("app", nil))), []string{sc + "readOnlyRootFilesystem"}},
		{"capabilities kept", "kubernetes-pod-capabilities-drop-all",
			deployment(containers(container("app", nil))), []string{sc + "capabilities.drop"}},
		{"capability added back", "kubernetes-pod-capabilities-drop-all",
			deployment(containers(hardenedWith(props{"capabilities": props{"drop": []any{"ALL"},
				"add": []any{"CHOWN"}}}))), []string{sc + "capabilities.add"}},
		{"dangerous capability", "kubernetes-pod-no-dangerous-capabilities",
			deployment(containers(securityContext(props{"capabilities": props{"add": []any{"SYS_ADMIN"}}}))),
			[]string{sc + "capabilities.add"}},
		{"no seccomp profile", "kubernetes-pod-seccomp-profile",
			deployment(containers(container("app", nil))), []string{sc + "seccompProfile.type"}},
		{"pod seccomp Unconfined", "kubernetes-pod-seccomp-profile",
			deployment(podWithSC(props{"seccompProfile": props{"type": "Unconfined"}}, container("app", nil))),
			[]string{spec + "securityContext.seccompProfile.type"}},
		{"host network", "kubernetes-pod-no-host-network",
			deployment(packtest.With(containers(container("app", nil)), props{"hostNetwork": true})),
			[]string{spec + "hostNetwork"}},
		{"host port", "kubernetes-pod-no-host-ports",
			deployment(containers(container("app", props{"ports": []any{props{"containerPort": 80, "hostPort": 80}}}))),
			[]string{spec + "containers[0].ports[0].hostPort"}},
		{"probe host", "kubernetes-pod-no-host-probes",
			deployment(containers(container("app", props{"livenessProbe": props{"httpGet": props{"host": "10.0.0.1",
				"port": 80}}}))), []string{spec + "containers[0].livenessProbe.httpGet.host"}},
		{"AppArmor Unconfined", "kubernetes-pod-apparmor-profile",
			deployment(containers(securityContext(props{"appArmorProfile": props{"type": "Unconfined"}}))),
			[]string{sc + "appArmorProfile.type"}},
		{"SELinux user", "kubernetes-pod-selinux-options",
			deployment(containers(securityContext(props{"seLinuxOptions": props{"user": "system_u"}}))),
			[]string{sc + "seLinuxOptions.user"}},
		{"unmasked /proc", "kubernetes-pod-default-proc-mount",
			deployment(containers(securityContext(props{"procMount": "Unmasked"}))), []string{sc + "procMount"}},
		{"unsafe sysctl", "kubernetes-pod-safe-sysctls",
			deployment(podWithSC(props{"sysctls": []any{props{"name": "kernel.msgmax", "value": "65536"}}},
				container("app", nil))), []string{spec + "securityContext.sysctls[0]"}},
		{"image latest", "kubernetes-pod-image-pinned",
			deployment(containers(props{"name": "app", "image": "nginx:latest"})),
			[]string{spec + "containers[0].image"}},
		{"no limits", "kubernetes-pod-resource-limits",
			deployment(containers(container("app", nil))), []string{spec + "containers[0].resources.limits"}},
		{"secret in env", "kubernetes-pod-secrets-not-in-env",
			deployment(containers(container("app", props{"env": []any{props{"name": "TOKEN",
				"valueFrom": props{"secretKeyRef": props{"name": "api", "key": "token"}}}}}))),
			[]string{spec + "containers[0].env"}},
		{"secret in envFrom", "kubernetes-pod-secrets-not-in-env",
			deployment(containers(container("app", props{"envFrom": []any{props{"secretRef": props{"name": "api"}}}}))),
			[]string{spec + "containers[0].envFrom"}},
		{"token mounted", "kubernetes-pod-service-account-token-not-mounted",
			deployment(packtest.With(containers(container("app", nil)), props{"automountServiceAccountToken": true})),
			[]string{spec + "automountServiceAccountToken"}},
		{"token unset", "kubernetes-pod-service-account-token-not-mounted",
			deployment(containers(container("app", nil))), []string{spec + "automountServiceAccountToken"}},
		{"privileged PodSecurityPolicy", "kubernetes-pod-security-policy-not-privileged",
			packtest.Resource("kubernetes:policy/v1beta1:PodSecurityPolicy", "agents",
				props{"spec": props{"privileged": true}}), []string{"spec.privileged"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			policy := packtest.Find(t, Policies(), tc.rule)
			policy.Supersedes = nil // the rule runs alone
			a, err := pack.NewAnalyzer(pack.Pack{Name: "paths", Version: "0.0.1", Policies: []pack.Policy{policy}})
			require.NoError(t, err)
			var got []string
			for _, f := range a.Findings([]plugin.AnalyzerResource{tc.resource}, packtest.Stack(tc.resource)) {
				got = append(got, f.Path)
			}
			assert.ElementsMatch(t, tc.want, got)
		})
	}
}
