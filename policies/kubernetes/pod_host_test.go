package kubernetes

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/stretchr/testify/assert"
)

func TestPodNoHostNamespaces(t *testing.T) {
	for _, ns := range []struct{ rule, field string }{
		{"kubernetes-pod-no-host-network", "hostNetwork"},
		{"kubernetes-pod-no-host-pid", "hostPID"},
		{"kubernetes-pod-no-host-ipc", "hostIPC"},
	} {
		spec := containers(hardenedContainer("app"))
		packtest.Run(t, Policies(), ns.rule, []packtest.Case{
			{Name: ns.field + " true", Want: packtest.Violation, Count: 1,
				Message:  "Deployment web: spec.template.spec." + ns.field + " is true, which puts the pod in the node's",
				Resource: deployment(packtest.With(spec, props{ns.field: true}))},
			{Name: ns.field + " true on a Pod", Want: packtest.Violation, Message: "Pod web: spec." + ns.field + " is true",
				Resource: pod(packtest.With(spec, props{ns.field: true}))},
			{Name: ns.field + " true on a CronJob", Want: packtest.Violation,
				Message:  "spec.jobTemplate.spec.template.spec." + ns.field + " is true",
				Resource: cronJob("kubernetes:batch/v1:CronJob", packtest.With(spec, props{ns.field: true}))},
			{Name: ns.field + " false", Want: packtest.Pass, Resource: deployment(packtest.With(spec, props{ns.field: false}))},
			{Name: ns.field + " unset", Want: packtest.Pass, Resource: deployment(spec)},
			{Name: "another host namespace is another rule's", Want: packtest.Pass,
				Resource: deployment(packtest.With(spec, props{"hostUsers": true, "shareProcessNamespace": true}))},
			{Name: ns.field + " true in a patch", Want: packtest.Violation, Message: "DeploymentPatch web",
				Resource: deploymentPatch(props{ns.field: true})},
			{Name: ns.field + " unknown", Want: packtest.NotApplicable,
				Message:  unknownValue + "spec.template.spec." + ns.field,
				Resource: deployment(packtest.With(spec, props{ns.field: packtest.Unknown}))},
		})
	}
}

