package kubernetes

import (
	"fmt"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// Rules on how a pod's containers receive the Secrets they use. They read the pod spec through
// the walker in workloads.go.

func init() {
	register(podSecretsNotInEnv)
}

type secretsInEnvSettings struct {
	AllowedWorkloads []string `json:"allowedWorkloads"`

	kubernetesNames
}

func (s *secretsInEnvSettings) Prepare() error {
	return s.prepare("allowedWorkloads", s.AllowedWorkloads)
}

var podSecretsNotInEnv = pack.Policy{
	Name:        "kubernetes-pod-secrets-not-in-env",
	DisplayName: "Containers read Secrets from files, not environment variables",
	Description: "No container takes a Secret into its environment, through env[].valueFrom.secretKeyRef or " +
		"envFrom[].secretRef: applications and their libraries commonly print their environment when they fail, " +
		"child processes inherit it, and it shows in crash reports and debugging tools, so the secret leaks into " +
		"logs. A Secret mounted as a volume is read from a file only by the code that needs it. Workloads listed " +
		"in allowedWorkloads, for software that can only read its credentials from the environment, are not judged.",
	Severity:  pack.Low,
	Framework: frameworks.CISKubernetes("5.4.1"),
	Tags:      []string{"kubernetes", "secrets"},
	Remediation: "Mount the Secret as a volume (volumes[].secret with a volumeMounts entry, readOnly: true) and " +
		"have the application read the file, or fetch it from an external secret store at run time. Software " +
		"that reads its credentials only from the environment can be listed in this policy's allowedWorkloads " +
		"setting.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"allowedWorkloads": pack.StringList("Workloads whose containers may take Secrets into their environment, " +
			"by metadata.name or Pulumi resource name (\"name\" in any namespace, \"namespace/name\" in one). " +
			"Default: none."),
	}},
	Settings: func() any { return &secretsInEnvSettings{} },
	// Patches are judged too: a patch that adds a secretKeyRef sets it explicitly.
	Types:    kubernetesWorkloadAndPatchTypes,
	Resource: checkPodSecretsNotInEnv,
}

func checkPodSecretsNotInEnv(c *pack.Check, r *pack.Resource) {
	pod, ok := workloadPodSpec(r)
	if !ok {
		return
	}
	// Known references are reported first; an unknown entry then stops the check only for a
	// container that shows none, since it may hide one.
	var pending []pack.Value
	for _, ct := range pod.containers() {
		refs, at, unknown := secretEnvRefs(ct)
		if len(refs) == 0 {
			pending = append(pending, unknown...)
			continue
		}
		if workloadAllowed(c, r) {
			return
		}
		c.ViolateAt(at, "%s: %s takes %s into its environment, where logs, crash reports and child processes see "+
			"them: mount the Secret as a volume and read it from a file, or allow the workload in allowedWorkloads",
			pod.what, ct, strings.Join(refs, " and "))
	}
	for _, v := range pending {
		_ = v.Exists() // unknown: stops the check
	}
}

// workloadAllowed reports whether the secrets-in-env setting lists the workload, by Pulumi name
// or metadata.name, in any namespace or in its own. It reads the names only when the setting
// lists any: an unknown one then stops the check.
func workloadAllowed(c *pack.Check, r *pack.Resource) bool {
	allowed := pack.SettingsOf[secretsInEnvSettings](c)
	if allowed.empty() {
		return false
	}
	return allowed.allows(kubernetesNamespace(r).Text(""), r.Name, r.Get("metadata", "name").Text(""))
}

// secretEnvRefs describes the Secrets a container takes into its environment ("secret \"db\" as
// DB_PASSWORD", "every key of secret \"api\""), without ever stopping the check: at is the path of
// the list (env or envFrom) that holds the first, and unknown are the values that may hide more,
// to read once the known ones are reported.
func secretEnvRefs(ct workloadContainer) (refs []string, at string, unknown []pack.Value) {
	lists := []struct {
		field string
		ref   []string
		say   func(item, ref pack.Value) string
	}{
		{"env", []string{"valueFrom", "secretKeyRef"}, func(item, ref pack.Value) string {
			return fmt.Sprintf("key %v of secret %v as %v", ref.Get("key"), ref.Get("name"), item.Get("name"))
		}},
		{"envFrom", []string{"secretRef"}, func(_, ref pack.Value) string {
			return fmt.Sprintf("every key of secret %v", ref.Get("name"))
		}},
	}
	for _, l := range lists {
		list := ct.value.Get(l.field)
		if list.Raw().IsComputed() {
			unknown = append(unknown, list)
			continue
		}
		for _, item := range list.Items() {
			ref := item.Get(l.ref...)
			switch {
			case ref.Raw().IsComputed():
				unknown = append(unknown, ref)
			case ref.Exists():
				if len(refs) == 0 {
					at = list.Path()
				}
				refs = append(refs, l.say(item, ref))
			}
		}
	}
	return refs, at, unknown
}
