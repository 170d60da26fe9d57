package kubernetes

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/stretchr/testify/assert"
)

// rbacRuleNames are the RBAC rules.
var rbacRuleNames = []string{
	"kubernetes-rbac-no-cluster-admin-binding", "kubernetes-rbac-no-wildcards", "kubernetes-rbac-secrets-access",
	"kubernetes-rbac-no-pod-exec", "kubernetes-rbac-no-escalate-bind-impersonate", "kubernetes-rbac-create-pods",
	"kubernetes-rbac-no-default-service-account-binding",
}

const (
	clusterRoleBindingType = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"
	roleBindingType        = "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"
	clusterRoleType        = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole"
	roleType               = "kubernetes:rbac.authorization.k8s.io/v1:Role"
)

// binding is a binding of the given token named admins, of the role roleRef names, to subjects.
func binding(typ string, roleRef props, subjects ...any) plugin.AnalyzerResource {
	return packtest.Resource(typ, "admins", props{
		"metadata": props{"name": "admins", "namespace": "team"}, "roleRef": roleRef, "subjects": subjects,
	})
}

// clusterRoleRef names a ClusterRole.
func clusterRoleRef(name any) props {
	return props{"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": name}
}

// subject is a binding's subject of the given kind and name.
func subject(kind string, name any) props {
	if kind == "ServiceAccount" {
		return props{"kind": kind, "name": name, "namespace": "team"}
	}
	return props{"apiGroup": "rbac.authorization.k8s.io", "kind": kind, "name": name}
}

func TestRBACNoClusterAdminBinding(t *testing.T) {
	admin := clusterRoleRef("cluster-admin")
	packtest.Run(t, Policies(), "kubernetes-rbac-no-cluster-admin-binding", []packtest.Case{
		{Name: "a user bound cluster-wide", Want: packtest.Violation, Count: 1,
			Message: `ClusterRoleBinding admins binds the cluster-admin ClusterRole to User "alice" (subjects[0]), ` +
				`which may then do anything to any resource in every namespace: bind a role with only the permissions ` +
				`it needs`,
			Resource: binding(clusterRoleBindingType, admin, subject("User", "alice"))},
		{Name: "a service account bound in a namespace", Want: packtest.Violation, Count: 1,
			Message: `RoleBinding admins binds the cluster-admin ClusterRole to ServiceAccount "deployer" ` +
				`(subjects[0]), which may then do anything to any resource in its namespace, the namespace itself ` +
				`included`,
			Resource: binding(roleBindingType, admin, subject("ServiceAccount", "deployer"))},
		{Name: "each non-system subject", Want: packtest.Violation, Count: 2, Message: `Group "ops" (subjects[2])`,
			Resource: binding(clusterRoleBindingType, admin, subject("User", "alice"), subject("Group", "system:masters"),
				subject("Group", "ops"))},
		{Name: "the cluster's own group", Want: packtest.Pass,
			Resource: binding(clusterRoleBindingType, admin, subject("Group", "system:masters"))},
		{Name: "a system component", Want: packtest.Pass,
			Resource: binding(clusterRoleBindingType, admin, subject("User", "system:kube-controller-manager"))},
		{Name: "anyone, unauthenticated", Want: packtest.Violation,
			Message: `ClusterRoleBinding admins binds the cluster-admin ClusterRole to Group "system:unauthenticated" ` +
				`(subjects[0]), that is anyone who can reach the API server without credentials, who may then do ` +
				`anything to any resource in every namespace: remove the subject`,
			Resource: binding(clusterRoleBindingType, admin, subject("Group", "system:unauthenticated"))},
		{Name: "every authenticated user", Want: packtest.Violation,
			Message:  `Group "system:authenticated" (subjects[0]), that is every authenticated user and service account, who may`,
			Resource: binding(clusterRoleBindingType, admin, subject("Group", "system:authenticated"))},
		{Name: "the service accounts of a namespace", Want: packtest.Violation,
			Message:  `Group "system:serviceaccounts:ci" (subjects[0]), that is every service account of the namespace it names`,
			Resource: binding(clusterRoleBindingType, admin, subject("Group", "system:serviceaccounts:ci"))},
		{Name: "a service account named as a user", Want: packtest.Violation,
			Message:  `User "system:serviceaccount:ci:deployer" (subjects[0]), which may then do anything`,
			Resource: binding(clusterRoleBindingType, admin, subject("User", "system:serviceaccount:ci:deployer"))},
		{Name: "another ClusterRole", Want: packtest.Pass,
			Resource: binding(clusterRoleBindingType, clusterRoleRef("view"), subject("User", "alice"))},
		{Name: "a Role of the namespace called cluster-admin", Want: packtest.Pass,
			Resource: binding(roleBindingType, props{"apiGroup": "rbac.authorization.k8s.io", "kind": "Role",
				"name": "cluster-admin"}, subject("User", "alice"))},
		{Name: "a ClusterRoleBinding's roleRef without a kind", Want: packtest.Violation, Message: `User "alice"`,
			Resource: binding(clusterRoleBindingType, props{"name": "cluster-admin"}, subject("User", "alice"))},
		{Name: "v1beta1", Want: packtest.Violation, Message: "ClusterRoleBinding admins binds",
			Resource: binding("kubernetes:rbac.authorization.k8s.io/v1beta1:ClusterRoleBinding", admin,
				subject("User", "alice"))},
		{Name: "a patch that sets the subjects", Want: packtest.Violation,
			Message: `ClusterRoleBindingPatch admins binds the cluster-admin ClusterRole to User "alice"`,
			Resource: binding("kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBindingPatch", admin,
				subject("User", "alice"))},
		{Name: "a patch that leaves roleRef alone", Want: packtest.Pass,
			Resource: packtest.Resource("kubernetes:rbac.authorization.k8s.io/v1:RoleBindingPatch", "admins",
				props{"subjects": []any{subject("User", "alice")}})},
		{Name: "unknown role name", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": roleRef.name",
			Resource: binding(clusterRoleBindingType, clusterRoleRef(packtest.Unknown), subject("User", "alice"))},
		{Name: "unknown subject name", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": subjects[0].name",
			Resource: binding(clusterRoleBindingType, admin, subject("User", packtest.Unknown))},
		{Name: "a known subject is reported though another is unknown", Want: packtest.Violation, Count: 1,
			Message:  `User "alice" (subjects[1])`,
			Resource: binding(clusterRoleBindingType, admin, subject("User", packtest.Unknown), subject("User", "alice"))},
	})
}

