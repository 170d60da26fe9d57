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
		named(perm(v1, "production", "devs", 103), "admin on a production stack", packtest.Violation,
			"team devs gets admin permission on production stack production"),
		named(perm(v2, "app-prod", "devs", 103), "admin on a production stack (v2)", packtest.Violation, "admin"),
		named(perm(v1, "production", "devs", 102), "write on a production stack", packtest.Pass, ""),
		named(perm(v1, "staging", "devs", 103), "admin on a staging stack", packtest.Pass, ""),
		named(configure(perm(v1, "production", "sre", 103), map[string]any{"adminTeams": []any{"sre"}}),
			"approved admin team", packtest.Pass, ""),
		named(perm(v1, "production", "devs", packtest.Unknown), "permission unknown", packtest.NotApplicable,
			"value unknown during preview: permission"),
		named(configure(perm(v1, "live", "devs", 103), map[string]any{"productionStacks": "^prd-"}),
			"custom production pattern", packtest.Pass, ""),
	}
	packtest.Run(t, All(), "pulumi-cloud-access", cases)

	res := packtest.Check(t, packtest.Find(t, All(), "pulumi-cloud-access"), packtest.Case{
		Resource: packtest.Resource("pulumiservice:index:AccessToken", "ci", nil)})
	if len(res.Diagnostics) != 2 || res.Diagnostics[0].Severity != pack.High || res.Diagnostics[1].Severity != pack.Low {
		t.Errorf("want a high-severity token violation and a low-severity description one, got %+v", res.Diagnostics)
	}
}

func TestPulumiCloudWebhookSecured(t *testing.T) {
	hook := func(typ string, props packtest.Props) packtest.Case {
		base := packtest.Props{"organizationName": "acme", "displayName": "ci", "active": true}
		for k, v := range props {
			base[k] = v
		}
		return packtest.Case{Resource: packtest.Resource(typ, "hook", base)}
	}
	v1, v2, org := "pulumiservice:index:Webhook", "pulumiservice:stacks/hooks:Webhook", "pulumiservice:api:OrganizationWebhook"
	cases := []packtest.Case{
		named(hook(v1, packtest.Props{"payloadUrl": "http://ci.acme.dev/hook", "secret": packtest.Secret(packtest.Canary)}),
			"plain http payload URL", packtest.Violation, "webhook hook delivers to a payloadUrl that is not https: its "+
				"event payloads travel unencrypted and can be read or altered on the way; use an https:// URL"),
		named(hook(v2, packtest.Props{"payloadUrl": "https://ci.acme.dev/hook"}), "raw webhook without a secret (v2)",
			packtest.Violation, "webhook hook has no secret: its receiver cannot check the Pulumi-Webhook-Signature "+
				"header, so anyone who learns the URL can send it forged events; set secret"),
		named(hook(org, packtest.Props{"payloadUrl": "https://ci.acme.dev/hook", "format": "raw", "secret": ""}),
			"empty secret (api)", packtest.Violation, "has no secret"),
		named(hook(v1, packtest.Props{"payloadUrl": "https://ci.acme.dev/hook", "secret": packtest.Secret(packtest.Canary)}),
			"https and signed", packtest.Pass, ""),
		named(hook(v1, packtest.Props{"payloadUrl": packtest.Secret("https://hooks.slack.com/services/T0/B0/" + packtest.Canary),
			"format": "slack"}), "Slack webhook without a secret", packtest.Pass, ""),
		named(hook(v1, packtest.Props{"payloadUrl": "http://teams.acme.dev/hook", "format": "ms_teams"}),
			"Teams webhook over http", packtest.Violation, "not https"),
		named(hook(v1, packtest.Props{"payloadUrl": "network/prod", "format": "pulumi_deployments"}),
			"deployment webhook naming a stack", packtest.Pass, ""),
		named(hook(v1, packtest.Props{"payloadUrl": packtest.Unknown, "secret": packtest.Secret(packtest.Canary)}),
			"payload URL unknown during preview", packtest.NotApplicable, "value unknown during preview: payloadUrl"),
		named(hook(v1, packtest.Props{"payloadUrl": "https://ci.acme.dev/hook", "format": packtest.Unknown}),
			"format unknown during preview", packtest.NotApplicable, "value unknown during preview: format"),
		named(hook(v1, packtest.Props{"payloadUrl": "https://ci.acme.dev/hook", "secret": packtest.Unknown}),
			"secret unknown during preview", packtest.NotApplicable, "value unknown during preview: secret"),
	}
	packtest.Run(t, All(), "pulumi-cloud-webhook-secured", cases)

	res := packtest.Check(t, packtest.Find(t, All(), "pulumi-cloud-webhook-secured"),
		hook(v1, packtest.Props{"payloadUrl": "http://ci.acme.dev/hook"}))
	if len(res.Diagnostics) != 2 || res.Diagnostics[0].Severity != pack.Medium || res.Diagnostics[1].Severity != pack.Low {
		t.Errorf("want a medium-severity http violation and a low-severity secret one, got %+v", res.Diagnostics)
	}
}
