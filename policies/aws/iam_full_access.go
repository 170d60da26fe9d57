package aws

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// AWS managed "*FullAccess" policies attached to roles, users and groups. The names are data
// (iam_full_access_policies.go); AdministratorAccess is aws-iam-no-administrator-access-attachments'.

func init() { register(iamNoFullAccessAttachments) }

// iamManagedPolicyARN matches the ARN of an AWS managed policy in every partition, capturing its
// name (after any path such as service-role/).
var iamManagedPolicyARN = regexp.MustCompile(`^arn:aws(-[a-z-]+)?:iam::aws:policy/(?:[\w+=,.@-]+/)*([\w+=,.@-]+)$`)

// iamFullAccessSet indexes iamFullAccessManagedPolicies by lower-case name.
var iamFullAccessSet = func() map[string]string {
	set := make(map[string]string, len(iamFullAccessManagedPolicies))
	for _, name := range iamFullAccessManagedPolicies {
		set[strings.ToLower(name)] = name
	}
	return set
}()

type fullAccessSettings struct {
	AllowedPolicies []string `json:"allowedPolicies"`
}

var iamNoFullAccessAttachments = pack.Policy{
	Name:        "aws-iam-no-full-access-managed-policies",
	DisplayName: "AWS managed *FullAccess policies are attached to no user, group or role",
	Description: "No role, user or group gets an AWS managed policy that grants full access to a service (the " +
		"286 AWS managed policies whose name ends in FullAccess, such as AmazonS3FullAccess or " +
		"AmazonDynamoDBFullAccess) from a RolePolicyAttachment, UserPolicyAttachment, GroupPolicyAttachment, " +
		"PolicyAttachment, a role's managedPolicyArns or a Role/User/GroupPolicyAttachmentsExclusive: it " +
		"grants every action on every resource of the service, deleting and sharing included. IAMFullAccess " +
		"is reported at high severity: it lets the holder grant itself anything.",
	Severity: pack.Medium,
	SeverityVaries: "IAMFullAccess lets the holder give itself any permission: high, " +
		"where other services' FullAccess policies are medium",
	Framework: frameworks.WellArchitected("SEC03-BP02"),
	Tags:      []string{"aws", "iam", "identity", "least-privilege"},
	Remediation: "Attach a policy with the actions and resources the principal uses (IAM Access Analyzer can " +
		"generate one from CloudTrail activity), or a narrower AWS managed policy (ReadOnlyAccess variants); " +
		"list the policies a sandbox may keep in allowedPolicies.",
	Types: []string{iamRoleType, iamRolePolicyAttachmentType, iamUserPolicyAttachmentType, iamGroupPolicyAttachmentType,
		iamPolicyAttachmentType, iamRolePolicyAttachmentsExclusiveType, iamUserPolicyAttachmentsExclusiveType,
		iamGroupPolicyAttachmentsExclusiveType},
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"allowedPolicies": pack.StringList("Names of AWS managed FullAccess policies that may be attached, e.g. " +
			"AmazonS3FullAccess. Default: none."),
	}},
	Settings: func() any { return &fullAccessSettings{} },
	Resource: checkIAMNoFullAccessAttachments,
}

func checkIAMNoFullAccessAttachments(c *pack.Check, r *pack.Resource) {
	allowed := pack.SettingsOf[fullAccessSettings](c).AllowedPolicies
	const advice = "which grants every action of its service on every resource; attach a policy with the actions " +
		"the principal needs instead"
	report := func(arn pack.Value, message func(name string) string) {
		name, ok := iamFullAccessPolicy(arn)
		if !ok || pack.ContainsFold(allowed, name) {
			return
		}
		v := pack.Violation{Message: message(name) + ", " + advice}
		if strings.EqualFold(name, "IAMFullAccess") {
			v.Severity = pack.High
			v.Message += " (IAMFullAccess lets the holder give itself any permission)"
		}
		c.Report(v)
	}
	switch r.Type {
	case iamRoleType:
		for _, arn := range known.ValuesFirst(r.Get("managedPolicyArns").Items()) {
			report(arn, func(name string) string {
				return fmt.Sprintf("role %s has the AWS managed %s policy in %s", r.Name, name, arn.Path())
			})
		}
	case iamPolicyAttachmentType:
		if arn := r.Get("policyArn"); iamAttachesToAnyone(r) {
			report(arn, func(name string) string {
				return fmt.Sprintf("%s attaches the AWS managed %s policy (policyArn) to its users, groups and roles",
					r.Name, name)
			})
		}
	default:
		attached := iamAttachedPrincipals[r.Type]
		for _, arn := range known.ValuesFirst(r.Get(attached.arns).Items()) {
			report(arn, func(name string) string {
				return fmt.Sprintf("%s attaches the AWS managed %s policy (%s) to %s %v", r.Name, name, arn.Path(),
					attached.kind, r.Get(attached.principal))
			})
		}
	}
}

// iamFullAccessPolicy returns the name of the AWS managed FullAccess policy an ARN names.
func iamFullAccessPolicy(arn pack.Value) (string, bool) {
	m := iamManagedPolicyARN.FindStringSubmatch(strings.TrimSpace(arn.Text("")))
	if m == nil {
		return "", false
	}
	name, ok := iamFullAccessSet[strings.ToLower(m[2])]
	return name, ok
}
