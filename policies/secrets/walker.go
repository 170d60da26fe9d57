package secrets

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

// maxFindings bounds the violations one resource reports; the message says how many more.
const maxFindings = 10

// Report reports each finding as a violation of the check, with the message message makes of
// it: at most 10 of them, and then one violation saying how many more r has (of what, e.g.
// "plaintext secret inputs"). With no finding, the paths of values unknown during preview (the
// Walker's Unknown) make the policy not applicable, naming them; with neither, it reports nothing.
// message must not quote the secret: a Finding holds only where it is and why.
func Report(c *pack.Check, r *pack.Resource, findings []Finding, unknown []string, what string,
	message func(Finding) string,
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

// Finding is one plaintext secret input: where it is (Path: keys as strings, list indexes as
// ints), that path as DisplayPath shows it, and why it looks secret ("is named like a secret",
// "holds what looks like a private key"). It never holds the value.
type Finding struct {
	Path    []any
	Display string
	Why     string
}

// MaxWalkDepth bounds how deep the walkers follow nested values: Walker.Walk ignores values
// nested deeper, and walkers of other kinds of documents (YAML, say) should do the same.
const MaxWalkDepth = 32

// MaxEmbeddedDocument bounds the JSON documents embedded in strings that Walker parses (larger
// ones are scanned as plain text only), and the documents walkers of other kinds parse.
const MaxEmbeddedDocument = 1 << 20

// Walker finds plaintext secrets in a resource's inputs. Set Type and Ignore, walk the inputs
// (Walk, SensitiveByType), then read what it found: Findings, Unknown and Partial, in the order
// found; sort them for a stable message. Values that are Pulumi secrets are never looked into.
// The zero Walker walks with nothing ignored.
type Walker struct {
	// Type is the resource's type token, which Ignore entries may name.
	Type string
	// Ignore are the inputs not to report: "<type>:<path>" (as DisplayPath shows it) for one input
	// of one resource type, or "*:<key>" for every input whose last key (or list index, "[0]"
	// as "0") is key.
	Ignore []string
	// Findings are the plaintext secrets found, one per path.
	Findings []Finding
	// Unknown are the paths of values unknown during preview that could hold a secret: those
	// under a secret-like name or in a secret-like {name, value} pair, and those of
	// SensitiveByType.
	Unknown []string
	// Partial are the paths of values too large to scan fully (see MaxScanBytes and
	// MaxScanWindows).
	Partial []string

	seen map[string]bool
}

// Add records a finding at path, unless Ignore names the path or a finding is already recorded
// there. A walker of another kind of document (one that embeds Walker) calls it for what it finds
// itself.
func (w *Walker) Add(path []any, why string) {
	display := DisplayPath(path)
	if w.ignored(display) || w.seen[display] {
		return
	}
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	w.seen[display] = true
	w.Findings = append(w.Findings, Finding{Path: slices.Clone(path), Display: display, Why: why})
}

func (w *Walker) ignored(display string) bool {
	last := display[strings.LastIndexAny(display, ".[")+1:]
	return slices.Contains(w.Ignore, w.Type+":"+display) || slices.Contains(w.Ignore, "*:"+strings.TrimSuffix(last, "]"))
}

// Walk visits a value stored under key at path (key is the last key of path, or the key a
// list item is stored under), and what it holds; depth is how deep v lies (0 for a top-level
// input), and values deeper than MaxWalkDepth are not visited. It records as Findings the strings
// under a secret-like name (SensitiveName), strings of a secret's shape (ValueKind), scripts
// holding secrets under script keys (user data, startup scripts; base64 is decoded), JSON
// documents in strings holding any of these, and the values of {name, value} pairs whose name is
// secret-like; as Unknown, the unknown values among them. Blank strings and references to
// secrets kept elsewhere (IsReference) are no finding.
func (w *Walker) Walk(v property.Value, path []any, key string, depth int) {
	if depth > MaxWalkDepth || v.Secret() {
		return
	}
	switch {
	case v.IsComputed():
		if SensitiveName(key) {
			w.Unknown = append(w.Unknown, DisplayPath(path))
		}
	case v.IsString():
		w.WalkString(v.AsString(), path, key, depth)
	case v.IsMap():
		m := v.AsMap()
		w.walkNameValuePair(m, path)
		for k, item := range m.All {
			w.Walk(item, append(path, k), k, depth+1)
		}
	case v.IsArray():
		for i, item := range v.AsArray().All {
			w.Walk(item, append(path, i), key, depth+1)
		}
	}
}

// WalkString is Walk for a string value, for walkers of other kinds of documents to call on
// their scalars.
func (w *Walker) WalkString(s string, path []any, key string, depth int) {
	if strings.TrimSpace(s) == "" || IsReference(s) {
		return
	}
	if SensitiveName(key) {
		w.Add(path, "is named like a secret")
		return
	}
	kind, complete := ValueScan(s)
	if kind != "" {
		w.Add(path, "holds what looks like "+kind)
		return
	}
	if isScriptKey(key) {
		kind, complete = ScriptScan(decodeBase64(s))
		if kind != "" {
			w.Add(path, "is a script holding "+kind)
		}
	}
	if !complete {
		w.Partial = append(w.Partial, DisplayPath(path))
	}
	if isScriptKey(key) {
		return
	}
	if len(s) < MaxEmbeddedDocument && (strings.HasPrefix(s, "{") || strings.HasPrefix(s, "[")) {
		if doc, ok := pack.ParseJSON(s); ok {
			inner := &Walker{Type: w.Type, Ignore: w.Ignore}
			inner.Walk(doc, nil, key, depth+1)
			if len(inner.Partial) > 0 {
				w.Partial = append(w.Partial, DisplayPath(path))
			}
			if len(inner.Findings) > 0 {
				w.Add(path, "is a JSON document whose "+inner.Findings[0].Display+" "+inner.Findings[0].Why)
			}
		}
	}
}

// walkNameValuePair reports {name: "DB_PASSWORD", value: "..."} objects: environment variables
// of containers, app settings, task definitions.
func (w *Walker) walkNameValuePair(m property.Map, path []any) {
	name, value := m.Get("name"), m.Get("value")
	if !name.IsString() || !SensitiveName(name.AsString()) || value.Secret() {
		return
	}
	switch {
	case value.IsComputed():
		w.Unknown = append(w.Unknown, DisplayPath(append(path, "value")))
	case value.IsString() && strings.TrimSpace(value.AsString()) != "" && !IsReference(value.AsString()):
		w.Add(append(path, "value"), fmt.Sprintf("is the value of %s, named like a secret", name.AsString()))
	}
}

// SensitiveByType records the inputs of r that are secrets whatever their name: the data and
// stringData of a Kubernetes Secret, the value of an SSM SecureString parameter (an unknown type
// is recorded as Unknown) and of an Azure Native Key Vault secret. Other types record nothing.
func (w *Walker) SensitiveByType(r *pack.Resource) {
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
		Type := r.Properties.Get("type")
		switch {
		case Type.IsComputed():
			w.Unknown = append(w.Unknown, "type")
		case Type.IsString() && Type.AsString() == "SecureString":
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

func (w *Walker) plainValue(v property.Value, path []any, why string) {
	switch {
	case v.Secret() || v.IsNull():
	case v.IsComputed():
		w.Unknown = append(w.Unknown, DisplayPath(path))
	case v.IsString() && v.AsString() != "":
		w.Add(path, why)
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

// DisplayPath renders path segments as a property path: environment.variables.DB_PASSWORD,
// containers[0].env[2].value.
func DisplayPath(path []any) string {
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
