package gcp

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

// gcpIAMGrants are the IAM resource shapes by the ending of their type name (…IamMember,
// …IamBinding, …IamPolicy; Cloud Storage spells them …IAMMember), with what messages call them.
var gcpIAMGrants = []struct {
	suffix, kind string
	grant        gcpIAMGrant
}{
	{"iammember", "IAM member", gcpIAMMember},
	{"iambinding", "IAM binding", gcpIAMBinding},
	{"iampolicy", "IAM policy", gcpIAMPolicy},
}

// gcpIAMGrantOf reads an IAM resource's shape from its type token, and what messages call it ("IAM
// member"); ok is false for a type that is not an IAM member, binding or policy.
func gcpIAMGrantOf(typ string) (grant gcpIAMGrant, kind string, ok bool) {
	name := strings.ToLower(typ[strings.LastIndex(typ, ":")+1:])
	for _, g := range gcpIAMGrants {
		if strings.HasSuffix(name, g.suffix) {
			return g.grant, g.kind, true
		}
	}
	return 0, "", false
}

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

// gcpShortName returns the last part of a resource name or id given in one of the forms Google
// Cloud IAM resources accept ("projects/p/locations/l/services/web", "p/l/web", "web" → "web").
func gcpShortName(name string) string {
	name = strings.TrimSpace(name)
	return name[strings.LastIndex(name, "/")+1:]
}

// gcpPublicInvokers reports the members of an IAM member, binding or policy resource of a serverless
// service (named in messages as service, e.g. "Cloud Run", followed by the grant's kind) that stand
// for everyone, unless the service, named by the property nameProperty, is one of the allowed public
// services. The service's name is only read when a public member was found and the allow-list is
// not empty, so that a name unknown during preview does not keep the others from being judged.
func gcpPublicInvokers(c *pack.Check, r *pack.Resource, service, nameProperty, setting string, allowed []string) {
	grant, kind, _ := gcpIAMGrantOf(r.Type)
	type finding struct {
		member        pack.Value
		who, property string
	}
	var found []finding
	gcpPublicIAMMembers(r, grant, func(member pack.Value, who, property string) {
		found = append(found, finding{member, who, property})
	})
	if len(found) == 0 || (len(allowed) > 0 && pack.ContainsFold(allowed, gcpShortName(r.Get(nameProperty).Text("")))) {
		return
	}
	for _, f := range found {
		c.Violatef("%s %s %s grants access to %v (%s) in %s: grant the invoker role to named principals, or "+
			"list it in %s if it is meant to be public", service, kind, r.Name, f.member, f.who, f.property, setting)
	}
}
