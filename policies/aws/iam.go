package aws

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy"
	"github.com/pulumi-securely/pulumi-securely/policies/joins"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// IAM rules: identity policies, role trust policies, user attachments, the password policy.
// Type tokens and property names are the same in pulumi-aws v6 (v6.83.4 Go SDK) and v7 (7.48.0).

const (
	iamPolicyType                = "aws:iam/policy:Policy"
	iamRolePolicyType            = "aws:iam/rolePolicy:RolePolicy"
	iamUserPolicyType            = "aws:iam/userPolicy:UserPolicy"
	iamGroupPolicyType           = "aws:iam/groupPolicy:GroupPolicy"
	iamRoleType                  = "aws:iam/role:Role"
	iamUserPolicyAttachmentType  = "aws:iam/userPolicyAttachment:UserPolicyAttachment"
	iamRolePolicyAttachmentType  = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
	iamGroupPolicyAttachmentType = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment"
	iamPolicyAttachmentType      = "aws:iam/policyAttachment:PolicyAttachment"
	iamPasswordPolicyType        = "aws:iam/accountPasswordPolicy:AccountPasswordPolicy"

	// The exclusive attachments attach the managed policies in `policyArns` to one role, user or
	// group (roleName, userName, groupName) and detach every other.
	iamRolePolicyAttachmentsExclusiveType  = "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive"
	iamUserPolicyAttachmentsExclusiveType  = "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive"
	iamGroupPolicyAttachmentsExclusiveType = "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive"
	// RolePoliciesExclusive keeps the inline policies named in policyNames on one role (roleName)
	// and deletes every other.
	iamRolePoliciesExclusiveType = "aws:iam/rolePoliciesExclusive:RolePoliciesExclusive"
)

// iamIdentityPolicyTypes hold identity policy documents: `policy` on the policy resources,
// `inlinePolicies[].policy` on a role.
var iamIdentityPolicyTypes = []string{
	iamPolicyType, iamRolePolicyType, iamUserPolicyType, iamGroupPolicyType, iamRoleType,
}

func init() {
	register(iamNoAdminAccess, iamNoServiceWildcard, iamNoKMSDecryptAllKeys, iamNoAdministratorAccessAttachments,
		iamNoUserPolicies, iamRoleTrustNotPublic, iamRoleOIDCTrustSubject, iamPasswordPolicy, iamRoleNoPolicyManagementConflicts)
}

// iamPolicyDocuments returns the identity policy documents a resource holds.
func iamPolicyDocuments(r *pack.Resource) []pack.Value {
	if r.Type != iamRoleType {
		return []pack.Value{r.Get("policy")}
	}
	var docs []pack.Value
	for _, inline := range r.Get("inlinePolicies").Items() {
		docs = append(docs, inline.Get("policy"))
	}
	return docs
}

var iamNoAdminAccess = pack.Policy{
	Name:        "aws-iam-policy-no-admin-access",
	DisplayName: "IAM policies do not grant full administrator access",
	Description: "IAM policies (managed, inline on roles, users and groups) have no statement that allows " +
		"every action (\"*\") on every resource.",
	Severity:  pack.Critical,
	Framework: frameworks.FSBP("IAM.1"),
	Tags:      []string{"aws", "iam", "identity", "least-privilege", "cis:1.16"},
	Remediation: "Replace the statement's \"Action\": \"*\" with the actions the principal needs, on the " +
		"resources it needs. Where administrators really need full access, give it through an IAM Identity " +
		"Center permission set with the AWS managed AdministratorAccess policy, not a custom policy.",
	Types:      iamIdentityPolicyTypes,
	Supersedes: []string{"aws-iam-policy-no-kms-decrypt-all-keys"},
	Resource:   checkIAMNoAdminAccess,
}

// iamStatementPath is the path of the i-th statement of a policy document, which findings about
// one statement share.
func iamStatementPath(doc pack.Value, i int) string {
	return fmt.Sprintf("%s.Statement[%d]", doc.Path(), i)
}

func checkIAMNoAdminAccess(c *pack.Check, r *pack.Resource) {
	for _, doc := range iamPolicyDocuments(r) {
		for i, s := range iampolicy.Read(doc) {
			if s.GrantsEveryAction() && iamCoversEveryResource(s) {
				c.ViolateAt(iamStatementPath(doc, i), "%s: statement %d allows every action (\"*\") on every resource, which is full "+
					"administrator access; list the actions and resources the principal needs instead",
					doc.Path(), i+1)
			}
		}
	}
}

