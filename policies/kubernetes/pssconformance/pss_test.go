package pssconformance

import (
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies/kubernetes"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/pod-security-admission/api"
	psapolicy "k8s.io/pod-security-admission/policy"
	"sigs.k8s.io/yaml"
)

// Conformance of the kubernetes-pod-* rules with the Pod Security Standards, as the official
// implementation, k8s.io/pod-security-admission (the version go.mod pins), defines them. Its
// test package generates, per check and level, pods that pass and pods that fail; its testdata
// holds them serialized (its own TestFixtures keeps the two identical), one file per pod:
// testdata/<level>/v1.<minor>/<pass|fail>/<check id, lower case><n>.yaml. Every pod of the
// newest policy version is sent to the pack as pulumi-kubernetes sends a Pod and a Deployment,
// and judged against the official checks run on the same pod. (The generators themselves are
// unexported, and the package's exported runner needs a live API server.) Every fixture is
// expressible as Pulumi inputs: none is left out.

// props are a resource's inputs, as the engine sends them.
type props = packtest.Props

// pssVersion is the newest policy version of the pinned k8s.io/pod-security-admission.
const pssVersion = "v1.37"

// pssRules maps each check of the Pod Security Standards to the rules that implement it. A
// rule enforces the strictest level among the checks it implements (see pssRuleLevels).
var pssRules = map[psapolicy.CheckID][]string{
	// Baseline.
	"windowsHostProcess":         {"kubernetes-pod-no-privileged-containers"},
	"privileged":                 {"kubernetes-pod-no-privileged-containers"},
	"hostNamespaces":             {"kubernetes-pod-no-host-network", "kubernetes-pod-no-host-pid", "kubernetes-pod-no-host-ipc"},
	"capabilities_baseline":      {"kubernetes-pod-no-dangerous-capabilities"},
	"hostPathVolumes":            {"kubernetes-pod-no-host-path-volumes"},
	"hostPorts":                  {"kubernetes-pod-no-host-ports"},
	"hostProbesAndHostLifecycle": {"kubernetes-pod-no-host-probes"},
	"appArmorProfile":            {"kubernetes-pod-apparmor-profile"},
	"seLinuxOptions":             {"kubernetes-pod-selinux-options"},
	"procMount":                  {"kubernetes-pod-default-proc-mount"},
	"seccompProfile_baseline":    {"kubernetes-pod-seccomp-profile"},
	"sysctls":                    {"kubernetes-pod-safe-sysctls"},
	// Restricted.
	"restrictedVolumes":         {"kubernetes-pod-restricted-volume-types"},
	"allowPrivilegeEscalation":  {"kubernetes-pod-no-privilege-escalation"},
	"runAsNonRoot":              {"kubernetes-pod-run-as-non-root"},
	"runAsUser":                 {"kubernetes-pod-run-as-non-root"},
	"seccompProfile_restricted": {"kubernetes-pod-seccomp-profile"},
	"capabilities_restricted":   {"kubernetes-pod-capabilities-drop-all"},
	"procMount_restricted":      {"kubernetes-pod-default-proc-mount"},
}

// pssUnrelatedRules are the rules on pod specs that no Pod Security Standards check covers:
// they go beyond the standards, so the fixtures do not judge them.
var pssUnrelatedRules = map[string]string{
	"kubernetes-pod-read-only-root-filesystem":         "not in the standards (NSA/CISA hardening guide)",
	"kubernetes-pod-image-pinned":                      "image provenance, not pod security",
	"kubernetes-pod-resource-limits":                   "resource exhaustion, not pod security",
	"kubernetes-pod-secrets-not-in-env":                "secret handling (CIS 5.4.1), not pod security",
	"kubernetes-pod-service-account-token-not-mounted": "API credentials (CIS 5.1.6), not pod security",
}

// pssRuleLevels is the level each rule of pssRules enforces: restricted when one of its checks
// is a restricted check, else baseline.
func pssRuleLevels(t *testing.T) map[string]api.Level {
	t.Helper()
	levels := map[string]api.Level{}
	for _, check := range psapolicy.DefaultChecks() {
		for _, rule := range pssRules[check.ID] {
			if levels[rule] != api.LevelRestricted {
				levels[rule] = check.Level
			}
		}
	}
	return levels
}

// pssFixture is one official fixture pod.
type pssFixture struct {
	file  string    // "restricted/v1.37/fail/runasnonroot0.yaml"
	level api.Level // the level of the namespace it was written for
	pass  bool      // whether the official policy admits it at that level
	check string    // the check id it was written for, lower case ("base" for the minimal pods)
	pod   corev1.Pod
}

