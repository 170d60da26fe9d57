package kubernetes

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// Rules on what runs in a container and what it may consume: pinned images and resource
// limits. They read the pod spec through the walker in workloads.go.

func init() {
	register(podImagePinned, podResourceLimits)
}

type imageSettings struct {
	RequireDigest bool `json:"requireDigest"`
}

var podImagePinned = pack.Policy{
	Name:        "kubernetes-pod-image-pinned",
	DisplayName: "Container images are pinned",
	Description: "Every container's image names a digest or a version tag, never the tag latest nor no tag " +
		"(which means latest): a moving tag runs whatever it points to when a node pulls it, so the code " +
		"that runs is not the code that was reviewed and scanned, and differs from node to node.",
	Severity:  pack.Medium,
	Framework: frameworks.NSAKubernetesHardening("Kubernetes Pod security: Building secure container images"),
	Tags:      []string{"kubernetes", "supply-chain", "images"},
	Remediation: "Name a version tag (nginx:1.27.2) or, better, a digest (nginx@sha256:<64 hex digits>); set " +
		"this policy's requireDigest setting to accept digests only.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"requireDigest": pack.Boolean("Accept only images pinned to a digest (name@sha256:...), since a "+
			"version tag can be pushed again. Default: false (a version tag other than latest is enough).", false),
	}},
	Settings: func() any { return &imageSettings{} },
	Types:    kubernetesWorkloadAndPatchTypes,
	Resource: podRule(checkPodImagePinned),
}

// imageDigest is the shape of an OCI content digest: algorithm, colon, encoded hash.
var imageDigest = regexp.MustCompile(`^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$`)

// imagePinProblem says why an image reference is not pinned, or "" if it is. The tag is what
// follows the last colon after the last slash ("registry:5000/app" has no tag).
func imagePinProblem(ref string, requireDigest bool) string {
	name, digest, hasDigest := strings.Cut(ref, "@")
	if hasDigest {
		if imageDigest.MatchString(digest) {
			return ""
		}
		return "has a malformed digest after @"
	}
	if requireDigest {
		return "is not pinned to a digest (requireDigest is set)"
	}
	_, tag, hasTag := strings.Cut(name[strings.LastIndex(name, "/")+1:], ":")
	switch {
	case !hasTag || tag == "":
		return "has no tag, so it runs whatever latest points to when a node pulls it"
	case tag == "latest":
		return "uses the tag latest, which moves with every push"
	}
	return ""
}

func checkPodImagePinned(c *pack.Check, pod podSpec) {
	requireDigest := pack.SettingsOf[imageSettings](c).RequireDigest
	for _, ct := range pod.containers() {
		image := ct.value.Get("image")
		ref := strings.TrimSpace(image.Text(""))
		if ref == "" {
			// No image to judge: a patch that keeps the cluster's, or one an admission webhook sets.
			continue
		}
		if problem := imagePinProblem(ref, requireDigest); problem != "" {
			c.ViolateAt(image.Path(),
				"%s: %s image %v %s: pin a version tag or a digest (name@sha256:...)", pod.what, ct,
				image, problem)
		}
	}
}

type resourceLimitSettings struct {
	RequiredLimits []string `json:"requiredLimits"`
}

func (s *resourceLimitSettings) Prepare() error {
	if len(s.RequiredLimits) == 0 {
		return pack.TurnsRuleOff("requiredLimits", "an empty list requires no limit",
			`list the resources every container must limit (by default ["cpu", "memory"])`)
	}
	for i, name := range s.RequiredLimits {
		s.RequiredLimits[i] = strings.TrimSpace(name)
		if s.RequiredLimits[i] == "" {
			return fmt.Errorf("requiredLimits: a resource name is empty")
		}
	}
	return nil
}

var podResourceLimits = pack.Policy{
	Name:        "kubernetes-pod-resource-limits",
	DisplayName: "Containers set CPU and memory limits",
	Description: "Every container and init container sets resources.limits for CPU and memory (or the pod sets " +
		"pod-level limits), so that one runaway or compromised pod cannot starve its node.",
	Severity:  pack.Low,
	Framework: frameworks.NSAKubernetesHardening("Network separation and hardening: Resource policies"),
	Tags:      []string{"kubernetes", "availability", "resources"},
	Remediation: "Set resources.limits.cpu and resources.limits.memory on each container (and requests to " +
		"match what it uses). This rule reads the pod spec only: a LimitRange that gives the namespace " +
		"default limits is not seen; drop \"cpu\" from requiredLimits if you do not limit CPU on purpose.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"requiredLimits": pack.StringList("Resource names every container must limit. Default: cpu and memory.",
			"cpu", "memory"),
	}},
	Settings: func() any { return &resourceLimitSettings{} },
	// Patches are left out: resources.limits is merged key by key, so a patch that does not set
	// a limit keeps the cluster's.
	Types:    kubernetesWorkloadTypes,
	Resource: podRule(checkPodResourceLimits),
}

func checkPodResourceLimits(c *pack.Check, pod podSpec) {
	required := pack.SettingsOf[resourceLimitSettings](c).RequiredLimits
	// Ephemeral containers are left out: Kubernetes forbids resources on them.
	for _, ct := range pod.containers(appContainers, initContainers) {
		var missing []string
		for _, name := range required {
			if ct.value.Get("resources", "limits", name).Text("") != "" ||
				pod.spec.Get("resources", "limits", name).Text("") != "" {
				continue
			}
			missing = append(missing, name)
		}
		if len(missing) > 0 {
			c.ViolateAt(ct.value.Get("resources", "limits").Path(), "%s: %s sets no %s limit: set resources.limits.%s",
				pod.what, ct, strings.Join(missing, " or "), strings.Join(missing, " and resources.limits."))
		}
	}
}
