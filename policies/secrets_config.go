package policies

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/secrets"
)

type configSecretSettings struct {
	// IgnoreKeys are config keys never reported (fully qualified, e.g. "app:publicKey").
	IgnoreKeys []string `json:"ignoreKeys"`
	// HighEntropy also reports values that look randomly generated, whatever their name.
	HighEntropy bool `json:"highEntropy"`
}

func init() {
	register(pack.Policy{
		Name:        "no-plaintext-secrets-in-config",
		DisplayName: "No plaintext secrets in stack config",
		Description: "Stack config values that look secret — by their key (password, token, apiKey, " +
			"privateKey, connectionString, ...) or their value (private keys, cloud access keys, known token " +
			"formats, connection strings with passwords, high-entropy strings) — are set with --secret, so " +
			"that Pulumi encrypts them.",
		Severity:  pack.Critical,
		Framework: frameworks.UsingPulumiSecurely("secrets: encrypt secret config"),
		Tags:      []string{"secrets", "config"},
		Remediation: "Set the value again as a secret: `pulumi config set --secret <key>` (it prompts for the " +
			"value), then rotate the credential, since the plain value is in the stack's config file and its " +
			"history.",
		Types: []string{rootStackType},
		Config: pack.Schema{Properties: map[string]pack.JSONSchema{
			"ignoreKeys": pack.StringList("Config keys (fully qualified, e.g. \"app:publicKey\") never to report."),
			"highEntropy": pack.Boolean("Also report values that look randomly generated (long, mixed "+
				"characters, high entropy), whatever their key.", true),
		}},
		Settings:   func() any { return &configSecretSettings{} },
		Resource:   checkConfigSecrets,
		InputsOnly: true, // about what the program declares, not the deployed resource
	})
}

// rootStackType is the type of the stack's root resource, analyzed once per preview or update.
const rootStackType = "pulumi:pulumi:Stack"

func checkConfigSecrets(c *pack.Check, _ *pack.Resource) {
	d := c.Deployment()
	if !d.Known {
		c.Skip("the engine did not send the stack's config (pulumi policy analyze --file and publish do not)")
		return
	}
	s := pack.SettingsOf[configSecretSettings](c)
	for _, key := range d.ConfigKeys() {
		if d.IsSecret(key) || slices.Contains(s.IgnoreKeys, key) {
			continue
		}
		if why := configSecretReason(key, d.Config[key], s.HighEntropy); why != "" {
			c.Violatef("config %s %s but is stored in plain text: run `pulumi config set --secret --stack %s %s` "+
				"and rotate the credential", key, why, d.Stack, key)
		}
	}
}

// configSecretReason says why a config value looks secret, or "" if it does not.
func configSecretReason(key, value string, entropy bool) string {
	if strings.TrimSpace(value) == "" || secrets.IsReference(value) {
		return ""
	}
	_, name, _ := strings.Cut(key, ":")
	if secrets.SensitiveName(name) {
		return "is named like a secret"
	}
	if kind := secrets.ValueKind(value); kind != "" {
		return "holds what looks like " + kind
	}
	if path := structuredSecret(value); path != "" {
		return fmt.Sprintf("holds a secret-named field %s", path)
	}
	if entropy && secrets.HighEntropy(value) {
		return "holds a value that looks randomly generated (high entropy)"
	}
	return ""
}

// structuredSecret finds, in a structured (JSON object) config value, the path of a field whose
// name says it is a secret and whose value is a plain string.
func structuredSecret(value string) string {
	if !strings.HasPrefix(strings.TrimSpace(value), "{") {
		return ""
	}
	var doc map[string]any
	if json.Unmarshal([]byte(value), &doc) != nil {
		return ""
	}
	return secretField(doc, "", 0)
}

func secretField(v any, path string, depth int) string {
	if depth > secrets.MaxWalkDepth {
		return ""
	}
	switch v := v.(type) {
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			p := k
			if path != "" {
				p = path + "." + k
			}
			if s, ok := v[k].(string); ok && s != "" && secrets.SensitiveName(k) && !secrets.IsReference(s) {
				return p
			}
			if found := secretField(v[k], p, depth+1); found != "" {
				return found
			}
		}
	case []any:
		for i, item := range v {
			if found := secretField(item, fmt.Sprintf("%s[%d]", path, i), depth+1); found != "" {
				return found
			}
		}
	}
	return ""
}
