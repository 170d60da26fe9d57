package kubernetes

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Rules on Kubernetes RBAC (CIS Kubernetes Benchmark 5.1, RBAC and Service Accounts): who is
// bound to cluster-admin, and what Roles and ClusterRoles grant. They read each object's inputs,
// in every API version of rbac.authorization.k8s.io that pulumi-kubernetes v4 registers, and its
// server-side apply patches; subjects and rules are atomic lists, which a patch replaces whole.

func init() {
	register(rbacNoClusterAdminBinding, rbacNoWildcards, rbacSecretsAccess)
}

// kubernetesRoleBindingTypes are the RoleBinding and ClusterRoleBinding tokens of the
// pulumi-kubernetes v4 SDK (v4.32.0), and their patches.
var kubernetesRoleBindingTypes = withPatchTypes(
	"kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding",
	"kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
	"kubernetes:rbac.authorization.k8s.io/v1beta1:ClusterRoleBinding",
	"kubernetes:rbac.authorization.k8s.io/v1beta1:RoleBinding",
	"kubernetes:rbac.authorization.k8s.io/v1alpha1:ClusterRoleBinding",
	"kubernetes:rbac.authorization.k8s.io/v1alpha1:RoleBinding",
)

// kubernetesRoleTypes are the Role and ClusterRole tokens of the pulumi-kubernetes v4 SDK
// (v4.32.0), and their patches.
var kubernetesRoleTypes = withPatchTypes(
	"kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
	"kubernetes:rbac.authorization.k8s.io/v1:Role",
	"kubernetes:rbac.authorization.k8s.io/v1beta1:ClusterRole",
	"kubernetes:rbac.authorization.k8s.io/v1beta1:Role",
	"kubernetes:rbac.authorization.k8s.io/v1alpha1:ClusterRole",
	"kubernetes:rbac.authorization.k8s.io/v1alpha1:Role",
)

// clusterAdminRole is the ClusterRole every Kubernetes cluster has that grants every verb on every
// resource and non-resource URL.
const clusterAdminRole = "cluster-admin"

// clusterAdminBroadSubjects are the system: groups and users that are no component of the
// cluster but stand for many identities at once: who they are, and whether they admit anyone.
var clusterAdminBroadSubjects = []struct {
	kind, name string
	who        string
	anyone     bool
}{
	{"Group", "system:unauthenticated", "anyone who can reach the API server without credentials", true},
	{"User", "system:anonymous", "anyone who can reach the API server anonymously", true},
	{"Group", "system:authenticated", "every authenticated user and service account", true},
	{"Group", "system:serviceaccounts", "every service account of every namespace", false},
}

var rbacNoClusterAdminBinding = pack.Policy{
	Name:        "kubernetes-rbac-no-cluster-admin-binding",
	DisplayName: "Only the cluster's own components are bound to cluster-admin",
	Description: "No ClusterRoleBinding or RoleBinding binds the cluster-admin ClusterRole to a user, group or " +
		"service account other than the cluster's own system: users and groups (system:masters): cluster-admin " +
		"may do anything to any resource, in every namespace through a ClusterRoleBinding and in the binding's " +
		"namespace, the namespace itself included, through a RoleBinding. Bindings to system:authenticated, " +
		"system:unauthenticated or system:anonymous, which admit anyone, are reported as critical.",
	Severity: pack.High,
	SeverityVaries: "cluster-admin bound to a named subject is high; bound to " +
		"anyone (anonymous or every authenticated user) it is critical",
	Framework: frameworks.CISKubernetes("5.1.1"),
	Tags:      []string{"kubernetes", "rbac", "identity", "least-privilege"},
	Remediation: "Bind a Role or ClusterRole that grants only the verbs and resources the subject needs (the " +
		"built-in admin, edit or view ClusterRoles through a RoleBinding cover most human users), and keep " +
		"cluster-admin for break-glass access through the system:masters group.",
	Types:    kubernetesRoleBindingTypes,
	Resource: checkRBACClusterAdminBinding,
}

