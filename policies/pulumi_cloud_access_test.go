package policies

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestPulumiCloudAccess(t *testing.T) {
	perm := func(typ, stack, team string, level any) packtest.Case {
		return packtest.Case{Resource: packtest.Resource(typ, "perm", packtest.Props{
			"organization": "acme", "project": "app", "stack": stack, "team": team, "permission": level})}
	}
	v1, v2 := "pulumiservice:index:TeamStackPermission", "pulumiservice:stacks/permissions:TeamStackPermission"
	cases := []packtest.Case{
		{Name: "personal access token (v1)", Want: packtest.Violation, Message: "personal access token managed as code",
			Resource: packtest.Resource("pulumiservice:index:AccessToken", "ci", packtest.Props{"description": "CI"})},
		{Name: "personal access token (v2)", Want: packtest.Violation, Message: "personal access token",
			Resource: packtest.Resource("pulumiservice:orgs/tokens:AccessToken", "ci", packtest.Props{"description": "CI"})},
		{Name: "personal token (pulumiservice 1.3.0 api/tokens)", Want: packtest.Violation, Message: "personal access token",
			Resource: packtest.Resource("pulumiservice:api/tokens:PersonalToken", "ci",
				packtest.Props{"description": "CI", "expires": 0})},
		{Name: "team token (api/tokens) without a description", Want: packtest.Violation, Message: "ci has no description",
			Resource: packtest.Resource("pulumiservice:api/tokens:TeamToken", "ci",
				packtest.Props{"name": "ci", "orgName": "acme", "teamName": "platform", "description": " "})},
		{Name: "admin organization token (api/tokens)", Want: packtest.Violation, Message: "admin organization token",
			Resource: packtest.Resource("pulumiservice:api/tokens:OrgToken", "ops",
				packtest.Props{"name": "ops", "orgName": "acme", "admin": true, "description": "ops"})},
		{Name: "team token with a description", Want: packtest.Pass,
			Resource: packtest.Resource("pulumiservice:index:TeamAccessToken", "ci",
				packtest.Props{"name": "ci", "organizationName": "acme", "teamName": "platform", "description": "deploys app"})},
		{Name: "team token without a description", Want: packtest.Violation, Message: "ci has no description",
			Resource: packtest.Resource("pulumiservice:orgs/tokens:TeamAccessToken", "ci",
				packtest.Props{"name": "ci", "organizationName": "acme", "teamName": "platform"})},
		{Name: "admin organization token", Want: packtest.Violation, Message: "admin organization token",
			Resource: packtest.Resource("pulumiservice:index:OrgAccessToken", "ops",
				packtest.Props{"name": "ops", "organizationName": "acme", "admin": true, "description": "ops"})},
		{Name: "admin organization token allowed", Want: packtest.Pass, Config: map[string]any{"allowAdminTokens": true},
			Resource: packtest.Resource("pulumiservice:index:OrgAccessToken", "ops",
				packtest.Props{"name": "ops", "organizationName": "acme", "admin": true, "description": "ops"})},
		{Name: "admin flag unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: admin",
			Resource: packtest.Resource("pulumiservice:index:OrgAccessToken", "ops",
				packtest.Props{"name": "ops", "admin": packtest.Unknown, "description": "ops"})},
		packtest.Named(perm(v1, "production", "devs", 103), "admin on a production stack", packtest.Violation,
			"team devs gets admin permission on production stack production"),
		packtest.Named(perm(v2, "app-prod", "devs", 103), "admin on a production stack (v2)", packtest.Violation, "admin"),
		packtest.Named(perm(v1, "production", "devs", 102), "write on a production stack", packtest.Pass, ""),
		packtest.Named(perm(v1, "staging", "devs", 103), "admin on a staging stack", packtest.Pass, ""),
		packtest.Named(packtest.Configured(perm(v1, "production", "sre", 103), map[string]any{"adminTeams": []any{"sre"}}),
			"approved admin team", packtest.Pass, ""),
		packtest.Named(perm(v1, "production", "devs", packtest.Unknown), "permission unknown", packtest.NotApplicable,
			"value unknown during preview: permission"),
		packtest.Named(packtest.Configured(perm(v1, "live", "devs", 103), map[string]any{"productionStacks": "^prd-"}),
			"custom production pattern", packtest.Pass, ""),
	}
	packtest.Run(t, All(), "pulumi-cloud-access", cases)

	res := packtest.Check(t, packtest.Find(t, All(), "pulumi-cloud-access"), packtest.Case{
		Resource: packtest.Resource("pulumiservice:index:AccessToken", "ci", nil)})
	if len(res.Diagnostics) != 2 || res.Diagnostics[0].Severity != pack.High || res.Diagnostics[1].Severity != pack.Low {
		t.Errorf("want a high-severity token violation and a low-severity description one, got %+v", res.Diagnostics)
	}
}
