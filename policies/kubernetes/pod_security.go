package kubernetes

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// Rules on the security contexts of pods and their containers (CIS Kubernetes Benchmark 5.2,
// the Pod Security Standards' baseline and restricted profiles). Every rule reads the pod spec
// through the walker in workloads.go.

func init() {
	register(
		podNoPrivilegedContainers,
		podNoPrivilegeEscalation,
		podRunAsNonRoot,
		podReadOnlyRootFilesystem,
		podCapabilitiesDropAll,
		podNoDangerousCapabilities,
		podSeccompProfile,
		podSecurityPolicyNotPrivileged,
	)
}

var podNoPrivilegedContainers = pack.Policy{
	Name:        "kubernetes-pod-no-privileged-containers",
	DisplayName: "Pods run no privileged containers",
	Description: "No container of a pod or of a workload's pod template runs privileged, or as a Windows " +
		"HostProcess container: either has the power of root on the node itself.",
	Severity:  pack.Critical,
	Framework: frameworks.CISKubernetes("5.2.2"),
	Tags:      []string{"kubernetes", "pod-security", "privilege", "cis:5.2.11", "pss:baseline"},
	// A privileged container that does not set allowPrivilegeEscalation escalates because it is
	// privileged: one finding says it.
	Supersedes: []string{"kubernetes-pod-no-privilege-escalation"},
	Remediation: "Remove securityContext.privileged (it defaults to false) and add only the Linux capabilities " +
		"the container needs with securityContext.capabilities.add. For Windows, remove " +
		"securityContext.windowsOptions.hostProcess from the pod and its containers.",
	Types:    kubernetesWorkloadAndPatchTypes,
	Resource: podRule(checkPodPrivileged),
}

func checkPodPrivileged(c *pack.Check, pod podSpec) {
	for _, ct := range pod.containers() {
		if priv := ct.security("privileged"); priv.Bool(false) {
			c.ViolateAt(priv.Path(), "%s: %s runs privileged, with every capability and device of the node: remove "+
				"securityContext.privileged or set it to false", pod.what, ct)
		}
		if hp := ct.security("windowsOptions", "hostProcess"); hp.Bool(false) {
			c.ViolateAt(hp.Path(), "%s: %s is a Windows HostProcess container, a process on the node itself: remove %s",
				pod.what, ct, hp.Path())
		}
	}
	// HostProcess set on the pod applies to every container (Kubernetes rejects a container that
	// sets it to false then), so it is a violation on its own.
	if hp := pod.podSecurity("windowsOptions", "hostProcess"); hp.Bool(false) {
		c.ViolateAt(hp.Path(), "%s: %s makes every container a Windows HostProcess container, a process on the node "+
			"itself: remove it", pod.what, hp.Path())
	}
}

var podNoPrivilegeEscalation = pack.Policy{
	Name:        "kubernetes-pod-no-privilege-escalation",
	DisplayName: "Containers cannot escalate their privileges",
	Description: "Every container sets securityContext.allowPrivilegeEscalation to false. Kubernetes lets a " +
		"process gain more privileges than its parent (setuid binaries, file capabilities) unless it is set " +
		"to false, and always allows it for privileged containers.",
	Severity:  pack.Medium,
	Framework: frameworks.CISKubernetes("5.2.6"),
	Tags:      []string{"kubernetes", "pod-security", "privilege", "pss:restricted"},
	Remediation: "Set securityContext.allowPrivilegeEscalation: false on every container, init container and " +
		"ephemeral container (pods with spec.os.name windows are exempt: Kubernetes forbids the field there).",
	Types:    kubernetesWorkloadAndPatchTypes,
	Resource: podRule(checkPodPrivilegeEscalation),
}

func checkPodPrivilegeEscalation(c *pack.Check, pod podSpec) {
	for _, ct := range pod.containers() {
		ape := ct.security("allowPrivilegeEscalation")
		switch {
		case ape.Exists():
			if ape.Bool(true) {
				c.ViolateAt(ape.Path(), "%s: %s sets %s to true: set it to false", pod.what, ct, ape.Path())
			}
		case pod.partial:
			// A patch that does not set the field leaves the cluster's value alone.
		case ct.security("privileged").Bool(false):
			// The finding is about privileged, which kubernetes-pod-no-privileged-containers reports too.
			c.ViolateAt(ct.security("privileged").Path(),
				"%s: %s runs privileged, which always allows privilege escalation: remove "+
					"securityContext.privileged and set securityContext.allowPrivilegeEscalation to false", pod.what, ct)
		case pod.windows():
			// Kubernetes forbids allowPrivilegeEscalation in Windows pods.
		default:
			c.ViolateAt(ape.Path(),
				"%s: %s does not set securityContext.allowPrivilegeEscalation, which then defaults to "+
					"allowing it: set it to false", pod.what, ct)
		}
	}
}