func TestPodNoHostPathVolumes(t *testing.T) {
	volumes := func(vs ...any) props {
		return packtest.With(containers(hardenedContainer("app")), props{"volumes": vs})
	}
	hostPath := func(name string, path any) props {
		return props{"name": name, "hostPath": props{"path": path, "type": "Directory"}}
	}
	logs := map[string]any{"allowedPathPrefixes": []any{"/var/log/", "/etc/ssl/certs"}}
	packtest.Run(t, Policies(), "kubernetes-pod-no-host-path-volumes", []packtest.Case{
		{Name: "runtime socket", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: volume "docker" (spec.template.spec.volumes[0]) mounts the node's path ` +
				`"/var/run/docker.sock": use another volume type, or allow the path in allowedPathPrefixes`,
			Resource: deployment(volumes(hostPath("docker", "/var/run/docker.sock")))},
		{Name: "each hostPath volume", Want: packtest.Violation, Count: 2,
			Message: `volume "root" (spec.template.spec.volumes[2])`,
			Resource: deployment(volumes(hostPath("logs", "/var/log"), props{"name": "tmp", "emptyDir": props{}},
				hostPath("root", "/")))},
		{Name: "no volumes", Want: packtest.Pass, Resource: deployment(containers(hardenedContainer("app")))},
		{Name: "other volume types", Want: packtest.Pass,
			Resource: deployment(volumes(props{"name": "tmp", "emptyDir": props{}},
				props{"name": "data", "persistentVolumeClaim": props{"claimName": "data"}},
				props{"name": "cfg", "configMap": props{"name": "cfg"}}))},
		{Name: "allowed prefix itself", Want: packtest.Pass, Config: logs,
			Resource: deployment(volumes(hostPath("logs", "/var/log")))},
		{Name: "under an allowed prefix", Want: packtest.Pass, Config: logs,
			Resource: deployment(volumes(hostPath("pods", "/var/log/pods/"), hostPath("certs", "/etc/ssl/certs/ca.pem")))},
		{Name: "a sibling sharing the prefix's letters", Want: packtest.Violation, Config: logs,
			Message: `"/var/logs"`, Resource: deployment(volumes(hostPath("logs", "/var/logs")))},
		{Name: "climbing out of an allowed prefix", Want: packtest.Violation, Config: logs,
			Message: `"/var/log/../../etc"`, Resource: deployment(volumes(hostPath("etc", "/var/log/../../etc")))},
		{Name: "a parent of an allowed prefix", Want: packtest.Violation, Config: logs,
			Message: `"/var"`, Resource: deployment(volumes(hostPath("var", "/var")))},
		{Name: "DaemonSet", Want: packtest.Violation, Message: "DaemonSet agent: volume",
			Resource: packtest.Resource("kubernetes:apps/v1:DaemonSet", "agent",
				props{"spec": props{"template": props{"spec": volumes(hostPath("proc", "/proc"))}}})},
		{Name: "patch adding one", Want: packtest.Violation, Message: "DeploymentPatch web",
			Resource: deploymentPatch(props{"volumes": []any{hostPath("docker", "/var/run/docker.sock")}})},
		{Name: "unknown volumes", Want: packtest.NotApplicable, Message: unknownValue + "spec.template.spec.volumes",
			Resource: deployment(packtest.With(containers(hardenedContainer("app")), props{"volumes": packtest.Unknown}))},
		{Name: "unknown volume source", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.volumes[0].hostPath",
			Resource: deployment(volumes(props{"name": "x", "hostPath": packtest.Unknown}))},
		{Name: "a known hostPath is reported though another volume is unknown", Want: packtest.Violation, Count: 1,
			Message:  `volume "docker" (spec.template.spec.volumes[1])`,
			Resource: deployment(volumes(packtest.Unknown, hostPath("docker", "/var/run/docker.sock")))},
		{Name: "unknown host path", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.volumes[0].hostPath.path",
			Resource: deployment(volumes(hostPath("x", packtest.Unknown)))},
	})
}

func TestHostPathSettings(t *testing.T) {
	s := &hostPathSettings{AllowedPathPrefixes: []string{" /var/log/ ", "/opt//agent"}}
	assert.NoError(t, s.Prepare())
	assert.Equal(t, []string{"/var/log", "/opt/agent"}, s.prefixes)
	assert.True(t, s.allows("/opt/agent/run"))
	assert.False(t, s.allows("/opt/agentx"))
	assert.Error(t, (&hostPathSettings{AllowedPathPrefixes: []string{""}}).Prepare())
}