func checkRBACClusterAdminBinding(c *pack.Check, r *pack.Resource) {
	ref := r.Get("roleRef")
	if ref.Get("name").Text("") != clusterAdminRole {
		return
	}
	// A ClusterRoleBinding can only name a ClusterRole; a RoleBinding may name a Role of its
	// namespace that happens to be called cluster-admin.
	defaultKind := ""
	scope := "in its namespace, the namespace itself included"
	if kubernetesKind(r.Type) == "ClusterRoleBinding" {
		defaultKind, scope = "ClusterRole", "in every namespace"
	}
	if ref.Get("kind").Text(defaultKind) != "ClusterRole" {
		return
	}
	for _, subject := range known.ValuesFirst(r.Get("subjects").Items()) {
		kind, name := subject.Get("kind").Text(""), subject.Get("name")
		who, anyone, system := clusterAdminSubject(kind, name.Text(""))
		if system {
			continue
		}
		if !slices.Contains(subjectKinds, kind) {
			kind = subject.Get("kind").String()
		}
		v := pack.Violation{Message: fmt.Sprintf("%s binds the cluster-admin ClusterRole to %s %v (%s), which may "+
			"then do anything to any resource %s: bind a role with only the permissions it needs", kubernetesObject(r),
			kind, name, subject.Path(), scope)}
		if who != "" {
			v.Message = fmt.Sprintf("%s binds the cluster-admin ClusterRole to %s %v (%s), that is %s, who may then "+
				"do anything to any resource %s: remove the subject", kubernetesObject(r), kind, name, subject.Path(), who,
				scope)
		}
		if anyone {
			v.Severity = pack.Critical
		}
		c.Report(v)
	}
}

// subjectKinds are the kinds of subject a binding may name.
var subjectKinds = []string{"User", "Group", "ServiceAccount"}

// clusterAdminSubject tells whether a binding's subject is one of the cluster's own components (a
// system: user or group, such as system:masters), or else, for the system: users and groups that
// stand for many identities, who they are and whether they admit anyone.
func clusterAdminSubject(kind, name string) (who string, anyone, system bool) {
	for _, broad := range clusterAdminBroadSubjects {
		if kind == broad.kind && name == broad.name {
			return broad.who, broad.anyone, false
		}
	}
	switch {
	case kind == "Group" && strings.HasPrefix(name, "system:serviceaccounts:"):
		return "every service account of the namespace it names", false, false
	case kind == "User" && strings.HasPrefix(name, "system:serviceaccount:"):
		return "", false, false // a service account named as a user: a workload, not a component
	}
	return "", false, (kind == "User" || kind == "Group") && strings.HasPrefix(name, "system:")
}

// skipAggregatedRole marks the policy not applicable to a ClusterRole whose aggregationRule is
// set: the cluster's aggregation controller then writes its rules, the union of the rules of the
// ClusterRoles the rule selects, whatever the program gives. Those are judged on their own.
func skipAggregatedRole(c *pack.Check, r *pack.Resource) bool {
	if !r.Get("aggregationRule").Exists() {
		return false
	}
	c.Skip("an aggregated ClusterRole: the cluster fills its rules from the ClusterRoles its aggregationRule " +
		"selects, which this policy judges on their own")
	return true
}

var rbacNoWildcards = pack.Policy{
	Name:        "kubernetes-rbac-no-wildcards",
	DisplayName: "Roles grant no wildcard permissions",
	Description: "No rule of a Role or ClusterRole holds the wildcard \"*\" in apiGroups, resources (or " +
		"\"*/subresource\", that subresource of every resource) or verbs: a wildcard grants more than was " +
		"reviewed, and grows with every custom resource and Kubernetes version that adds a resource or a verb. " +
		"Aggregated ClusterRoles, whose rules the cluster fills in, are not judged.",
	Severity:  pack.Medium,
	Framework: frameworks.CISKubernetes("5.1.3"),
	Tags:      []string{"kubernetes", "rbac", "identity", "least-privilege"},
	Remediation: "List in each rule the API groups, resources and verbs the subject needs (\"kubectl auth can-i " +
		"--list --as=<subject>\" shows what it has now); split a rule in several where resources need different " +
		"verbs.",
	Types:    kubernetesRoleTypes,
	Resource: checkRBACWildcards,
}

// rbacRuleField is a field of a policy rule, with what a wildcard in it grants.
type rbacRuleField struct{ field, wildcardGrants string }

var rbacWildcardFields = []rbacRuleField{
	{"apiGroups", "every API group, custom resources included"},
	{"resources", "every resource of its API groups (\"*/name\": that subresource of each)"},
	{"verbs", "every verb, escalate, bind and impersonate included"},
}