var podRunAsNonRoot = pack.Policy{
	Name:        "kubernetes-pod-run-as-non-root",
	DisplayName: "Containers run as a non-root user",
	Description: "Every container must run as a non-root user: its securityContext sets runAsNonRoot: true, or the " +
		"pod's does and the container does not set it to false, and neither the pod nor any container sets " +
		"runAsUser: 0. Otherwise the image decides, and most images run as root (a non-zero runAsUser alone is " +
		"not enough: the Pod Security Standards' restricted profile asks for runAsNonRoot). Pods with a user " +
		"namespace of their own (hostUsers: false), whose root is no root of the node, are exempt.",
	Severity:  pack.Medium,
	Framework: frameworks.CISKubernetes("5.2.7"),
	Tags:      []string{"kubernetes", "pod-security", "privilege", "pss:restricted"},
	Remediation: "Set securityContext.runAsNonRoot: true on the pod (spec.securityContext) or on each container, " +
		"and a non-zero runAsUser if the image's USER is root or a name; never set runAsUser: 0.",
	Types:    kubernetesWorkloadAndPatchTypes,
	Resource: podRule(checkPodRunAsNonRoot),
}

func checkPodRunAsNonRoot(c *pack.Check, pod podSpec) {
	if pod.userNamespace() {
		return
	}
	if user := pod.podSecurity("runAsUser"); user.Exists() && user.Int(0) == 0 {
		c.ViolateAt(user.Path(),
			"%s: %s is 0, which runs every container that does not set its own user as root: set a "+
				"non-zero runAsUser and runAsNonRoot: true", pod.what, user.Path())
	}
	podNonRoot := pod.podSecurity("runAsNonRoot")
	if podNonRoot.Exists() && !podNonRoot.Bool(false) {
		c.ViolateAt(podNonRoot.Path(), "%s: %s is false: set it to true", pod.what, podNonRoot.Path())
	}
	for _, ct := range pod.containers() {
		if user := ct.security("runAsUser"); user.Exists() && user.Int(0) == 0 {
			c.ViolateAt(user.Path(), "%s: %s runs as root: %s is 0; set a non-zero runAsUser and runAsNonRoot: true",
				pod.what, ct, user.Path())
			continue
		}
		nonRoot := ct.security("runAsNonRoot")
		switch {
		case nonRoot.Exists():
			if !nonRoot.Bool(false) {
				c.ViolateAt(nonRoot.Path(), "%s: %s sets %s to false: set it to true", pod.what, ct, nonRoot.Path())
			}
		case pod.partial, podNonRoot.Bool(false):
			// A patch leaves the cluster's values alone; the pod's true covers the container.
		default:
			c.ViolateAt(nonRoot.Path(), "%s: %s may run as root: neither its securityContext nor the pod's sets "+
				"runAsNonRoot: true, so the image's user applies; set runAsNonRoot: true", pod.what, ct)
		}
	}
}

var podReadOnlyRootFilesystem = pack.Policy{
	Name:        "kubernetes-pod-read-only-root-filesystem",
	DisplayName: "Containers have a read-only root filesystem",
	Description: "Every container sets securityContext.readOnlyRootFilesystem: true, so that an intruder cannot " +
		"change the container's binaries or drop tools into it (the default is a writable root filesystem).",
	Severity:  pack.Low,
	Framework: frameworks.NSAKubernetesHardening("Kubernetes Pod security: Immutable container file systems"),
	Tags:      []string{"kubernetes", "pod-security", "filesystem", "cis:5.7.3"},
	Remediation: "Set securityContext.readOnlyRootFilesystem: true on each container and mount an emptyDir " +
		"volume where the process must write (/tmp, caches). Pods with spec.os.name windows are exempt.",
	Types:    kubernetesWorkloadAndPatchTypes,
	Resource: podRule(checkPodReadOnlyRootFilesystem),
}