var iamNoServiceWildcard = pack.Policy{
	Name:        "aws-iam-policy-no-service-wildcard",
	DisplayName: "IAM policies do not grant every action of a service on every resource",
	Description: "IAM policies have no statement that allows all the actions of a service (\"s3:*\", " +
		"\"iam:*\") on every resource. \"iam:*\" is reported at high severity: it lets the holder grant " +
		"itself anything.",
	Severity: pack.Medium,
	SeverityVaries: "\"iam:*\" on every resource lets the holder give itself any " +
		"permission: high, where other services' wildcards are medium",
	Framework: frameworks.FSBP("IAM.21"),
	Tags:      []string{"aws", "iam", "identity", "least-privilege"},
	Remediation: "Replace \"<service>:*\" with the actions the principal uses (IAM Access Analyzer can " +
		"generate them from CloudTrail activity), and \"Resource\": \"*\" with the ARNs it works on.",
	Types:    iamIdentityPolicyTypes,
	Resource: checkIAMNoServiceWildcard,
}

func checkIAMNoServiceWildcard(c *pack.Check, r *pack.Resource) {
	for _, doc := range iamPolicyDocuments(r) {
		for i, s := range iampolicy.Read(doc) {
			if !s.Allows() || s.GrantsEveryAction() {
				continue // full access is aws-iam-policy-no-admin-access's finding
			}
			for _, action := range s.Actions {
				service, rest, ok := strings.Cut(strings.TrimSpace(action), ":")
				if !ok || rest != "*" || service == "*" || !iamCoversEveryResourceOf(s, service) {
					continue
				}
				v := pack.Violation{Message: fmt.Sprintf("%s: statement %d allows %s on every resource; list "+
					"the actions and resources the principal needs instead", doc.Path(), i+1, quotedFromValue(doc, action))}
				if strings.EqualFold(service, "iam") {
					v.Severity = pack.High
					v.Message += " (iam:* lets the holder give itself any permission)"
				}
				c.Report(v)
			}
		}
	}
}

// iamCoversEveryResourceOf reports whether a statement applies to every resource of a service:
// every resource at all, or an ARN pattern like "arn:aws:s3:::*" or "arn:aws:dynamodb:*:*:*"
// (partition and service given or "*", every later field empty or "*", ending in "*").
func iamCoversEveryResourceOf(s iampolicy.Statement, service string) bool {
	if iamCoversEveryResource(s) {
		return true
	}
	for _, r := range s.Resources {
		fields := strings.Split(strings.TrimSpace(r), ":")
		if len(fields) < 3 || fields[0] != "arn" || !strings.HasSuffix(r, "*") ||
			(fields[1] != "*" && !strings.HasPrefix(fields[1], "aws")) ||
			(fields[2] != "*" && !strings.EqualFold(fields[2], service)) {
			continue
		}
		rest := strings.Join(fields[3:], "")
		if strings.Trim(rest, "*") == "" {
			return true
		}
	}
	return false
}

// kmsDecryptActions are the KMS actions that read data encrypted under a key: kms:Decrypt, and
// kms:ReEncryptFrom, which decrypts in order to re-encrypt under another key.
var kmsDecryptActions = []string{"kms:Decrypt", "kms:ReEncryptFrom"}

// kmsEveryKeyPattern matches key ARN patterns that cover the keys of every account in every
// region ("arn:aws:kms:*:*:key/*"); iamCoversEveryResourceOf covers "arn:aws:kms:*:*:*".
var kmsEveryKeyPattern = regexp.MustCompile(`^arn:(\*|aws(-[a-z-]+)?):kms:\*:\*:key/\*$`)