// isRBACWildcard reports whether an item of a policy rule's field is a wildcard: "*", or in
// resources "*/subresource" (Kubernetes matches it against that subresource of every resource).
func isRBACWildcard(field, item string) bool {
	return item == "*" || field == "resources" && strings.HasPrefix(item, "*/")
}

func checkRBACWildcards(c *pack.Check, r *pack.Resource) {
	if skipAggregatedRole(c, r) {
		return
	}
	for _, rule := range known.ValuesFirst(r.Get("rules").Items()) {
		fields := known.First(rbacWildcardFields, func(f rbacRuleField) pack.Value { return rule.Get(f.field) })
		for _, f := range fields {
			list := rule.Get(f.field)
			var wild []pack.Value
			for _, item := range known.ValuesFirst(list.Items()) {
				if item.Unknown() && len(wild) > 0 {
					break // the known items already grant too much
				}
				if isRBACWildcard(f.field, item.Text("")) {
					wild = append(wild, item)
				}
			}
			if len(wild) > 0 {
				c.Violatef("%s: %s holds %s, which grants %s: list what the role needs", kubernetesObject(r),
					list.Path(), quoteValues(wild), f.wildcardGrants)
			}
		}
	}
}

// allowedRolesSettings are the settings of the rules on what a Role or ClusterRole grants: the
// roles that may grant it all the same.
type allowedRolesSettings struct {
	AllowedRoles []string `json:"allowedRoles"`

	kubernetesNames
}

func (s *allowedRolesSettings) Prepare() error {
	return s.prepare("allowedRoles", s.AllowedRoles)
}

// roleAllowed reports whether the policy's allowedRoles setting lists the Role or ClusterRole,
// by its metadata.name or Pulumi name (in its namespace, for a Role).
func roleAllowed(c *pack.Check, r *pack.Resource) bool {
	allowed := pack.SettingsOf[allowedRolesSettings](c)
	if allowed.empty() {
		return false
	}
	namespace := ""
	if !strings.HasPrefix(kubernetesKind(r.Type), "Cluster") {
		namespace = kubernetesNamespace(r).Text("")
	}
	return allowed.allows(namespace, r.Name, r.Get("metadata", "name").Text(""))
}

// allowedRolesSchema is the schema of the allowedRoles setting; what says what the roles may grant.
func allowedRolesSchema(what string) pack.Schema {
	return pack.Schema{Properties: map[string]pack.JSONSchema{
		"allowedRoles": pack.StringList("Roles and ClusterRoles that may " + what + ", by metadata.name or Pulumi " +
			"resource name (\"name\" in any namespace, \"namespace/name\" for one Role). Default: none."),
	}}
}

var rbacSecretsAccess = pack.Policy{
	Name:        "kubernetes-rbac-secrets-access",
	DisplayName: "Roles do not read every secret",
	Description: "No rule of a Role or ClusterRole grants get, list or watch (or \"*\") on secrets (resources " +
		"\"secrets\" or \"*\" in the API group \"\" or \"*\") unless it names the secrets it may read in " +
		"resourceNames: secrets hold credentials, service account tokens of more privileged accounts among them, " +
		"so reading them all is a way to escalate. Roles allowed in allowedRoles and aggregated ClusterRoles are " +
		"not judged.",
	Severity:  pack.Medium,
	Framework: frameworks.CISKubernetes("5.1.2"),
	Tags:      []string{"kubernetes", "rbac", "identity", "secrets"},
	Remediation: "Remove get, list and watch on secrets from the rule, or name the secrets the subject needs in " +
		"resourceNames (with the verb get). An operator that must read secrets it does not know in advance can " +
		"be allowed by its role's name in this policy's allowedRoles setting.",
	Config:   allowedRolesSchema("read secrets"),
	Settings: func() any { return &allowedRolesSettings{} },
	Types:    kubernetesRoleTypes,
	Resource: checkRBACSecretsAccess,
}

// secretReadVerbs are the verbs that read secrets' contents.
var secretReadVerbs = []string{"get", "list", "watch", "*"}

