package aws

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy"
)

// Privilege escalation paths in IAM identity policies: sets of actions that together let a
// principal raise its own permissions (the methods Rhino Security Labs catalogued, and the
// PassRole variants for services that run code under a role).

func init() { register(iamNoPrivilegeEscalation) }

// iamEscalationPath is one way to escalate: every action must be granted, and the actions in
// broad must be granted on every resource of their kind (every role, user, group, policy,
// function), not only on a named one or the caller's own (but see iamEscalationOnSelf).
type iamEscalationPath struct {
	actions []string
	broad   []string
	how     string
}

// iamEscalationOnSelf are the actions that escalate even on the caller's own user
// (user/${aws:username}): a user who may write its own policies may grant itself anything.
var iamEscalationOnSelf = []string{"iam:PutUserPolicy", "iam:AttachUserPolicy"}

// iamEscalationPaths are the well-known privilege escalation paths, each with what it lets the
// holder do.
var iamEscalationPaths = []iamEscalationPath{
	{[]string{"iam:CreatePolicyVersion"}, []string{"iam:CreatePolicyVersion"},
		"rewrite a managed policy it holds as the new default version"},
	{[]string{"iam:SetDefaultPolicyVersion"}, []string{"iam:SetDefaultPolicyVersion"},
		"switch a policy to a more permissive old version"},
	{[]string{"iam:AttachUserPolicy"}, []string{"iam:AttachUserPolicy"}, "attach AdministratorAccess to a user"},
	{[]string{"iam:AttachGroupPolicy"}, []string{"iam:AttachGroupPolicy"}, "attach AdministratorAccess to a group"},
	{[]string{"iam:AttachRolePolicy"}, []string{"iam:AttachRolePolicy"}, "attach AdministratorAccess to a role"},
	{[]string{"iam:PutUserPolicy"}, []string{"iam:PutUserPolicy"}, "give a user any inline policy"},
	{[]string{"iam:PutGroupPolicy"}, []string{"iam:PutGroupPolicy"}, "give a group any inline policy"},
	{[]string{"iam:PutRolePolicy"}, []string{"iam:PutRolePolicy"}, "give a role any inline policy"},
	{[]string{"iam:UpdateAssumeRolePolicy"}, []string{"iam:UpdateAssumeRolePolicy"},
		"make any role trust it and assume it"},
	{[]string{"iam:CreateAccessKey"}, []string{"iam:CreateAccessKey"}, "create access keys for other users"},
	{[]string{"iam:CreateLoginProfile"}, []string{"iam:CreateLoginProfile"}, "set a console password for other users"},
	{[]string{"iam:UpdateLoginProfile"}, []string{"iam:UpdateLoginProfile"}, "change other users' console passwords"},
	{[]string{"iam:AddUserToGroup"}, []string{"iam:AddUserToGroup"}, "join any group"},
	{[]string{"lambda:UpdateFunctionCode"}, []string{"lambda:UpdateFunctionCode"},
		"run its own code as any existing function's role"},
	{[]string{"glue:UpdateDevEndpoint"}, []string{"glue:UpdateDevEndpoint"},
		"log in to any Glue development endpoint and use its role"},
	{[]string{"iam:PassRole", "ec2:RunInstances"}, []string{"iam:PassRole"},
		"start an instance with any role and use its credentials"},
	{[]string{"iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"}, []string{"iam:PassRole"},
		"create and invoke a function running as any role"},
	{[]string{"iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"}, []string{"iam:PassRole"},
		"create a function running as any role and trigger it from a stream"},
	{[]string{"iam:PassRole", "lambda:UpdateFunctionConfiguration"}, []string{"iam:PassRole"},
		"give an existing function any role"},
	{[]string{"iam:PassRole", "glue:CreateDevEndpoint"}, []string{"iam:PassRole"},
		"create a Glue development endpoint with any role and log in to it"},
	{[]string{"iam:PassRole", "cloudformation:CreateStack"}, []string{"iam:PassRole"},
		"create a stack that provisions anything as any role"},
	{[]string{"iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"},
		[]string{"iam:PassRole"}, "run commands in a data pipeline as any role"},
	{[]string{"iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"}, []string{"iam:PassRole"},
		"run a container as any role"},
	{[]string{"iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:StartTask"}, []string{"iam:PassRole"},
		"run a container as any role"},
	{[]string{"iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:CreateService"}, []string{"iam:PassRole"},
		"run a container service as any role"},
	{[]string{"iam:PassRole", "sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"},
		[]string{"iam:PassRole"}, "open a notebook running as any role"},
	{[]string{"iam:PassRole", "sagemaker:CreateTrainingJob"}, []string{"iam:PassRole"},
		"run a training container as any role"},
	{[]string{"iam:PassRole", "sagemaker:CreateProcessingJob"}, []string{"iam:PassRole"},
		"run a processing container as any role"},
	{[]string{"iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"}, []string{"iam:PassRole"},
		"run a build as any role"},
}

