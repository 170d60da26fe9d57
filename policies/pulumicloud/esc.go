package pulumicloud

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/secrets"
	"gopkg.in/yaml.v3"
)

// Pulumi ESC environment rules. pulumiservice 1.3.0's Environment takes its definition, yaml, as
// an asset or archive (programs pass a StringAsset); its generated api/esc:Environment and v2's
// esc:Environment take a string, which their SDKs make a Pulumi secret.

var escEnvironmentTypes = []string{
	"pulumiservice:index:Environment", "pulumiservice:esc:Environment", "pulumiservice:api/esc:Environment",
}

func init() { register(escEnvironmentNoPlaintextSecrets) }

var escEnvironmentNoPlaintextSecrets = pack.Policy{
	Name:        "pulumi-cloud-esc-environment-no-plaintext-secrets",
	DisplayName: "ESC environments keep their secrets in fn::secret",
	Description: "The values of an ESC environment definition that look secret — by their key (password, " +
		"token, apiKey, clientSecret, ...) or their value (private keys, cloud keys, known token formats, " +
		"connection strings with passwords) — are wrapped in fn::secret or read from a secrets provider " +
		"(fn::open::aws-secrets, fn::open::vault-secrets, ...), so that ESC encrypts them; and the secrets " +
		"a program writes in fn::secret are not left in plain text in the stack's state.",
	Severity:  pack.Critical,
	Framework: frameworks.UsingPulumiSecurely("secrets: encrypt secrets in ESC environments"),
	Tags:      []string{"pulumi-cloud", "secrets", "esc"},
	Remediation: "Wrap each secret value in fn::secret, or better, fetch it from a secrets manager with an ESC " +
		"provider (fn::open::aws-secrets, fn::open::azure-secrets, fn::open::gcp-secrets, " +
		"fn::open::vault-secrets) and log in to the cloud with OIDC (fn::open::aws-login). Make the yaml " +
		"input itself a Pulumi secret when it holds fn::secret values, since the program's copy is what the " +
		"state stores. Rotate any credential that was stored in plain text.",
	Types:    escEnvironmentTypes,
	Resource: checkESCEnvironmentSecrets,
}

func checkESCEnvironmentSecrets(c *pack.Check, r *pack.Resource) {
	definition := r.Get("yaml")
	text, ok := escDefinitionText(c, r.Name, definition)
	if !ok {
		return
	}
	if len(text) > secrets.MaxEmbeddedDocument {
		c.Skip("yaml of " + r.Name + " is larger than " + strconv.Itoa(secrets.MaxEmbeddedDocument) + " bytes")
		return
	}
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		c.Skip("yaml of " + r.Name + " is not valid YAML (" + err.Error() + "): Pulumi ESC will reject it")
		return
	}
	values := escValues(&doc)
	if values == nil {
		return
	}
	w := &escWalker{Walker: secrets.Walker{Type: r.Type}, stateSecret: definition.Secret()}
	w.walk(values, []any{"values"}, "values", 0)
	slices.SortFunc(w.Findings, func(a, b secrets.Finding) int { return strings.Compare(a.Display, b.Display) })
	secrets.Report(c, r, w.Findings, nil, "plaintext secrets in its yaml", func(f secrets.Finding) string {
		if f.Why == escStateSecretReason {
			return fmt.Sprintf("yaml %s of %s is wrapped in fn::secret, but yaml is not a Pulumi secret: the "+
				"program's plaintext copy is stored in the state; make yaml a secret", f.Display, r.Name)
		}
		return fmt.Sprintf("yaml %s of %s %s but is not wrapped in fn::secret: ESC keeps it in plain text and "+
			"shows it to everyone who can read the environment; wrap it in fn::secret or read it from a "+
			"secrets provider", f.Display, r.Name, f.Why)
	})
}