var iamNoKMSDecryptAllKeys = pack.Policy{
	Name:        "aws-iam-policy-no-kms-decrypt-all-keys",
	DisplayName: "IAM policies do not allow decrypting with every KMS key",
	Description: "IAM policies have no Allow statement that grants kms:Decrypt or kms:ReEncryptFrom (directly, " +
		"through a wildcard such as \"kms:*\" or \"*\", or through NotAction) on every KMS key: Resource \"*\", " +
		"NotResource, or a key ARN pattern with any region and any account. Customer managed policies: FSBP " +
		"KMS.1; inline policies of roles, users and groups: FSBP KMS.2. A statement that allows everything is " +
		"reported once, by aws-iam-policy-no-admin-access.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("KMS.1"),
	Tags:      []string{"aws", "iam", "kms", "identity", "least-privilege"},
	Remediation: "Grant kms:Decrypt and kms:ReEncryptFrom only on the keys the principal reads with: list their " +
		"ARNs in Resource (or arn:aws:kms:<region>:<account>:key/* for the keys of one account in one region), " +
		"or leave decryption to the key policies.",
	Types:    iamIdentityPolicyTypes,
	Resource: checkIAMNoKMSDecryptAllKeys,
}

func checkIAMNoKMSDecryptAllKeys(c *pack.Check, r *pack.Resource) {
	for _, doc := range iamPolicyDocuments(r) {
		for i, s := range iampolicy.Read(doc) {
			if !s.Allows() || !iamCoversEveryKMSKey(s) {
				continue
			}
			for _, action := range kmsDecryptActions {
				if iamStatementGrants(s, action) {
					c.ViolateAt(iamStatementPath(doc, i), "%s: statement %d allows %s on every KMS key, so the principal can read anything "+
						"encrypted under any key that trusts the account; list the keys it needs in Resource instead",
						doc.Path(), i+1, action)
					break
				}
			}
		}
	}
}

// iamCoversEveryKMSKey reports whether a statement applies to every KMS key.
func iamCoversEveryKMSKey(s iampolicy.Statement) bool {
	if iamCoversEveryResourceOf(s, "kms") {
		return true
	}
	return slices.ContainsFunc(s.Resources, func(r string) bool {
		return kmsEveryKeyPattern.MatchString(strings.TrimSpace(r))
	})
}

// iamStatementGrants reports whether an Allow statement grants action: one of its actions matches
// it, or it has NotAction and none of those matches it.
func iamStatementGrants(s iampolicy.Statement, action string) bool {
	if !s.Allows() {
		return false
	}
	if iamAllowsAction(s, action) {
		return true
	}
	return len(s.NotActions) > 0 && !iamActionMatches(s.NotActions, action)
}

// iamAdministratorAccessARN matches the ARN of the AWS managed AdministratorAccess policy in every
// partition (aws, aws-cn, aws-us-gov, the ISO partitions); AdministratorAccess-Amplify and the
// like are other, narrower policies.
var iamAdministratorAccessARN = regexp.MustCompile(`^arn:aws(-[a-z-]+)?:iam::aws:policy/AdministratorAccess$`)

var iamNoAdministratorAccessAttachments = pack.Policy{
	Name:        "aws-iam-no-administrator-access-attachments",
	DisplayName: "The AWS managed AdministratorAccess policy is attached to no user, group or role",
	Description: "No role, user or group gets the AWS managed AdministratorAccess policy (\"Action\": \"*\" on " +
		"\"Resource\": \"*\") from a RolePolicyAttachment, UserPolicyAttachment, GroupPolicyAttachment, " +
		"PolicyAttachment, a role's managedPolicyArns or a Role/User/GroupPolicyAttachmentsExclusive: whoever " +
		"holds such an identity's credentials can do anything in the account, erasing its audit trail included.",
	Severity:  pack.High,
	Framework: frameworks.WellArchitected("SEC03-BP02"),
	Tags:      []string{"aws", "iam", "identity", "least-privilege", "cis:1.16"},
	Remediation: "Attach a policy with the actions and resources the principal needs (AWS managed job-function " +
		"policies such as PowerUserAccess or ReadOnlyAccess, or your own). Give people who administer the account " +
		"access through an IAM Identity Center permission set; for a break-glass role that must keep " +
		"AdministratorAccess, record an exception for its attachment.",
	Types: []string{iamRoleType, iamRolePolicyAttachmentType, iamUserPolicyAttachmentType, iamGroupPolicyAttachmentType,
		iamPolicyAttachmentType, iamRolePolicyAttachmentsExclusiveType, iamUserPolicyAttachmentsExclusiveType,
		iamGroupPolicyAttachmentsExclusiveType},
	Resource: checkIAMNoAdministratorAccessAttachments,
}

