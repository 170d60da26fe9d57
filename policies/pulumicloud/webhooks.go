package pulumicloud

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// webhookTypes are organization, stack and environment webhooks: v1's Webhook, v2's, and the
// generated api resources of pulumiservice 1.3.0, all with payloadUrl, format and secret.
var webhookTypes = []string{
	"pulumiservice:index:Webhook", "pulumiservice:stacks/hooks:Webhook", "pulumiservice:api/stacks:Webhook",
	"pulumiservice:api:OrganizationWebhook", "pulumiservice:api/esc:Webhook",
}

// Webhook payload formats: raw (the default) is a generic JSON payload the receiver verifies
// itself; slack and ms_teams post to chat incoming webhooks, which take no signature;
// pulumi_deployments names a stack to deploy (project/stack) rather than a URL.
const (
	webhookFormatRaw         = "raw"
	webhookFormatSlack       = "slack"
	webhookFormatTeams       = "ms_teams"
	webhookFormatDeployments = "pulumi_deployments"
)

func init() {
	register(pack.Policy{
		Name:        "pulumi-cloud-webhook-secured",
		DisplayName: "Pulumi Cloud webhooks are encrypted and signed",
		Description: "Pulumi Cloud webhooks deliver to an https payloadUrl, and generic (raw) webhooks set a " +
			"secret, so that their receiver can check the Pulumi-Webhook-Signature header (an HMAC of the " +
			"payload). Slack and Microsoft Teams webhooks need no secret; pulumi_deployments webhooks, which " +
			"name a stack rather than a URL, pass.",
		Severity: pack.Medium,
		SeverityVaries: "a webhook over plain HTTP is registered severity; one without a secret, " +
			"which only lets forged events through, is low",
		Framework: frameworks.UsingPulumiSecurely("network: encrypt and sign webhook deliveries"),
		Tags:      []string{"pulumi-cloud", "network", "webhooks"},
		Remediation: "Use an https:// payloadUrl. For raw webhooks, set secret to a random value kept as a " +
			"Pulumi secret (e.g. from random.RandomPassword) and have the receiver reject deliveries whose " +
			"Pulumi-Webhook-Signature does not match.",
		Types:    webhookTypes,
		Resource: checkWebhookSecured,
	})
}

func checkWebhookSecured(c *pack.Check, r *pack.Resource) {
	format := r.Get("format").Text(webhookFormatRaw)
	if format == webhookFormatDeployments {
		return
	}
	url := strings.TrimSpace(r.Get("payloadUrl").Text(""))
	if url != "" && !strings.HasPrefix(strings.ToLower(url), "https://") {
		c.Violatef("webhook %s delivers to a payloadUrl that is not https: its event payloads travel "+
			"unencrypted and can be read or altered on the way; use an https:// URL", r.Name)
	}
	if format == webhookFormatSlack || format == webhookFormatTeams {
		return
	}
	if strings.TrimSpace(r.Get("secret").Text("")) == "" {
		c.Report(pack.Violation{Severity: pack.Low, Message: "webhook " + r.Name + " has no secret: its " +
			"receiver cannot check the Pulumi-Webhook-Signature header, so anyone who learns the URL can send " +
			"it forged events; set secret"})
	}
}
