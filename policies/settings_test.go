package policies

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A setting that would make a rule check nothing is refused with a message that names it and the
// way to switch the rule off on purpose, which then takes it; a sensible value other than the
// default is taken.
func TestSettingsThatTurnRulesOffAreRefused(t *testing.T) {
	for _, tc := range []struct {
		name, rule    string
		refused, kept map[string]any
		message       string
	}{
		{"no required stack tag", "required-stack-tags",
			map[string]any{"tags": map[string]any{}},
			map[string]any{"tags": map[string]any{"team": map[string]any{"pattern": "[a-z-]+"}}},
			`required-stack-tags: tags: an empty object requires no tag of any stack, which turns the rule off; ` +
				`name the tags to require (by default {"owner": {}, "environment": {}}), or set the rule's ` +
				`enforcementLevel to "disabled"`},
		{"no required resource tag", "required-resource-tags",
			map[string]any{"tags": map[string]any{}},
			map[string]any{"tags": map[string]any{"cost-center": map[string]any{}}},
			`required-resource-tags: tags: an empty object requires no tag of any resource, which turns the rule off`},
		{"every package, no range", "approved-packages",
			map[string]any{"allowAll": true},
			map[string]any{"allowAll": true, "packages": map[string]any{"aws": "^7.0.0", "random": ""}},
			`approved-packages: allowAll: true approves every package, and packages gives no version range to ` +
				`check, which turns the rule off; give packages version ranges to hold every provider to (such as ` +
				`{"aws": "^7.0.0"}), or set the rule's enforcementLevel to "disabled"`},
		{"every package, any version", "approved-packages",
			map[string]any{"allowAll": true, "packages": map[string]any{"aws": "*"}},
			map[string]any{"allowAll": false, "packages": map[string]any{"aws": "*"}},
			`approved-packages: allowAll: true approves every package`},
		{"no production value", "production-protection",
			map[string]any{"productionValues": []any{}},
			map[string]any{"productionValues": []any{"production", "critical"}},
			`production-protection: productionValues: an empty list marks no stack as production, which turns the ` +
				`rule off; list the environment tag values of production stacks (by default ["production", "prod", ` +
				`"prd", "live"]), or set the rule's enforcementLevel to "disabled"`},
		{"no environment tag", "production-protection",
			map[string]any{"environmentTag": " "},
			map[string]any{"environmentTag": "tier"},
			`production-protection: environmentTag: an empty tag name is never a stack tag, so no stack is ` +
				`production, which turns the rule off; name the stack tag that holds the environment (by default ` +
				`"environment")`},
		{"pipelines: no production value", "production-updates-from-pipelines",
			map[string]any{"productionValues": []any{}},
			map[string]any{"productionValues": []any{"prod"}, "ciVariables": []any{"DEPLOY_PIPELINE"}},
			`production-updates-from-pipelines: productionValues: an empty list marks no stack as production`},
		{"pipelines: no environment tag", "production-updates-from-pipelines",
			map[string]any{"environmentTag": ""},
			map[string]any{"environmentTag": "stage"},
			`production-updates-from-pipelines: environmentTag: an empty tag name is never a stack tag`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			packtest.RefusesTurningOff(t, All(), tc.rule, tc.refused, tc.kept, tc.message)
		})
	}
}