// iamAttachedPrincipals gives, for each type that attaches managed policies to one principal, the
// kind of principal, the property that names it and the property holding the policy ARN(s).
var iamAttachedPrincipals = map[string]struct{ kind, principal, arns string }{
	iamRolePolicyAttachmentType:            {"role", "role", "policyArn"},
	iamUserPolicyAttachmentType:            {"user", "user", "policyArn"},
	iamGroupPolicyAttachmentType:           {"group", "group", "policyArn"},
	iamRolePolicyAttachmentsExclusiveType:  {"role", "roleName", "policyArns"},
	iamUserPolicyAttachmentsExclusiveType:  {"user", "userName", "policyArns"},
	iamGroupPolicyAttachmentsExclusiveType: {"group", "groupName", "policyArns"},
}

func checkIAMNoAdministratorAccessAttachments(c *pack.Check, r *pack.Resource) {
	const advice = "that is full administrator access; attach a policy with the actions the principal needs instead"
	switch r.Type {
	case iamRoleType:
		for _, arn := range known.ValuesFirst(r.Get("managedPolicyArns").Items()) {
			if iamIsAdministratorAccess(arn) {
				c.Violatef("role %s has the AWS managed AdministratorAccess policy in %s: %s", r.Name, arn.Path(), advice)
			}
		}
	case iamPolicyAttachmentType:
		if iamIsAdministratorAccess(r.Get("policyArn")) && iamAttachesToAnyone(r) {
			c.Violatef("%s attaches the AWS managed AdministratorAccess policy (policyArn) to its users, groups "+
				"and roles: %s", r.Name, advice)
		}
	default:
		attached := iamAttachedPrincipals[r.Type]
		for _, arn := range known.ValuesFirst(r.Get(attached.arns).Items()) { // policyArn: a list of one
			if iamIsAdministratorAccess(arn) {
				c.Violatef("%s attaches the AWS managed AdministratorAccess policy (%s) to %s %v: %s", r.Name,
					arn.Path(), attached.kind, r.Get(attached.principal), advice)
			}
		}
	}
}

// iamIsAdministratorAccess reports whether a policy ARN is the AWS managed AdministratorAccess
// policy's.
func iamIsAdministratorAccess(arn pack.Value) bool {
	return iamAdministratorAccessARN.MatchString(strings.TrimSpace(arn.Text("")))
}

// iamAttachesToAnyone reports whether a PolicyAttachment names a user, group or role: one with
// none detaches its policy from everyone. Known lists are read first, so that an unknown one
// does not hide a known attachment.
func iamAttachesToAnyone(r *pack.Resource) bool {
	for _, targets := range known.ValuesFirst([]pack.Value{r.Get("users"), r.Get("groups"), r.Get("roles")}) {
		if len(targets.Items()) > 0 {
			return true
		}
	}
	return false
}

var iamNoUserPolicies = pack.Policy{
	Name:        "aws-iam-no-user-policies",
	DisplayName: "IAM users get permissions only through groups or roles",
	Description: "No policy is attached to an IAM user directly, inline (UserPolicy) or managed " +
		"(UserPolicyAttachment, PolicyAttachment users): permissions come from groups and roles, " +
		"where they are reviewed once for everyone.",
	Severity:  pack.Low,
	Framework: frameworks.FSBP("IAM.2"),
	Tags:      []string{"aws", "iam", "identity", "cis:1.15"},
	Remediation: "Attach the policy to an IAM group (GroupPolicy, GroupPolicyAttachment) and add the user " +
		"to the group, or have the user assume a role; better still, use IAM Identity Center instead of " +
		"IAM users.",
	Types:    []string{iamUserPolicyType, iamUserPolicyAttachmentType, iamPolicyAttachmentType},
	Resource: checkIAMNoUserPolicies,
}

func checkIAMNoUserPolicies(c *pack.Check, r *pack.Resource) {
	switch r.Type {
	case iamUserPolicyType:
		c.Violatef("%s gives an inline policy to an IAM user (user); put the policy on a group the user "+
			"belongs to, or on a role", r.Name)
	case iamUserPolicyAttachmentType:
		c.Violatef("%s attaches a managed policy to an IAM user (user); attach it to a group the user "+
			"belongs to, or to a role", r.Name)
	default:
		if n := len(r.Get("users").Items()); n > 0 {
			c.Violatef("%s attaches its policy to %s (users); attach it to groups or roles instead (groups, roles)",
				r.Name, pack.Count(n, "IAM user"))
		}
	}
}