func TestPodSecurityStandardsConformance(t *testing.T) {
	fixtures := loadPSSFixtures(t)
	checks := latestPSSChecks(t)
	levels := pssRuleLevels(t)
	analyzer := pssAnalyzer(t)

	for _, fx := range fixtures {
		admitted := apiServerDefaults(fx.pod)
		official := map[psapolicy.CheckID]bool{} // check id: fails
		for _, check := range checks {
			if check.level == api.LevelRestricted && fx.level == api.LevelBaseline {
				continue
			}
			official[check.id] = !check.run(&admitted.ObjectMeta, &admitted.Spec).Allowed
		}
		for kind, r := range pssResources(t, fx) {
			t.Run(fx.file+"/"+kind, func(t *testing.T) {
				reported := pssReported(t, analyzer, r)
				// The fixture is what its file says it is.
				if fx.pass {
					for id, fails := range official {
						assert.False(t, fails && !overridden(checks, id, fx.level), "the official check %s fails a pass fixture", id)
					}
				} else {
					assert.True(t, slices.ContainsFunc(checks, func(c pssCheck) bool {
						return strings.EqualFold(string(c.id), fx.check) && official[c.id]
					}), "the official check %s passes a fail fixture", fx.check)
				}
				// Every check the official policy fails is reported by a rule that implements it.
				for id, fails := range official {
					if fails {
						assert.True(t, slices.ContainsFunc(pssRules[id], func(rule string) bool { return len(reported[rule]) > 0 }),
							"the official check %s fails, but none of %v reports it", id, pssRules[id])
					}
				}
				// Every rule of this level that reports implements a check the official policy fails.
				for rule, messages := range reported {
					level, ok := levels[rule]
					if !ok || level == api.LevelRestricted && fx.level == api.LevelBaseline {
						continue
					}
					var implemented []psapolicy.CheckID
					for id, rules := range pssRules {
						if slices.Contains(rules, rule) && official[id] {
							implemented = append(implemented, id)
						}
					}
					assert.NotEmpty(t, implemented, "%s (%s) reports what no failing official check forbids: %v", rule, level, messages)
				}
			})
		}
	}
}

// TestPodSecurityStandardsMapping checks the table: every official check is mapped, every
// mapped rule exists, and every rule on pod specs is either mapped or said to be unrelated.
func TestPodSecurityStandardsMapping(t *testing.T) {
	ids := map[psapolicy.CheckID]bool{}
	for _, check := range psapolicy.DefaultChecks() {
		ids[check.ID] = true
		assert.NotEmpty(t, pssRules[check.ID], "official check %s is mapped to no rule", check.ID)
	}
	levels := pssRuleLevels(t)
	names := map[string]bool{}
	for _, p := range kubernetes.Policies() {
		names[p.Name] = true
		if level, ok := levels[p.Name]; ok {
			assert.Contains(t, p.Tags, "pss:"+string(level), "rule %s enforces the %s level", p.Name, level)
		}
		mapped := slices.ContainsFunc(slices.Collect(maps.Values(pssRules)), func(rules []string) bool {
			return slices.Contains(rules, p.Name)
		})
		if slices.Contains(p.Types, "kubernetes:core/v1:Pod") && !mapped {
			assert.Contains(t, pssUnrelatedRules, p.Name, "rule %s reads pod specs but is neither mapped to a check "+
				"nor listed as unrelated", p.Name)
		}
	}
	for id, rules := range pssRules {
		assert.True(t, ids[id], "%s is no check of the pinned version", id)
		for _, rule := range rules {
			assert.True(t, names[rule], "no rule named %s", rule)
		}
	}
	for rule := range pssUnrelatedRules {
		assert.True(t, names[rule], "no rule named %s", rule)
	}
}

// pssCheck is the newest version of one official check.
type pssCheck struct {
	id        psapolicy.CheckID
	level     api.Level
	run       psapolicy.CheckPodFn
	overrides []psapolicy.CheckID
}

// latestPSSChecks returns the newest version of every default check of the pinned module.
func latestPSSChecks(t *testing.T) []pssCheck {
	t.Helper()
	var out []pssCheck
	for _, check := range psapolicy.DefaultChecks() {
		latest := check.Versions[len(check.Versions)-1]
		out = append(out, pssCheck{id: check.ID, level: check.Level, run: latest.CheckPod, overrides: latest.OverrideCheckIDs})
	}
	require.NotEmpty(t, out)
	return out
}

// overridden reports whether a restricted check replaces the check at the level.
func overridden(checks []pssCheck, id psapolicy.CheckID, level api.Level) bool {
	return level == api.LevelRestricted && slices.ContainsFunc(checks, func(c pssCheck) bool {
		return c.level == api.LevelRestricted && slices.Contains(c.overrides, id)
	})
}