func checkPodReadOnlyRootFilesystem(c *pack.Check, pod podSpec) {
	for _, ct := range pod.containers() {
		ro := ct.security("readOnlyRootFilesystem")
		switch {
		case ro.Exists():
			if !ro.Bool(false) {
				c.ViolateAt(ro.Path(), "%s: %s sets %s to false: set it to true", pod.what, ct, ro.Path())
			}
		case pod.partial, pod.windows():
		default:
			c.ViolateAt(ro.Path(),
				"%s: %s has a writable root filesystem: set securityContext.readOnlyRootFilesystem to true",
				pod.what, ct)
		}
	}
}

var podCapabilitiesDropAll = pack.Policy{
	Name:        "kubernetes-pod-capabilities-drop-all",
	DisplayName: "Containers drop all Linux capabilities",
	Description: "Every container drops all Linux capabilities (securityContext.capabilities.drop includes " +
		"\"ALL\") and adds back at most NET_BIND_SERVICE, as the Pod Security Standards' restricted profile " +
		"requires; otherwise it keeps the container runtime's default set, NET_RAW included.",
	Severity:  pack.Medium,
	Framework: frameworks.CISKubernetes("5.2.10"),
	Tags:      []string{"kubernetes", "pod-security", "privilege", "cis:5.2.8", "pss:restricted"},
	Remediation: "Set securityContext.capabilities.drop: [\"ALL\"] on each container and add back at most " +
		"NET_BIND_SERVICE (to bind ports below 1024) in capabilities.add. A workload that needs more should run in " +
		"a namespace of its own, with this rule set to advisory for it. Pods with spec.os.name windows are exempt.",
	Types:    kubernetesWorkloadAndPatchTypes,
	Resource: podRule(checkPodCapabilitiesDropAll),
}

func checkPodCapabilitiesDropAll(c *pack.Check, pod podSpec) {
	for _, ct := range pod.containers() {
		if !pod.windows() {
			checkRestrictedCapabilitiesAdded(c, pod, ct)
		}
		drop := ct.security("capabilities", "drop")
		switch {
		case drop.Exists():
			// capabilities.drop is an atomic list: a patch that sets it replaces it whole. A known
			// "ALL" decides even while another item is unknown.
			var dropped []string
			for _, item := range known.ValuesFirst(drop.Items()) {
				name := item.Text("")
				dropped = append(dropped, name)
				if name == "ALL" {
					break
				}
			}
			if slices.Contains(dropped, "ALL") {
				continue
			}
			if slices.ContainsFunc(dropped, func(s string) bool { return strings.EqualFold(s, "ALL") }) {
				c.ViolateAt(drop.Path(),
					"%s: %s: write \"ALL\" in upper case in %s, as Kubernetes Pod Security admission "+
						"requires", pod.what, ct, drop.Path())
				continue
			}
			c.ViolateAt(drop.Path(),
				"%s: %s: %s does not include \"ALL\": drop all capabilities and add back only those "+
					"it needs", pod.what, ct, drop.Path())
		case pod.partial, pod.windows():
		default:
			c.ViolateAt(drop.Path(), "%s: %s keeps the runtime's default Linux capabilities: set "+
				"securityContext.capabilities.drop to [\"ALL\"]", pod.what, ct)
		}
	}
}

// restrictedCapabilities are the capabilities the restricted profile lets a container add back
// after dropping ALL.
var restrictedCapabilities = []string{"NET_BIND_SERVICE"}

// checkRestrictedCapabilitiesAdded reports the capabilities a container adds beyond those of the
// restricted profile.
func checkRestrictedCapabilitiesAdded(c *pack.Check, pod podSpec, ct workloadContainer) {
	add := ct.security("capabilities", "add")
	var added []pack.Value
	for _, item := range known.ValuesFirst(add.Items()) {
		if item.Unknown() && len(added) > 0 {
			break // the known capabilities are already too many
		}
		if !slices.Contains(restrictedCapabilities, item.Text("")) {
			added = append(added, item)
		}
	}
	if len(added) > 0 {
		c.ViolateAt(add.Path(),
			"%s: %s adds back %s in %s: after dropping ALL, add only NET_BIND_SERVICE", pod.what, ct,
			quoteValues(added), add.Path())
	}
}