// escDefinitionText reads an Environment's yaml: a string, or the text of an asset. A file or
// remote asset and an archive are not sent with their content; the check then does not apply.
func escDefinitionText(c *pack.Check, name string, definition pack.Value) (string, bool) {
	if !definition.Exists() {
		return "", false
	}
	raw := definition.Raw()
	switch {
	case raw.IsAsset():
		if a := raw.AsAsset(); a.IsText() {
			return a.Text, true
		}
		c.Skip("yaml of " + name + " is a file or remote asset, whose content policies are not sent")
		return "", false
	case raw.IsArchive():
		c.Skip("yaml of " + name + " is an archive, whose content policies are not sent")
		return "", false
	}
	return definition.Text(""), true
}

// escValues is the values mapping of an environment definition, or nil when it has none.
func escValues(doc *yaml.Node) *yaml.Node {
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil
	}
	top := doc.Content[0].Content
	for i := 0; i+1 < len(top); i += 2 {
		if top[i].Value == "values" {
			return top[i+1]
		}
	}
	return nil
}

// escStateSecretReason marks a finding of a fn::secret whose plaintext is in a yaml that is not a
// Pulumi secret.
const escStateSecretReason = "is in fn::secret"

// escWalker runs the shared secret detector over the values of an ESC environment definition,
// reading its built-in functions: fn::secret encrypts its value; provider calls (fn::open::*,
// fn::rotate::*) are walked for the literal credentials some take (a static secretAccessKey);
// the other functions (fn::toBase64, fn::join, fn::toJSON, ...) pass their argument through, so
// the key naming the value still applies to it. Interpolations (${...}) refer to other values,
// which are judged where they are defined.
type escWalker struct {
	secrets.Walker
	// stateSecret says that the yaml is a Pulumi secret, so the plaintext of its fn::secret values
	// is encrypted in the state.
	stateSecret bool
}

func (w *escWalker) walk(n *yaml.Node, path []any, key string, depth int) {
	if depth > secrets.MaxWalkDepth {
		return
	}
	switch n.Kind {
	case yaml.AliasNode:
		// Only scalars are followed: an alias of a collection was judged where its anchor is.
		if n.Alias != nil && n.Alias.Kind == yaml.ScalarNode {
			w.walk(n.Alias, path, key, depth+1)
		}
	case yaml.ScalarNode:
		w.scalar(n, path, key, depth)
	case yaml.SequenceNode:
		for i, item := range n.Content {
			w.walk(item, append(path, i), key, depth+1)
		}
	case yaml.MappingNode:
		if fn, arg, ok := escFunction(n); ok {
			w.function(fn, arg, path, key, depth)
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i].Value
			w.walk(n.Content[i+1], append(path, k), k, depth+1)
		}
	}
}

func (w *escWalker) function(fn string, arg *yaml.Node, path []any, key string, depth int) {
	switch {
	case fn == "fn::secret":
		// A ciphertext (what ESC saves) is not the secret; a plaintext one is, in the state.
		if !w.stateSecret && arg.Kind == yaml.ScalarNode && strings.TrimSpace(arg.Value) != "" &&
			!strings.Contains(arg.Value, "${") {
			w.Add(path, escStateSecretReason)
		}
	case strings.HasPrefix(fn, "fn::open") || strings.HasPrefix(fn, "fn::rotate"):
		w.walk(arg, append(path, fn), fn, depth+1)
	default:
		w.walk(arg, append(path, fn), key, depth+1)
	}
}

func (w *escWalker) scalar(n *yaml.Node, path []any, key string, depth int) {
	switch n.ShortTag() {
	case "!!null", "!!bool", "!!int", "!!float":
		return
	}
	if strings.Contains(n.Value, "${") {
		// An interpolation: only literal credentials around it count.
		if kind := secrets.ValueKind(n.Value); kind != "" {
			w.Add(path, "holds what looks like "+kind)
		}
		return
	}
	w.WalkString(n.Value, path, key, depth)
}

// escFunction reports whether a mapping is a call of an ESC built-in function: a single key
// starting with fn::.
func escFunction(n *yaml.Node) (string, *yaml.Node, bool) {
	if len(n.Content) != 2 || !strings.HasPrefix(n.Content[0].Value, "fn::") {
		return "", nil, false
	}
	return n.Content[0].Value, n.Content[1], true
}
