package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy/iampolicytest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

func TestIAMNoAdminAccess(t *testing.T) {
	admin := iampolicytest.Doc(iampolicytest.Allow("s3:GetObject", "arn:aws:s3:::b/*"), iampolicytest.Allow("*", "*"))
	scoped := iampolicytest.Doc(iampolicytest.Allow([]any{"s3:GetObject", "s3:PutObject"}, "arn:aws:s3:::b/*"))
	packtest.Run(t, Policies(), "aws-iam-policy-no-admin-access", []packtest.Case{
		{Name: "managed policy allows * on *", Want: packtest.Violation, Count: 1,
			Message:  "policy: statement 2 allows every action (\"*\") on every resource",
			Resource: packtest.Resource("aws:iam/policy:Policy", "admin", packtest.Props{"policy": admin})},
		{Name: "*:* counts as every action", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/rolePolicy:RolePolicy", "p",
				packtest.Props{"policy": iampolicytest.Doc(iampolicytest.Allow("*:*", []any{"*"}))})},
		{Name: "user policy", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/userPolicy:UserPolicy", "p", packtest.Props{"policy": admin})},
		{Name: "group policy", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/groupPolicy:GroupPolicy", "p", packtest.Props{"policy": admin})},
		{Name: "role inline policy", Want: packtest.Violation, Message: "inlinePolicies[1].policy: statement 2",
			Resource: packtest.Resource("aws:iam/role:Role", "r", packtest.Props{"inlinePolicies": []any{
				map[string]any{"name": "ok", "policy": scoped},
				map[string]any{"name": "admin", "policy": admin},
			}})},
		{Name: "document given as an object", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", packtest.Props{"policy": map[string]any{
				"Version": "2012-10-17", "Statement": map[string]any{"Effect": "Allow", "Action": "*", "Resource": "*"},
			}})},
		{Name: "arn:aws:* covers every resource", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p",
				packtest.Props{"policy": iampolicytest.Doc(iampolicytest.Allow("*", "arn:aws:*"))})},
		{Name: "NotResource grants everything else", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", packtest.Props{"policy": iampolicytest.Doc(
				map[string]any{"Effect": "Allow", "Action": "*", "NotResource": "arn:aws:s3:::secret/*"})})},
		{Name: "scoped policy", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", packtest.Props{"policy": scoped})},
		{Name: "* on one bucket only", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p",
				packtest.Props{"policy": iampolicytest.Doc(iampolicytest.Allow("*", "arn:aws:s3:::b/*"))})},
		{Name: "deny * on * is fine", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", packtest.Props{"policy": iampolicytest.Doc(
				map[string]any{"Effect": "Deny", "Action": "*", "Resource": "*"})})},
		{Name: "role without inline policies", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/role:Role", "r", packtest.Props{"assumeRolePolicy": scoped})},
		{Name: "secret policy is judged without quoting it", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", packtest.Props{"policy": packtest.Secret(admin)})},
		{Name: "policy unknown during preview", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", packtest.Props{"policy": packtest.Unknown})},
		{Name: "inline policies unknown", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource("aws:iam/role:Role", "r", packtest.Props{"inlinePolicies": packtest.Unknown})},
		{Name: "inline policy document unknown", Want: packtest.NotApplicable, Message: "inlinePolicies[0].policy",
			Resource: packtest.Resource("aws:iam/role:Role", "r", packtest.Props{"inlinePolicies": []any{
				map[string]any{"name": "x", "policy": packtest.Unknown}}})},
		{Name: "other types are not judged", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource("aws:s3/bucketPolicy:BucketPolicy", "p", packtest.Props{"policy": admin})},
	})
}

