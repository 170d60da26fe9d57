package pulumicloud

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

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
		packtest.Named(hook(v1, packtest.Props{"payloadUrl": "http://ci.acme.dev/hook", "secret": packtest.Secret(packtest.Canary)}),
			"plain http payload URL", packtest.Violation, "webhook hook delivers to a payloadUrl that is not https: its "+
				"event payloads travel unencrypted and can be read or altered on the way; use an https:// URL"),
		packtest.Named(hook(v2, packtest.Props{"payloadUrl": "https://ci.acme.dev/hook"}), "raw webhook without a secret (v2)",
			packtest.Violation, "webhook hook has no secret: its receiver cannot check the Pulumi-Webhook-Signature "+
				"header, so anyone who learns the URL can send it forged events; set secret"),
		packtest.Named(hook(org, packtest.Props{"payloadUrl": "https://ci.acme.dev/hook", "format": "raw", "secret": ""}),
			"empty secret (api)", packtest.Violation, "has no secret"),
		packtest.Named(hook(v1, packtest.Props{"payloadUrl": "https://ci.acme.dev/hook", "secret": packtest.Secret(packtest.Canary)}),
			"https and signed", packtest.Pass, ""),
		packtest.Named(hook(v1, packtest.Props{"payloadUrl": packtest.Secret("https://hooks.slack.com/services/T0/B0/" + packtest.Canary),
			"format": "slack"}), "Slack webhook without a secret", packtest.Pass, ""),
		packtest.Named(hook(v1, packtest.Props{"payloadUrl": "http://teams.acme.dev/hook", "format": "ms_teams"}),
			"Teams webhook over http", packtest.Violation, "not https"),
		packtest.Named(hook(v1, packtest.Props{"payloadUrl": "network/prod", "format": "pulumi_deployments"}),
			"deployment webhook naming a stack", packtest.Pass, ""),
		packtest.Named(hook(v1, packtest.Props{"payloadUrl": packtest.Unknown, "secret": packtest.Secret(packtest.Canary)}),
			"payload URL unknown during preview", packtest.NotApplicable, "value unknown during preview: payloadUrl"),
		packtest.Named(hook(v1, packtest.Props{"payloadUrl": "https://ci.acme.dev/hook", "format": packtest.Unknown}),
			"format unknown during preview", packtest.NotApplicable, "value unknown during preview: format"),
		packtest.Named(hook(v1, packtest.Props{"payloadUrl": "https://ci.acme.dev/hook", "secret": packtest.Unknown}),
			"secret unknown during preview", packtest.NotApplicable, "value unknown during preview: secret"),
	}
	packtest.Run(t, Policies(), "pulumi-cloud-webhook-secured", cases)

	res := packtest.Check(t, packtest.Find(t, Policies(), "pulumi-cloud-webhook-secured"),
		hook(v1, packtest.Props{"payloadUrl": "http://ci.acme.dev/hook"}))
	if len(res.Diagnostics) != 2 || res.Diagnostics[0].Severity != pack.Medium || res.Diagnostics[1].Severity != pack.Low {
		t.Errorf("want a medium-severity http violation and a low-severity secret one, got %+v", res.Diagnostics)
	}
}
