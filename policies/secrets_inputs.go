package policies

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/secrets"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

type inputSecretSettings struct {
	// IgnoreProperties are "<type token>:<property path>" or "*:<property name>" entries never reported.
	IgnoreProperties []string `json:"ignoreProperties"`
}

func init() {
	register(pack.Policy{
		Name:        "no-plaintext-secrets-in-inputs",
		DisplayName: "No plaintext secrets in resource inputs",
		Description: "Resource inputs that hold secrets — by their property name (passwords, auth tokens, " +
			"access keys, client secrets, environment variables named like secrets, Kubernetes Secret data, SSM " +
			"SecureString values, provider credentials) or by their value (private keys, cloud keys, known token " +
			"formats, connection strings with passwords, secrets assigned in user data scripts) — are Pulumi " +
			"secrets, so that they are encrypted in the state.",
		Severity:  pack.Critical,
		Framework: frameworks.UsingPulumiSecurely("secrets: mark sensitive values as secrets"),
		Tags:      []string{"secrets", "aws", "azure", "gcp", "kubernetes"},
		Remediation: "Make the value a secret: read it from config set with `pulumi config set --secret`, or " +
			"wrap it (pulumi.secret() in TypeScript, pulumi.Output.secret() in Python, pulumi.ToSecret() in Go). " +
			"Better, let the service generate and keep it (e.g. manageMasterUserPassword on RDS, Secrets " +
			"Manager or Key Vault references). Rotate any credential that was stored in plain text. At the " +
			"remediate enforcement level the policy marks the values secret itself.",
		Config: pack.Schema{Properties: map[string]pack.JSONSchema{
			"ignoreProperties": pack.StringList("Inputs never to report, as \"<type token>:<property path>\" " +
				"(e.g. \"aws:ssm/parameter:Parameter:value\") or \"*:<property name>\"."),
		}},
		Settings:   func() any { return &inputSecretSettings{} },
		Resource:   checkInputSecrets,
		InputsOnly: true, // about what the program declares, not the deployed resource
		Remediate:  remediateInputSecrets,
	})
}

func checkInputSecrets(c *pack.Check, r *pack.Resource) {
	w := walkInputs(c, r)
	findings, unknown := w.Findings, w.Unknown
	if len(findings) == 0 && len(w.Partial) > 0 {
		reason := fmt.Sprintf("input %s of %s is too large to scan fully for secrets (over %d MiB, or over "+
			"%d places that could hold one), and the part scanned holds none; check it by hand",
			strings.Join(w.Partial, ", "), r.Name, secrets.MaxScanBytes>>20, secrets.MaxScanWindows)
		if len(unknown) > 0 {
			reason += "; value unknown during preview: " + strings.Join(unknown, ", ")
		}
		c.Skip(reason)
		return
	}
	secrets.Report(c, r, findings, unknown, "plaintext secret inputs", func(f secrets.Finding) string {
		return fmt.Sprintf("input %s of %s %s but is not a Pulumi secret: it is stored in plain text in the "+
			"state; make it a secret", f.Display, r.Name, f.Why)
	})
}

// remediateInputSecrets marks every plaintext secret input as a Pulumi secret.
func remediateInputSecrets(c *pack.Check, r *pack.Resource) (property.Map, bool) {
	findings, _ := findInputSecrets(c, r)
	if len(findings) == 0 {
		return property.Map{}, false
	}
	v := property.New(r.Properties)
	for _, f := range findings {
		v = markSecret(v, f.Path)
	}
	return v.AsMap(), true
}

func findInputSecrets(c *pack.Check, r *pack.Resource) ([]secrets.Finding, []string) {
	w := walkInputs(c, r)
	return w.Findings, w.Unknown
}

// walkInputs walks a resource's inputs for plaintext secrets.
func walkInputs(c *pack.Check, r *pack.Resource) *secrets.Walker {
	w := &secrets.Walker{Type: r.Type, Ignore: pack.SettingsOf[inputSecretSettings](c).IgnoreProperties}
	for k, v := range r.Properties.All {
		w.Walk(v, []any{k}, k, 0)
	}
	w.SensitiveByType(r)
	// Maps are walked in no particular order; findings are reported in path order.
	slices.SortFunc(w.Findings, func(a, b secrets.Finding) int { return strings.Compare(a.Display, b.Display) })
	slices.Sort(w.Unknown)
	slices.Sort(w.Partial)
	return w
}

// markSecret returns v with the value at path marked secret.
func markSecret(v property.Value, path []any) property.Value {
	if len(path) == 0 {
		return v.WithSecret(true)
	}
	switch seg := path[0].(type) {
	case string:
		if v.IsMap() {
			m := v.AsMap()
			return property.WithGoValue(v, m.Set(seg, markSecret(m.Get(seg), path[1:])))
		}
	case int:
		if v.IsArray() && seg < v.AsArray().Len() {
			items := v.AsArray().AsSlice()
			items[seg] = markSecret(items[seg], path[1:])
			return property.WithGoValue(v, property.NewArray(items))
		}
	}
	return v
}