// emptySettingIsSafe lists, by "rule/setting", the list, object and text settings that take an
// empty value, each with why the rule then still checks what a user expects. Any other such
// setting must refuse the empty value, so that a rule's new setting cannot switch it off unseen.
var emptySettingIsSafe = map[string]string{
	"aws-guardduty-baseline-detector/baselineStacks": "the default: the rule is opt-in, documented as off until " +
		"it names a stack, since GuardDuty is enabled once per account and region",
	"aws-iam-no-full-access-managed-policies/allowedPolicies": "the default: no FullAccess policy is allowed",
	"aws-lb-listener-tls-policy/allowedSslPolicies":           "strict: no policy is allowed, every HTTPS and TLS listener is reported",
	"aws-security-group-admin-ports-open/allowedCidrs":        "the default: sources open to the internet are still reported",
	"aws-security-group-ingress-unrestricted/allowedTcpPorts": "strict: no TCP port may face the internet",
	"aws-security-group-ingress-unrestricted/allowedUdpPorts": "the default: no UDP port may face the internet",
	"aws-eks-cluster-supported-version/minimumVersion":        "the default: the oldest version in standard support, from the calendar",
	"gcp-gke-supported-version/minimumVersion":                "the default: the oldest version in standard support, from the calendar",
	"gcp-cloud-functions-not-public/publicFunctions":          "the default: no function is meant to be public",
	"gcp-cloud-run-not-public/publicServices":                 "the default: no service is meant to be public",
	"kubernetes-namespace-default-deny-network-policy/exemptNamespaces": "strict: every namespace is judged, " +
		"the system ones too",
	"kubernetes-namespace-pod-security-enforced/exemptNamespaces":   "strict: every namespace is judged, the system ones too",
	"kubernetes-persistent-volume-no-host-path/allowedPathPrefixes": "the default: no host path is allowed",
	"kubernetes-pod-no-dangerous-capabilities/allowedCapabilities":  "strict: no capability may be added",
	"kubernetes-pod-no-host-path-volumes/allowedPathPrefixes":       "the default: no host path is allowed",
	"kubernetes-pod-no-host-ports/allowedHostPorts":                 "the default: no host port is allowed",
	"kubernetes-pod-secrets-not-in-env/allowedWorkloads":            "the default: no workload is exempt",
	"kubernetes-pod-service-account-token-not-mounted/allowedServiceAccounts": "the default: no service account " +
		"is exempt",
	"kubernetes-rbac-create-pods/allowedRoles":                  "the default: no role is exempt",
	"kubernetes-rbac-no-escalate-bind-impersonate/allowedRoles": "the default: no role is exempt",
	"kubernetes-rbac-no-pod-exec/allowedRoles":                  "the default: no role is exempt",
	"kubernetes-rbac-secrets-access/allowedRoles":               "the default: no role is exempt",
	"kubernetes-service-no-nodeport/allowedServices":            "the default: no Service is exempt",
	"no-plaintext-secrets-in-config/ignoreKeys":                 "the default: no key is ignored",
	"no-plaintext-secrets-in-inputs/ignoreProperties":           "the default: no input is ignored",
	"production-updates-from-pipelines/ciVariables": "strict: no variable shows CI, so every update of " +
		"production is reported",
	"pulumi-cloud-access/adminTeams":     "the default: no team may hold admin on production stacks",
	"required-resource-tags/ignoreTypes": "the default: no type is skipped",
	"approved-packages/packages":         "strict: documented to approve nothing, so every resource is reported",
}

// emptyValues are the empty value of each setting type this test covers.
var emptyValues = map[string]any{"array": []any{}, "object": map[string]any{}, "string": ""}

// Every rule's list, object and text settings, set empty, are refused with a message naming the
// rule and the setting, unless emptySettingIsSafe says why the rule still checks what it should.
func TestEmptySettingsAreRefusedUnlessSafe(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range All() {
		for _, key := range slices.Sorted(maps.Keys(p.Config.Properties)) {
			empty, covered := emptyValues[fmt.Sprint(p.Config.Properties[key]["type"])]
			if !covered {
				continue
			}
			id := p.Name + "/" + key
			seen[id] = true
			t.Run(id, func(t *testing.T) {
				err := packtest.ConfigError(t, All(), p.Name, map[string]any{key: empty})
				if reason, safe := emptySettingIsSafe[id]; safe {
					assert.NoError(t, err, "listed as safe empty (%s), yet refused", reason)
					return
				}
				require.Error(t, err, "an empty %s takes no effect the user would see: refuse it in the settings' "+
					"Prepare, or list it in emptySettingIsSafe with the reason it is safe", key)
				assert.Contains(t, err.Error(), p.Name+": "+key)
			})
		}
	}
	for id := range emptySettingIsSafe {
		assert.True(t, seen[id], "emptySettingIsSafe lists %s, which is no list, object or text setting of a rule", id)
	}
}
