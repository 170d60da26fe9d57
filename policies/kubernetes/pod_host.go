package kubernetes

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// Rules on what of the node a pod reaches: its namespaces (network, PID, IPC), its filesystem
// (hostPath volumes) and its ports (hostPort). Each is a way out of the container's isolation.

func init() {
	register(
		hostNamespaceRule("hostNetwork", "kubernetes-pod-no-host-network", "5.2.5",
			"Pods do not use the node's network namespace",
			"the node's network namespace: it sees every interface of the node, reaches services bound to "+
				"the node's localhost and can sniff other pods' traffic"),
		hostNamespaceRule("hostPID", "kubernetes-pod-no-host-pid", "5.2.3",
			"Pods do not share the node's process namespace",
			"the node's process ID namespace: it sees every process of the node and, with ptrace, can "+
				"read their memory and environment"),
		hostNamespaceRule("hostIPC", "kubernetes-pod-no-host-ipc", "5.2.4",
			"Pods do not share the node's IPC namespace",
			"the node's IPC namespace: it can read and write the shared memory of every process on the node"),
		podNoHostPathVolumes,
		podNoHostPorts,
		podNoHostProbes,
	)
}

// hostNamespaceRule makes the rule that forbids one of the pod spec's host namespace flags.
func hostNamespaceRule(field, name, cis, displayName, shares string) pack.Policy {
	return pack.Policy{
		Name:        name,
		DisplayName: displayName,
		Description: fmt.Sprintf("No pod sets %s: true, which puts it in %s.", field, shares),
		Severity:    pack.High,
		Framework:   frameworks.CISKubernetes(cis),
		Tags:        []string{"kubernetes", "pod-security", "isolation", "pss:baseline"},
		Remediation: fmt.Sprintf("Remove %s from the pod spec (it defaults to false). Run the few system "+
			"workloads that need it (node agents, CNI plugins) in a namespace of their own.", field),
		Types: kubernetesWorkloadAndPatchTypes,
		Resource: podRule(func(c *pack.Check, pod podSpec) {
			if v := pod.spec.Get(field); v.Bool(false) {
				c.ViolateAt(v.Path(), "%s: %s is true, which puts the pod in %s: remove it", pod.what, v.Path(), shares)
			}
		}),
	}
}

type hostPathSettings struct {
	AllowedPathPrefixes []string `json:"allowedPathPrefixes"`

	prefixes []string
}

func (s *hostPathSettings) Prepare() error {
	s.prefixes = nil
	for _, p := range s.AllowedPathPrefixes {
		if strings.TrimSpace(p) == "" {
			return hostPathAllowsEverything("an empty prefix")
		}
		if !strings.HasPrefix(strings.TrimSpace(p), "/") {
			return fmt.Errorf("allowedPathPrefixes: %q is a relative path, which no host path a pod mounts "+
				"starts with; write absolute paths, such as \"/var/log\"", p)
		}
		prefix := path.Clean(strings.TrimSpace(p))
		if prefix == "/" {
			return hostPathAllowsEverything(fmt.Sprintf("%q, the node's root directory,", p))
		}
		s.prefixes = append(s.prefixes, prefix)
	}
	return nil
}

// hostPathAllowsEverything refuses an allowed prefix that every host path starts with.
func hostPathAllowsEverything(prefix string) error {
	return pack.TurnsRuleOff("allowedPathPrefixes", prefix+" allows every host path",
		`list the directories that may be mounted, such as "/var/log"`)
}

// allows reports whether a host path lies under an allowed prefix, directory by directory:
// "/var/log" allows "/var/log" and "/var/log/pods", not "/var/logs". Paths are cleaned first, so
// "/var/log/../../etc" is "/etc".
func (s *hostPathSettings) allows(hostPath string) bool {
	p := path.Clean(strings.TrimSpace(hostPath))
	for _, prefix := range s.prefixes {
		if p == prefix || strings.HasPrefix(p, prefix+"/") {
			return true
		}
	}
	return false
}

var podNoHostPathVolumes = pack.Policy{
	Name:        "kubernetes-pod-no-host-path-volumes",
	DisplayName: "Pods mount no hostPath volumes",
	Description: "No pod mounts a directory of the node through a hostPath volume, except under the allowed " +
		"path prefixes: a hostPath volume exposes the node's files (credentials, the container runtime's " +
		"socket) and, written to, lets a container take over the node.",
	Severity:  pack.High,
	Framework: frameworks.CISKubernetes("5.2.12"),
	Tags:      []string{"kubernetes", "pod-security", "isolation", "pss:baseline"},
	// A hostPath volume is also a volume type the restricted profile forbids: one finding says it.
	Supersedes: []string{"kubernetes-pod-restricted-volume-types"},
	Remediation: "Use an emptyDir, configMap, secret, projected or persistentVolumeClaim volume instead. A node " +
		"agent that must read the node's files (logs under /var/log) can be allowed with this policy's " +
		"allowedPathPrefixes setting; mount such volumes readOnly.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"allowedPathPrefixes": pack.StringList("Host paths pods may mount, as prefixes matched directory by " +
			"directory (\"/var/log\" allows /var/log and /var/log/pods, not /var/logs; \"/\", which would allow " +
			"everything, is refused). Default: none."),
	}},
	Settings: func() any { return &hostPathSettings{} },
	Types:    kubernetesWorkloadAndPatchTypes,
	Resource: podRule(checkPodHostPathVolumes),
}

