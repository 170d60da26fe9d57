package kubernetes

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestRBACNoPodExec(t *testing.T) {
	exec := policyRule([]any{""}, []any{"pods", "pods/exec"}, []any{"get", "create"})
	packtest.Run(t, Policies(), "kubernetes-rbac-no-pod-exec", []packtest.Case{
		{Name: "exec", Want: packtest.Violation, Count: 1,
			Message: `Role ops: rules[0] grants "get", "create" on "pods/exec", which runs commands in, or ` +
				`forwards ports to, the pods it reaches: remove it, name the objects in resourceNames, or allow the ` +
				`role in allowedRoles`,
			Resource: role(roleType, exec)},
		{Name: "attach", Want: packtest.Violation, Message: `"pods/attach"`,
			Resource: role(clusterRoleType, policyRule([]any{""}, []any{"pods/attach"}, []any{"create"}))},
		{Name: "port-forward", Want: packtest.Violation, Message: `"pods/portforward"`,
			Resource: role(roleType, policyRule([]any{""}, []any{"pods/portforward"}, []any{"create"}))},
		{Name: "get alone, as WebSocket connections were authorized", Want: packtest.Violation, Message: `grants "get"`,
			Resource: role(roleType, policyRule([]any{""}, []any{"pods/exec"}, []any{"get"}))},
		{Name: "exec of every resource", Want: packtest.Violation, Message: `"*/exec"`,
			Resource: role(roleType, policyRule([]any{"*"}, []any{"*/exec"}, []any{"*"}))},
		{Name: "reading pods and logs", Want: packtest.Pass,
			Resource: role(roleType, policyRule([]any{""}, []any{"pods", "pods/log"}, []any{"get", "list", "watch"}))},
		{Name: "pods/* is no RBAC wildcard", Want: packtest.Pass,
			Resource: role(roleType, policyRule([]any{""}, []any{"pods/*"}, []any{"create"}))},
		{Name: "exec of another API group", Want: packtest.Pass,
			Resource: role(roleType, policyRule([]any{"example.com"}, []any{"pods/exec"}, []any{"create"}))},
		{Name: "named pods", Want: packtest.Pass,
			Resource: role(roleType, packtest.With(exec, props{"resourceNames": []any{"debug"}}))},
		{Name: "allowed role", Want: packtest.Pass, Config: map[string]any{"allowedRoles": []any{"ops"}},
			Resource: role(roleType, exec)},
		{Name: "patch", Want: packtest.Violation, Message: "RolePatch ops",
			Resource: role("kubernetes:rbac.authorization.k8s.io/v1:RolePatch", exec)},
		{Name: "unknown resources", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": rules[0].resources",
			Resource: role(roleType, policyRule([]any{""}, packtest.Unknown, []any{"create"}))},
	})
}

func TestRBACNoEscalationVerbs(t *testing.T) {
	bind := policyRule([]any{"rbac.authorization.k8s.io"}, []any{"clusterroles"}, []any{"get", "bind", "escalate"})
	packtest.Run(t, Policies(), "kubernetes-rbac-no-escalate-bind-impersonate", []packtest.Case{
		{Name: "bind and escalate", Want: packtest.Violation, Count: 1,
			Message: `ClusterRole ops: rules[0] grants "bind", "escalate" on "clusterroles", with which a subject gives ` +
				`itself permissions it was not granted, up to cluster-admin`,
			Resource: role(clusterRoleType, bind)},
		{Name: "impersonate", Want: packtest.Violation, Message: `grants "impersonate" on "users", "groups"`,
			Resource: role(clusterRoleType, policyRule([]any{""}, []any{"users", "groups"}, []any{"impersonate"}))},
		{Name: "impersonating service accounts in a Role", Want: packtest.Violation, Message: `Role ops`,
			Resource: role(roleType, policyRule([]any{""}, []any{"serviceaccounts"}, []any{"impersonate"}))},
		{Name: "bind limited to named roles", Want: packtest.Pass,
			Resource: role(clusterRoleType, packtest.With(bind, props{"resourceNames": []any{"view"}}))},
		{Name: "managing roles without the verbs", Want: packtest.Pass,
			Resource: role(clusterRoleType, policyRule([]any{"rbac.authorization.k8s.io"}, []any{"roles"},
				[]any{"get", "create", "update"}))},
		{Name: "allowed role", Want: packtest.Pass, Config: map[string]any{"allowedRoles": []any{"ops"}},
			Resource: role(clusterRoleType, bind)},
		{Name: "aggregated", Want: packtest.NotApplicable, Message: "an aggregated ClusterRole",
			Resource: packtest.Resource(clusterRoleType, "admin", props{
				"aggregationRule": props{"clusterRoleSelectors": []any{}}, "rules": []any{bind}})},
		{Name: "patch", Want: packtest.Violation, Message: "ClusterRolePatch ops",
			Resource: role("kubernetes:rbac.authorization.k8s.io/v1:ClusterRolePatch", bind)},
		{Name: "unknown verbs", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": rules[0].verbs",
			Resource: role(roleType, policyRule([]any{""}, []any{"users"}, packtest.Unknown))},
	})
}