// iamEscalationListed is how many paths a finding names before it counts the rest.
const iamEscalationListed = 4

var iamNoPrivilegeEscalation = pack.Policy{
	Name:        "aws-iam-policy-no-privilege-escalation",
	DisplayName: "IAM policies open no privilege escalation path",
	Description: "IAM policies (managed, inline on roles, users and groups) do not grant a set of actions that " +
		"lets the holder raise its own permissions: writing or attaching policies (iam:CreatePolicyVersion, " +
		"SetDefaultPolicyVersion, Put/Attach User/Group/RolePolicy), taking over other identities " +
		"(iam:UpdateAssumeRolePolicy, CreateAccessKey, Create/UpdateLoginProfile, AddUserToGroup, " +
		"lambda:UpdateFunctionCode, glue:UpdateDevEndpoint), each on every resource of its kind (for " +
		"Put/AttachUserPolicy, the caller's own user/${aws:username} too), or iam:PassRole on every role " +
		"together with a service that runs code as the passed role (EC2, Lambda, Glue, " +
		"CloudFormation, Data Pipeline, ECS, SageMaker, CodeBuild) unless an iam:PassedToService condition keeps " +
		"roles from that service. Wildcards (\"iam:*\", \"iam:Put*\") and NotAction count; actions a Deny " +
		"statement without condition removes do not. Documents that allow " +
		"\"*\" on every resource are left to aws-iam-policy-no-admin-access.",
	Severity:  pack.High,
	Framework: frameworks.WellArchitected("SEC03-BP02"),
	Tags:      []string{"aws", "iam", "identity", "least-privilege", "privilege-escalation"},
	Remediation: "Grant the IAM actions on the ARNs the principal manages (a path such as role/app/*, or " +
		"user/${aws:username} for its own keys), pass only named roles (iam:PassRole on their ARNs, with an " +
		"iam:PassedToService condition), and keep identity administration in a few audited roles; an IAM " +
		"permissions boundary stops a principal from creating something more powerful than itself.",
	Types:    iamIdentityPolicyTypes,
	Resource: checkIAMNoPrivilegeEscalation,
}

func checkIAMNoPrivilegeEscalation(c *pack.Check, r *pack.Resource) {
	for _, doc := range iamPolicyDocuments(r) {
		statements := iampolicy.Read(doc)
		if iamDocumentIsAdmin(statements) {
			continue // aws-iam-policy-no-admin-access's finding
		}
		var found []string
		for _, p := range iamEscalationPaths {
			if iamDocumentOpens(statements, p) {
				found = append(found, fmt.Sprintf("%s (%s)", strings.Join(p.actions, " + "), p.how))
			}
		}
		if len(found) == 0 {
			continue
		}
		listed := found[:min(len(found), iamEscalationListed)]
		more := ""
		if n := len(found) - len(listed); n > 0 {
			more = fmt.Sprintf(", and %d more", n)
		}
		c.Violatef("%s opens %d privilege escalation path(s): %s%s; grant these actions on named resources only",
			doc.Path(), len(found), strings.Join(listed, "; "), more)
	}
}

// iamDocumentIsAdmin reports whether a statement of the document allows every action on every
// resource.
func iamDocumentIsAdmin(statements []iampolicy.Statement) bool {
	for _, s := range statements {
		if s.GrantsEveryAction() && iamCoversEveryResource(s) {
			return true
		}
	}
	return false
}

// iamDocumentOpens reports whether the document grants every action of the path, on every
// resource of its kind where the path needs it.
func iamDocumentOpens(statements []iampolicy.Statement, p iamEscalationPath) bool {
	for _, action := range p.actions {
		grants := func(s iampolicy.Statement) bool {
			service, _, _ := strings.Cut(action, ":")
			switch {
			case !iamStatementGrants(s, action):
				return false
			case strings.EqualFold(action, "iam:PassRole") && !iamPassRoleReaches(s, iamPassRoleService(p)):
				return false
			case !pack.ContainsFold(p.broad, action), iamOnEveryResourceOfKind(s, service):
				return true
			default:
				return pack.ContainsFold(iamEscalationOnSelf, action) && iamOnOwnUser(s)
			}
		}
		if !iamDocumentGrants(statements, action, grants) {
			return false
		}
	}
	return true
}