func checkRBACSecretsAccess(c *pack.Check, r *pack.Resource) {
	if skipAggregatedRole(c, r) {
		return
	}
	for _, rule := range known.ValuesFirst(r.Get("rules").Items()) {
		verbs := rbacSecretsRead(rule)
		if len(verbs) == 0 {
			continue
		}
		if roleAllowed(c, r) {
			return
		}
		c.Violatef("%s: %s grants %s on %s, credentials included: name the secrets it needs in "+
			"resourceNames, or allow the role in allowedRoles", kubernetesObject(r), rule.Path(), quoteValues(verbs),
			secretsScope(r))
	}
}

// secretsScope says which secrets a role's rules reach.
func secretsScope(r *pack.Resource) string {
	if strings.HasPrefix(kubernetesKind(r.Type), "Cluster") {
		return "every secret of the namespaces it is bound in (all of them through a ClusterRoleBinding)"
	}
	return "every secret of its namespace"
}

// rbacSecretsRead returns the verbs with which a policy rule reads any secret, none when it does
// not: get, list, watch or "*" on the resources "secrets" or "*" of the API group "" or "*",
// without resourceNames to name the secrets.
func rbacSecretsRead(rule pack.Value) []pack.Value {
	verbs, _ := rbacPermission{
		apiGroup:      func(g string) bool { return g == "" || g == "*" },
		resource:      func(res string) bool { return res == "secrets" || res == "*" },
		verb:          func(v string) bool { return slices.Contains(secretReadVerbs, v) },
		namesNarrowIt: true,
	}.grantedBy(rule)
	return verbs
}

// rbacPermission is a permission a policy rule of a Role or ClusterRole may grant: an API
// group, a resource and a verb that match, together.
type rbacPermission struct {
	apiGroup, resource, verb func(string) bool
	// namesNarrowIt is true when a rule that names the objects in resourceNames no longer grants
	// the permission (reading some named secrets is not reading every secret).
	namesNarrowIt bool
}

// grantedBy returns the verbs and resources of a policy rule that grant the permission, none
// when it does not. A field known not to match decides whatever the others hold; else an
// unknown field stops the check.
func (p rbacPermission) grantedBy(rule pack.Value) (verbs, resources []pack.Value) {
	fields := []struct {
		list  pack.Value
		match func(string) bool
	}{
		{rule.Get("apiGroups"), p.apiGroup},
		{rule.Get("resources"), p.resource},
		{rule.Get("verbs"), p.verb},
	}
	var unknown []pack.Value
	if p.namesNarrowIt {
		names := rule.Get("resourceNames")
		switch rbacRuleMatches(names, func(string) bool { return true }) {
		case ruleYes:
			return nil, nil
		case ruleUnknown:
			unknown = append(unknown, names)
		}
	}
	for _, f := range fields {
		switch rbacRuleMatches(f.list, f.match) {
		case ruleNo:
			return nil, nil
		case ruleUnknown:
			unknown = append(unknown, f.list)
		}
	}
	for _, list := range unknown {
		_ = list.Strings() // unknown: stops the check
	}
	return rbacKnownMatches(rule.Get("verbs"), p.verb), rbacKnownMatches(rule.Get("resources"), p.resource)
}

// rbacKnownMatches returns the known items of a policy rule's list that match.
func rbacKnownMatches(list pack.Value, match func(string) bool) []pack.Value {
	var out []pack.Value
	for _, v := range list.Items() {
		if !v.Unknown() && match(v.Text("")) {
			out = append(out, v)
		}
	}
	return out
}

// ruleMatch is what a field of a policy rule, a list of strings, tells of a match.
type ruleMatch int

const (
	ruleNo ruleMatch = iota
	ruleYes
	ruleUnknown
)

// rbacRuleMatches tells whether a known item of a policy rule's list matches, else whether an
// unknown one may, without ever stopping the check. A single string counts as a list of one.
func rbacRuleMatches(list pack.Value, match func(string) bool) ruleMatch {
	items := list.Raw()
	switch {
	case items.IsComputed():
		return ruleUnknown
	case items.IsString():
		items = property.New([]property.Value{items})
	case !items.IsArray():
		return ruleNo
	}
	out := ruleNo
	for _, item := range items.AsArray().All {
		switch {
		case item.IsComputed():
			out = ruleUnknown
		case item.IsString() && match(item.AsString()):
			return ruleYes
		}
	}
	return out
}