func TestRBACCreatePods(t *testing.T) {
	create := policyRule([]any{""}, []any{"pods"}, []any{"get", "create"})
	packtest.Run(t, Policies(), "kubernetes-rbac-create-pods", []packtest.Case{
		{Name: "create pods", Want: packtest.Violation, Count: 1,
			Message: `Role ops: rules[0] grants "create" on "pods", which runs pods with any service account and ` +
				"volume of the namespaces it reaches",
			Resource: role(roleType, create)},
		{Name: "every verb on every resource", Want: packtest.Violation, Message: `grants "*" on "*"`,
			Resource: role(clusterRoleType, policyRule([]any{"*"}, []any{"*"}, []any{"*"}))},
		{Name: "create deployments", Want: packtest.Pass,
			Resource: role(roleType, policyRule([]any{"apps"}, []any{"deployments"}, []any{"create"}))},
		{Name: "read pods", Want: packtest.Pass,
			Resource: role(roleType, policyRule([]any{""}, []any{"pods"}, []any{"get", "list"}))},
		{Name: "create a subresource of pods", Want: packtest.Pass,
			Resource: role(roleType, policyRule([]any{""}, []any{"pods/eviction"}, []any{"create"}))},
		{Name: "allowed role", Want: packtest.Pass, Config: map[string]any{"allowedRoles": []any{"ops"}},
			Resource: role(roleType, create)},
		{Name: "patch", Want: packtest.Violation, Message: "RolePatch ops",
			Resource: role("kubernetes:rbac.authorization.k8s.io/v1:RolePatch", create)},
		{Name: "unknown API groups", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": rules[0].apiGroups",
			Resource: role(roleType, policyRule(packtest.Unknown, []any{"pods"}, []any{"create"}))},
	})
}

func TestRBACNoDefaultServiceAccountBinding(t *testing.T) {
	view := clusterRoleRef("view")
	packtest.Run(t, Policies(), "kubernetes-rbac-no-default-service-account-binding", []packtest.Case{
		{Name: "default service account", Want: packtest.Violation, Count: 1,
			Message: `RoleBinding admins binds its role to ServiceAccount "default" (subjects[0]), the default service ` +
				`account of namespace "team", which every pod of the namespace that names no service account runs as`,
			Resource: binding(roleBindingType, view, subject("ServiceAccount", "default"))},
		{Name: "default service account of the binding's namespace", Want: packtest.Violation,
			Message:  `the default service account of namespace "team"`,
			Resource: binding(roleBindingType, view, props{"kind": "ServiceAccount", "name": "default"})},
		{Name: "as a user", Want: packtest.Violation, Message: `User "system:serviceaccount:ci:default" (subjects[1])`,
			Resource: binding(clusterRoleBindingType, view, subject("User", "alice"),
				subject("User", "system:serviceaccount:ci:default"))},
		{Name: "a workload's own service account", Want: packtest.Pass,
			Resource: binding(clusterRoleBindingType, view, subject("ServiceAccount", "deployer"))},
		{Name: "a user called default", Want: packtest.Pass,
			Resource: binding(roleBindingType, view, subject("User", "default"))},
		{Name: "patch", Want: packtest.Violation, Message: "ClusterRoleBindingPatch admins",
			Resource: binding("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBindingPatch", view,
				subject("ServiceAccount", "default"))},
		{Name: "unknown name", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": subjects[0].name",
			Resource: binding(roleBindingType, view, subject("ServiceAccount", packtest.Unknown))},
	})
}
