package aws

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
	"github.com/pulumi-securely/pulumi-securely/policies/secrets"
)

// ECS task definition rules. aws:ecs/taskDefinition:TaskDefinition, networkMode, pidMode,
// runtimePlatform and containerDefinitions (a JSON string holding the ECS API's container
// definitions: privileged, readonlyRootFilesystem, user, logConfiguration.logDriver) are the same
// in pulumi-aws v6 (v6.83.4) and v7 (7.48.0).

var ecsTaskDefinitionTypes = []string{"aws:ecs/taskDefinition:TaskDefinition"}

// ecsClusterTypes are ECS clusters; settings (name, value) is the same in pulumi-aws v6 and v7.
var ecsClusterTypes = []string{"aws:ecs/cluster:Cluster"}

func init() {
	register(ecsNoPrivilegedContainers, ecsReadOnlyRootFilesystem, ecsHostNetworkNonRoot, ecsNoHostPID,
		ecsContainerLogging, ecsNoSecretsInEnvironment, ecsClusterContainerInsights)
}

// ecsCredentialVariables are the environment variables FSBP ECS.8 names: AWS credentials and the
// ECS agent's registry credentials, whatever their value looks like.
var ecsCredentialVariables = []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "ECS_ENGINE_AUTH_DATA"}

// ecsContainers returns the task definition's container definitions.
func ecsContainers(r *pack.Resource) []pack.Value {
	return r.Get("containerDefinitions").JSON().Items()
}

// ecsEachContainer runs judge on every container definition; judge returns what is wrong with a
// container ("" if nothing), and each finding is reported with the container's name.
func ecsEachContainer(c *pack.Check, r *pack.Resource, judge func(container pack.Value) string) {
	for i, container := range ecsContainers(r) {
		problem := judge(container)
		if problem == "" {
			continue
		}
		label := fmt.Sprintf("containerDefinitions[%d]", i)
		if name := container.Get("name"); name.Exists() {
			label += fmt.Sprintf(" (%v)", name)
		}
		c.Violatef("%s of task definition %s %s", label, r.Name, problem)
	}
}

var ecsNoPrivilegedContainers = pack.Policy{
	Name:        "aws-ecs-task-no-privileged-containers",
	DisplayName: "ECS containers are not privileged",
	Description: "No container definition sets privileged: true, which gives the container root access " +
		"to the host.",
	Severity:  pack.High,
	Framework: frameworks.FSBP("ECS.4"),
	Tags:      []string{"aws", "ecs", "containers"},
	Remediation: "Remove \"privileged\": true from the container definition; grant the Linux capabilities " +
		"the container needs with linuxParameters.capabilities.add instead.",
	Types: ecsTaskDefinitionTypes,
	Resource: func(c *pack.Check, r *pack.Resource) {
		ecsEachContainer(c, r, func(container pack.Value) string {
			if container.Get("privileged").Bool(false) {
				return "is privileged (root access to the host): remove \"privileged\": true"
			}
			return ""
		})
	},
}

var ecsReadOnlyRootFilesystem = pack.Policy{
	Name:        "aws-ecs-container-read-only-root-filesystem",
	DisplayName: "ECS containers have a read-only root filesystem",
	Description: "Linux container definitions set readonlyRootFilesystem: true, so that a compromised " +
		"process cannot change the container's files. Windows tasks are not judged (they cannot).",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("ECS.5"),
	Tags:      []string{"aws", "ecs", "containers"},
	Remediation: "Set \"readonlyRootFilesystem\": true in each container definition and mount volumes (or " +
		"ephemeral storage) where the application writes.",
	Types: ecsTaskDefinitionTypes,
	Resource: func(c *pack.Check, r *pack.Resource) {
		family := r.Get("runtimePlatform", "operatingSystemFamily").Text("LINUX")
		if strings.HasPrefix(strings.ToUpper(family), "WINDOWS") {
			c.Skip("Windows containers cannot have a read-only root filesystem")
			return
		}
		ecsEachContainer(c, r, func(container pack.Value) string {
			if !container.Get("readonlyRootFilesystem").Bool(false) {
				return "can write to its root filesystem: set \"readonlyRootFilesystem\": true"
			}
			return ""
		})
	},
}

