package acme

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy/iampolicytest"
)

func TestRoleTrustsOwnAccounts(t *testing.T) {
	role := func(principal any) packtest.Props {
		return packtest.Props{"assumeRolePolicy": iampolicytest.Doc(
			iampolicytest.AllowPrincipal("sts:AssumeRole", principal, nil))}
	}
	roleCase := packtest.ResourceCase(iamRoleType, "deployer")
	packtest.Run(t, Policies(), "acme-iam-role-trusts-own-accounts", []packtest.Case{
		packtest.Named(roleCase(role(map[string]any{"AWS": "arn:aws:iam::333333333333:root"})), "foreign account",
			packtest.Violation, "role deployer: statement 1 of its trust policy lets account 333333333333 assume it"),
		packtest.Named(roleCase(role(map[string]any{"AWS": []any{"111111111111", "444444444444"}})),
			"one own and one foreign account", packtest.Violation, "account 444444444444"),
		packtest.Named(roleCase(role(map[string]any{"AWS": "arn:aws:iam::111111111111:role/ci"})), "own account",
			packtest.Pass, ""),
		packtest.Named(roleCase(role(map[string]any{"Service": "lambda.amazonaws.com"})), "AWS service",
			packtest.Pass, ""),
		packtest.Configured(packtest.Named(roleCase(role(map[string]any{"AWS": "333333333333"})),
			"account added by config", packtest.Pass, ""), map[string]any{"accounts": []any{"333333333333"}}),
		packtest.Named(roleCase(packtest.Props{"assumeRolePolicy": packtest.Unknown}), "policy unknown during preview",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
	})
}