var iamRoleTrustNotPublic = pack.Policy{
	Name:        "aws-iam-role-trust-not-public",
	DisplayName: "IAM roles cannot be assumed by anyone",
	Description: "A role's trust policy (assumeRolePolicy) does not allow the principal \"*\" (or any " +
		"account) without a condition that ties it to known accounts, an organization or a source. " +
		"sts:ExternalId does not count: the external id is not a secret.",
	Severity:  pack.Critical,
	Framework: frameworks.WellArchitected("SEC03-BP07"),
	Tags:      []string{"aws", "iam", "identity", "public-access"},
	Remediation: "Name the accounts, roles or services that may assume the role in the statement's " +
		"Principal, or add a condition on aws:PrincipalOrgID, aws:PrincipalAccount or aws:PrincipalArn.",
	Types:    []string{iamRoleType},
	Resource: checkIAMRoleTrustNotPublic,
}

func checkIAMRoleTrustNotPublic(c *pack.Check, r *pack.Resource) {
	doc := r.Get("assumeRolePolicy")
	for i, s := range iampolicy.Read(doc) {
		if s.PublicPrincipal("sts:ExternalId") {
			c.Violatef("assumeRolePolicy: statement %d lets any AWS principal assume role %s; name the "+
				"trusted principals, or add a condition on aws:PrincipalOrgID, aws:PrincipalAccount or "+
				"aws:PrincipalArn", i+1, r.Name)
		}
	}
}

// iamSharedOIDCIssuers are OpenID Connect issuers shared by every customer of a service: a role that
// trusts one of them without a subject condition trusts every customer's workloads.
var iamSharedOIDCIssuers = []string{
	"token.actions.githubusercontent.com", // GitHub Actions (also .../<enterprise>)
	"gitlab.com",                          // GitLab.com CI/CD
	"app.terraform.io",                    // HCP Terraform
}

var iamRoleOIDCTrustSubject = pack.Policy{
	Name:        "aws-iam-role-oidc-trust-subject",
	DisplayName: "Roles trusting a shared CI identity provider restrict the subject",
	Description: "A role whose trust policy lets a shared OpenID Connect issuer (GitHub Actions, GitLab.com, " +
		"HCP Terraform) assume it with sts:AssumeRoleWithWebIdentity has a condition on the token's " +
		"subject (<issuer>:sub), so that only your repositories, projects or workspaces can.",
	Severity:  pack.Critical,
	Framework: frameworks.WellArchitected("SEC03-BP07"),
	Tags:      []string{"aws", "iam", "identity", "public-access", "ci"},
	Remediation: "Add a StringEquals or StringLike condition on <issuer>:sub naming your repositories " +
		"(e.g. \"token.actions.githubusercontent.com:sub\": \"repo:my-org/my-repo:ref:refs/heads/main\"), " +
		"besides the <issuer>:aud condition.",
	Types:    []string{iamRoleType},
	Resource: checkIAMRoleOIDCTrustSubject,
}

func checkIAMRoleOIDCTrustSubject(c *pack.Check, r *pack.Resource) {
	doc := r.Get("assumeRolePolicy")
	for i, s := range iampolicy.Read(doc) {
		if !s.Allows() || !iamAllowsAction(s, "sts:AssumeRoleWithWebIdentity") {
			continue
		}
		for _, issuer := range iamSharedIssuersTrusted(s) {
			if !iamRestrictsSubject(s, issuer) {
				c.Violatef("assumeRolePolicy: statement %d lets every workload of the shared identity provider "+
					"%s assume role %s; add a StringEquals or StringLike condition on %s:sub naming your own "+
					"repositories or projects", i+1, quotedFromValue(doc, issuer), r.Name, quotedFromValue(doc, issuer))
			}
		}
	}
}

// iamAllowsAction reports whether one of the statement's actions (patterns with * and ?) matches
// action.
func iamAllowsAction(s iampolicy.Statement, action string) bool {
	return iamActionMatches(s.Actions, action)
}

// iamActionMatches reports whether one of the action patterns (with * and ?) matches action,
// ignoring case.
func iamActionMatches(patterns []string, action string) bool {
	action = strings.ToLower(action)
	for _, a := range patterns {
		if ok, err := path.Match(strings.ToLower(strings.TrimSpace(a)), action); ok && err == nil {
			return true
		}
	}
	return false
}

