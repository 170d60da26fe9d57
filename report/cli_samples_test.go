package report

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joshdk/go-junit"
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The e2e tests' canary, which the recorded preview holds in a plaintext input.
const e2eCanary = "canary-e2e-5c1f-never-print-me"

// recordedPack has the policies the recorded runs report, with their metadata.
var recordedPack = pack.Pack{Name: "pulumi-securely", Version: "0.1.0", DocsURL: "https://example.com/rules",
	Policies: []pack.Policy{
		{Name: "no-plaintext-secrets-in-inputs", Description: "Secret inputs are secrets.", Severity: pack.Critical,
			Remediation: "Make the value a secret."},
		{Name: "approved-packages", Description: "Packages are approved.", Severity: pack.High},
		{Name: "required-resource-tags", Description: "Resources are tagged.", Severity: pack.Medium},
	}}

func recorded(name string) string { return filepath.Join("testdata", "cli", name) }

func runRecorded(t *testing.T, args ...string) (string, int) {
	t.Helper()
	var out, errOut strings.Builder
	code := Main(recordedPack, args, strings.NewReader(""), &out, &errOut)
	assert.NotContains(t, out.String()+errOut.String(), e2eCanary[:14], "a report shows a plaintext input")
	require.NotEqual(t, ExitUsage, code, errOut.String())
	return out.String(), code
}

// The recorded project folder was three levels below the root; the program's file was in the
// worktree that recorded it.
var recordedLocation = []string{"--root", "/work/wt/ci-report", "--project-dir", "/tmp/test/001"}

func TestRecordedPreviewLocatesFindings(t *testing.T) {
	args := append([]string{"--format", "json"}, recordedLocation...)
	out, code := runRecorded(t, append(args, recorded("preview.events.jsonl"), recorded("preview.json"))...)
	assert.Equal(t, ExitFindings, code)
	var doc struct {
		Packs []struct {
			Name     string
			Version  string
			Passed   int
			Findings []Finding
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.Len(t, doc.Packs, 1, "the summary's pack key (name|local|path) is the same pack")
	p := doc.Packs[0]
	assert.Equal(t, "pulumi-securely", p.Name)
	assert.Equal(t, "0.1.0", p.Version)
	got := map[string]string{}
	for _, f := range p.Findings {
		require.NotNil(t, f.Location, f.Policy)
		got[f.Policy+" "+f.ResourceName] = f.Location.File + ":" + itoa(f.Location.Line)
		assert.NotContains(t, f.Message, "\n", "the engine's trailing newline is trimmed")
	}
	assert.Equal(t, map[string]string{
		"no-plaintext-secrets-in-inputs api-key": "e2e/report_test.go:120",
		"required-resource-tags api-key":         "e2e/report_test.go:120",
		"approved-packages analytics":            "e2e/report_test.go:123",
	}, got)
	assert.NotZero(t, p.Passed)
}

func TestRecordedPreviewWithoutDigestHasNoLines(t *testing.T) {
	args := append([]string{"--format", "sarif"}, recordedLocation...)
	out, _ := runRecorded(t, append(args, recorded("preview.events.jsonl"))...)
	validSARIF(t, out)
	assert.NotContains(t, out, "e2e/report_test.go", "the event log alone records no source positions")
	assert.Contains(t, out, `"fullyQualifiedName": "urn:pulumi:dev::app::aws:ssm/parameter:Parameter::api-key"`)
}

func TestRecordedPreviewAsJUnit(t *testing.T) {
	out, _ := runRecorded(t, "--format", "junit", recorded("preview.events.jsonl"))
	suites, err := junit.Ingest([]byte(out))
	require.NoError(t, err)
	require.Len(t, suites, 1)
	status := map[string]junit.Status{}
	for _, tc := range suites[0].Tests {
		status[tc.Classname+" "+tc.Name[strings.LastIndex(tc.Name, "::")+2:]] = tc.Status
	}
	assert.Equal(t, junit.StatusFailed, status["no-plaintext-secrets-in-inputs api-key"])
	assert.Equal(t, junit.StatusFailed, status["approved-packages analytics"])
	assert.Equal(t, junit.StatusPassed, status["approved-packages api-key"])
	assert.Equal(t, junit.StatusPassed, status["required-stack-tags app-dev"], "a stack policy's pass is filed under the stack")
}

func TestRecordedAnalyzeInEveryFormat(t *testing.T) {
	for _, format := range Formats {
		t.Run(format, func(t *testing.T) {
			out, code := runRecorded(t, "--format", format, "--summary", filepath.Join(t.TempDir(), "summary.md"),
				recorded("analyze.jsonl"))
			assert.Equal(t, ExitFindings, code)
			assert.Contains(t, out, "aws-s3-bucket-public-acl")
			assert.NotContains(t, out, "Sup3rSecretDemoPassw0rd")
			if format == "sarif" {
				validSARIF(t, out)
			}
		})
	}
}
