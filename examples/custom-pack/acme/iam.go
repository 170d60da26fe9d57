package acme

import (
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy"
)

const iamRoleType = "aws:iam/role:Role"

func init() { register(roleTrustsOwnAccounts) }

type trustSettings struct {
	Accounts []string `json:"accounts"`
}

var roleTrustsOwnAccounts = pack.Policy{
	Name:        "acme-iam-role-trusts-own-accounts",
	DisplayName: "IAM roles trust Acme's accounts and AWS services only",
	Description: "The trust policy of an IAM role lets only AWS services and principals of Acme's own AWS " +
		"accounts (accounts) assume it, never another company's account.",
	Severity: pack.High,
	Tags:     []string{"acme", "aws", "iam"},
	Remediation: "Trust a role of one of Acme's accounts, or add the account to the accounts setting " +
		"after the security team has reviewed it.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"accounts": pack.StringList("Acme's AWS account ids.", "111111111111", "222222222222"),
	}},
	Settings: func() any { return &trustSettings{} },
	Types:    []string{iamRoleType},
	Resource: func(c *pack.Check, r *pack.Resource) {
		accounts := pack.SettingsOf[trustSettings](c).Accounts
		for i, s := range iampolicy.Read(r.Get("assumeRolePolicy")) {
			if !s.Allows() {
				continue
			}
			for _, p := range s.Principals() {
				if account, foreign := foreignAccount(p, accounts); foreign {
					c.Violatef("role %s: statement %d of its trust policy lets account %s assume it, which is "+
						"not one of Acme's accounts", r.Name, i+1, account)
				}
			}
		}
	},
}

// foreignAccount returns the account of an AWS principal (an account id, or an ARN of one) and
// whether it is none of accounts. Service principals and "*" are other rules' business.
func foreignAccount(principal string, accounts []string) (string, bool) {
	account := principal
	if rest, ok := strings.CutPrefix(principal, "arn:aws:iam::"); ok {
		account, _, _ = strings.Cut(rest, ":")
	}
	if len(account) != 12 || strings.Trim(account, "0123456789") != "" {
		return "", false
	}
	return account, !slices.Contains(accounts, account)
}