// ecsRootUser reports whether a container's user ("user", "user:group", "uid", "uid:gid") is root;
// unset runs as the image's user, root for most images.
func ecsRootUser(user string) bool {
	uid, _, _ := strings.Cut(strings.TrimSpace(user), ":")
	return uid == "" || uid == "0" || uid == "root"
}

var ecsHostNetworkNonRoot = pack.Policy{
	Name:        "aws-ecs-task-host-network-non-root",
	DisplayName: "ECS tasks on the host network do not run as root",
	Description: "In task definitions with networkMode \"host\", every container sets a non-root user (or is " +
		"privileged, which aws-ecs-task-no-privileged-containers reports): a root process on the host's " +
		"network stack can reach what the host can.",
	Severity:  pack.High,
	Framework: frameworks.FSBP("ECS.1"),
	Tags:      []string{"aws", "ecs", "containers", "network"},
	Remediation: "Use networkMode \"awsvpc\" (or \"bridge\"), or set \"user\" to a non-root user (e.g. " +
		"\"1000:1000\") in each container definition.",
	Types: ecsTaskDefinitionTypes,
	Resource: func(c *pack.Check, r *pack.Resource) {
		if !strings.EqualFold(r.Get("networkMode").Text(""), "host") {
			return
		}
		ecsEachContainer(c, r, func(container pack.Value) string {
			if !container.Get("privileged").Bool(false) && ecsRootUser(container.Get("user").Text("")) {
				return "runs as root on the host network (networkMode \"host\"): set \"user\" to a non-root user, " +
					"or use networkMode \"awsvpc\""
			}
			return ""
		})
	},
}

var ecsNoHostPID = pack.Policy{
	Name:        "aws-ecs-task-no-host-pid",
	DisplayName: "ECS tasks do not share the host's process namespace",
	Description: "Task definitions do not set pidMode \"host\", which lets containers see and signal every " +
		"process on the host.",
	Severity:    pack.High,
	Framework:   frameworks.FSBP("ECS.3"),
	Tags:        []string{"aws", "ecs", "containers"},
	Remediation: "Remove pidMode \"host\" (or use \"task\" to share processes among the task's containers only).",
	Types:       ecsTaskDefinitionTypes,
	Resource: func(c *pack.Check, r *pack.Resource) {
		if strings.EqualFold(r.Get("pidMode").Text(""), "host") {
			c.Violatef("task definition %s shares the host's process namespace (pidMode \"host\"): remove pidMode "+
				"or set it to \"task\"", r.Name)
		}
	},
}

var ecsContainerLogging = pack.Policy{
	Name:        "aws-ecs-container-logging-configured",
	DisplayName: "ECS containers send their logs somewhere",
	Description: "Every container definition has a log driver (logConfiguration.logDriver), so that what the " +
		"container prints is kept after it stops.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("ECS.9"),
	Tags:      []string{"aws", "ecs", "containers", "logging"},
	Remediation: "Set \"logConfiguration\": {\"logDriver\": \"awslogs\", \"options\": {...}} (or awsfirelens) " +
		"in each container definition.",
	Types: ecsTaskDefinitionTypes,
	Resource: func(c *pack.Check, r *pack.Resource) {
		ecsEachContainer(c, r, func(container pack.Value) string {
			if container.Get("logConfiguration", "logDriver").Text("") == "" {
				return "has no log driver: set logConfiguration.logDriver (e.g. \"awslogs\")"
			}
			return ""
		})
	},
}