func TestPodNoHostPorts(t *testing.T) {
	ports := func(ps ...any) props { return container("app", props{"ports": ps}) }
	packtest.Run(t, Policies(), "kubernetes-pod-no-host-ports", []packtest.Case{
		{Name: "host port", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: container "app" (spec.template.spec.containers[0]) binds port 8080 of the ` +
				"node (spec.template.spec.containers[0].ports[0].hostPort): remove hostPort and use a Service",
			Resource: deployment(containers(ports(props{"containerPort": 8080, "hostPort": 8080})))},
		{Name: "container ports only", Want: packtest.Pass,
			Resource: deployment(containers(ports(props{"containerPort": 8080}, props{"containerPort": 9090, "name": "metrics"})))},
		{Name: "hostPort 0 is unset", Want: packtest.Pass,
			Resource: deployment(containers(ports(props{"containerPort": 8080, "hostPort": 0})))},
		{Name: "allowed by settings", Want: packtest.Pass, Config: map[string]any{"allowedHostPorts": []any{443}},
			Resource: deployment(containers(ports(props{"containerPort": 8443, "hostPort": 443})))},
		{Name: "not among the allowed", Want: packtest.Violation, Config: map[string]any{"allowedHostPorts": []any{443}},
			Message: "binds port 80 of the node", Resource: deployment(containers(ports(props{"containerPort": 80, "hostPort": 80})))},
		{Name: "init container", Want: packtest.Violation, Message: `init container "init"`,
			Resource: deployment(props{"containers": []any{hardenedContainer("app")},
				"initContainers": []any{container("init", props{"ports": []any{props{"containerPort": 53, "hostPort": 53}}})}})},
		{Name: "patch adding one", Want: packtest.Violation, Message: "DeploymentPatch web",
			Resource: deploymentPatch(containers(props{"name": "app", "ports": []any{props{"containerPort": 80, "hostPort": 80}}}))},
		{Name: "unknown host port", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].ports[0].hostPort",
			Resource: deployment(containers(ports(props{"containerPort": 80, "hostPort": packtest.Unknown})))},
		{Name: "a known host port is reported though another port is unknown", Want: packtest.Violation, Count: 1,
			Message:  "(spec.template.spec.containers[0].ports[1].hostPort)",
			Resource: deployment(containers(ports(props{"containerPort": 80, "hostPort": packtest.Unknown}, props{"containerPort": 81, "hostPort": 81})))},
		{Name: "unknown ports", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].ports",
			Resource: deployment(containers(container("app", props{"ports": packtest.Unknown})))},
	})
}

func TestPodNoHostProbes(t *testing.T) {
	probe := func(field string, handler props) props { return container("app", props{field: handler}) }
	packtest.Run(t, Policies(), "kubernetes-pod-no-host-probes", []packtest.Case{
		{Name: "liveness probe to another host", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: container "app" (spec.template.spec.containers[0]): ` +
				`spec.template.spec.containers[0].livenessProbe.httpGet.host is "169.254.169.254"`,
			Resource: deployment(containers(probe("livenessProbe",
				props{"httpGet": props{"host": "169.254.169.254", "path": "/", "port": 80}})))},
		{Name: "tcp readiness probe", Want: packtest.Violation, Message: "readinessProbe.tcpSocket.host",
			Resource: deployment(containers(probe("readinessProbe", props{"tcpSocket": props{"host": "db", "port": 5432}})))},
		{Name: "startup probe", Want: packtest.Violation, Message: "startupProbe.httpGet.host",
			Resource: deployment(containers(probe("startupProbe", props{"httpGet": props{"host": "10.0.0.1", "port": 80}})))},
		{Name: "preStop hook", Want: packtest.Violation, Message: "lifecycle.preStop.httpGet.host",
			Resource: deployment(containers(probe("lifecycle",
				props{"preStop": props{"httpGet": props{"host": "localhost", "port": 8080}}})))},
		{Name: "postStart hook", Want: packtest.Violation, Message: "lifecycle.postStart.tcpSocket.host",
			Resource: deployment(containers(probe("lifecycle", props{"postStart": props{"tcpSocket": props{"host": "x", "port": 1}}})))},
		{Name: "probes of the pod itself", Want: packtest.Pass,
			Resource: deployment(containers(container("app", props{
				"livenessProbe":  props{"httpGet": props{"path": "/healthz", "port": 8080}},
				"readinessProbe": props{"tcpSocket": props{"port": 8080}, "periodSeconds": 5},
				"startupProbe":   props{"exec": props{"command": []any{"true"}}},
				"lifecycle":      props{"preStop": props{"exec": props{"command": []any{"sleep", "5"}}}},
			})))},
		{Name: "empty host", Want: packtest.Pass,
			Resource: deployment(containers(probe("livenessProbe", props{"httpGet": props{"host": "", "port": 80}})))},
		{Name: "patch", Want: packtest.Violation, Message: "DeploymentPatch web",
			Resource: deploymentPatch(containers(probe("livenessProbe", props{"httpGet": props{"host": "h", "port": 80}})))},
		{Name: "unknown host", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].livenessProbe.httpGet.host",
			Resource: deployment(containers(probe("livenessProbe", props{"httpGet": props{"host": packtest.Unknown, "port": 80}})))},
	})
}