func TestIAMNoServiceWildcard(t *testing.T) {
	packtest.Run(t, Policies(), "aws-iam-policy-no-service-wildcard", []packtest.Case{
		{Name: "s3:* on *", Want: packtest.Violation, Message: `policy: statement 1 allows "s3:*" on every resource`,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p",
				packtest.Props{"policy": iampolicytest.Doc(iampolicytest.Allow([]any{"s3:*", "sqs:SendMessage"}, "*"))})},
		{Name: "s3:* on every bucket ARN", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/rolePolicy:RolePolicy", "p",
				packtest.Props{"policy": iampolicytest.Doc(iampolicytest.Allow("s3:*", "arn:aws:s3:::*"))})},
		{Name: "dynamodb:* on arn:aws:dynamodb:*:*:*", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p",
				packtest.Props{"policy": iampolicytest.Doc(iampolicytest.Allow("dynamodb:*", "arn:aws:dynamodb:*:*:*"))})},
		{Name: "iam:* is called out", Want: packtest.Violation, Message: "lets the holder give itself any permission",
			Resource: packtest.Resource("aws:iam/groupPolicy:GroupPolicy", "p",
				packtest.Props{"policy": iampolicytest.Doc(iampolicytest.Allow("iam:*", "*"))})},
		{Name: "role inline policy", Want: packtest.Violation, Message: "inlinePolicies[0].policy",
			Resource: packtest.Resource("aws:iam/role:Role", "r", packtest.Props{"inlinePolicies": []any{
				map[string]any{"name": "x", "policy": iampolicytest.Doc(iampolicytest.Allow("ec2:*", "*"))}}})},
		{Name: "s3:* on one bucket", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p",
				packtest.Props{"policy": iampolicytest.Doc(iampolicytest.Allow("s3:*", []any{"arn:aws:s3:::b", "arn:aws:s3:::b/*"}))})},
		{Name: "specific actions on *", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/userPolicy:UserPolicy", "p",
				packtest.Props{"policy": iampolicytest.Doc(iampolicytest.Allow([]any{"ec2:Describe*", "s3:ListAllMyBuckets"}, "*"))})},
		{Name: "* on * is left to the admin rule", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p",
				packtest.Props{"policy": iampolicytest.Doc(iampolicytest.Allow([]any{"*", "s3:*"}, "*"))})},
		{Name: "deny s3:*", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", packtest.Props{"policy": iampolicytest.Doc(
				map[string]any{"Effect": "Deny", "Action": "s3:*", "Resource": "*"})})},
		{Name: "secret document: the finding is withheld", Want: packtest.Violation, Message: "the details are withheld because the check read secret values (policy)",
			Resource: packtest.Resource("aws:iam/policy:Policy", "p",
				packtest.Props{"policy": packtest.Secret(iampolicytest.Doc(iampolicytest.Allow("s3:*", "*")))})},
		{Name: "policy unknown", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource("aws:iam/rolePolicy:RolePolicy", "p", packtest.Props{"policy": packtest.Unknown})},
		{Name: "inline policies unknown", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource("aws:iam/role:Role", "r", packtest.Props{"inlinePolicies": packtest.Unknown})},
	})
}