// iamSharedIssuersTrusted returns the shared OIDC issuers (as they appear after "oidc-provider/" in
// the provider's ARN) among the statement's Federated principals.
func iamSharedIssuersTrusted(s iampolicy.Statement) []string {
	if !s.Principal.Exists() || s.Principal.Raw().IsString() {
		return nil
	}
	var out []string
	for _, arn := range s.Principal.Get("Federated").Strings() {
		_, issuer, ok := strings.Cut(arn, ":oidc-provider/")
		if !ok {
			continue
		}
		host, _, _ := strings.Cut(issuer, "/")
		if pack.ContainsFold(iamSharedOIDCIssuers, host) {
			out = append(out, issuer)
		}
	}
	return out
}

// iamPositiveStringOperator matches the condition operators that narrow a key to the values given
// (StringEquals, StringLike, with ForAnyValue:/ForAllValues: and IfExists); the negated ones
// (StringNotEquals, StringNotLike) let every other value in.
var iamPositiveStringOperator = regexp.MustCompile(`(?i)^(for(any|all)value:)?string(equals|like|equalsignorecase)(ifexists)?$`)

// iamRestrictsSubject reports whether a condition limits the issuer's sub claim to values other than
// "*".
func iamRestrictsSubject(s iampolicy.Statement, issuer string) bool {
	for op, keys := range s.Condition.Entries() {
		if !iamPositiveStringOperator.MatchString(op) {
			continue
		}
		for key, values := range keys.Entries() {
			if !strings.EqualFold(key, issuer+":sub") {
				continue
			}
			for _, v := range values.Strings() {
				if strings.Trim(v, "*") != "" {
					return true
				}
			}
		}
	}
	return false
}

// passwordPolicySettings are the strength requirements for the account password policy.
type passwordPolicySettings struct {
	MinimumLength    int  `json:"minimumLength"`
	ReusePrevention  int  `json:"reusePrevention"`
	MaxAgeDays       int  `json:"maxAgeDays"`
	RequireUppercase bool `json:"requireUppercase"`
	RequireLowercase bool `json:"requireLowercase"`
	RequireNumbers   bool `json:"requireNumbers"`
	RequireSymbols   bool `json:"requireSymbols"`
}

func (s *passwordPolicySettings) Prepare() error {
	if s.MinimumLength <= awsDefaultMinimumPasswordLength && s.ReusePrevention == 0 && s.MaxAgeDays == 0 &&
		!s.RequireUppercase && !s.RequireLowercase && !s.RequireNumbers && !s.RequireSymbols {
		return pack.TurnsRuleOff("minimumLength", fmt.Sprintf("%d, the least AWS allows, with reusePrevention "+
			"and maxAgeDays 0 and every require setting false, requires nothing of the password policy",
			s.MinimumLength), "require at least one of them (by default minimumLength 14)")
	}
	return nil
}

var iamPasswordPolicy = pack.Policy{
	Name:        "aws-iam-password-policy",
	DisplayName: "The account password policy is strong",
	Description: "The account password policy requires long passwords (CIS: 14 characters), with " +
		"uppercase and lowercase letters, numbers and symbols (FSBP IAM.7), and prevents reusing the " +
		"last 24 passwords (CIS).",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("IAM.7"),
	Tags:      []string{"aws", "iam", "identity", "cis:1.8", "cis:1.9"},
	Remediation: "Set minimumPasswordLength: 14, passwordReusePrevention: 24, and requireUppercaseCharacters, " +
		"requireLowercaseCharacters, requireNumbers and requireSymbols to true (or what the policy's " +
		"settings require).",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"minimumLength": pack.Integer("Shortest password length allowed (minimumPasswordLength). Default 14 "+
			"(CIS 1.8).", 14, 6),
		"reusePrevention": pack.Integer("How many previous passwords users may not reuse "+
			"(passwordReusePrevention); 0 does not check it. Default 24 (CIS 1.9).", 24, 0),
		"maxAgeDays": pack.Integer("Longest password lifetime in days (maxPasswordAge); 0, the default, "+
			"does not require expiry (NIST SP 800-63B advises against forced rotation).", 0, 0),
		"requireUppercase": pack.Boolean("Require requireUppercaseCharacters: true. Default true.", true),
		"requireLowercase": pack.Boolean("Require requireLowercaseCharacters: true. Default true.", true),
		"requireNumbers":   pack.Boolean("Require requireNumbers: true. Default true.", true),
		"requireSymbols":   pack.Boolean("Require requireSymbols: true. Default true.", true),
	}},
	Settings: func() any { return &passwordPolicySettings{} },
	Types:    []string{iamPasswordPolicyType},
	Resource: checkIAMPasswordPolicy,
}