// iamDocumentGrants reports whether a statement grants action as the path needs it (grants), and
// no Deny statement without condition takes it away everywhere.
func iamDocumentGrants(statements []iampolicy.Statement, action string, grants func(iampolicy.Statement) bool) bool {
	if !slices.ContainsFunc(statements, grants) {
		return false
	}
	service, _, _ := strings.Cut(action, ":")
	return !slices.ContainsFunc(statements, func(s iampolicy.Statement) bool {
		return strings.EqualFold(s.Effect, "Deny") && !s.Condition.Exists() && iamCoversEveryResourceOf(s, service) &&
			(iamActionMatches(s.Actions, action) || (len(s.NotActions) > 0 && !iamActionMatches(s.NotActions, action)))
	})
}

// iamPassRoleServices are the service principals a PassRole path passes the role to, by the
// service of the path's other actions.
var iamPassRoleServices = map[string]string{
	"ec2": "ec2.amazonaws.com", "lambda": "lambda.amazonaws.com", "glue": "glue.amazonaws.com",
	"cloudformation": "cloudformation.amazonaws.com", "datapipeline": "datapipeline.amazonaws.com",
	"ecs": "ecs-tasks.amazonaws.com", "sagemaker": "sagemaker.amazonaws.com", "codebuild": "codebuild.amazonaws.com",
}

// iamPassRoleService returns the service principal a PassRole path passes the role to.
func iamPassRoleService(p iamEscalationPath) string {
	service, _, _ := strings.Cut(p.actions[len(p.actions)-1], ":")
	return iamPassRoleServices[strings.ToLower(service)]
}

// iamPassRoleReaches reports whether a statement lets roles be passed to service: it has no
// condition on iam:PassedToService, or one (StringEquals, StringLike, with IfExists or
// ForAnyValue) whose values name or match the service.
func iamPassRoleReaches(s iampolicy.Statement, service string) bool {
	for operator, keys := range s.Condition.Entries() {
		op := strings.ToLower(strings.TrimPrefix(strings.ToLower(operator), "foranyvalue:"))
		op = strings.TrimSuffix(op, "ifexists")
		if op != "stringequals" && op != "stringlike" && op != "stringequalsignorecase" {
			continue
		}
		for key, value := range keys.Entries() {
			if !strings.EqualFold(key, "iam:PassedToService") {
				continue
			}
			if !slices.ContainsFunc(value.Strings(), func(v string) bool {
				ok, err := path.Match(strings.ToLower(strings.TrimSpace(v)), service)
				return ok && err == nil
			}) {
				return false
			}
		}
	}
	return true
}

// iamOnEveryResourceOfKind reports whether a statement applies to every resource of the service,
// or to every resource of one kind: an ARN whose resource part is "<kind>/*" or "<kind>:*" (every
// role, every user, every function), in any account or a given one.
func iamOnEveryResourceOfKind(s iampolicy.Statement, service string) bool {
	if iamCoversEveryResourceOf(s, service) {
		return true
	}
	for _, r := range s.Resources {
		fields := strings.SplitN(strings.TrimSpace(r), ":", 6)
		if len(fields) < 6 || fields[0] != "arn" || (fields[2] != "*" && !strings.EqualFold(fields[2], service)) {
			continue
		}
		kind, rest, ok := strings.Cut(fields[5], "/")
		if !ok {
			kind, rest, ok = strings.Cut(fields[5], ":") // arn:aws:lambda:<region>:<account>:function:*
		}
		if ok && kind != "" && rest == "*" {
			return true
		}
	}
	return false
}

// iamOwnUserPattern matches the resource of the caller's own IAM user.
var iamOwnUserPattern = regexp.MustCompile(`(?i)^arn:[a-z-*]+:iam::[0-9*]*:user/(.*/)?\$\{aws:username\}$`)

// iamOnOwnUser reports whether a statement applies to the caller's own IAM user.
func iamOnOwnUser(s iampolicy.Statement) bool {
	return slices.ContainsFunc(s.Resources, func(r string) bool { return iamOwnUserPattern.MatchString(strings.TrimSpace(r)) })
}
