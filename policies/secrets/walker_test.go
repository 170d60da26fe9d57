package secrets

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/stretchr/testify/assert"
)

// walk runs a Walker over props as a resource's inputs.
func walk(w *Walker, props packtest.Props) *Walker {
	for k, v := range packtest.Map(props).All {
		w.Walk(v, []any{k}, k, 0)
	}
	return w
}

// found renders a walker's findings as "path: why".
func found(w *Walker) []string {
	var out []string
	for _, f := range w.Findings {
		out = append(out, f.Display+": "+f.Why)
	}
	return out
}

func TestWalk(t *testing.T) {
	deep := packtest.Props{"password": "hunter22"}
	for range MaxWalkDepth + 1 {
		deep = packtest.Props{"nested": deep}
	}
	for _, tc := range []struct {
		name    string
		props   packtest.Props
		found   []string
		unknown []string
	}{
		{name: "a secret-like name", props: packtest.Props{"dbPassword": "hunter22"},
			found: []string{"dbPassword: is named like a secret"}},
		{name: "a value of a secret's shape", props: packtest.Props{"note": "AKIAIOSFODNN7EXAMPLE"},
			found: []string{"note: holds what looks like an AWS access key"}},
		{name: "nested in objects and lists", props: packtest.Props{"spec": []any{packtest.Props{"apiKey": "k-123456"}}},
			found: []string{"spec[0].apiKey: is named like a secret"}},
		{name: "a Pulumi secret", props: packtest.Props{"password": packtest.Secret("hunter22")}},
		{name: "an object that is a Pulumi secret", props: packtest.Props{"db": packtest.Secret(packtest.Props{"password": "x"})}},
		{name: "an empty or blank value", props: packtest.Props{"password": "", "token": "  "}},
		{name: "a reference to a secret", props: packtest.Props{"password": "arn:aws:secretsmanager:us-east-1:1:secret:db"}},
		{name: "a name that is not a secret's", props: packtest.Props{"passwordLength": "16", "name": "db"}},
		{name: "a script", props: packtest.Props{"userData": "#!/bin/sh\nexport DB_PASSWORD=hunter22\n"},
			found: []string{"userData: is a script holding a literal assigned to DB_PASSWORD"}},
		{name: "a base64 script",
			props: packtest.Props{"userDataBase64": base64.StdEncoding.EncodeToString([]byte("TOKEN=abcdef123456\n"))},
			found: []string{"userDataBase64: is a script holding a literal assigned to TOKEN"}},
		{name: "an assignment outside a script", props: packtest.Props{"description": "TOKEN=abcdef123456"}},
		{name: "a JSON document", props: packtest.Props{"config": `{"db": {"password": "hunter22"}}`},
			found: []string{"config: is a JSON document whose db.password is named like a secret"}},
		{name: "text that only looks like JSON", props: packtest.Props{"config": `{"db": "password"`}},
		{name: "a name and value pair", props: packtest.Props{"env": []any{packtest.Props{"name": "DB_PASSWORD", "value": "hunter22"}}},
			found: []string{"env[0].value: is the value of DB_PASSWORD, named like a secret"}},
		{name: "a pair whose value is a reference", props: packtest.Props{"env": []any{packtest.Props{"name": "DB_PASSWORD", "value": "${DB}"}}}},
		{name: "a pair whose name is not a secret's", props: packtest.Props{"env": []any{packtest.Props{"name": "REGION", "value": "x"}}}},
		{name: "unknown under a secret-like name", props: packtest.Props{"password": packtest.Unknown, "region": packtest.Unknown},
			unknown: []string{"password"}},
		{name: "an unknown pair value", props: packtest.Props{"env": []any{packtest.Props{"name": "API_TOKEN", "value": packtest.Unknown}}},
			unknown: []string{"env[0].value"}},
		{name: "deeper than MaxWalkDepth", props: packtest.Props{"root": deep}},
	} {
		w := walk(&Walker{Type: "test:index:R"}, tc.props)
		assert.Equal(t, tc.found, found(w), tc.name)
		assert.Equal(t, tc.unknown, w.Unknown, tc.name)
		assert.Empty(t, w.Partial, tc.name)
	}
}