var ecsNoSecretsInEnvironment = pack.Policy{
	Name:        "aws-ecs-task-no-secrets-in-environment",
	DisplayName: "ECS containers get their secrets from secrets, not environment",
	Description: "No container definition passes a credential in its environment: AWS credentials " +
		"(AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) and agent registry credentials (ECS_ENGINE_AUTH_DATA), " +
		"variables named like secrets, or values shaped like them (private keys, known token formats, " +
		"connection strings with passwords). ECS shows environment values in plain text to anyone allowed " +
		"ecs:DescribeTaskDefinition, even when the program marks them Pulumi secrets, so this rule judges " +
		"secret containerDefinitions too; no-plaintext-secrets-in-inputs reports the same values only when " +
		"they are not Pulumi secrets, for the state's sake.",
	Severity:  pack.Critical,
	Framework: frameworks.FSBP("ECS.8"),
	Tags:      []string{"aws", "ecs", "containers", "secrets"},
	Remediation: "Keep the value in Secrets Manager or an SSM SecureString parameter and reference it from the " +
		"container's \"secrets\": [{\"name\": \"DB_PASSWORD\", \"valueFrom\": \"<secret or parameter ARN>\"}] " +
		"(the task execution role needs to read it). Give the task AWS permissions with taskRoleArn instead " +
		"of access keys. Rotate any credential that was in a task definition.",
	Types:    ecsTaskDefinitionTypes,
	Resource: checkECSNoSecretsInEnvironment,
}

func checkECSNoSecretsInEnvironment(c *pack.Check, r *pack.Resource) {
	ecsEachContainer(c, r, func(container pack.Value) string {
		var found []string
		for _, env := range container.Get("environment").Items() {
			if why := ecsEnvironmentSecret(env); why != "" {
				found = append(found, fmt.Sprintf("%v (%s)", env.Get("name"), why))
			}
		}
		if len(found) == 0 {
			return ""
		}
		return "passes " + strings.Join(found, ", ") + " in its environment, readable by anyone who can " +
			"describe the task definition: move it to \"secrets\" with valueFrom"
	})
}

// ecsEnvironmentSecret says why an environment entry ({"name": ..., "value": ...}) holds a secret,
// or "". Empty values and references to secrets kept elsewhere hold none.
func ecsEnvironmentSecret(env pack.Value) string {
	name, value := env.Get("name").Text(""), env.Get("value").Text("")
	if strings.TrimSpace(value) == "" || secrets.IsReference(value) {
		return ""
	}
	switch {
	case slices.Contains(ecsCredentialVariables, strings.ToUpper(strings.TrimSpace(name))):
		return "a credential"
	case secrets.SensitiveName(name):
		return "named like a secret"
	}
	if kind := secrets.ValueKind(value); kind != "" {
		return "holds what looks like " + kind
	}
	return ""
}

var ecsClusterContainerInsights = pack.Policy{
	Name:        "aws-ecs-cluster-container-insights",
	DisplayName: "ECS clusters use Container Insights",
	Description: "Every ECS cluster has the containerInsights setting \"enabled\" or \"enhanced\", so that " +
		"CloudWatch collects its tasks' and containers' metrics and diagnostics (restarts, failures). Unset, a " +
		"cluster takes the account's default, which is disabled unless the account setting was changed (an " +
		"aws.ecs.AccountSettingDefault); this rule does not look for one.",
	Severity:  pack.Low,
	Framework: frameworks.FSBP("ECS.12"),
	Tags:      []string{"aws", "ecs", "monitoring"},
	Remediation: "Add settings: [{ name: \"containerInsights\", value: \"enhanced\" }] (or \"enabled\") to the " +
		"cluster.",
	Types:    ecsClusterTypes,
	Resource: checkECSClusterContainerInsights,
}

func checkECSClusterContainerInsights(c *pack.Check, r *pack.Resource) {
	for _, setting := range known.ValuesFirst(r.Get("settings").Items()) {
		if setting.Get("name").Text("") != "containerInsights" {
			continue
		}
		if value := setting.Get("value"); !netTextIs(value, "", "enabled", "enhanced") {
			c.Violatef("cluster %q turns Container Insights off (%s is %v): set it to \"enhanced\" or \"enabled\"",
				r.Name, value.Path(), value)
		}
		return
	}
	c.Violatef("cluster %q does not set containerInsights, so it takes the account default (disabled unless "+
		"changed): add settings [{ name: \"containerInsights\", value: \"enhanced\" }]", r.Name)
}