func TestRBACClusterAdminSeverity(t *testing.T) {
	policy := packtest.Find(t, Policies(), "kubernetes-rbac-no-cluster-admin-binding")
	severities := func(subjects ...any) []pack.Severity {
		res := packtest.Check(t, policy, packtest.Case{Resource: binding(clusterRoleBindingType,
			clusterRoleRef("cluster-admin"), subjects...)})
		var out []pack.Severity
		for _, d := range res.Diagnostics {
			out = append(out, d.Severity)
		}
		return out
	}
	assert.Equal(t, []pack.Severity{pack.High}, severities(subject("User", "alice")))
	assert.Equal(t, []pack.Severity{pack.Critical, pack.Critical, pack.Critical, pack.High},
		severities(subject("Group", "system:unauthenticated"), subject("User", "system:anonymous"),
			subject("Group", "system:authenticated"), subject("Group", "system:serviceaccounts")))
}

// role is a role of the given token named ops, in namespace team, with the given rules.
func role(typ string, rules ...any) plugin.AnalyzerResource {
	return packtest.Resource(typ, "ops", props{"metadata": props{"name": "ops", "namespace": "team"}, "rules": rules})
}

// policyRule is a rule of a role.
func policyRule(apiGroups, resources, verbs any) props {
	return props{"apiGroups": apiGroups, "resources": resources, "verbs": verbs}
}