func TestWalkSaysWhatItScannedInPart(t *testing.T) {
	w := walk(&Walker{}, packtest.Props{"blob": strings.Repeat("x", MaxScanBytes+1), "small": "x"})
	assert.Empty(t, w.Findings)
	assert.Equal(t, []string{"blob"}, w.Partial)
}

func TestWalkerIgnore(t *testing.T) {
	props := packtest.Props{"dbPassword": "hunter22", "spec": packtest.Props{"token": "abcdef123456"},
		"keys": []any{"AKIAIOSFODNN7EXAMPLE"}}
	for _, tc := range []struct {
		name   string
		ignore []string
		found  []string
	}{
		{"nothing ignored", nil, []string{"dbPassword", "keys[0]", "spec.token"}},
		{"one input of the type", []string{"test:index:R:spec.token"}, []string{"dbPassword", "keys[0]"}},
		{"one input of another type", []string{"test:index:Other:spec.token"}, []string{"dbPassword", "keys[0]", "spec.token"}},
		{"a last key of every type", []string{"*:token", "*:dbPassword"}, []string{"keys[0]"}},
		{"a list index", []string{"*:0"}, []string{"dbPassword", "spec.token"}},
		{"a whole path is no last key", []string{"*:spec.token"}, []string{"dbPassword", "keys[0]", "spec.token"}},
	} {
		w := walk(&Walker{Type: "test:index:R", Ignore: tc.ignore}, props)
		var paths []string
		for _, f := range w.Findings {
			paths = append(paths, f.Display)
		}
		assert.ElementsMatch(t, tc.found, paths, tc.name)
	}
}

func TestWalkerAdd(t *testing.T) {
	var w Walker
	path := []any{"containers", 0, "args"}
	w.Add(path, "first")
	w.Add([]any{"containers", 0, "args"}, "second")
	path[0] = "changed"
	assert.Equal(t, []Finding{{Path: []any{"containers", 0, "args"}, Display: "containers[0].args", Why: "first"}},
		w.Findings, "one finding per path, holding its own copy of the path")
}

func TestSensitiveByType(t *testing.T) {
	for _, tc := range []struct {
		name, typ string
		props     packtest.Props
		found     []string
		unknown   []string
	}{
		{name: "Kubernetes Secret data", typ: "kubernetes:core/v1:Secret",
			props: packtest.Props{"data": packtest.Props{"b": "eA==", "a": ""}, "stringData": packtest.Props{"c": packtest.Unknown}},
			found: []string{"data.b: is Kubernetes Secret data"}, unknown: []string{"stringData.c"}},
		{name: "Kubernetes Secret data that is a secret", typ: "kubernetes:core/v1:Secret",
			props: packtest.Props{"data": packtest.Secret(packtest.Props{"a": "eA=="}), "stringData": packtest.Props{"b": packtest.Secret("x")}}},
		{name: "a SecureString parameter", typ: "aws:ssm/parameter:Parameter",
			props: packtest.Props{"type": "SecureString", "value": "x", "insecureValue": "y"},
			found: []string{"value: is the value of a SecureString parameter", "insecureValue: is the value of a SecureString parameter"}},
		{name: "a String parameter", typ: "aws:ssm/parameter:Parameter", props: packtest.Props{"type": "String", "value": "x"}},
		{name: "a parameter of unknown type", typ: "aws:ssm/parameter:Parameter",
			props: packtest.Props{"type": packtest.Unknown, "value": "x"}, unknown: []string{"type"}},
		{name: "a Key Vault secret", typ: "azure-native:keyvault:Secret",
			props: packtest.Props{"properties": packtest.Props{"value": "x"}},
			found: []string{"properties.value: is the value of a Key Vault secret"}},
		{name: "another type", typ: "aws:s3/bucket:Bucket", props: packtest.Props{"data": packtest.Props{"a": "x"}, "value": "x"}},
	} {
		w := &Walker{Type: tc.typ}
		w.SensitiveByType(&pack.Resource{Type: tc.typ, Name: "r", Properties: packtest.Map(tc.props)})
		assert.Equal(t, tc.found, found(w), tc.name)
		assert.Equal(t, tc.unknown, w.Unknown, tc.name)
	}
}