func checkPodHostPathVolumes(c *pack.Check, pod podSpec) {
	settings := pack.SettingsOf[hostPathSettings](c)
	for _, vol := range pod.volumes() {
		hostPath := vol.Get("hostPath")
		if !hostPath.Exists() {
			continue
		}
		p := hostPath.Get("path")
		if settings.allows(p.Text("")) {
			continue
		}
		c.ViolateAt(vol.Path(), "%s: volume %v (%s) mounts the node's path %v: use another volume type, or allow "+
			"the path in allowedPathPrefixes", pod.what, vol.Get("name"), vol.Path(), p)
	}
}

type hostPortSettings struct {
	AllowedHostPorts []int `json:"allowedHostPorts"`
}

var podNoHostPorts = pack.Policy{
	Name:        "kubernetes-pod-no-host-ports",
	DisplayName: "Containers bind no ports of the node",
	Description: "No container binds a port of the node (ports[].hostPort), except the allowed ones: a host " +
		"port exposes the pod on the node's address, outside of Services and network policies, and ties it to " +
		"one pod per node.",
	Severity:  pack.Medium,
	Framework: frameworks.CISKubernetes("5.2.13"),
	Tags:      []string{"kubernetes", "pod-security", "network", "pss:baseline"},
	Remediation: "Remove hostPort and expose the pod through a Service (ClusterIP, NodePort or LoadBalancer). " +
		"An ingress controller that must listen on the node can be allowed with this policy's " +
		"allowedHostPorts setting.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"allowedHostPorts": pack.IntegerList("Host ports containers may bind. Default: none.", 1, 65535),
	}},
	Settings: func() any { return &hostPortSettings{} },
	Types:    kubernetesWorkloadAndPatchTypes,
	Resource: podRule(checkPodHostPorts),
}

func checkPodHostPorts(c *pack.Check, pod podSpec) {
	allowed := pack.SettingsOf[hostPortSettings](c).AllowedHostPorts
	for _, ct := range pod.containers() {
		for _, port := range known.ValuesFirst(ct.value.Get("ports").Items()) {
			hostPort := port.Get("hostPort")
			n := hostPort.Int(0)
			if n == 0 || slices.Contains(allowed, n) {
				continue
			}
			c.ViolateAt(hostPort.Path(), "%s: %s binds port %v of the node (%s): remove hostPort and use a Service",
				pod.what, ct, hostPort, hostPort.Path())
		}
	}
}

// containerHandlers are the probes and lifecycle hooks of a container, each of which may reach
// out over HTTP or TCP.
var containerHandlers = [][]string{
	{"livenessProbe"}, {"readinessProbe"}, {"startupProbe"}, {"lifecycle", "postStart"}, {"lifecycle", "preStop"},
}

var podNoHostProbes = pack.Policy{
	Name:        "kubernetes-pod-no-host-probes",
	DisplayName: "Probes and lifecycle hooks reach only their own pod",
	Description: "No container's probe (liveness, readiness, startup) or lifecycle hook (postStart, preStop) sets " +
		"httpGet.host or tcpSocket.host. The kubelet makes those requests from the node, so a host lets a pod " +
		"send requests to any address the node can reach, the node's own services included, and read whether " +
		"they answer.",
	Severity:  pack.Medium,
	Framework: frameworks.PodSecurityStandard("Baseline", "Host Probes / Lifecycle Hooks"),
	Tags:      []string{"kubernetes", "pod-security", "network", "pss:baseline"},
	Remediation: "Remove host from httpGet and tcpSocket: the kubelet then probes the pod's own IP address. To " +
		"check a dependency, probe an endpoint of the container that checks it.",
	Types:    kubernetesWorkloadAndPatchTypes,
	Resource: podRule(checkPodHostProbes),
}

func checkPodHostProbes(c *pack.Check, pod podSpec) {
	for _, ct := range pod.containers() {
		for _, handler := range containerHandlers {
			h := ct.value.Get(handler...)
			for _, action := range []string{"httpGet", "tcpSocket"} {
				if host := h.Get(action, "host"); host.Text("") != "" {
					c.ViolateAt(host.Path(),
						"%s: %s: %s is %v, so the kubelet sends it to that address from the node: remove it",
						pod.what, ct, host.Path(), host)
				}
			}
		}
	}
}