func TestRBACNoWildcards(t *testing.T) {
	readPods := policyRule([]any{""}, []any{"pods"}, []any{"get", "list", "watch"})
	aggregated := packtest.Resource(clusterRoleType, "monitoring", props{
		"aggregationRule": props{"clusterRoleSelectors": []any{props{"matchLabels": props{"aggregate": "true"}}}},
		"rules":           []any{},
	})
	packtest.Run(t, Policies(), "kubernetes-rbac-no-wildcards", []packtest.Case{
		{Name: "every verb", Want: packtest.Violation, Count: 1,
			Message: `Role ops: rules[1].verbs holds "*", which grants every verb, escalate, bind and impersonate ` +
				`included: list what the role needs`,
			Resource: role(roleType, readPods, policyRule([]any{"apps"}, []any{"deployments"}, []any{"*"}))},
		{Name: "every API group", Want: packtest.Violation, Count: 1,
			Message:  `ClusterRole ops: rules[0].apiGroups holds "*", which grants every API group, custom resources included`,
			Resource: role(clusterRoleType, policyRule([]any{"*"}, []any{"pods"}, []any{"get"}))},
		{Name: "every resource", Want: packtest.Violation, Count: 1,
			Message:  `rules[0].resources holds "*", which grants every resource of its API groups`,
			Resource: role(roleType, policyRule([]any{""}, []any{"*"}, []any{"get"}))},
		{Name: "a subresource of every resource", Want: packtest.Violation, Message: `rules[0].resources holds "*/scale"`,
			Resource: role(roleType, policyRule([]any{"apps"}, []any{"*/scale"}, []any{"update"}))},
		{Name: "cluster-admin's rule, one violation per field", Want: packtest.Violation, Count: 3,
			Resource: role(clusterRoleType, policyRule([]any{"*"}, []any{"*"}, []any{"*"}))},
		{Name: "named permissions", Want: packtest.Pass, Resource: role(roleType, readPods)},
		{Name: "every subresource of one resource is no wildcard", Want: packtest.Pass,
			Resource: role(roleType, policyRule([]any{""}, []any{"pods/*"}, []any{"get"}))},
		{Name: "no rules", Want: packtest.Pass, Resource: role(roleType)},
		{Name: "an aggregated ClusterRole is not judged on its empty rules", Want: packtest.NotApplicable,
			Message: "an aggregated ClusterRole", Resource: aggregated},
		{Name: "v1alpha1", Want: packtest.Violation, Message: `ClusterRole ops: rules[0].verbs holds "*"`,
			Resource: role("kubernetes:rbac.authorization.k8s.io/v1alpha1:ClusterRole",
				policyRule([]any{""}, []any{"pods"}, []any{"*"}))},
		{Name: "a patch", Want: packtest.Violation, Message: `RolePatch ops: rules[0].verbs holds "*"`,
			Resource: role("kubernetes:rbac.authorization.k8s.io/v1:RolePatch",
				policyRule([]any{""}, []any{"pods"}, []any{"*"}))},
		{Name: "unknown verbs", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": rules[0].verbs",
			Resource: role(roleType, policyRule([]any{""}, []any{"pods"}, packtest.Unknown))},
		{Name: "a known wildcard is reported though another field is unknown", Want: packtest.Violation, Count: 1,
			Message:  `rules[0].verbs holds "*"`,
			Resource: role(roleType, policyRule(packtest.Unknown, []any{"pods"}, []any{"*"}))},
		{Name: "unknown rules", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": rules",
			Resource: packtest.Resource(roleType, "ops", props{"rules": packtest.Unknown})},
		{Name: "unknown aggregation rule", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": aggregationRule",
			Resource: packtest.Resource(clusterRoleType, "ops", props{"aggregationRule": packtest.Unknown})},
	})
}

