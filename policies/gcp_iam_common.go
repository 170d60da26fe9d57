package policies

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// gcpPublicPrincipals are the IAM members (and Cloud Storage ACL entities) that stand for
// everyone, with whom they admit.
var gcpPublicPrincipals = map[string]string{
	"allusers":              "anyone on the internet",
	"allauthenticatedusers": "anyone with a Google account",
}

// gcpPublicPrincipal tells whom a member admits when it stands for everyone (allUsers,
// allAuthenticatedUsers); ok is false for any other member.
func gcpPublicPrincipal(member string) (who string, ok bool) {
	who, ok = gcpPublicPrincipals[strings.ToLower(strings.TrimSpace(member))]
	return who, ok
}

// gcpIAMGrant is the shape of a Google Cloud IAM resource: one member of a role (…IamMember), every
// member of a role (…IamBinding) or the whole policy (…IamPolicy).
type gcpIAMGrant int

const (
	gcpIAMMember gcpIAMGrant = iota
	gcpIAMBinding
	gcpIAMPolicy
)

// gcpPublicIAMMembers calls report for each member of an IAM member, binding or policy resource that
// stands for everyone, with whom it admits and the property that grants it.
func gcpPublicIAMMembers(r *pack.Resource, grant gcpIAMGrant, report func(member pack.Value, who, property string)) {
	switch grant {
	case gcpIAMMember:
		if who, ok := gcpPublicPrincipal(r.Get("member").Text("")); ok {
			report(r.Get("member"), who, "member")
		}
	case gcpIAMBinding:
		for _, m := range r.Get("members").Items() {
			if who, ok := gcpPublicPrincipal(m.Text("")); ok {
				report(m, who, "members")
			}
		}
	case gcpIAMPolicy:
		for _, b := range r.Get("policyData").JSON().Get("bindings").Items() {
			for _, m := range b.Get("members").Items() {
				if who, ok := gcpPublicPrincipal(m.Text("")); ok {
					report(m, who, "policyData")
				}
			}
		}
	}
}