// AWS defaults when a field is unset: minimum length 6, no reuse prevention, no expiry, no
// character class required.
const awsDefaultMinimumPasswordLength = 6

func checkIAMPasswordPolicy(c *pack.Check, r *pack.Resource) {
	want := pack.SettingsOf[passwordPolicySettings](c)
	if n := r.Get("minimumPasswordLength").Int(awsDefaultMinimumPasswordLength); n < want.MinimumLength {
		c.Violatef("minimumPasswordLength is %d, below %d: set minimumPasswordLength: %d", n, want.MinimumLength,
			want.MinimumLength)
	}
	if want.ReusePrevention > 0 {
		if n := r.Get("passwordReusePrevention").Int(0); n < want.ReusePrevention {
			c.Violatef("passwordReusePrevention is %d, below %d: set passwordReusePrevention: %d", n,
				want.ReusePrevention, want.ReusePrevention)
		}
	}
	if want.MaxAgeDays > 0 {
		if n := r.Get("maxPasswordAge").Int(0); n <= 0 || n > want.MaxAgeDays {
			c.Violatef("maxPasswordAge is %d (0 never expires), not between 1 and %d: set maxPasswordAge: %d", n,
				want.MaxAgeDays, want.MaxAgeDays)
		}
	}
	for _, req := range []struct {
		property string
		required bool
	}{
		{"requireUppercaseCharacters", want.RequireUppercase},
		{"requireLowercaseCharacters", want.RequireLowercase},
		{"requireNumbers", want.RequireNumbers},
		{"requireSymbols", want.RequireSymbols},
	} {
		if req.required && !r.Get(req.property).Bool(false) {
			c.Violatef("%s is not true: set %s: true", req.property, req.property)
		}
	}
}

var iamRoleNoPolicyManagementConflicts = pack.Policy{
	Name:        "aws-iam-role-no-policy-management-conflicts",
	DisplayName: "IAM roles do not mix their own policy lists with separate policy resources",
	Description: "A role that lists managed policies itself (managedPolicyArns) is not also the target of " +
		"aws.iam.RolePolicyAttachment, aws.iam.PolicyAttachment (roles) or aws.iam.RolePolicyAttachmentsExclusive " +
		"resources, and one that lists inline policies itself (inlinePolicies) is not also the target of " +
		"aws.iam.RolePolicy or aws.iam.RolePoliciesExclusive resources: the provider documents that the role then " +
		"takes exclusive management of that policy type and fights the other resources, so policies are detached " +
		"and re-attached (permissions come and go) on every update. The stack's outputs list every policy the role " +
		"held when last read, so a policy that a separate resource of the role attaches is taken for that " +
		"resource's. A list left explicitly empty (managedPolicyArns: []), which detaches every policy of its type, " +
		"reads like an unset one in the outputs and is not reported.",
	Severity:  pack.Medium,
	Framework: frameworks.WellArchitected("SEC01-BP06"),
	Tags:      []string{"aws", "iam", "identity", "drift"},
	Remediation: "Manage each policy type of a role one way only: attach managed policies with " +
		"aws.iam.RolePolicyAttachment resources (or one aws.iam.RolePolicyAttachmentsExclusive) and inline " +
		"policies with aws.iam.RolePolicy resources, and remove managedPolicyArns and inlinePolicies from the role; " +
		"or move the separate resources' policies into the role's lists.",
	Types: []string{iamRoleType},
	Stack: checkIAMRolePolicyManagementConflicts,
}

