package kubernetes

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// Rules on the RBAC permissions that let a subject gain more than it was given (CIS Kubernetes
// Benchmark 5.1.4, 5.1.5, 5.1.8): running commands in other pods, creating pods, granting roles
// or acting as someone else, and the rights bound to each namespace's default service account.

func init() {
	register(rbacNoPodExec, rbacNoEscalationVerbs, rbacCreatePods, rbacNoDefaultServiceAccountBinding)
}

// coreAPIGroup matches the core API group ("") and the wildcard.
func coreAPIGroup(g string) bool { return g == "" || g == "*" }

// podStreamSubresources are the subresources that open a stream into a running pod.
var podStreamSubresources = []string{"exec", "attach", "portforward"}

var rbacNoPodExec = pack.Policy{
	Name:        "kubernetes-rbac-no-pod-exec",
	DisplayName: "Roles do not open shells into pods",
	Description: "No rule of a Role or ClusterRole grants create, get or \"*\" on pods/exec, pods/attach or " +
		"pods/portforward (or \"*\", \"*/exec\"...) without naming the pods in resourceNames: exec and attach run " +
		"commands in any pod the role reaches, with that pod's service account token, mounted secrets and network " +
		"access, and port-forward reaches its ports around network policies. get counts as well: before " +
		"Kubernetes 1.35, WebSocket connections were authorized with get alone. Roles allowed in allowedRoles and " +
		"aggregated ClusterRoles are not judged.",
	Severity:  pack.Medium,
	Framework: frameworks.NSAKubernetesHardening("Authentication and authorization: Role-based access control"),
	Tags:      []string{"kubernetes", "rbac", "identity", "least-privilege"},
	Remediation: "Remove pods/exec, pods/attach and pods/portforward from the rule; grant them only to the few " +
		"people who debug workloads, through a role of its own allowed in this policy's allowedRoles setting, " +
		"and prefer ephemeral debug containers or logs.",
	Config:   allowedRolesSchema("exec into, attach to or port-forward to pods"),
	Settings: func() any { return &allowedRolesSettings{} },
	Types:    kubernetesRoleTypes,
	Resource: checkRBACPodExec,
}

func checkRBACPodExec(c *pack.Check, r *pack.Resource) {
	streams := rbacPermission{
		apiGroup: coreAPIGroup,
		resource: func(res string) bool {
			sub, ok := strings.CutPrefix(res, "pods/")
			if !ok {
				sub, ok = strings.CutPrefix(res, "*/")
			}
			return res == "*" || ok && slices.Contains(podStreamSubresources, sub)
		},
		verb:          func(v string) bool { return v == "create" || v == "get" || v == "*" },
		namesNarrowIt: true,
	}
	reportRBACGrant(c, r, streams, "which runs commands in, or forwards ports to, the pods it reaches")
}

var rbacNoEscalationVerbs = pack.Policy{
	Name:        "kubernetes-rbac-no-escalate-bind-impersonate",
	DisplayName: "Roles do not grant escalate, bind or impersonate",
	Description: "No rule of a Role or ClusterRole grants the verbs escalate, bind or impersonate without naming " +
		"the objects in resourceNames: escalate lets a subject write roles with permissions it does not hold, " +
		"bind lets it bind any role (cluster-admin included) to itself, and impersonate lets it act as any user, " +
		"group or service account. Each leads to cluster-admin. A \"*\" verb grants them too and is reported by " +
		"kubernetes-rbac-no-wildcards. Roles allowed in allowedRoles and aggregated ClusterRoles are not judged.",
	Severity:  pack.High,
	Framework: frameworks.CISKubernetes("5.1.8"),
	Tags:      []string{"kubernetes", "rbac", "identity", "least-privilege"},
	Remediation: "Remove the verbs. A controller that must bind roles should name the roles it may bind in " +
		"resourceNames (bind on clusterroles named view, for instance); an operator that needs more can be " +
		"allowed by its role's name in this policy's allowedRoles setting.",
	Config:   allowedRolesSchema("grant escalate, bind or impersonate"),
	Settings: func() any { return &allowedRolesSettings{} },
	Types:    kubernetesRoleTypes,
	Resource: checkRBACEscalationVerbs,
}

// escalationVerbs are the verbs that let a subject give itself more permissions.
var escalationVerbs = []string{"escalate", "bind", "impersonate"}

func checkRBACEscalationVerbs(c *pack.Check, r *pack.Resource) {
	escalation := rbacPermission{
		apiGroup:      func(string) bool { return true },
		resource:      func(string) bool { return true },
		verb:          func(v string) bool { return slices.Contains(escalationVerbs, v) },
		namesNarrowIt: true,
	}
	reportRBACGrant(c, r, escalation, "with which a subject gives itself permissions it was not granted, up to "+
		"cluster-admin")
}