// loadPSSFixtures reads every fixture of the newest policy version from the module cache.
func loadPSSFixtures(t *testing.T) []pssFixture {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "k8s.io/pod-security-admission").Output()
	require.NoError(t, err, "locate k8s.io/pod-security-admission in the module cache")
	root := filepath.Join(strings.TrimSpace(string(out)), "test", "testdata")
	var fixtures []pssFixture
	for _, level := range []api.Level{api.LevelBaseline, api.LevelRestricted} {
		for _, outcome := range []string{"pass", "fail"} {
			dir := filepath.Join(root, string(level), pssVersion, outcome)
			files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
			require.NoError(t, err)
			require.NotEmpty(t, files, "no fixtures in %s", dir)
			for _, file := range files {
				data, err := os.ReadFile(file)
				require.NoError(t, err)
				fx := pssFixture{level: level, pass: outcome == "pass"}
				require.NoError(t, yaml.UnmarshalStrict(data, &fx.pod), file)
				fx.file, _ = filepath.Rel(root, file)
				fx.check = strings.TrimRight(strings.TrimSuffix(filepath.Base(file), ".yaml"), "0123456789")
				fixtures = append(fixtures, fx)
			}
		}
	}
	return fixtures
}

// apiServerDefaults applies to a pod the API server's defaults that Pod Security admission sees
// and a pack, which reads the program's inputs, does not: a volume that declares no source is an
// emptyDir (SetDefaults_Volume in Kubernetes' core/v1 defaults).
func apiServerDefaults(pod corev1.Pod) corev1.Pod {
	pod = *pod.DeepCopy()
	for i, v := range pod.Spec.Volumes {
		if reflect.ValueOf(v.VolumeSource).IsZero() {
			pod.Spec.Volumes[i].EmptyDir = &corev1.EmptyDirVolumeSource{}
		}
	}
	return pod
}

// pssResources makes the inputs pulumi-kubernetes sends for the fixture's pod: a
// kubernetes:core/v1:Pod, and a kubernetes:apps/v1:Deployment whose template is the pod. The
// pod goes through JSON, as the provider's camelCase inputs.
func pssResources(t *testing.T, fx pssFixture) map[string]plugin.AnalyzerResource {
	t.Helper()
	meta, spec := jsonProps(t, fx.pod.ObjectMeta), jsonProps(t, fx.pod.Spec)
	delete(meta, "creationTimestamp")
	name := fx.pod.Name
	return map[string]plugin.AnalyzerResource{
		"Pod": packtest.Resource("kubernetes:core/v1:Pod", name, props{
			"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec,
		}),
		"Deployment": packtest.Resource("kubernetes:apps/v1:Deployment", name, props{
			"apiVersion": "apps/v1", "kind": "Deployment", "metadata": props{"name": name},
			"spec": props{
				"selector": props{"matchLabels": props{"app": name}},
				"template": props{"metadata": packtest.With(meta, props{"labels": props{"app": name}}), "spec": spec},
			},
		}),
	}
}

// jsonProps turns a Kubernetes API object into the plain data its JSON encoding holds.
func jsonProps(t *testing.T, v any) props {
	t.Helper()
	data, err := json.Marshal(v)
	require.NoError(t, err)
	var out props
	require.NoError(t, json.Unmarshal(data, &out))
	return out
}

// pssAnalyzer is an analyzer of every rule the conformance test judges, without supersession.
func pssAnalyzer(t *testing.T) *pack.Analyzer {
	t.Helper()
	var policies []pack.Policy
	for _, p := range kubernetes.Policies() {
		if slices.Contains(p.Types, "kubernetes:core/v1:Pod") {
			// Each rule's own verdict is judged: a finding superseded by a stronger rule's (a
			// hostPath volume is also a forbidden volume type) still counts for its check.
			p.Supersedes = nil
			policies = append(policies, p)
		}
	}
	a, err := pack.NewAnalyzer(pack.Pack{Name: "pss", Version: "0.0.1", Policies: policies})
	require.NoError(t, err)
	a.ConfigureStack(pack.NewDeployment("acme", "app", "dev", false, map[string]string{}, map[string]string{}, nil))
	return a
}

// pssReported runs the analyzer on one resource and returns the messages of each rule that
// reported it.
func pssReported(t *testing.T, a *pack.Analyzer, r plugin.AnalyzerResource) map[string][]string {
	t.Helper()
	resp, err := a.Analyze(t.Context(), r)
	require.NoError(t, err)
	require.Empty(t, resp.NotApplicable, "a fixture has no unknown value")
	out := map[string][]string{}
	for _, d := range resp.Diagnostics {
		out[d.PolicyName] = append(out[d.PolicyName], d.Message)
	}
	return out
}