// baselineCapabilities are the capabilities the Pod Security Standards' baseline profile lets a
// container add: the container runtimes' default set, less NET_RAW.
var baselineCapabilities = []string{
	"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
	"SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
}

type capabilitySettings struct {
	AllowedCapabilities []string `json:"allowedCapabilities"`

	allowed map[string]bool
}

func (s *capabilitySettings) Prepare() error {
	s.allowed = make(map[string]bool, len(s.AllowedCapabilities))
	for _, name := range s.AllowedCapabilities {
		if normalizeCapability(name) == "" {
			return fmt.Errorf("allowedCapabilities: %q is not a capability name", name)
		}
		if normalizeCapability(name) == "ALL" {
			return pack.TurnsRuleOff("allowedCapabilities", fmt.Sprintf("%q lets a container add every capability, "+
				"SYS_ADMIN included, by adding ALL", name), "list the capabilities containers need, such as NET_ADMIN")
		}
		s.allowed[normalizeCapability(name)] = true
	}
	return nil
}

// normalizeCapability writes a capability name the way Kubernetes does: upper case, without the
// CAP_ prefix of the kernel's names ("cap_sys_admin" is SYS_ADMIN).
func normalizeCapability(name string) string {
	name = strings.ToUpper(strings.TrimSpace(name))
	return strings.TrimPrefix(name, "CAP_")
}

var podNoDangerousCapabilities = pack.Policy{
	Name:        "kubernetes-pod-no-dangerous-capabilities",
	DisplayName: "Containers add no dangerous Linux capabilities",
	Description: "No container adds a Linux capability beyond the allowed list (by default the Pod Security " +
		"Standards' baseline: the runtime's default set without NET_RAW). SYS_ADMIN, NET_ADMIN, SYS_PTRACE, " +
		"SYS_MODULE, NET_RAW or ALL let a container escape to the node or attack its network. A capability must be " +
		"written as Kubernetes spells it (CHOWN, not chown or CAP_CHOWN), as Pod Security admission compares it.",
	Severity:  pack.High,
	Framework: frameworks.CISKubernetes("5.2.9"),
	Tags:      []string{"kubernetes", "pod-security", "privilege", "cis:5.2.8", "pss:baseline"},
	Remediation: "Remove the capability from securityContext.capabilities.add. If a workload truly needs it " +
		"(a CNI plugin needs NET_ADMIN), run it in a namespace of its own and add the capability to this " +
		"policy's allowedCapabilities setting.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"allowedCapabilities": pack.StringList("Capabilities a container may add (with or without CAP_, any "+
			"case; ALL, which would allow every one, is refused). Default: the Pod Security Standards' baseline list, AUDIT_WRITE, CHOWN, DAC_OVERRIDE, "+
			"FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID and SYS_CHROOT.",
			baselineCapabilities...),
	}},
	Settings: func() any { return &capabilitySettings{} },
	Types:    kubernetesWorkloadAndPatchTypes,
	Resource: podRule(checkPodDangerousCapabilities),
}

func checkPodDangerousCapabilities(c *pack.Check, pod podSpec) {
	allowed := pack.SettingsOf[capabilitySettings](c).allowed
	for _, ct := range pod.containers() {
		add := ct.security("capabilities", "add")
		var added []pack.Value
		for _, item := range known.ValuesFirst(add.Items()) {
			if item.Unknown() && len(added) > 0 {
				break // the known capabilities are already too many
			}
			// Kubernetes spells capabilities in upper case without CAP_, and Pod Security admission
			// compares them as written: "chown" or "CAP_CHOWN" is no CHOWN to it.
			if !allowed[item.Text("")] {
				added = append(added, item)
			}
		}
		if len(added) > 0 {
			c.ViolateAt(add.Path(),
				"%s: %s adds the capabilities %s in %s, beyond the allowed list: remove them (Kubernetes "+
					"spells allowed ones in upper case without CAP_)", pod.what, ct, quoteValues(added), add.Path())
		}
	}
}

// quoteValues renders values for a message, each through pack.Redact: `"a", "b"`.
func quoteValues(values []pack.Value) string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = v.String()
	}
	return strings.Join(out, ", ")
}

