package kubernetes

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestPodSecretsNotInEnv(t *testing.T) {
	const rule = "kubernetes-pod-secrets-not-in-env"
	secretEnv := props{"name": "DB_PASSWORD", "valueFrom": props{"secretKeyRef": props{"name": "db", "key": "password"}}}
	plainEnv := props{"name": "LOG_LEVEL", "value": "info"}
	configEnv := props{"name": "REGION", "valueFrom": props{"configMapKeyRef": props{"name": "cfg", "key": "region"}}}
	secretFrom := props{"secretRef": props{"name": "api"}}
	withEnv := func(env ...any) props { return container("app", props{"env": env}) }
	withEnvFrom := func(from ...any) props { return container("app", props{"envFrom": from}) }
	mounted := packtest.With(containers(container("app", props{
		"volumeMounts": []any{props{"name": "db", "mountPath": "/etc/db", "readOnly": true}}})),
		props{"volumes": []any{props{"name": "db", "secret": props{"secretName": "db"}}}})

	packtest.Run(t, Policies(), rule, []packtest.Case{
		{Name: "a secret key in an environment variable", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: container "app" (spec.template.spec.containers[0]) takes key "password" of ` +
				`secret "db" as "DB_PASSWORD" into its environment, where logs, crash reports and child processes see ` +
				`them: mount the Secret as a volume and read it from a file, or allow the workload in allowedWorkloads`,
			Resource: deployment(containers(withEnv(plainEnv, secretEnv)))},
		{Name: "a whole secret through envFrom", Want: packtest.Violation, Count: 1,
			Message:  `Deployment web: container "app" (spec.template.spec.containers[0]) takes every key of secret "api" into its environment`,
			Resource: deployment(containers(withEnvFrom(props{"configMapRef": props{"name": "cfg"}}, secretFrom)))},
		{Name: "both in one container, one violation", Want: packtest.Violation, Count: 1,
			Message: `takes key "password" of secret "db" as "DB_PASSWORD" and every key of secret "api" into its environment`,
			Resource: deployment(containers(container("app", props{"env": []any{secretEnv},
				"envFrom": []any{secretFrom}})))},
		{Name: "an init container", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: init container "app" (spec.template.spec.initContainers[0]) takes key "password"`,
			Resource: deployment(props{"containers": []any{container("main", nil)},
				"initContainers": []any{withEnv(secretEnv)}})},
		{Name: "a CronJob, through the walker", Want: packtest.Violation, Count: 1,
			Message:  `CronJob nightly: container "app" (spec.jobTemplate.spec.template.spec.containers[0]) takes`,
			Resource: cronJob("kubernetes:batch/v1:CronJob", containers(withEnv(secretEnv)))},
		{Name: "a patch that sets one", Want: packtest.Violation, Count: 1,
			Message:  `DeploymentPatch web: container "app" (spec.template.spec.containers[0]) takes`,
			Resource: deploymentPatch(containers(withEnvFrom(secretFrom)))},
		{Name: "a secret's name is not quoted when it is secret", Want: packtest.Violation,
			Message:  "the details are withheld because the check read secret values",
			Resource: deployment(containers(withEnvFrom(props{"secretRef": props{"name": packtest.Secret("api")}})))},

		{Name: "a secret mounted as a file", Want: packtest.Pass, Resource: deployment(mounted)},
		{Name: "plain and ConfigMap variables", Want: packtest.Pass,
			Resource: deployment(containers(withEnv(plainEnv, configEnv),
				withEnvFrom(props{"configMapRef": props{"name": "cfg"}})))},
		{Name: "no environment", Want: packtest.Pass, Resource: pod(containers(container("app", nil)))},
		{Name: "an allowed workload", Want: packtest.Pass, Config: map[string]any{"allowedWorkloads": []any{"web"}},
			Resource: deployment(containers(withEnv(secretEnv)))},
		{Name: "a workload allowed in another namespace", Want: packtest.Violation,
			Config:   map[string]any{"allowedWorkloads": []any{"kube-system/web"}},
			Resource: deployment(containers(withEnv(secretEnv)))},
		{Name: "a workload allowed in its namespace", Want: packtest.Pass,
			Config:   map[string]any{"allowedWorkloads": []any{"default/web"}},
			Resource: deployment(containers(withEnv(secretEnv)))},

		{Name: "unknown env list", Want: packtest.NotApplicable,
			Message:  packtest.UnknownDuringPreview + ": spec.template.spec.containers[0].env",
			Resource: deployment(containers(container("app", props{"env": packtest.Unknown})))},
		{Name: "unknown valueFrom", Want: packtest.NotApplicable,
			Message:  packtest.UnknownDuringPreview + ": spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef",
			Resource: deployment(containers(withEnv(props{"name": "X", "valueFrom": packtest.Unknown})))},
		{Name: "an unknown value of a plain variable does not matter", Want: packtest.Pass,
			Resource: deployment(containers(withEnv(props{"name": "X", "value": packtest.Unknown})))},
		{Name: "a known reference is reported though another container is unknown", Want: packtest.Violation,
			Count: 1, Message: `container "b" (spec.template.spec.containers[1]) takes`,
			Resource: deployment(containers(container("a", props{"envFrom": packtest.Unknown}),
				container("b", props{"env": []any{secretEnv}})))},
		{Name: "unknown workload name with an allow-list", Want: packtest.NotApplicable,
			Message: packtest.UnknownDuringPreview + ": metadata.name", Config: map[string]any{"allowedWorkloads": []any{"api"}},
			Resource: packtest.Resource("kubernetes:core/v1:Pod", "web", props{"metadata": props{"name": packtest.Unknown},
				"spec": containers(withEnv(secretEnv))})},
	})
}