func TestRBACSecretsAccess(t *testing.T) {
	readSecrets := policyRule([]any{""}, []any{"secrets"}, []any{"get", "list", "create"})
	operators := map[string]any{"allowedRoles": []any{"ops"}}
	packtest.Run(t, Policies(), "kubernetes-rbac-secrets-access", []packtest.Case{
		{Name: "get and list secrets", Want: packtest.Violation, Count: 1,
			Message: `Role ops: rules[0] grants "get", "list" on every secret of its namespace, credentials included: ` +
				`name the secrets it needs in resourceNames, or allow the role in allowedRoles`,
			Resource: role(roleType, readSecrets)},
		{Name: "a ClusterRole watching secrets", Want: packtest.Violation,
			Message: `ClusterRole ops: rules[0] grants "watch" on every secret of the namespaces it is bound in ` +
				`(all of them through a ClusterRoleBinding)`,
			Resource: role(clusterRoleType, policyRule([]any{""}, []any{"configmaps", "secrets"}, []any{"watch"}))},
		{Name: "every verb on every resource of every group", Want: packtest.Violation, Message: `grants "*" on`,
			Resource: role(roleType, policyRule([]any{"*"}, []any{"*"}, []any{"*"}))},
		{Name: "writing secrets is another matter", Want: packtest.Pass,
			Resource: role(roleType, policyRule([]any{""}, []any{"secrets"}, []any{"create", "update", "delete"}))},
		{Name: "secrets of another API group", Want: packtest.Pass,
			Resource: role(roleType, policyRule([]any{"external-secrets.io"}, []any{"secrets"}, []any{"get"}))},
		{Name: "other resources", Want: packtest.Pass,
			Resource: role(roleType, policyRule([]any{""}, []any{"configmaps"}, []any{"get", "list"}))},
		{Name: "named secrets", Want: packtest.Pass,
			Resource: role(roleType, packtest.With(policyRule([]any{""}, []any{"secrets"}, []any{"get"}),
				props{"resourceNames": []any{"db-credentials"}}))},
		{Name: "allowed by name", Want: packtest.Pass, Config: operators, Resource: role(roleType, readSecrets)},
		{Name: "allowed in its namespace", Want: packtest.Pass, Config: map[string]any{"allowedRoles": []any{"team/ops"}},
			Resource: role(roleType, readSecrets)},
		{Name: "allowed in another namespace only", Want: packtest.Violation,
			Config: map[string]any{"allowedRoles": []any{"prod/ops"}}, Resource: role(roleType, readSecrets)},
		{Name: "allowed by Pulumi name", Want: packtest.Pass, Config: operators,
			Resource: packtest.Resource(roleType, "ops", props{"metadata": props{"name": "ops-8f2k1c"},
				"rules": []any{readSecrets}})},
		{Name: "another role is not allowed", Want: packtest.Violation, Config: map[string]any{"allowedRoles": []any{"cert-manager"}},
			Resource: role(roleType, readSecrets)},
		{Name: "an aggregated ClusterRole", Want: packtest.NotApplicable, Message: "an aggregated ClusterRole",
			Resource: packtest.Resource(clusterRoleType, "view", props{
				"aggregationRule": props{"clusterRoleSelectors": []any{}}, "rules": []any{readSecrets}})},
		{Name: "a patch", Want: packtest.Violation, Message: `ClusterRolePatch ops: rules[0] grants "get", "list"`,
			Resource: role("kubernetes:rbac.authorization.k8s.io/v1:ClusterRolePatch", readSecrets)},
		{Name: "unknown verbs", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": rules[0].verbs",
			Resource: role(roleType, policyRule([]any{""}, []any{"secrets"}, packtest.Unknown))},
		{Name: "unknown resource names", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": rules[0].resourceNames",
			Resource: role(roleType, packtest.With(readSecrets, props{"resourceNames": packtest.Unknown}))},
		{Name: "a field known not to match decides", Want: packtest.Pass,
			Resource: role(roleType, policyRule([]any{"apps"}, packtest.Unknown, packtest.Unknown))},
		{Name: "an unknown verb beside a known one", Want: packtest.Violation, Message: `grants "list"`,
			Resource: role(roleType, policyRule([]any{""}, []any{"secrets"}, []any{packtest.Unknown, "list"}))},
	})
}

func TestKubernetesNamesSetting(t *testing.T) {
	for _, bad := range []string{"", "/ops", "team/", "a/b/c", " "} {
		var s kubernetesNames
		assert.Error(t, s.prepare("allowedRoles", []string{bad}), "%q", bad)
	}
	var s kubernetesNames
	assert.NoError(t, s.prepare("allowedRoles", []string{"ops", " team/reader "}))
	assert.True(t, s.allows("any", "ops"))
	assert.True(t, s.allows("", "x", "ops"))
	assert.True(t, s.allows("team", "reader"))
	assert.False(t, s.allows("prod", "reader"))
	assert.False(t, s.allows("", "reader"))
	assert.False(t, s.allows("team", ""))
}
