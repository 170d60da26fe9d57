package kubernetes

import (
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// Rules on the kernel's confinement of a pod's containers that the Pod Security Standards'
// baseline profile keeps in place: the AppArmor and SELinux profiles, the masks over /proc, and
// the kernel parameters (sysctls) a pod may set.

func init() {
	register(podAppArmorProfile, podSELinuxOptions, podDefaultProcMount, podSafeSysctls)
}

// appArmorAnnotationPrefix starts the annotations that set a container's AppArmor profile
// before Kubernetes 1.30 gave securityContext.appArmorProfile; kubelets still honor them.
const appArmorAnnotationPrefix = "container.apparmor.security.beta.kubernetes.io/"

// confinedAppArmor are the appArmorProfile types that confine a container.
var confinedAppArmor = []string{"RuntimeDefault", "Localhost"}

var podAppArmorProfile = pack.Policy{
	Name:        "kubernetes-pod-apparmor-profile",
	DisplayName: "Containers keep an AppArmor profile",
	Description: "No pod or container turns its AppArmor profile off: securityContext.appArmorProfile.type, on the " +
		"pod or a container, is RuntimeDefault or Localhost, and no container.apparmor.security.beta.kubernetes.io " +
		"annotation asks for anything but runtime/default or a localhost/ profile. Unconfined lifts the " +
		"runtime's default profile, which blocks mounts, writes to /proc and /sys and other ways out of the container.",
	Severity:  pack.Medium,
	Framework: frameworks.PodSecurityStandard("Baseline", "AppArmor"),
	Tags:      []string{"kubernetes", "pod-security", "isolation", "pss:baseline"},
	Remediation: "Remove the Unconfined appArmorProfile (the runtime's default profile then applies) or set its type " +
		"to RuntimeDefault or Localhost with localhostProfile; remove container.apparmor.security.beta.kubernetes.io " +
		"annotations whose value is unconfined.",
	Types:    kubernetesWorkloadAndPatchTypes,
	Resource: podRule(checkPodAppArmorProfile),
}

func checkPodAppArmorProfile(c *pack.Check, pod podSpec) {
	if profile := pod.podSecurity("appArmorProfile"); profile.Exists() {
		if typ := profile.Get("type"); !slices.Contains(confinedAppArmor, typ.Text("")) {
			c.ViolateAt(typ.Path(), "%s: %s is %v, which lifts AppArmor confinement from every container: set it to "+
				"RuntimeDefault or Localhost", pod.what, typ.Path(), typ)
		}
	}
	for _, ct := range pod.containers() {
		if profile := ct.security("appArmorProfile"); profile.Exists() {
			if typ := profile.Get("type"); !slices.Contains(confinedAppArmor, typ.Text("")) {
				c.ViolateAt(typ.Path(),
					"%s: %s: %s is %v, which lifts AppArmor confinement: set it to RuntimeDefault or "+
						"Localhost", pod.what, ct, typ.Path(), typ)
			}
		}
	}
	for key, value := range pod.meta.Get("annotations").Entries() {
		if !strings.HasPrefix(key, appArmorAnnotationPrefix) {
			continue
		}
		if v := value.Text(""); v == "" || v == "runtime/default" || strings.HasPrefix(v, "localhost/") {
			continue
		}
		c.ViolateAt(value.Path(),
			"%s: annotation %s is %v: only runtime/default or a localhost/ profile keep the container "+
				"confined; use securityContext.appArmorProfile instead", pod.what, value.Path(), value)
	}
}

// allowedSELinuxTypes are the SELinux types the Pod Security Standards let a pod or container
// set ("" leaves the runtime's choice).
var allowedSELinuxTypes = []string{"", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"}

var podSELinuxOptions = pack.Policy{
	Name:        "kubernetes-pod-selinux-options",
	DisplayName: "Containers keep their SELinux context",
	Description: "No pod or container sets securityContext.seLinuxOptions to a type other than container_t, " +
		"container_init_t, container_kvm_t or container_engine_t, or sets an SELinux user or role: another type " +
		"(spc_t, unconfined_t) or a custom user or role takes the container out of the policy that separates it " +
		"from the node and from other containers.",
	Severity:  pack.Medium,
	Framework: frameworks.PodSecurityStandard("Baseline", "SELinux"),
	Tags:      []string{"kubernetes", "pod-security", "isolation", "pss:baseline"},
	Remediation: "Remove seLinuxOptions.user and seLinuxOptions.role, and remove seLinuxOptions.type or set it to " +
		"container_t (container_init_t, container_kvm_t and container_engine_t are allowed too); seLinuxOptions.level " +
		"may stay.",
	Types:    kubernetesWorkloadAndPatchTypes,
	Resource: podRule(checkPodSELinuxOptions),
}

func checkPodSELinuxOptions(c *pack.Check, pod podSpec) {
	check := func(who string, opts pack.Value) {
		if typ := opts.Get("type"); !slices.Contains(allowedSELinuxTypes, typ.Text("")) {
			c.ViolateAt(typ.Path(),
				"%s: %s sets %s to %v, outside the container types: remove it or set container_t", pod.what,
				who, typ.Path(), typ)
		}
		for _, field := range []string{"user", "role"} {
			if v := opts.Get(field); v.Text("") != "" {
				c.ViolateAt(v.Path(), "%s: %s sets %s to %v: remove it, containers may not choose their SELinux %s",
					pod.what, who, v.Path(), v, field)
			}
		}
	}
	check("the pod", pod.podSecurity("seLinuxOptions"))
	for _, ct := range pod.containers() {
		check(ct.String(), ct.security("seLinuxOptions"))
	}
}

var podDefaultProcMount = pack.Policy{
	Name:        "kubernetes-pod-default-proc-mount",
	DisplayName: "Containers keep the default /proc masks",
	Description: "No container sets securityContext.procMount to anything but Default: Unmasked lifts the masks and " +
		"read-only paths the runtime puts over /proc, which expose the node's kernel settings and hardware. The " +
		"baseline profile allows it in pods with a user namespace of their own (hostUsers: false); the restricted " +
		"profile, which this rule follows, never does.",
	Severity:  pack.Medium,
	Framework: frameworks.PodSecurityStandard("Baseline", "/proc Mount Type"),
	Tags:      []string{"kubernetes", "pod-security", "isolation", "pss:restricted"},
	Remediation: "Remove securityContext.procMount (it defaults to Default). Nested container runtimes that need an " +
		"unmasked /proc should run with hostUsers: false in a namespace of their own, where this rule can be " +
		"set to advisory or disabled.",
	Types:    kubernetesWorkloadAndPatchTypes,
	Resource: podRule(checkPodDefaultProcMount),
}

func checkPodDefaultProcMount(c *pack.Check, pod podSpec) {
	for _, ct := range pod.containers() {
		if pm := ct.security("procMount"); pm.Exists() && pm.Text("") != "Default" {
			c.ViolateAt(pm.Path(), "%s: %s sets %s to %v, which unmasks /proc: remove it", pod.what, ct, pm.Path(), pm)
		}
	}
}

// safeSysctls are the sysctls the Pod Security Standards (policy version v1.37) let any pod set:
// namespaced to the pod and isolated from the node and other pods. The kubelet allows them by
// default; every other sysctl needs the node's --allowed-unsafe-sysctls.
var safeSysctls = []string{
	"kernel.shm_rmid_forced",
	"net.ipv4.ip_local_port_range",
	"net.ipv4.ip_local_reserved_ports",
	"net.ipv4.ip_unprivileged_port_start",
	"net.ipv4.ping_group_range",
	"net.ipv4.tcp_fin_timeout",
	"net.ipv4.tcp_keepalive_intvl",
	"net.ipv4.tcp_keepalive_probes",
	"net.ipv4.tcp_keepalive_time",
	"net.ipv4.tcp_notsent_lowat",
	"net.ipv4.tcp_rmem",
	"net.ipv4.tcp_slow_start_after_idle",
	"net.ipv4.tcp_syncookies",
	"net.ipv4.tcp_wmem",
}

var podSafeSysctls = pack.Policy{
	Name:        "kubernetes-pod-safe-sysctls",
	DisplayName: "Pods set only safe sysctls",
	Description: "A pod's securityContext.sysctls set only the kernel parameters the Pod Security Standards call " +
		"safe (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies and a few more " +
		"net.ipv4 ones): the others are not isolated to the pod and change, or weaken, the node and its other pods.",
	Severity:  pack.Medium,
	Framework: frameworks.PodSecurityStandard("Baseline", "Sysctls"),
	Tags:      []string{"kubernetes", "pod-security", "isolation", "pss:baseline"},
	Remediation: "Remove the sysctl from spec.securityContext.sysctls. A workload that truly needs it should run on " +
		"dedicated nodes whose kubelet allows it (--allowed-unsafe-sysctls), with this rule disabled for it.",
	Types:    kubernetesWorkloadAndPatchTypes,
	Resource: podRule(checkPodSafeSysctls),
}

func checkPodSafeSysctls(c *pack.Check, pod podSpec) {
	for _, sysctl := range known.ValuesFirst(pod.podSecurity("sysctls").Items()) {
		if name := sysctl.Get("name"); !slices.Contains(safeSysctls, name.Text("")) {
			c.ViolateAt(sysctl.Path(),
				"%s: %s sets the unsafe sysctl %v, which is not isolated to the pod: remove it", pod.what,
				sysctl.Path(), name)
		}
	}
}
