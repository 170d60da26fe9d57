package kubernetes

import (
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/stretchr/testify/assert"
)

func TestPodImagePinned(t *testing.T) {
	image := func(ref any) props { return containers(props{"name": "app", "image": ref}) }
	digest := "sha256:" + strings.Repeat("ab", 32)
	requireDigest := map[string]any{"requireDigest": true}
	packtest.Run(t, Policies(), "kubernetes-pod-image-pinned", []packtest.Case{
		{Name: "untagged means latest", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: container "app" (spec.template.spec.containers[0]) image "nginx" has no tag, ` +
				"so it runs whatever latest points to when a node pulls it: pin a version tag or a digest",
			Resource: deployment(image("nginx"))},
		{Name: "latest", Want: packtest.Violation, Message: `image "nginx:latest" uses the tag latest`,
			Resource: deployment(image("nginx:latest"))},
		{Name: "latest on a registry with a port", Want: packtest.Violation, Message: "uses the tag latest",
			Resource: deployment(image("registry.example.com:5000/team/app:latest"))},
		{Name: "registry port is no tag", Want: packtest.Violation, Message: "has no tag",
			Resource: deployment(image("registry.example.com:5000/team/app"))},
		{Name: "empty tag", Want: packtest.Violation, Message: "has no tag", Resource: deployment(image("nginx:"))},
		{Name: "version tag", Want: packtest.Pass, Resource: deployment(image("nginx:1.27.2"))},
		{Name: "version tag on a registry with a port", Want: packtest.Pass,
			Resource: deployment(image("registry.example.com:5000/team/app:2.1"))},
		{Name: "digest", Want: packtest.Pass, Resource: deployment(image("nginx@" + digest))},
		{Name: "latest pinned by a digest", Want: packtest.Pass, Resource: deployment(image("nginx:latest@" + digest))},
		{Name: "malformed digest", Want: packtest.Violation, Message: "has a malformed digest",
			Resource: deployment(image("nginx@sha256:abc"))},
		{Name: "tag when digests are required", Want: packtest.Violation, Config: requireDigest,
			Message: "is not pinned to a digest", Resource: deployment(image("nginx:1.27.2"))},
		{Name: "digest when digests are required", Want: packtest.Pass, Config: requireDigest,
			Resource: deployment(image("registry.example.com/app:1.2@" + digest))},
		{Name: "init and ephemeral containers", Want: packtest.Violation, Count: 2,
			Message: `ephemeral container "debug" (spec.ephemeralContainers[0]) image "busybox"`,
			Resource: pod(props{"containers": []any{hardenedContainer("app")},
				"initContainers":      []any{props{"name": "init", "image": "alpine:latest"}},
				"ephemeralContainers": []any{props{"name": "debug", "image": "busybox"}}})},
		{Name: "CronJob batch/v2alpha1", Want: packtest.Violation, Message: "CronJob nightly",
			Resource: cronJob("kubernetes:batch/v2alpha1:CronJob", image("backup"))},
		{Name: "patch without an image keeps the cluster's", Want: packtest.Pass,
			Resource: deploymentPatch(containers(props{"name": "app", "resources": props{"limits": props{"cpu": "1"}}}))},
		{Name: "patch setting latest", Want: packtest.Violation, Message: "DeploymentPatch web",
			Resource: deploymentPatch(image("nginx:latest"))},
		{Name: "unknown image", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].image",
			Resource: deployment(image(packtest.Unknown))},
	})
}

func TestImagePinProblem(t *testing.T) {
	for ref, pinned := range map[string]bool{
		"nginx": false, "nginx:latest": false, "library/nginx:1.2": true, "localhost:5000/app": false,
		"localhost:5000/app:v1": true, "ghcr.io/org/app:sha-1234abc": true, "app:latest-alpine": true,
		"app@sha256:" + strings.Repeat("0", 64): true, "app@sha512:" + strings.Repeat("f", 128): true,
		"app@latest": false,
	} {
		assert.Equal(t, pinned, imagePinProblem(ref, false) == "", ref)
	}
}

func TestPodResourceLimits(t *testing.T) {
	limits := func(l any) props { return container("app", props{"resources": props{"limits": l}}) }
	packtest.Run(t, Policies(), "kubernetes-pod-resource-limits", []packtest.Case{
		{Name: "no limits", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: container "app" (spec.template.spec.containers[0]) sets no cpu or memory ` +
				"limit: set resources.limits.cpu and resources.limits.memory",
			Resource: deployment(containers(container("app", nil)))},
		{Name: "requests are not limits", Want: packtest.Violation, Message: "sets no cpu or memory limit",
			Resource: deployment(containers(container("app", props{"resources": props{"requests": props{"cpu": "1", "memory": "1Gi"}}})))},
		{Name: "memory missing", Want: packtest.Violation, Message: "sets no memory limit: set resources.limits.memory",
			Resource: deployment(containers(limits(props{"cpu": "500m"})))},
		{Name: "both set", Want: packtest.Pass, Resource: deployment(containers(limits(props{"cpu": "500m", "memory": "256Mi"})))},
		{Name: "numbers count", Want: packtest.Pass, Resource: deployment(containers(limits(props{"cpu": 1, "memory": 268435456})))},
		{Name: "pod-level limits", Want: packtest.Pass,
			Resource: deployment(packtest.With(containers(container("app", nil), container("sidecar", nil)),
				props{"resources": props{"limits": props{"cpu": "1", "memory": "512Mi"}}}))},
		{Name: "pod-level memory, container cpu", Want: packtest.Pass,
			Resource: deployment(packtest.With(containers(limits(props{"cpu": "1"})),
				props{"resources": props{"limits": props{"memory": "512Mi"}}}))},
		{Name: "init container", Want: packtest.Violation, Count: 1, Message: `init container "migrate"`,
			Resource: deployment(props{"containers": []any{hardenedContainer("app")}, "initContainers": []any{container("migrate", nil)}})},
		{Name: "ephemeral containers may not set resources", Want: packtest.Pass,
			Resource: pod(props{"containers": []any{hardenedContainer("app")}, "ephemeralContainers": []any{container("debug", nil)}})},
		{Name: "memory only, by settings", Want: packtest.Pass, Config: map[string]any{"requiredLimits": []any{"memory"}},
			Resource: deployment(containers(limits(props{"memory": "256Mi"})))},
		{Name: "other resources, by settings", Want: packtest.Violation,
			Config:   map[string]any{"requiredLimits": []any{"memory", "ephemeral-storage"}},
			Message:  "sets no ephemeral-storage limit: set resources.limits.ephemeral-storage",
			Resource: deployment(containers(limits(props{"memory": "256Mi"})))},
		{Name: "StatefulSet", Want: packtest.Violation, Message: "StatefulSet db",
			Resource: packtest.Resource("kubernetes:apps/v1:StatefulSet", "db",
				props{"spec": props{"template": props{"spec": containers(container("db", nil))}}})},
		{Name: "patches are not judged: limits merge key by key", Want: packtest.NotApplicable,
			Message:  "other resource types",
			Resource: deploymentPatch(containers(container("app", nil)))},
		{Name: "unknown container limit", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.containers[0].resources.limits.cpu",
			Resource: deployment(containers(limits(props{"cpu": packtest.Unknown, "memory": "1Gi"})))},
		{Name: "unknown pod-level limit", Want: packtest.NotApplicable,
			Message: unknownValue + "spec.template.spec.resources.limits",
			Resource: deployment(packtest.With(containers(limits(props{"cpu": "1"})),
				props{"resources": props{"limits": packtest.Unknown}}))},
	})
}

func TestResourceLimitSettings(t *testing.T) {
	s := &resourceLimitSettings{RequiredLimits: []string{" cpu", "memory "}}
	assert.NoError(t, s.Prepare())
	assert.Equal(t, []string{"cpu", "memory"}, s.RequiredLimits)
	assert.Error(t, (&resourceLimitSettings{RequiredLimits: []string{" "}}).Prepare())
}
