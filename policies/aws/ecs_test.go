package aws

import (
	"encoding/json"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

// taskDefinition makes a task definition whose containerDefinitions is the JSON string of
// containers, with the task-level properties given.
func taskDefinition(task packtest.Props, containers ...map[string]any) plugin.AnalyzerResource {
	b, err := json.Marshal(containers)
	if err != nil {
		panic(err)
	}
	return packtest.Resource("aws:ecs/taskDefinition:TaskDefinition", "app",
		packtest.With(packtest.Props{"family": "app", "containerDefinitions": string(b)}, task))
}

// hardened is a container definition every ECS rule accepts; overrides change it.
func hardened(overrides map[string]any) map[string]any {
	c := map[string]any{"name": "web", "image": "nginx", "user": "1000:1000", "readonlyRootFilesystem": true,
		"logConfiguration": map[string]any{"logDriver": "awslogs"}}
	for k, v := range overrides {
		if v == nil {
			delete(c, k)
			continue
		}
		c[k] = v
	}
	return c
}

func TestECSNoPrivilegedContainers(t *testing.T) {
	packtest.Run(t, Policies(), "aws-ecs-task-no-privileged-containers", []packtest.Case{
		{Name: "privileged sidecar", Want: packtest.Violation, Count: 1,
			Message:  `containerDefinitions[1] ("agent") of task definition app is privileged`,
			Resource: taskDefinition(nil, hardened(nil), hardened(map[string]any{"name": "agent", "privileged": true}))},
		{Name: "privileged false", Want: packtest.Pass,
			Resource: taskDefinition(nil, hardened(map[string]any{"privileged": false}))},
		{Name: "privileged unset", Want: packtest.Pass, Resource: taskDefinition(nil, hardened(nil))},
		{Name: "secret definitions are judged, the finding withheld", Want: packtest.Violation, Message: "the details are withheld because the check read secret values (containerDefinitions)",
			Resource: packtest.Resource("aws:ecs/taskDefinition:TaskDefinition", "app", packtest.Props{
				"containerDefinitions": packtest.Secret(`[{"name":"` + packtest.Canary + `","privileged":true}]`)})},
		{Name: "definitions unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: containerDefinitions",
			Resource: packtest.Resource("aws:ecs/taskDefinition:TaskDefinition", "app", packtest.Props{"containerDefinitions": packtest.Unknown})},
		{Name: "malformed definitions", Want: packtest.NotApplicable, Message: "containerDefinitions is not valid JSON",
			Resource: packtest.Resource("aws:ecs/taskDefinition:TaskDefinition", "app", packtest.Props{"containerDefinitions": "[{"})},
	})
}

func TestECSReadOnlyRootFilesystem(t *testing.T) {
	packtest.Run(t, Policies(), "aws-ecs-container-read-only-root-filesystem", []packtest.Case{
		{Name: "writable root filesystem by default", Want: packtest.Violation,
			Message:  `containerDefinitions[0] ("web") of task definition app can write to its root filesystem`,
			Resource: taskDefinition(nil, hardened(map[string]any{"readonlyRootFilesystem": nil}))},
		{Name: "explicitly writable", Want: packtest.Violation,
			Resource: taskDefinition(nil, hardened(map[string]any{"readonlyRootFilesystem": false}))},
		{Name: "read-only", Want: packtest.Pass, Resource: taskDefinition(nil, hardened(nil))},
		{Name: "Linux platform", Want: packtest.Violation,
			Resource: taskDefinition(packtest.Props{"runtimePlatform": packtest.Props{"operatingSystemFamily": "LINUX"}},
				hardened(map[string]any{"readonlyRootFilesystem": nil}))},
		{Name: "Windows tasks are not judged", Want: packtest.NotApplicable, Message: "Windows containers",
			Resource: taskDefinition(packtest.Props{"runtimePlatform": packtest.Props{"operatingSystemFamily": "WINDOWS_SERVER_2022_CORE"}},
				hardened(map[string]any{"readonlyRootFilesystem": nil}))},
		{Name: "platform unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: runtimePlatform.operatingSystemFamily",
			Resource: taskDefinition(packtest.Props{"runtimePlatform": packtest.Props{"operatingSystemFamily": packtest.Unknown}}, hardened(nil))},
		{Name: "definitions unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: containerDefinitions",
			Resource: packtest.Resource("aws:ecs/taskDefinition:TaskDefinition", "app", packtest.Props{"containerDefinitions": packtest.Unknown})},
	})
}

func TestECSHostNetworkNonRoot(t *testing.T) {
	host := packtest.Props{"networkMode": "host"}
	packtest.Run(t, Policies(), "aws-ecs-task-host-network-non-root", []packtest.Case{
		{Name: "host network, user unset", Want: packtest.Violation,
			Message:  `containerDefinitions[0] ("web") of task definition app runs as root on the host network`,
			Resource: taskDefinition(host, hardened(map[string]any{"user": nil}))},
		{Name: "host network, user root", Want: packtest.Violation,
			Resource: taskDefinition(host, hardened(map[string]any{"user": "root"}))},
		{Name: "host network, uid 0 with group", Want: packtest.Violation,
			Resource: taskDefinition(host, hardened(map[string]any{"user": "0:1000"}))},
		{Name: "host network, non-root user", Want: packtest.Pass, Resource: taskDefinition(host, hardened(nil))},
		{Name: "host network, privileged is the privileged rule's", Want: packtest.Pass,
			Resource: taskDefinition(host, hardened(map[string]any{"user": nil, "privileged": true}))},
		{Name: "awsvpc network, root", Want: packtest.Pass,
			Resource: taskDefinition(packtest.Props{"networkMode": "awsvpc"}, hardened(map[string]any{"user": nil}))},
		{Name: "default network mode, root", Want: packtest.Pass,
			Resource: taskDefinition(nil, hardened(map[string]any{"user": nil}))},
		{Name: "network mode unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: networkMode",
			Resource: taskDefinition(packtest.Props{"networkMode": packtest.Unknown}, hardened(nil))},
		{Name: "definitions unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: containerDefinitions",
			Resource: packtest.Resource("aws:ecs/taskDefinition:TaskDefinition", "app",
				packtest.Props{"networkMode": "host", "containerDefinitions": packtest.Unknown})},
	})
}

func TestECSNoHostPID(t *testing.T) {
	packtest.Run(t, Policies(), "aws-ecs-task-no-host-pid", []packtest.Case{
		{Name: "host pid", Want: packtest.Violation,
			Message:  `task definition app shares the host's process namespace (pidMode "host")`,
			Resource: taskDefinition(packtest.Props{"pidMode": "host"}, hardened(nil))},
		{Name: "task pid", Want: packtest.Pass, Resource: taskDefinition(packtest.Props{"pidMode": "task"}, hardened(nil))},
		{Name: "pid mode unset", Want: packtest.Pass, Resource: taskDefinition(nil, hardened(nil))},
		{Name: "pid mode unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: pidMode",
			Resource: taskDefinition(packtest.Props{"pidMode": packtest.Unknown}, hardened(nil))},
	})
}

func TestECSContainerLogging(t *testing.T) {
	packtest.Run(t, Policies(), "aws-ecs-container-logging-configured", []packtest.Case{
		{Name: "no log configuration", Want: packtest.Violation, Count: 1,
			Message:  `containerDefinitions[1] ("sidecar") of task definition app has no log driver`,
			Resource: taskDefinition(nil, hardened(nil), hardened(map[string]any{"name": "sidecar", "logConfiguration": nil}))},
		{Name: "log configuration without a driver", Want: packtest.Violation,
			Resource: taskDefinition(nil, hardened(map[string]any{"logConfiguration": map[string]any{"options": map[string]any{}}}))},
		{Name: "container without a name", Want: packtest.Violation, Message: "containerDefinitions[0] of task definition app",
			Resource: taskDefinition(nil, map[string]any{"image": "nginx"})},
		{Name: "awslogs", Want: packtest.Pass, Resource: taskDefinition(nil, hardened(nil))},
		{Name: "definitions unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: containerDefinitions",
			Resource: packtest.Resource("aws:ecs/taskDefinition:TaskDefinition", "app", packtest.Props{"containerDefinitions": packtest.Unknown})},
	})
}

func TestECSNoSecretsInEnvironment(t *testing.T) {
	env := func(pairs ...string) map[string]any {
		var vars []map[string]any
		for i := 0; i+1 < len(pairs); i += 2 {
			vars = append(vars, map[string]any{"name": pairs[i], "value": pairs[i+1]})
		}
		return hardened(map[string]any{"environment": vars})
	}
	packtest.Run(t, Policies(), "aws-ecs-task-no-secrets-in-environment", []packtest.Case{
		{Name: "AWS access keys in the environment", Want: packtest.Violation, Count: 1,
			Message: `containerDefinitions[0] ("web") of task definition app passes "AWS_ACCESS_KEY_ID" (a credential), ` +
				`"AWS_SECRET_ACCESS_KEY" (a credential) in its environment`,
			Resource: taskDefinition(nil, env("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY", packtest.Canary))},
		{Name: "secret-named variable", Want: packtest.Violation,
			Message: `containerDefinitions[1] ("worker") of task definition app passes "DB_PASSWORD" (named like a secret)`,
			Resource: taskDefinition(nil, env("LOG_LEVEL", "info"), hardened(map[string]any{"name": "worker",
				"environment": []map[string]any{{"name": "DB_PASSWORD", "value": packtest.Canary}}}))},
		{Name: "secret-shaped value", Want: packtest.Violation,
			Message:  `passes "DATABASE_URL" (holds what looks like a connection string with a password)`,
			Resource: taskDefinition(nil, env("DATABASE_URL", "postgres://app:"+packtest.Canary+"@db.internal/app"))},
		{Name: "secret definitions are judged too, the finding withheld", Want: packtest.Violation,
			Message: "the details are withheld because the check read secret values (containerDefinitions)",
			Resource: packtest.Resource("aws:ecs/taskDefinition:TaskDefinition", "app", packtest.Props{
				"containerDefinitions": packtest.Secret(`[{"name":"web","environment":[{"name":"AWS_SECRET_ACCESS_KEY","value":"` +
					packtest.Canary + `"}]}]`)})},
		{Name: "secrets with valueFrom", Want: packtest.Pass,
			Resource: taskDefinition(nil, hardened(map[string]any{"secrets": []map[string]any{
				{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:us-east-1:123456789012:secret:db"}}}))},
		{Name: "plain settings and references", Want: packtest.Pass,
			Resource: taskDefinition(nil, env("LOG_LEVEL", "info", "DB_PASSWORD_ARN", "arn:aws:ssm:us-east-1:1:parameter/db",
				"API_TOKEN", "arn:aws:secretsmanager:us-east-1:1:secret:api", "AWS_ACCESS_KEY_ID", ""))},
		{Name: "no environment", Want: packtest.Pass, Resource: taskDefinition(nil, hardened(nil))},
		{Name: "definitions unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: containerDefinitions",
			Resource: packtest.Resource("aws:ecs/taskDefinition:TaskDefinition", "app", packtest.Props{"containerDefinitions": packtest.Unknown})},
	})
}

func TestECSClusterContainerInsights(t *testing.T) {
	cluster := func(settings ...any) plugin.AnalyzerResource {
		props := packtest.Props{"name": "apps"}
		if settings != nil {
			props["settings"] = settings
		}
		return packtest.Resource("aws:ecs/cluster:Cluster", "apps", props)
	}
	insights := func(value any) packtest.Props { return packtest.Props{"name": "containerInsights", "value": value} }
	packtest.Run(t, Policies(), "aws-ecs-cluster-container-insights", []packtest.Case{
		{Name: "unset takes the disabled account default", Want: packtest.Violation,
			Message: `cluster "apps" does not set containerInsights`, Resource: cluster()},
		{Name: "disabled", Want: packtest.Violation,
			Message:  `cluster "apps" turns Container Insights off (settings[0].value is "disabled")`,
			Resource: cluster(insights("disabled"))},
		{Name: "enabled", Want: packtest.Pass, Resource: cluster(insights("enabled"))},
		{Name: "enhanced observability", Want: packtest.Pass, Resource: cluster(insights("enhanced"))},
		{Name: "value unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: settings[0].value",
			Resource: cluster(insights(packtest.Unknown))},
		{Name: "settings unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: settings",
			Resource: packtest.Resource("aws:ecs/cluster:Cluster", "apps", packtest.Props{"settings": packtest.Unknown})},
	})
}