func TestIAMNoKMSDecryptAllKeys(t *testing.T) {
	const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	policy := func(statements ...map[string]any) packtest.Props {
		return packtest.Props{"policy": iampolicytest.Doc(statements...)}
	}
	packtest.Run(t, Policies(), "aws-iam-policy-no-kms-decrypt-all-keys", []packtest.Case{
		{Name: "kms:Decrypt on * (KMS.1)", Want: packtest.Violation, Count: 1,
			Message: "policy: statement 2 allows kms:Decrypt on every KMS key, so the principal can read anything " +
				"encrypted under any key that trusts the account; list the keys it needs in Resource instead",
			Resource: packtest.Resource("aws:iam/policy:Policy", "reader",
				policy(iampolicytest.Allow("s3:GetObject", "arn:aws:s3:::b/*"), iampolicytest.Allow([]any{"kms:Decrypt", "kms:DescribeKey"}, "*")))},
		{Name: "kms:ReEncryptFrom on *", Want: packtest.Violation, Count: 1, Message: "statement 1 allows kms:ReEncryptFrom on every KMS key",
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", policy(iampolicytest.Allow("kms:ReEncryptFrom", "*")))},
		{Name: "kms:* covers decryption", Want: packtest.Violation, Count: 1, Message: "allows kms:Decrypt on every KMS key",
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", policy(iampolicytest.Allow("kms:*", "*")))},
		{Name: "* covers decryption", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", policy(iampolicytest.Allow("*", "*")))},
		{Name: "kms:Re* covers kms:ReEncryptFrom, case aside", Want: packtest.Violation, Message: "allows kms:ReEncryptFrom",
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", policy(iampolicytest.Allow("KMS:re*", "*")))},
		{Name: "NotAction that leaves decryption in", Want: packtest.Violation, Message: "allows kms:Decrypt",
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", policy(
				map[string]any{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}))},
		{Name: "every key of every account and region", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", policy(iampolicytest.Allow("kms:Decrypt", "arn:aws:kms:*:*:key/*")))},
		{Name: "every KMS resource", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", policy(iampolicytest.Allow("kms:Decrypt", "arn:aws-us-gov:kms:*:*:*")))},
		{Name: "NotResource grants every other key", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", policy(
				map[string]any{"Effect": "Allow", "Action": "kms:Decrypt", "NotResource": key}))},
		{Name: "inline role policy (KMS.2)", Want: packtest.Violation, Message: "inlinePolicies[0].policy: statement 1 allows kms:Decrypt",
			Resource: packtest.Resource("aws:iam/role:Role", "r", packtest.Props{"inlinePolicies": []any{
				map[string]any{"name": "decrypt", "policy": iampolicytest.Doc(iampolicytest.Allow("kms:Decrypt", "*"))}}})},
		{Name: "inline user policy", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/userPolicy:UserPolicy", "p", policy(iampolicytest.Allow("kms:Decrypt", "*")))},
		{Name: "inline group policy", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/groupPolicy:GroupPolicy", "p", policy(iampolicytest.Allow("kms:Decrypt", "*")))},
		{Name: "role policy", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/rolePolicy:RolePolicy", "p", policy(iampolicytest.Allow("kms:Decrypt", "*")))},
		{Name: "decryption with one key", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", policy(iampolicytest.Allow([]any{"kms:Decrypt", "kms:ReEncryptFrom"}, key)))},
		{Name: "the keys of one account in one region", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p",
				policy(iampolicytest.Allow("kms:Decrypt", "arn:aws:kms:us-east-1:123456789012:key/*")))},
		{Name: "other KMS actions on *", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p",
				policy(iampolicytest.Allow([]any{"kms:Encrypt", "kms:GenerateDataKey", "kms:ListKeys"}, "*")))},
		{Name: "NotAction that excludes KMS", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", policy(
				map[string]any{"Effect": "Allow", "NotAction": "kms:*", "Resource": "*"}))},
		{Name: "deny kms:Decrypt on *", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", policy(
				map[string]any{"Effect": "Deny", "Action": "kms:Decrypt", "Resource": "*"}))},
		{Name: "secret policy is judged without quoting it", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", packtest.Props{"policy": packtest.Secret(iampolicytest.Doc(iampolicytest.Allow("kms:Decrypt", "*")))})},
		{Name: "policy unknown during preview", Want: packtest.NotApplicable, Message: "value unknown during preview: policy",
			Resource: packtest.Resource("aws:iam/policy:Policy", "p", packtest.Props{"policy": packtest.Unknown})},
		{Name: "inline policies unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: inlinePolicies",
			Resource: packtest.Resource("aws:iam/role:Role", "r", packtest.Props{"inlinePolicies": packtest.Unknown})},
		{Name: "key policies are not judged", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource("aws:kms/key:Key", "k", policy(iampolicytest.Allow("kms:Decrypt", "*")))},
	})
}

func TestIAMNoAdministratorAccessAttachments(t *testing.T) {
	const admin = "arn:aws:iam::aws:policy/AdministratorAccess"
	attachment := func(typ, principal string, arn any) plugin.AnalyzerResource {
		return packtest.Resource(typ, "admins", packtest.Props{principal: "ops", "policyArn": arn})
	}
	exclusive := func(typ, principal string, arns ...any) plugin.AnalyzerResource {
		return packtest.Resource(typ, "admins", packtest.Props{principal: "ops", "policyArns": arns})
	}
	packtest.Run(t, Policies(), "aws-iam-no-administrator-access-attachments", []packtest.Case{
		{Name: "role attachment", Want: packtest.Violation, Count: 1,
			Message: `admins attaches the AWS managed AdministratorAccess policy (policyArn) to role "ops": that is full ` +
				"administrator access; attach a policy with the actions the principal needs instead",
			Resource: attachment("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "role", admin)},
		{Name: "user attachment", Want: packtest.Violation, Message: `(policyArn) to user "ops"`,
			Resource: attachment("aws:iam/userPolicyAttachment:UserPolicyAttachment", "user", admin)},
		{Name: "group attachment", Want: packtest.Violation, Message: `(policyArn) to group "ops"`,
			Resource: attachment("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "group", admin)},
		{Name: "GovCloud partition", Want: packtest.Violation,
			Resource: attachment("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "role",
				"arn:aws-us-gov:iam::aws:policy/AdministratorAccess")},
		{Name: "China partition", Want: packtest.Violation,
			Resource: attachment("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "role", "arn:aws-cn:iam::aws:policy/AdministratorAccess")},
		{Name: "policy attachment to a role", Want: packtest.Violation,
			Message: "admins attaches the AWS managed AdministratorAccess policy (policyArn) to its users, groups and roles",
			Resource: packtest.Resource("aws:iam/policyAttachment:PolicyAttachment", "admins",
				packtest.Props{"policyArn": admin, "roles": []any{"ops"}})},
		{Name: "policy attachment to a group while users are unknown", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/policyAttachment:PolicyAttachment", "admins",
				packtest.Props{"policyArn": admin, "users": packtest.Unknown, "groups": []any{"ops"}})},
		{Name: "policy attachment to nobody detaches it from everyone", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/policyAttachment:PolicyAttachment", "admins",
				packtest.Props{"policyArn": admin, "users": []any{}, "roles": []any{}})},
		{Name: "role managedPolicyArns", Want: packtest.Violation, Count: 1,
			Message: "role ops has the AWS managed AdministratorAccess policy in managedPolicyArns[1]: that is full administrator access",
			Resource: packtest.Resource("aws:iam/role:Role", "ops", packtest.Props{
				"managedPolicyArns": []any{"arn:aws:iam::aws:policy/ReadOnlyAccess", admin}})},
		{Name: "a known AdministratorAccess before an unknown ARN", Want: packtest.Violation, Message: "managedPolicyArns[1]",
			Resource: packtest.Resource("aws:iam/role:Role", "ops", packtest.Props{
				"managedPolicyArns": []any{packtest.Unknown, admin}})},
		{Name: "role exclusive attachments", Want: packtest.Violation, Count: 1,
			Message:  `admins attaches the AWS managed AdministratorAccess policy (policyArns[0]) to role "ops"`,
			Resource: exclusive("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "roleName", admin)},
		{Name: "user exclusive attachments", Want: packtest.Violation, Message: `(policyArns[1]) to user "ops"`,
			Resource: exclusive("aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive", "userName",
				"arn:aws:iam::aws:policy/ReadOnlyAccess", admin)},
		{Name: "group exclusive attachments", Want: packtest.Violation, Message: `(policyArns[0]) to group "ops"`,
			Resource: exclusive("aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", "groupName", admin)},
		{Name: "a narrower AWS managed policy", Want: packtest.Pass,
			Resource: attachment("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "role", "arn:aws:iam::aws:policy/PowerUserAccess")},
		{Name: "AdministratorAccess-Amplify is another policy", Want: packtest.Pass,
			Resource: attachment("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "role",
				"arn:aws:iam::aws:policy/AdministratorAccess-Amplify")},
		{Name: "a customer managed policy of the same name", Want: packtest.Pass,
			Resource: attachment("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "role",
				"arn:aws:iam::123456789012:policy/AdministratorAccess")},
		{Name: "role without managed policies", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/role:Role", "ops", packtest.Props{"assumeRolePolicy": "{}"})},
		{Name: "exclusive attachments of nothing", Want: packtest.Pass,
			Resource: exclusive("aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive", "roleName")},
		{Name: "policy ARN unknown during preview", Want: packtest.NotApplicable, Message: "value unknown during preview: policyArn",
			Resource: attachment("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "role", packtest.Unknown)},
		{Name: "managed policy ARNs unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: managedPolicyArns",
			Resource: packtest.Resource("aws:iam/role:Role", "ops", packtest.Props{"managedPolicyArns": packtest.Unknown})},
		{Name: "exclusive policy ARNs unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: policyArns",
			Resource: packtest.Resource("aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive", "admins",
				packtest.Props{"groupName": "ops", "policyArns": packtest.Unknown})},
		{Name: "policy attachment targets unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: roles",
			Resource: packtest.Resource("aws:iam/policyAttachment:PolicyAttachment", "admins",
				packtest.Props{"policyArn": admin, "roles": packtest.Unknown})},
	})
}

func TestIAMNoUserPolicies(t *testing.T) {
	packtest.Run(t, Policies(), "aws-iam-no-user-policies", []packtest.Case{
		{Name: "inline user policy", Want: packtest.Violation, Message: "gives an inline policy to an IAM user",
			Resource: packtest.Resource("aws:iam/userPolicy:UserPolicy", "alice-s3",
				packtest.Props{"user": "alice", "policy": iampolicytest.Doc(iampolicytest.Allow("s3:GetObject", "*"))})},
		{Name: "managed policy attached to a user", Want: packtest.Violation, Message: "attaches a managed policy to an IAM user",
			Resource: packtest.Resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "a",
				packtest.Props{"user": "alice", "policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"})},
		{Name: "policy attachment with users", Want: packtest.Violation, Message: "to 2 IAM users (users)",
			Resource: packtest.Resource("aws:iam/policyAttachment:PolicyAttachment", "a",
				packtest.Props{"users": []any{"alice", "bob"}, "policyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"})},
		{Name: "policy attachment to groups and roles only", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/policyAttachment:PolicyAttachment", "a",
				packtest.Props{"groups": []any{"devs"}, "roles": []any{"app"}, "users": []any{}, "policyArn": "arn"})},
		{Name: "policy attachment users unset", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/policyAttachment:PolicyAttachment", "a",
				packtest.Props{"roles": []any{"app"}, "policyArn": "arn"})},
		{Name: "users unknown during preview", Want: packtest.NotApplicable, Message: "value unknown during preview: users",
			Resource: packtest.Resource("aws:iam/policyAttachment:PolicyAttachment", "a",
				packtest.Props{"users": packtest.Unknown, "policyArn": "arn"})},
		{Name: "group policy is the right way", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource("aws:iam/groupPolicy:GroupPolicy", "g", packtest.Props{"group": "devs"})},
	})
}

func TestIAMRoleTrustNotPublic(t *testing.T) {
	trust := func(statements ...map[string]any) packtest.Props {
		return packtest.Props{"assumeRolePolicy": iampolicytest.Doc(statements...)}
	}
	assume := func(principal any, condition map[string]any) map[string]any {
		return iampolicytest.AllowPrincipal("sts:AssumeRole", principal, condition)
	}
	packtest.Run(t, Policies(), "aws-iam-role-trust-not-public", []packtest.Case{
		{Name: "principal *", Want: packtest.Violation, Message: "assumeRolePolicy: statement 1 lets any AWS principal assume role open",
			Resource: packtest.Resource("aws:iam/role:Role", "open", trust(assume("*", nil)))},
		{Name: "AWS *", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/role:Role", "r", trust(assume(map[string]any{"AWS": "*"}, nil)))},
		{Name: "AWS * among others", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/role:Role", "r",
				trust(assume(map[string]any{"AWS": []any{"arn:aws:iam::123456789012:root", "*"}}, nil)))},
		{Name: "external id alone does not narrow", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/role:Role", "r", trust(assume(map[string]any{"AWS": "*"},
				map[string]any{"StringEquals": map[string]any{"sts:ExternalId": "abc"}})))},
		{Name: "organization condition narrows", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/role:Role", "r", trust(assume(map[string]any{"AWS": "*"},
				map[string]any{"StringEquals": map[string]any{"aws:PrincipalOrgID": "o-abc123"}})))},
		{Name: "named account", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/role:Role", "r",
				trust(assume(map[string]any{"AWS": "arn:aws:iam::123456789012:root"}, nil)))},
		{Name: "service principal", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/role:Role", "r",
				trust(assume(map[string]any{"Service": "lambda.amazonaws.com"}, nil)))},
		{Name: "deny *", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/role:Role", "r", trust(map[string]any{
				"Effect": "Deny", "Action": "sts:AssumeRole", "Principal": "*"}))},
		{Name: "trust policy unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: assumeRolePolicy",
			Resource: packtest.Resource("aws:iam/role:Role", "r", packtest.Props{"assumeRolePolicy": packtest.Unknown})},
	})
}

func TestIAMRoleOIDCTrustSubject(t *testing.T) {
	const github = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
	webIdentity := func(provider string, condition map[string]any) packtest.Props {
		return packtest.Props{"assumeRolePolicy": iampolicytest.Doc(
			iampolicytest.AllowPrincipal("sts:AssumeRoleWithWebIdentity", map[string]any{"Federated": provider}, condition))}
	}
	audience := map[string]any{"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}
	packtest.Run(t, Policies(), "aws-iam-role-oidc-trust-subject", []packtest.Case{
		{Name: "GitHub without a subject condition", Want: packtest.Violation,
			Message: `"token.actions.githubusercontent.com" assume role deploy; add a StringEquals or StringLike condition on "token.actions.githubusercontent.com":sub`,
			Resource: packtest.Resource("aws:iam/role:Role", "deploy",
				webIdentity(github, map[string]any{"StringEquals": audience}))},
		{Name: "GitHub with no condition at all", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/role:Role", "r", webIdentity(github, nil))},
		{Name: "subject * restricts nothing", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/role:Role", "r", webIdentity(github, map[string]any{
				"StringEquals": audience,
				"StringLike":   map[string]any{"token.actions.githubusercontent.com:sub": "*"}}))},
		{Name: "negated subject condition restricts nothing", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/role:Role", "r", webIdentity(github, map[string]any{
				"StringNotEquals": map[string]any{"token.actions.githubusercontent.com:sub": "repo:evil/x:ref:refs/heads/main"}}))},
		{Name: "GitLab.com", Want: packtest.Violation, Message: `"gitlab.com"`,
			Resource: packtest.Resource("aws:iam/role:Role", "r",
				webIdentity("arn:aws:iam::123456789012:oidc-provider/gitlab.com", nil))},
		{Name: "GitHub enterprise issuer", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/role:Role", "r",
				webIdentity("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com/acme", nil))},
		{Name: "action wildcard sts:*", Want: packtest.Violation,
			Resource: packtest.Resource("aws:iam/role:Role", "r", packtest.Props{"assumeRolePolicy": iampolicytest.Doc(map[string]any{
				"Effect": "Allow", "Action": "sts:*", "Principal": map[string]any{"Federated": github}})})},
		{Name: "subject restricted to a repository", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/role:Role", "r", webIdentity(github, map[string]any{
				"StringEquals": audience,
				"StringLike":   map[string]any{"token.actions.githubusercontent.com:sub": "repo:acme/app:*"}}))},
		{Name: "subject key case does not matter", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/role:Role", "r", webIdentity(github, map[string]any{
				"ForAnyValue:StringLike": map[string]any{"Token.Actions.GitHubUserContent.com:SUB": []any{"repo:acme/app:*"}}}))},
		{Name: "private EKS issuer is not shared", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/role:Role", "r",
				webIdentity("arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC", nil))},
		{Name: "service role", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/role:Role", "r", packtest.Props{"assumeRolePolicy": iampolicytest.Doc(map[string]any{
				"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": map[string]any{"Service": "ec2.amazonaws.com"}})})},
		{Name: "principal * is the public-trust rule's", Want: packtest.Pass,
			Resource: packtest.Resource("aws:iam/role:Role", "r", packtest.Props{"assumeRolePolicy": iampolicytest.Doc(map[string]any{
				"Effect": "Allow", "Action": "sts:AssumeRoleWithWebIdentity", "Principal": "*"})})},
		{Name: "trust policy unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: assumeRolePolicy",
			Resource: packtest.Resource("aws:iam/role:Role", "r", packtest.Props{"assumeRolePolicy": packtest.Unknown})},
	})
}

func TestIAMPasswordPolicy(t *testing.T) {
	const typ = "aws:iam/accountPasswordPolicy:AccountPasswordPolicy"
	strong := func(overrides packtest.Props) packtest.Props {
		return packtest.With(packtest.Props{"minimumPasswordLength": 14, "passwordReusePrevention": 24,
			"requireUppercaseCharacters": true, "requireLowercaseCharacters": true,
			"requireNumbers": true, "requireSymbols": true}, overrides)
	}
	packtest.Run(t, Policies(), "aws-iam-password-policy", []packtest.Case{
		{Name: "strong policy", Want: packtest.Pass, Resource: packtest.Resource(typ, "p", strong(nil))},
		{Name: "short minimum length", Want: packtest.Violation, Count: 1,
			Message:  "minimumPasswordLength is 8, below 14: set minimumPasswordLength: 14",
			Resource: packtest.Resource(typ, "p", strong(packtest.Props{"minimumPasswordLength": 8}))},
		{Name: "empty policy gets every finding, AWS defaults applied", Want: packtest.Violation, Count: 6,
			Message:  "minimumPasswordLength is 6, below 14",
			Resource: packtest.Resource(typ, "p", packtest.Props{})},
		{Name: "reuse prevention unset", Want: packtest.Violation, Count: 1,
			Message:  "passwordReusePrevention is 0, below 24",
			Resource: packtest.Resource(typ, "p", strong(packtest.Props{"passwordReusePrevention": nil}))},
		{Name: "symbols not required", Want: packtest.Violation, Count: 1, Message: "requireSymbols is not true",
			Resource: packtest.Resource(typ, "p", strong(packtest.Props{"requireSymbols": false}))},
		{Name: "settings can relax", Want: packtest.Pass,
			Config: map[string]any{"minimumLength": 8, "reusePrevention": 0, "requireSymbols": false},
			Resource: packtest.Resource(typ, "p",
				strong(packtest.Props{"minimumPasswordLength": 8, "passwordReusePrevention": nil, "requireSymbols": false}))},
		{Name: "maximum age required by setting, unset", Want: packtest.Violation, Count: 1,
			Message: "maxPasswordAge is 0 (0 never expires), not between 1 and 90", Config: map[string]any{"maxAgeDays": 90},
			Resource: packtest.Resource(typ, "p", strong(nil))},
		{Name: "maximum age within the setting", Want: packtest.Pass, Config: map[string]any{"maxAgeDays": 90},
			Resource: packtest.Resource(typ, "p", strong(packtest.Props{"maxPasswordAge": 60}))},
		{Name: "minimum length unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: minimumPasswordLength",
			Resource: packtest.Resource(typ, "p", strong(packtest.Props{"minimumPasswordLength": packtest.Unknown}))},
		{Name: "reuse prevention unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: passwordReusePrevention",
			Resource: packtest.Resource(typ, "p", strong(packtest.Props{"passwordReusePrevention": packtest.Unknown}))},
		{Name: "maximum age unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: maxPasswordAge",
			Config:   map[string]any{"maxAgeDays": 90},
			Resource: packtest.Resource(typ, "p", strong(packtest.Props{"maxPasswordAge": packtest.Unknown}))},
		{Name: "uppercase unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: requireUppercaseCharacters",
			Resource: packtest.Resource(typ, "p", strong(packtest.Props{"requireUppercaseCharacters": packtest.Unknown}))},
		{Name: "lowercase unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: requireLowercaseCharacters",
			Resource: packtest.Resource(typ, "p", strong(packtest.Props{"requireLowercaseCharacters": packtest.Unknown}))},
		{Name: "numbers unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: requireNumbers",
			Resource: packtest.Resource(typ, "p", strong(packtest.Props{"requireNumbers": packtest.Unknown}))},
		{Name: "symbols unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: requireSymbols",
			Resource: packtest.Resource(typ, "p", strong(packtest.Props{"requireSymbols": packtest.Unknown}))},
		{Name: "a finding before an unknown still counts", Want: packtest.Violation, Message: "minimumPasswordLength is 8",
			Resource: packtest.Resource(typ, "p",
				strong(packtest.Props{"minimumPasswordLength": 8, "requireSymbols": packtest.Unknown}))},
	})
}

// The role's managedPolicyArns and inlinePolicies and the attachment resources' role, roles,
// roleName, policyArn(s), name and policyNames are the same in pulumi-aws v6 and v7; the check
// reads the stack's outputs, where a role's lists hold every policy it held when last read.
func TestIAMRoleNoPolicyManagementConflicts(t *testing.T) {
	const (
		readOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess"
		s3       = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
	)
	role := func(name string, props packtest.Props) plugin.AnalyzerResource {
		return packtest.Resource(iamRoleType, name, packtest.With(packtest.Props{"id": name, "name": name,
			"managedPolicyArns": []any{}, "inlinePolicies": []any{}}, props))
	}
	app := role("app", packtest.Props{"managedPolicyArns": []any{readOnly}})
	bare := role("app", nil)
	other := role("other", nil)
	attach := func(arn, roleName any) plugin.AnalyzerResource {
		return packtest.Resource(iamRolePolicyAttachmentType, "s3", packtest.Props{"policyArn": arn, "role": roleName})
	}
	inlineApp := role("app", packtest.Props{"inlinePolicies": []any{packtest.Props{"name": "logs", "policy": "{}"}}})
	rolePolicy := func(name any) plugin.AnalyzerResource {
		return packtest.Resource(iamRolePolicyType, "queue", packtest.Props{"name": name, "role": "app", "policy": "{}"})
	}
	on := func(r plugin.AnalyzerResource, property string, target plugin.AnalyzerResource) plugin.AnalyzerStackResource {
		return packtest.DependsOn(r, property, target)
	}
	packtest.Run(t, Policies(), "aws-iam-role-no-policy-management-conflicts", []packtest.Case{
		{Name: "managedPolicyArns and a RolePolicyAttachment", Want: packtest.Violation, Count: 1,
			Message: `role "app" lists managed policies itself (managedPolicyArns[0]) and is also the target of ` +
				`separate policy attachments ("s3"): the role detaches what they attach and they re-attach it on ` +
				`every update; attach managed policies one way only`,
			Stack: append(packtest.Stack(app), on(attach(s3, "app"), "role", app))},
		{Name: "managedPolicyArns and a PolicyAttachment listing the role", Want: packtest.Violation, Count: 1,
			Message: `role "app" lists managed policies itself (managedPolicyArns[0]) and is also the target of ` +
				`separate policy attachments ("shared")`,
			Stack: append(packtest.Stack(app), on(packtest.Resource(iamPolicyAttachmentType, "shared",
				packtest.Props{"policyArn": s3, "roles": []any{"ci", "app"}}), "roles", app))},
		{Name: "PolicyAttachment naming the role in its list (state without dependencies)", Want: packtest.Violation,
			Count: 1, Message: `separate policy attachments ("shared")`,
			Stack: packtest.Stack(app, packtest.Resource(iamPolicyAttachmentType, "shared",
				packtest.Props{"policyArn": s3, "roles": []any{"ci", "app"}}))},
		{Name: "managedPolicyArns and an exclusive attachment", Want: packtest.Violation, Count: 1,
			Message: `separate policy attachments ("only")`,
			Stack: append(packtest.Stack(app), on(packtest.Resource(iamRolePolicyAttachmentsExclusiveType, "only",
				packtest.Props{"roleName": "app", "policyArns": []any{s3}}), "roleName", app))},
		{Name: "inlinePolicies and a RolePolicy", Want: packtest.Violation, Count: 1,
			Message: `role "app" lists inline policies itself (inlinePolicies[0]) and is also the target of separate ` +
				`inline policies ("queue"): the role deletes what they declare and they put it back on every ` +
				`update; declare inline policies one way only`,
			Stack: append(packtest.Stack(inlineApp), on(rolePolicy("queue"), "role", inlineApp))},
		{Name: "inlinePolicies and RolePoliciesExclusive", Want: packtest.Violation, Count: 1,
			Message: `separate inline policies ("only")`,
			Stack: append(packtest.Stack(inlineApp), on(packtest.Resource(iamRolePoliciesExclusiveType, "only",
				packtest.Props{"roleName": "app", "policyNames": []any{"queue"}}), "roleName", inlineApp))},
		{Name: "inlinePolicies with managed attachments only: types not mixed", Want: packtest.Pass,
			Stack: append(packtest.Stack(inlineApp), on(attach(s3, "app"), "role", inlineApp))},
		{Name: "separate attachments only", Want: packtest.Pass,
			Stack: append(packtest.Stack(bare), on(attach(s3, "app"), "role", bare), on(rolePolicy("queue"), "role", bare))},
		{Name: "after a refresh the outputs list the attached policies", Want: packtest.Pass,
			Stack: append(packtest.Stack(role("app", packtest.Props{"managedPolicyArns": []any{s3},
				"inlinePolicies": []any{packtest.Props{"name": "queue", "policy": "{}"}}})),
				on(attach(s3, "app"), "role", bare), on(rolePolicy("queue"), "role", bare))},
		{Name: "an empty inline policy entry read back is none", Want: packtest.Pass,
			Stack: append(packtest.Stack(role("app", packtest.Props{"inlinePolicies": []any{packtest.Props{"name": "", "policy": ""}}})),
				on(rolePolicy("queue"), "role", bare))},
		{Name: "role lists only its own policies", Want: packtest.Pass,
			Stack: packtest.Stack(role("app", packtest.Props{"managedPolicyArns": []any{readOnly},
				"inlinePolicies": []any{packtest.Props{"name": "logs", "policy": "{}"}}}))},
		{Name: "the attachment is another role's", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(app, nil), packtest.StackResource(other, nil),
				on(attach(s3, "other"), "role", other)}},
		{Name: "attachment naming the role by name (state without dependencies)", Want: packtest.Violation, Count: 1,
			Message: `role "app" lists managed policies itself`, Stack: packtest.Stack(app, attach(s3, "app"))},
		{Name: "attachment naming another role", Want: packtest.Pass, Stack: packtest.Stack(app, attach(s3, "ci"))},
		{Name: "unknown managedPolicyArns", Want: packtest.NotApplicable, Message: "app: " + packtest.UnknownDuringPreview,
			Stack: append(packtest.Stack(role("app", packtest.Props{"managedPolicyArns": packtest.Unknown})),
				on(attach(s3, "app"), "role", bare))},
		{Name: "unknown policyArn of the attachment", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Stack: append(packtest.Stack(app), on(attach(packtest.Unknown, "app"), "role", app))},
		{Name: "unknown RolePolicy name", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Stack: append(packtest.Stack(inlineApp), on(rolePolicy(packtest.Unknown), "role", inlineApp))},
		{Name: "an attachment for an unknown role", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Stack: packtest.Stack(app, attach(s3, packtest.Unknown))},
		{Name: "one undecided role does not hide another", Want: packtest.Violation, Count: 1,
			Message: `role "other" lists managed policies itself`,
			Stack: []plugin.AnalyzerStackResource{
				packtest.StackResource(role("app", packtest.Props{"managedPolicyArns": packtest.Unknown}), nil),
				packtest.StackResource(role("other", packtest.Props{"managedPolicyArns": []any{readOnly}}), nil),
				on(attach(s3, "app"), "role", bare),
				on(packtest.Resource(iamRolePolicyAttachmentType, "s3-other", packtest.Props{"policyArn": s3, "role": "other"}), "role", other)}},
		{Name: "no role in the stack", Want: packtest.NotApplicable, Message: "no resources of its types",
			Stack: packtest.Stack(attach(s3, "app"))},
	})
}