func checkIAMRolePolicyManagementConflicts(c *pack.Check, s *pack.Stack) {
	byRole := joins.Sides(s, []string{iamRolePolicyAttachmentType, iamRolePolicyType}, joins.OnName("role", "name", "id"))
	byRoleName := joins.Sides(s, []string{iamRolePolicyAttachmentsExclusiveType, iamRolePoliciesExclusiveType},
		joins.OnName("roleName", "name", "id"))
	byRoles := joins.Sides(s, []string{iamPolicyAttachmentType}, joins.OnName("roles", "name", "id"))
	listed := iamRolesListed(s)
	c.ForEach(s.OfType(iamRoleType), func(role *pack.Resource) {
		var sides []*pack.Resource
		for _, j := range []*joins.Join{byRole, byRoleName, byRoles} {
			sides = append(sides, j.Matching(role)...)
		}
		found := map[*pack.Resource]bool{}
		for _, r := range sides {
			found[r] = true
		}
		for _, output := range []string{"name", "id"} {
			if name, ok := known.Text(role.Get(output)); ok {
				for _, r := range listed[name] {
					if !found[r] {
						found[r] = true
						sides = append(sides, r)
					}
				}
			}
		}
		if len(sides) == 0 {
			for _, j := range []*joins.Join{byRole, byRoleName, byRoles} {
				j.StopIfUntraced(role) // a resource naming a role the preview does not know may be this one's
			}
			return
		}
		var managed, inline, managedBy, inlineBy []string // what the separate resources attach, and their names
		for _, r := range sides {
			switch r.Type {
			case iamRolePolicyAttachmentType, iamPolicyAttachmentType:
				managed = append(managed, r.Get("policyArn").Text(""))
				managedBy = append(managedBy, strconv.Quote(r.Name))
			case iamRolePolicyAttachmentsExclusiveType:
				managed = append(managed, r.Get("policyArns").Strings()...)
				managedBy = append(managedBy, strconv.Quote(r.Name))
			case iamRolePolicyType:
				inline = append(inline, r.Get("name").Text(""))
				inlineBy = append(inlineBy, strconv.Quote(r.Name))
			case iamRolePoliciesExclusiveType:
				inline = append(inline, r.Get("policyNames").Strings()...)
				inlineBy = append(inlineBy, strconv.Quote(r.Name))
			}
		}
		if len(managedBy) > 0 {
			var own []string
			for _, arn := range known.ValuesFirst(role.Get("managedPolicyArns").Items()) {
				if a := strings.TrimSpace(arn.Text("")); a != "" && !slices.Contains(managed, a) {
					own = append(own, arn.Path())
				}
			}
			if len(own) > 0 {
				c.Report(pack.Violation{URN: role.URN, Message: fmt.Sprintf("role %q lists managed policies itself "+
					"(%s) and is also the target of separate policy attachments (%s): the role detaches what they "+
					"attach and they re-attach it on every update; attach managed policies one way only", role.Name,
					strings.Join(own, ", "), strings.Join(managedBy, ", "))})
			}
		}
		if len(inlineBy) > 0 {
			var own []string
			for _, p := range known.ValuesFirst(role.Get("inlinePolicies").Items()) {
				if name := strings.TrimSpace(p.Get("name").Text("")); name != "" && !slices.Contains(inline, name) {
					own = append(own, p.Path())
				}
			}
			if len(own) > 0 {
				c.Report(pack.Violation{URN: role.URN, Message: fmt.Sprintf("role %q lists inline policies itself "+
					"(%s) and is also the target of separate inline policies (%s): the role deletes what they "+
					"declare and they put it back on every update; declare inline policies one way only", role.Name,
					strings.Join(own, ", "), strings.Join(inlineBy, ", "))})
			}
		}
	})
}

// iamRolesListed indexes the PolicyAttachments of the stack by the role names their roles list
// holds, for state without property dependencies (joins.Join indexes single names only). Like
// joins.Join, it leaves out the attachments whose roles were computed from roles of the stack: they
// are those roles' only, found through their dependencies.
func iamRolesListed(s *pack.Stack) map[string][]*pack.Resource {
	out := map[string][]*pack.Resource{}
	for _, r := range s.OfType(iamPolicyAttachmentType) {
		if slices.ContainsFunc(r.PropertyDependencies["roles"], func(urn pack.URN) bool {
			role := s.Resource(urn)
			return role != nil && role.Type == iamRoleType
		}) {
			continue
		}
		roles := r.Get("roles")
		if name, ok := known.Text(roles); ok {
			out[name] = append(out[name], r)
		}
		if roles.Unknown() || !roles.Raw().IsArray() {
			continue // unknown: joins.Join stops the check where they may name the role
		}
		for _, item := range roles.Items() {
			if name, ok := known.Text(item); ok && !slices.Contains(out[name], r) {
				out[name] = append(out[name], r)
			}
		}
	}
	return out
}