var rbacCreatePods = pack.Policy{
	Name:        "kubernetes-rbac-create-pods",
	DisplayName: "Roles do not create pods",
	Description: "No rule of a Role or ClusterRole grants create (or \"*\") on pods (or \"*\") in the core API " +
		"group: a subject that creates pods can run them with any service account of the namespace, mount its " +
		"secrets, and, where Pod Security admission does not stop it, take over a node. Controllers create pods " +
		"from Deployments and Jobs; people and pipelines should create those. Roles allowed in allowedRoles and " +
		"aggregated ClusterRoles are not judged.",
	Severity:  pack.Medium,
	Framework: frameworks.CISKubernetes("5.1.4"),
	Tags:      []string{"kubernetes", "rbac", "identity", "least-privilege"},
	Remediation: "Grant create on deployments, statefulsets or jobs instead of pods. A controller that must create " +
		"pods (a CI runner, a workflow engine) can be allowed by its role's name in this policy's allowedRoles " +
		"setting; enforce Pod Security admission in the namespaces it works in.",
	Config:   allowedRolesSchema("create pods"),
	Settings: func() any { return &allowedRolesSettings{} },
	Types:    kubernetesRoleTypes,
	Resource: checkRBACCreatePods,
}

func checkRBACCreatePods(c *pack.Check, r *pack.Resource) {
	createPods := rbacPermission{
		apiGroup: coreAPIGroup,
		resource: func(res string) bool { return res == "pods" || res == "*" },
		verb:     func(v string) bool { return v == "create" || v == "*" },
	}
	reportRBACGrant(c, r, createPods, "which runs pods with any service account and volume of the namespaces "+
		"it reaches")
}

// reportRBACGrant reports each rule of a Role or ClusterRole that grants the permission, unless the
// role is aggregated or allowed by the policy's allowedRoles setting.
func reportRBACGrant(c *pack.Check, r *pack.Resource, p rbacPermission, consequence string) {
	if skipAggregatedRole(c, r) {
		return
	}
	for _, rule := range known.ValuesFirst(r.Get("rules").Items()) {
		verbs, resources := p.grantedBy(rule)
		if len(verbs) == 0 {
			continue
		}
		if roleAllowed(c, r) {
			return
		}
		c.Violatef("%s: %s grants %s on %s, %s: remove it, name the objects in resourceNames, or allow the role "+
			"in allowedRoles", kubernetesObject(r), rule.Path(), quoteValues(verbs), quoteValues(resources), consequence)
	}
}

var rbacNoDefaultServiceAccountBinding = pack.Policy{
	Name:        "kubernetes-rbac-no-default-service-account-binding",
	DisplayName: "No role is bound to a default service account",
	Description: "No RoleBinding or ClusterRoleBinding binds a role to the default service account of a namespace " +
		"(as a ServiceAccount subject, or as the user system:serviceaccount:<namespace>:default): every pod of " +
		"the namespace that names no service account runs as it, so the role's permissions go to all of them.",
	Severity:  pack.Medium,
	Framework: frameworks.CISKubernetes("5.1.5"),
	Tags:      []string{"kubernetes", "rbac", "identity", "least-privilege"},
	Remediation: "Create a service account for the workload that needs the permissions, bind the role to it, and " +
		"set serviceAccountName in the workload's pod template.",
	Types:    kubernetesRoleBindingTypes,
	Resource: checkRBACDefaultServiceAccountBinding,
}

func checkRBACDefaultServiceAccountBinding(c *pack.Check, r *pack.Resource) {
	for _, subject := range known.ValuesFirst(r.Get("subjects").Items()) {
		kind, name := subject.Get("kind").Text(""), subject.Get("name")
		var account string
		switch {
		case kind == "ServiceAccount" && name.Text("") == "default":
			namespace := subject.Get("namespace")
			if !namespace.Exists() {
				namespace = kubernetesNamespace(r)
			}
			account = fmt.Sprintf("the default service account of namespace %v", namespace)
		case kind == "User" && strings.HasPrefix(name.Text(""), "system:serviceaccount:") &&
			strings.HasSuffix(name.Text(""), ":default") && strings.Count(name.Text(""), ":") == 3:
			account = "a namespace's default service account, named as a user"
		default:
			continue
		}
		c.Violatef("%s binds its role to %s %v (%s), %s, which every pod of the namespace that names no service "+
			"account runs as: bind the role to a service account of the workload's own", kubernetesObject(r), kind,
			name, subject.Path(), account)
	}
}
