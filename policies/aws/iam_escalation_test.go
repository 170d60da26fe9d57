package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy/iampolicytest"
)

func TestIAMNoPrivilegeEscalation(t *testing.T) {
	policy := func(statements ...map[string]any) packtest.Props {
		return packtest.Props{"policy": iampolicytest.Doc(statements...)}
	}
	deny := func(action, resource any) map[string]any {
		return map[string]any{"Effect": "Deny", "Action": action, "Resource": resource}
	}
	passRoleTo := func(operator string, services any) map[string]any {
		s := iampolicytest.Allow("iam:PassRole", "*")
		s["Condition"] = map[string]any{operator: map[string]any{"iam:PassedToService": services}}
		return s
	}
	const managed = "aws:iam/policy:Policy"
	packtest.Run(t, Policies(), "aws-iam-policy-no-privilege-escalation", []packtest.Case{
		{Name: "create policy version on *", Want: packtest.Violation,
			Message:  "policy opens 1 privilege escalation path(s): iam:CreatePolicyVersion (rewrite a managed policy",
			Resource: packtest.Resource(managed, "p", policy(iampolicytest.Allow("iam:CreatePolicyVersion", "*")))},
		{Name: "attach role policy on every role of the account", Want: packtest.Violation, Message: "iam:AttachRolePolicy",
			Resource: packtest.Resource(iamRolePolicyType, "p",
				policy(iampolicytest.Allow("iam:AttachRolePolicy", "arn:aws:iam::123456789012:role/*")))},
		{Name: "put user policy via iam:Put*", Want: packtest.Violation, Message: "iam:PutUserPolicy",
			Resource: packtest.Resource(iamUserPolicyType, "p", policy(iampolicytest.Allow("iam:Put*", "*")))},
		{Name: "iam:* opens many paths, listed with a count", Want: packtest.Violation, Count: 1,
			Message:  "policy opens 13 privilege escalation path(s)",
			Resource: packtest.Resource(iamGroupPolicyType, "p", policy(iampolicytest.Allow("iam:*", "*")))},
		{Name: "and N more", Want: packtest.Violation, Message: ", and 9 more",
			Resource: packtest.Resource(managed, "p", policy(iampolicytest.Allow("iam:*", "*")))},
		{Name: "update assume role policy", Want: packtest.Violation, Message: "iam:UpdateAssumeRolePolicy",
			Resource: packtest.Resource(managed, "p", policy(iampolicytest.Allow("iam:UpdateAssumeRolePolicy", "arn:aws:iam::*:role/*")))},
		{Name: "access keys of every user", Want: packtest.Violation, Message: "iam:CreateAccessKey",
			Resource: packtest.Resource(managed, "p", policy(iampolicytest.Allow("iam:CreateAccessKey", "arn:aws:iam::123456789012:user/*")))},
		{Name: "own access keys only", Want: packtest.Pass,
			Resource: packtest.Resource(managed, "p", policy(iampolicytest.Allow([]any{"iam:CreateAccessKey", "iam:UpdateLoginProfile"},
				"arn:aws:iam::123456789012:user/${aws:username}")))},
		{Name: "inline policies on the caller's own user", Want: packtest.Violation, Message: "iam:PutUserPolicy",
			Resource: packtest.Resource(managed, "p", policy(iampolicytest.Allow([]any{"iam:PutUserPolicy", "iam:CreateAccessKey"},
				"arn:aws:iam::123456789012:user/${aws:username}")))},
		{Name: "login profiles", Want: packtest.Violation, Count: 1, Message: "iam:CreateLoginProfile",
			Resource: packtest.Resource(managed, "p", policy(iampolicytest.Allow([]any{"iam:CreateLoginProfile", "iam:UpdateLoginProfile"}, "*")))},
		{Name: "add user to group", Want: packtest.Violation, Message: "iam:AddUserToGroup",
			Resource: packtest.Resource(managed, "p", policy(iampolicytest.Allow("iam:AddUserToGroup", "*")))},
		{Name: "update any function's code", Want: packtest.Violation, Message: "lambda:UpdateFunctionCode",
			Resource: packtest.Resource(managed, "p",
				policy(iampolicytest.Allow("lambda:UpdateFunctionCode", "arn:aws:lambda:us-east-1:123456789012:function:*")))},
		{Name: "update one function's code", Want: packtest.Pass,
			Resource: packtest.Resource(managed, "p",
				policy(iampolicytest.Allow("lambda:UpdateFunctionCode", "arn:aws:lambda:us-east-1:123456789012:function:api")))},
		{Name: "pass role with run instances across statements", Want: packtest.Violation,
			Message: "iam:PassRole + ec2:RunInstances (start an instance with any role",
			Resource: packtest.Resource(managed, "p",
				policy(iampolicytest.Allow("iam:PassRole", "*"), iampolicytest.Allow("ec2:RunInstances", "arn:aws:ec2:*:*:instance/*")))},
		{Name: "pass role with lambda create and invoke", Want: packtest.Violation,
			Message: "iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction",
			Resource: packtest.Resource(managed, "p",
				policy(iampolicytest.Allow([]any{"iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"}, "*")))},
		{Name: "pass role with lambda create but no way to run it", Want: packtest.Pass,
			Resource: packtest.Resource(managed, "p", policy(iampolicytest.Allow([]any{"iam:PassRole", "lambda:CreateFunction"}, "*")))},
		{Name: "pass role with glue dev endpoint", Want: packtest.Violation, Message: "glue:CreateDevEndpoint",
			Resource: packtest.Resource(managed, "p", policy(iampolicytest.Allow([]any{"iam:PassRole", "glue:CreateDevEndpoint"}, "*")))},
		{Name: "pass role with cloudformation", Want: packtest.Violation, Message: "cloudformation:CreateStack",
			Resource: packtest.Resource(managed, "p", policy(iampolicytest.Allow([]any{"iam:PassRole", "cloudformation:*"}, "*")))},
		{Name: "pass role with ecs", Want: packtest.Violation, Message: "ecs:RegisterTaskDefinition + ecs:RunTask",
			Resource: packtest.Resource(managed, "p",
				policy(iampolicytest.Allow([]any{"iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"}, "*")))},
		{Name: "pass role with sagemaker notebooks", Want: packtest.Violation, Message: "sagemaker:CreateNotebookInstance",
			Resource: packtest.Resource(managed, "p", policy(iampolicytest.Allow([]any{"iam:PassRole",
				"sagemaker:CreateNotebookInstance", "sagemaker:CreatePresignedNotebookInstanceUrl"}, "*")))},
		{Name: "pass role with data pipeline", Want: packtest.Violation, Message: "datapipeline:PutPipelineDefinition",
			Resource: packtest.Resource(managed, "p",
				policy(iampolicytest.Allow([]any{"iam:PassRole", "datapipeline:CreatePipeline", "datapipeline:PutPipelineDefinition"}, "*")))},
		{Name: "pass role with codebuild", Want: packtest.Violation, Message: "codebuild:StartBuild",
			Resource: packtest.Resource(managed, "p",
				policy(iampolicytest.Allow([]any{"iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"}, "*")))},
		{Name: "pass role only to ECS tasks with run instances", Want: packtest.Pass,
			Resource: packtest.Resource(managed, "p", policy(passRoleTo("StringLike", "ecs-tasks.amazonaws.com"),
				iampolicytest.Allow("ec2:RunInstances", "*")))},
		{Name: "pass role to EC2 with run instances", Want: packtest.Violation, Message: "iam:PassRole + ec2:RunInstances",
			Resource: packtest.Resource(managed, "p", policy(passRoleTo("StringEquals", []any{"lambda.amazonaws.com", "ec2.amazonaws.com"}),
				iampolicytest.Allow("ec2:RunInstances", "*")))},
		{Name: "pass role to any amazonaws service", Want: packtest.Violation, Message: "iam:PassRole + ec2:RunInstances",
			Resource: packtest.Resource(managed, "p", policy(passRoleTo("StringLikeIfExists", "*.amazonaws.com"),
				iampolicytest.Allow("ec2:RunInstances", "*")))},
		{Name: "pass one named role with run instances", Want: packtest.Pass,
			Resource: packtest.Resource(managed, "p", policy(
				iampolicytest.Allow("iam:PassRole", "arn:aws:iam::123456789012:role/app-instance"), iampolicytest.Allow("ec2:RunInstances", "*")))},
		{Name: "pass roles under a path with run instances", Want: packtest.Pass,
			Resource: packtest.Resource(managed, "p", policy(
				iampolicytest.Allow("iam:PassRole", "arn:aws:iam::123456789012:role/app/*"), iampolicytest.Allow("ec2:RunInstances", "*")))},
		{Name: "NotAction grants the paths", Want: packtest.Violation, Message: "policy opens 28 privilege escalation path(s)",
			Resource: packtest.Resource(managed, "p", policy(
				map[string]any{"Effect": "Allow", "NotAction": []any{"s3:*", "ec2:*"}, "Resource": "*"}))},
		{Name: "a deny without condition removes the path", Want: packtest.Pass,
			Resource: packtest.Resource(managed, "p", policy(iampolicytest.Allow("iam:Put*", "*"), deny("iam:*", "*")))},
		{Name: "a deny on one role does not remove it", Want: packtest.Violation,
			Resource: packtest.Resource(managed, "p",
				policy(iampolicytest.Allow("iam:PutRolePolicy", "*"), deny("iam:*", "arn:aws:iam::123456789012:role/admin")))},
		{Name: "read-only IAM", Want: packtest.Pass,
			Resource: packtest.Resource(managed, "p", policy(iampolicytest.Allow([]any{"iam:Get*", "iam:List*"}, "*")))},
		{Name: "policy actions on one named policy", Want: packtest.Pass,
			Resource: packtest.Resource(managed, "p", policy(iampolicytest.Allow("iam:CreatePolicyVersion",
				"arn:aws:iam::123456789012:policy/app-deployer")))},
		{Name: "full admin is the admin rule's finding", Want: packtest.Pass,
			Resource: packtest.Resource(managed, "p", policy(iampolicytest.Allow("*", "*")))},
		{Name: "role inline policy", Want: packtest.Violation, Message: "inlinePolicies[1].policy opens",
			Resource: packtest.Resource(iamRoleType, "r", packtest.Props{"inlinePolicies": []any{
				map[string]any{"name": "ok", "policy": iampolicytest.Doc(iampolicytest.Allow("s3:GetObject", "*"))},
				map[string]any{"name": "esc", "policy": iampolicytest.Doc(iampolicytest.Allow("iam:AttachUserPolicy", "*"))},
			}})},
		{Name: "secret document is judged without quoting it", Want: packtest.Violation,
			Resource: packtest.Resource(managed, "p", packtest.Props{"policy": packtest.Secret(iampolicytest.Doc(
				iampolicytest.Allow([]any{"iam:PutGroupPolicy", packtest.Canary}, "*")))})},
		{Name: "policy unknown during preview", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(managed, "p", packtest.Props{"policy": packtest.Unknown})},
	})
}
