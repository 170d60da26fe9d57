package kubernetes

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
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
		{"no required limit", "kubernetes-pod-resource-limits",
			map[string]any{"requiredLimits": []any{}},
			map[string]any{"requiredLimits": []any{"memory"}},
			"kubernetes-pod-resource-limits: requiredLimits: an empty list requires no limit, which turns the rule " +
				`off; list the resources every container must limit (by default ["cpu", "memory"]), or set the ` +
				`rule's enforcementLevel to "disabled"`},
		{"pods may mount the root", "kubernetes-pod-no-host-path-volumes",
			map[string]any{"allowedPathPrefixes": []any{"/var/log", "/"}},
			map[string]any{"allowedPathPrefixes": []any{"/var/log", "/etc/ssl/certs"}},
			`kubernetes-pod-no-host-path-volumes: allowedPathPrefixes: "/", the node's root directory, allows every ` +
				`host path, which turns the rule off; list the directories that may be mounted, such as "/var/log"`},
		{"pods may mount a path that climbs to the root", "kubernetes-pod-no-host-path-volumes",
			map[string]any{"allowedPathPrefixes": []any{"/var/.."}},
			map[string]any{"allowedPathPrefixes": []any{"/var/log/.."}},
			`allowedPathPrefixes: "/var/..", the node's root directory, allows every host path`},
		{"pods may mount an empty prefix", "kubernetes-pod-no-host-path-volumes",
			map[string]any{"allowedPathPrefixes": []any{" "}},
			map[string]any{"allowedPathPrefixes": []any{"/var/log"}},
			`allowedPathPrefixes: an empty prefix allows every host path, which turns the rule off`},
		{"volumes may be the root", "kubernetes-persistent-volume-no-host-path",
			map[string]any{"allowedPathPrefixes": []any{"//"}},
			map[string]any{"allowedPathPrefixes": []any{"/mnt/data"}},
			`kubernetes-persistent-volume-no-host-path: allowedPathPrefixes: "//", the node's root directory, ` +
				`allows every host path, which turns the rule off`},
		{"containers may add every capability", "kubernetes-pod-no-dangerous-capabilities",
			map[string]any{"allowedCapabilities": []any{"CHOWN", "cap_all"}},
			map[string]any{"allowedCapabilities": []any{"CHOWN", "NET_ADMIN"}},
			`kubernetes-pod-no-dangerous-capabilities: allowedCapabilities: "cap_all" lets a container add every ` +
				`capability, SYS_ADMIN included, by adding ALL, which turns the rule off; list the capabilities ` +
				`containers need, such as NET_ADMIN`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			packtest.RefusesTurningOff(t, Policies(), tc.rule, tc.refused, tc.kept, tc.message)
		})
	}
}