var podSeccompProfile = pack.Policy{
	Name:        "kubernetes-pod-seccomp-profile",
	DisplayName: "Containers run with a seccomp profile",
	Description: "Every container runs with the RuntimeDefault or a Localhost seccomp profile, set in its " +
		"securityContext.seccompProfile or the pod's, and neither the pod nor a container sets Unconfined. " +
		"Unset, Kubernetes runs containers Unconfined, with every system call open to them (unless the " +
		"kubelet's seccompDefault is on, which a workload cannot count on).",
	Severity:  pack.Medium,
	Framework: frameworks.CISKubernetes("5.7.2"),
	Tags:      []string{"kubernetes", "pod-security", "privilege", "pss:restricted"},
	Remediation: "Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod (or on each " +
		"container). The seccomp.security.alpha.kubernetes.io annotations no longer work since Kubernetes " +
		"1.27. Pods with spec.os.name windows are exempt.",
	Types:    kubernetesWorkloadAndPatchTypes,
	Resource: podRule(checkPodSeccompProfile),
}

// confinedSeccomp are the seccomp profile types that filter system calls.
var confinedSeccomp = []string{"RuntimeDefault", "Localhost"}

func checkPodSeccompProfile(c *pack.Check, pod podSpec) {
	// An explicit profile that filters nothing is wrong wherever it is set, even on a pod whose
	// containers all set their own.
	podType := pod.podSecurity("seccompProfile", "type")
	podConfined := false
	if pod.podSecurity("seccompProfile").Exists() {
		if podConfined = slices.Contains(confinedSeccomp, podType.Text("")); !podConfined {
			c.ViolateAt(podType.Path(), "%s: %s is %v: set it to RuntimeDefault", pod.what, podType.Path(), podType)
		}
	}
	for _, ct := range pod.containers() {
		switch typ := ct.security("seccompProfile", "type"); {
		case ct.security("seccompProfile").Exists():
			if !slices.Contains(confinedSeccomp, typ.Text("")) {
				c.ViolateAt(typ.Path(), "%s: %s: %s is %v: set it to RuntimeDefault", pod.what, ct, typ.Path(), typ)
			}
		case podConfined, pod.podSecurity("seccompProfile").Exists(), pod.partial, pod.windows():
			// The pod's profile applies (reported above if it filters nothing); a patch leaves the
			// cluster's value alone; Kubernetes forbids seccomp in Windows pods.
		default:
			c.ViolateAt(typ.Path(), "%s: %s runs without a seccomp profile (Unconfined): set "+
				"securityContext.seccompProfile.type to RuntimeDefault on the pod or the container", pod.what, ct)
		}
	}
}

// podSecurityPolicyTypes are the PodSecurityPolicy tokens: Kubernetes removed the API in 1.25,
// but pulumi-kubernetes v4 still registers them and older stacks hold them.
var podSecurityPolicyTypes = []string{
	"kubernetes:policy/v1beta1:PodSecurityPolicy",
	"kubernetes:policy/v1beta1:PodSecurityPolicyPatch",
	"kubernetes:extensions/v1beta1:PodSecurityPolicy",
	"kubernetes:extensions/v1beta1:PodSecurityPolicyPatch",
}

var podSecurityPolicyNotPrivileged = pack.Policy{
	Name:        "kubernetes-pod-security-policy-not-privileged",
	DisplayName: "PodSecurityPolicies do not admit privileged pods",
	Description: "No PodSecurityPolicy sets privileged: true, which admits privileged containers for every " +
		"service account allowed to use the policy (clusters before Kubernetes 1.25).",
	Severity:  pack.High,
	Framework: frameworks.CISKubernetes("5.2.2"),
	Tags:      []string{"kubernetes", "pod-security", "privilege"},
	Remediation: "Remove spec.privileged from the PodSecurityPolicy (it defaults to false), or keep it in a " +
		"policy of its own that only the system workloads needing it may use. PodSecurityPolicy is gone since " +
		"Kubernetes 1.25: move to Pod Security admission (the baseline profile forbids privileged pods).",
	Types: podSecurityPolicyTypes,
	Resource: func(c *pack.Check, r *pack.Resource) {
		if v := r.Get("spec", "privileged"); v.Bool(false) {
			c.ViolateAt(v.Path(), "PodSecurityPolicy %s: %s is true, which admits privileged containers: remove it",
				r.Name, v.Path())
		}
	},
}
