package policies

import (
	"encoding/base64"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
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
		Framework: usingPulumiSecurely("secrets: mark sensitive values as secrets"),
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

// maxFindings bounds the violations one resource reports; the message says how many more.
const maxFindings = 10

// reportSecretFindings reports each finding with the message message makes of it, at most
// maxFindings of them and then how many more (of what, e.g. "plaintext secret inputs"). With no
// finding, values unknown during preview leave the check undecided.
func reportSecretFindings(c *pack.Check, r *pack.Resource, findings []secretFinding, unknown []string, what string,
	message func(secretFinding) string,
) {
	for i, f := range findings {
		if i == maxFindings {
			c.Violatef("%s has more %s (%d not shown)", r.Name, what, len(findings)-maxFindings)
			break
		}
		c.Violatef("%s", message(f))
	}
	if len(findings) == 0 && len(unknown) > 0 {
		c.Skip("value unknown during preview: " + strings.Join(unknown, ", "))
	}
}

func checkInputSecrets(c *pack.Check, r *pack.Resource) {
	w := walkInputs(c, r)
	findings, unknown := w.findings, w.unknown
	if len(findings) == 0 && len(w.partial) > 0 {
		reason := fmt.Sprintf("input %s of %s is too large to scan fully for secrets (over %d MiB, or over "+
			"%d places that could hold one), and the part scanned holds none; check it by hand",
			strings.Join(w.partial, ", "), r.Name, maxScanBytes>>20, maxScanWindows)
		if len(unknown) > 0 {
			reason += "; value unknown during preview: " + strings.Join(unknown, ", ")
		}
		c.Skip(reason)
		return
	}
	reportSecretFindings(c, r, findings, unknown, "plaintext secret inputs", func(f secretFinding) string {
		return fmt.Sprintf("input %s of %s %s but is not a Pulumi secret: it is stored in plain text in the "+
			"state; make it a secret", f.display, r.Name, f.why)
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
		v = markSecret(v, f.path)
	}
	return v.AsMap(), true
}

func findInputSecrets(c *pack.Check, r *pack.Resource) ([]secretFinding, []string) {
	w := walkInputs(c, r)
	return w.findings, w.unknown
}

// walkInputs walks a resource's inputs for plaintext secrets.
func walkInputs(c *pack.Check, r *pack.Resource) *secretWalker {
	w := &secretWalker{typ: r.Type, ignore: pack.SettingsOf[inputSecretSettings](c).IgnoreProperties}
	for k, v := range r.Properties.All {
		w.walk(v, []any{k}, k, 0)
	}
	w.sensitiveByType(r)
	// Maps are walked in no particular order; findings are reported in path order.
	slices.SortFunc(w.findings, func(a, b secretFinding) int { return strings.Compare(a.display, b.display) })
	slices.Sort(w.unknown)
	slices.Sort(w.partial)
	return w
}

// secretFinding is one plaintext secret input: where it is (path segments: keys and list
// indexes), how to show the path, and why it looks secret.
type secretFinding struct {
	path    []any
	display string
	why     string
}

// maxWalkDepth bounds how deep the walkers follow nested values.
const maxWalkDepth = 32

// maxEmbeddedDocument bounds the JSON documents and scripts the walker parses.
const maxEmbeddedDocument = 1 << 20

// secretWalker finds plaintext secrets in a resource's inputs.
type secretWalker struct {
	typ      string
	ignore   []string
	findings []secretFinding
	unknown  []string
	// partial are the paths of values too large to scan fully (see maxScanWindows).
	partial []string
	seen    map[string]bool
}

func (w *secretWalker) add(path []any, why string) {
	display := displayPath(path)
	if w.ignored(display) || w.seen[display] {
		return
	}
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	w.seen[display] = true
	w.findings = append(w.findings, secretFinding{path: slices.Clone(path), display: display, why: why})
}

func (w *secretWalker) ignored(display string) bool {
	last := display[strings.LastIndexAny(display, ".[")+1:]
	return slices.Contains(w.ignore, w.typ+":"+display) || slices.Contains(w.ignore, "*:"+strings.TrimSuffix(last, "]"))
}

// walk visits a value stored under key at path.
func (w *secretWalker) walk(v property.Value, path []any, key string, depth int) {
	if depth > maxWalkDepth || v.Secret() {
		return
	}
	switch {
	case v.IsComputed():
		if secretName(key) {
			w.unknown = append(w.unknown, displayPath(path))
		}
	case v.IsString():
		w.walkString(v.AsString(), path, key, depth)
	case v.IsMap():
		m := v.AsMap()
		w.walkNameValuePair(m, path)
		for k, item := range m.All {
			w.walk(item, append(path, k), k, depth+1)
		}
	case v.IsArray():
		for i, item := range v.AsArray().All {
			w.walk(item, append(path, i), key, depth+1)
		}
	}
}

func (w *secretWalker) walkString(s string, path []any, key string, depth int) {
	if strings.TrimSpace(s) == "" || isReference(s) {
		return
	}
	if secretName(key) {
		w.add(path, "is named like a secret")
		return
	}
	kind, complete := secretValueScan(s)
	if kind != "" {
		w.add(path, "holds what looks like "+kind)
		return
	}
	if isScriptKey(key) {
		kind, complete = scriptSecretScan(decodeBase64(s))
		if kind != "" {
			w.add(path, "is a script holding "+kind)
		}
	}
	if !complete {
		w.partial = append(w.partial, displayPath(path))
	}
	if isScriptKey(key) {
		return
	}
	if len(s) < maxEmbeddedDocument && (strings.HasPrefix(s, "{") || strings.HasPrefix(s, "[")) {
		if doc, ok := pack.ParseJSON(s); ok {
			inner := &secretWalker{typ: w.typ, ignore: w.ignore}
			inner.walk(doc, nil, key, depth+1)
			if len(inner.partial) > 0 {
				w.partial = append(w.partial, displayPath(path))
			}
			if len(inner.findings) > 0 {
				w.add(path, "is a JSON document whose "+inner.findings[0].display+" "+inner.findings[0].why)
			}
		}
	}
}

// walkNameValuePair reports {name: "DB_PASSWORD", value: "..."} objects: environment variables
// of containers, app settings, task definitions.
func (w *secretWalker) walkNameValuePair(m property.Map, path []any) {
	name, value := m.Get("name"), m.Get("value")
	if !name.IsString() || !secretName(name.AsString()) || value.Secret() {
		return
	}
	switch {
	case value.IsComputed():
		w.unknown = append(w.unknown, displayPath(append(path, "value")))
	case value.IsString() && strings.TrimSpace(value.AsString()) != "" && !isReference(value.AsString()):
		w.add(append(path, "value"), fmt.Sprintf("is the value of %s, named like a secret", name.AsString()))
	}
}

// sensitiveByType reports inputs that are secrets whatever their name: the data of a
// Kubernetes Secret, the value of an SSM SecureString parameter or a Key Vault secret.
func (w *secretWalker) sensitiveByType(r *pack.Resource) {
	switch r.Type {
	case "kubernetes:core/v1:Secret":
		for _, field := range []string{"data", "stringData"} {
			if data := r.Properties.Get(field); data.IsMap() && !data.Secret() {
				for _, k := range slices.Sorted(maps.Keys(data.AsMap().AsMap())) {
					w.plainValue(data.AsMap().Get(k), []any{field, k}, "is Kubernetes Secret data")
				}
			}
		}
	case "aws:ssm/parameter:Parameter":
		typ := r.Properties.Get("type")
		switch {
		case typ.IsComputed():
			w.unknown = append(w.unknown, "type")
		case typ.IsString() && typ.AsString() == "SecureString":
			w.plainValue(r.Properties.Get("value"), []any{"value"}, "is the value of a SecureString parameter")
			w.plainValue(r.Properties.Get("insecureValue"), []any{"insecureValue"},
				"is the value of a SecureString parameter")
		}
	case "azure-native:keyvault:Secret":
		if props := r.Properties.Get("properties"); props.IsMap() && !props.Secret() {
			w.plainValue(props.AsMap().Get("value"), []any{"properties", "value"}, "is the value of a Key Vault secret")
		}
	}
}

func (w *secretWalker) plainValue(v property.Value, path []any, why string) {
	switch {
	case v.Secret() || v.IsNull():
	case v.IsComputed():
		w.unknown = append(w.unknown, displayPath(path))
	case v.IsString() && v.AsString() != "":
		w.add(path, why)
	}
}

// scriptKeys name inputs that hold scripts run on machines.
var scriptKeys = map[string]bool{
	"userdata": true, "userdatabase64": true, "customdata": true, "startupscript": true,
	"metadatastartupscript": true, "script": true, "commandtoexecute": true, "cloudinit": true,
}

func isScriptKey(key string) bool { return scriptKeys[normalizeName(key)] }

// decodeBase64 returns the decoded text of a base64 value (user data is often encoded), or the
// value itself.
func decodeBase64(s string) string {
	t := strings.TrimSpace(s)
	if len(t) < 8 || len(t)%4 != 0 || strings.ContainsAny(t, " \n\t") {
		return s
	}
	b, err := base64.StdEncoding.DecodeString(t)
	if err != nil {
		return s
	}
	return string(b)
}

// displayPath renders path segments as a property path: environment.variables.DB_PASSWORD,
// containers[0].env[2].value.
func displayPath(path []any) string {
	var b strings.Builder
	for _, seg := range path {
		switch seg := seg.(type) {
		case int:
			b.WriteString("[" + strconv.Itoa(seg) + "]")
		case string:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(seg)
		}
	}
	return b.String()
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