func TestDisplayPath(t *testing.T) {
	assert.Equal(t, "containers[0].env[2].value", DisplayPath([]any{"containers", 0, "env", 2, "value"}))
	assert.Equal(t, "environment.variables.DB_PASSWORD", DisplayPath([]any{"environment", "variables", "DB_PASSWORD"}))
	assert.Equal(t, "[1].a", DisplayPath([]any{1, "a"}))
	assert.Equal(t, "", DisplayPath(nil))
}

func TestIsReference(t *testing.T) {
	for value, reference := range map[string]bool{
		"arn:aws:secretsmanager:us-east-1:1:secret:db": true,
		"projects/p/secrets/db/versions/1":             true,
		"https://vault.example.com/secrets/db":         true,
		"https://user:hunter22@example.com/repo.git":   false,
		"{{resolve:secretsmanager:db}}":                true,
		"${db.password}":                               true,
		"  ARN:aws:ssm:x ":                             true,
		"@Microsoft.KeyVault(SecretUri=https://v/)":    true,
		"hunter22":             false,
		"":                     false,
		"http://example.com/x": false,
	} {
		assert.Equal(t, reference, IsReference(value), value)
	}
}

// reportProbe reports, through Report, one finding per item of a resource's "findings" input and
// one unknown path per item of its "unknown" input (the inputs' content is never quoted, so that
// packtest's leak twins of each case stay quiet).
var reportProbe = pack.Policy{
	Name: "report-probe", Description: "Reports findings.", Severity: pack.Low, Remediation: "None: a test policy.",
	Resource: func(c *pack.Check, r *pack.Resource) {
		var findings []Finding
		for i := range r.Get("findings").Items() {
			findings = append(findings, Finding{Display: fmt.Sprint("p", i), Why: "is named like a secret"})
		}
		var unknown []string
		for i := range r.Get("unknown").Items() {
			unknown = append(unknown, fmt.Sprint("u", i))
		}
		Report(c, r, findings, unknown, "plaintext secret inputs",
			func(f Finding) string { return f.Display + " of " + r.Name + " " + f.Why })
	},
}

func TestReport(t *testing.T) {
	res := func(findings, unknown int) packtest.Case {
		return packtest.Case{Resource: packtest.Resource("test:index:R", "r",
			packtest.Props{"findings": make([]any, findings), "unknown": make([]any, unknown)})}
	}
	packtest.Run(t, []pack.Policy{reportProbe}, "report-probe", []packtest.Case{
		packtest.Named(res(1, 0), "one finding", packtest.Violation, "p0 of r is named like a secret"),
		packtest.Named(res(10, 1), "ten findings, all shown", packtest.Violation, "p9 of r"),
		packtest.Named(res(12, 0), "more than ten", packtest.Violation, "r has more plaintext secret inputs (2 not shown)"),
		packtest.Named(res(0, 2), "only unknowns", packtest.NotApplicable, packtest.UnknownDuringPreview+": u0, u1"),
		packtest.Named(res(0, 0), "nothing", packtest.Pass, ""),
	})
	for findings, count := range map[int]int{10: 10, 11: 11, 25: 11} {
		result := packtest.Check(t, reportProbe, res(findings, 0))
		assert.Len(t, result.Diagnostics, count, "%d findings", findings)
	}
}
