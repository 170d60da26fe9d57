package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/joshdk/go-junit"
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xeipuuv/gojsonschema"
)

// canary is a secret value in a resource's inputs; no report may show it.
const canary = "canary-report-7d2e-never-print-me"

const (
	stackURN  = "urn:pulumi:dev::app::pulumi:pulumi:Stack::app-dev"
	paramURN  = "urn:pulumi:dev::app::aws:ssm/parameter:Parameter::api-key"
	widgetURN = "urn:pulumi:dev::app::acmecloud:index:Widget::analytics"
)

// testPack is a pack with two policies, one with every piece of metadata.
var testPack = pack.Pack{
	Name: "pulumi-securely", Version: "0.1.0", DocsURL: "https://example.com/rules",
	Repository: "https://example.com/repo",
	Policies: []pack.Policy{{
		Name: "no-plaintext-secrets-in-inputs", DisplayName: "No plaintext secrets in resource inputs",
		Description: "Secret-looking inputs are Pulumi secrets.", Severity: pack.Critical,
		Framework: &pack.Framework{Name: "Using Pulumi Securely", Version: "2025", Reference: "secrets"},
		Tags:      []string{"secrets"}, Remediation: "Wrap the value with pulumi.ToSecret.",
	}, {
		Name: "required-resource-tags", Description: "Resources carry the required tags.", Severity: pack.Medium,
		URL: "https://example.com/tags",
	}},
}

// event renders one engine event as the CLI writes it to an event log.
func event(t *testing.T, e apitype.EngineEvent) string {
	t.Helper()
	b, err := json.Marshal(e)
	require.NoError(t, err)
	return string(b) + "\n"
}

func violation(policy, urn, level, severity, message string) apitype.EngineEvent {
	return apitype.EngineEvent{PolicyEvent: &apitype.PolicyEvent{
		ResourceURN: urn, Message: message, PolicyName: policy, PolicyPackName: "pulumi-securely",
		PolicyPackVersion: "0.1.0", EnforcementLevel: level, Severity: severity,
	}}
}

// eventLog is a preview's log: a resource event carrying a secret input, violations, summaries.
func eventLog(t *testing.T) string {
	pre := apitype.EngineEvent{ResourcePreEvent: &apitype.ResourcePreEvent{Metadata: apitype.StepEventMetadata{
		Op: apitype.OpCreate, URN: paramURN, Type: "aws:ssm/parameter:Parameter",
		New: &apitype.StepEventStateMetadata{URN: paramURN, Inputs: map[string]any{"value": canary}},
	}}}
	stack := apitype.EngineEvent{ResourcePreEvent: &apitype.ResourcePreEvent{Metadata: apitype.StepEventMetadata{
		Op: apitype.OpCreate, URN: stackURN, Type: "pulumi:pulumi:Stack",
	}}}
	excepted := violation("required-resource-tags", widgetURN, "advisory", "medium", "analytics has no tag owner")
	excepted.PolicyEvent.Exceptions = []apitype.PolicyEventException{{ID: "EXC-1", Reason: "legacy widget"}}
	return event(t, stack) + event(t, pre) +
		event(t, violation("no-plaintext-secrets-in-inputs", paramURN, "mandatory", "critical",
			"api-key has value in plain text: set it with pulumi.ToSecret")) +
		event(t, violation("required-resource-tags", paramURN, "advisory", "", "api-key has no tag owner")) +
		event(t, excepted) +
		event(t, apitype.EngineEvent{PolicyAnalyzeSummaryEvent: &apitype.PolicyAnalyzeSummaryEvent{
			ResourceURN: paramURN, PolicyPackName: "pulumi-securely", PolicyPackVersion: "0.1.0",
			Passed: []string{"aws-ssm-parameter-secure-string"}, Failed: []string{"no-plaintext-secrets-in-inputs", "required-resource-tags"},
		}}) +
		event(t, apitype.EngineEvent{PolicyAnalyzeStackSummaryEvent: &apitype.PolicyAnalyzeStackSummaryEvent{
			PolicyPackName: "pulumi-securely", PolicyPackVersion: "0.1.0", Passed: []string{"required-stack-tags"},
		}}) +
		event(t, apitype.EngineEvent{SummaryEvent: &apitype.SummaryEvent{IsPreview: true,
			PolicyPacks: map[string]string{"pulumi-securely": "v0.1.0"}}})
}

// stackExport is a state with the source position the engine recorded for the parameter.
const stackExport = `{
  "version": 3,
  "deployment": {
    "manifest": {"time": "2026-01-01T00:00:00Z"},
    "resources": [
      {"urn": "` + paramURN + `", "type": "aws:ssm/parameter:Parameter", "custom": true,
       "inputs": {"value": "` + canary + `"}, "sourcePosition": "project:///infra/main.go#21,3"}
    ]
  }
}
`

// files writes named inputs into a folder laid out as a repository with the project in infra/.
func files(t *testing.T, contents map[string]string) (root string, paths map[string]string) {
	t.Helper()
	root = t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(root, "infra"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(root, "infra", "Pulumi.yaml"), []byte("name: app\n"), 0o600))
	paths = map[string]string{}
	for name, content := range contents {
		paths[name] = filepath.Join(root, name)
		require.NoError(t, os.WriteFile(paths[name], []byte(content), 0o600))
	}
	return root, paths
}

func runMain(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(testPack, args, strings.NewReader(stdin), &out, &errOut)
	assert.NotContains(t, out.String()+errOut.String(), canary, "a report shows a secret input")
	return out.String(), errOut.String(), code
}

func validSARIF(t *testing.T, doc string) {
	t.Helper()
	abs, err := filepath.Abs(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	require.NoError(t, err)
	res, err := gojsonschema.Validate(gojsonschema.NewReferenceLoader("file://"+filepath.ToSlash(abs)),
		gojsonschema.NewStringLoader(doc))
	require.NoError(t, err)
	for _, e := range res.Errors() {
		t.Errorf("SARIF schema: %s", e)
	}
}

func TestSARIFCarriesRuleMetadataAndProgramLines(t *testing.T) {
	root, paths := files(t, map[string]string{"events.jsonl": eventLog(t), "state.json": stackExport})
	out, _, code := runMain(t, "", "--root", root, "--project-dir", filepath.Join(root, "infra"),
		paths["events.jsonl"], paths["state.json"])
	assert.Equal(t, ExitFindings, code)
	validSARIF(t, out)

	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Name, Version string
					Rules         []struct {
						ID               string
						ShortDescription struct{ Text string }
						FullDescription  struct{ Text string }
						Help             struct{ Text, Markdown string }
						HelpURI          string
						Properties       map[string]any
					}
				}
			}
			Results []struct {
				RuleID       string
				Level        string
				Message      struct{ Text string }
				Suppressions []struct{ Kind, Justification string }
				Locations    []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
					LogicalLocations []struct{ FullyQualifiedName, Kind string }
				}
				PartialFingerprints map[string]string
			}
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &log))
	require.Len(t, log.Runs, 1)
	run := log.Runs[0]
	assert.Equal(t, "pulumi-securely", run.Tool.Driver.Name)
	assert.Equal(t, "0.1.0", run.Tool.Driver.Version)

	require.Len(t, run.Tool.Driver.Rules, 4, "a rule for each policy the run mentions")
	rule := run.Tool.Driver.Rules[1]
	assert.Equal(t, "no-plaintext-secrets-in-inputs", rule.ID)
	assert.Equal(t, "No plaintext secrets in resource inputs", rule.ShortDescription.Text)
	assert.Equal(t, "Secret-looking inputs are Pulumi secrets.", rule.FullDescription.Text)
	assert.Contains(t, rule.Help.Text, "Wrap the value with pulumi.ToSecret.")
	assert.Equal(t, "https://example.com/rules#no-plaintext-secrets-in-inputs", rule.HelpURI)
	assert.Equal(t, "9.5", rule.Properties["security-severity"])
	assert.Equal(t, []any{"security", "secrets", "Using Pulumi Securely: secrets"}, rule.Properties["tags"])

	require.Len(t, run.Results, 3)
	first := run.Results[0]
	assert.Equal(t, "no-plaintext-secrets-in-inputs", first.RuleID)
	assert.Equal(t, "error", first.Level)
	loc := first.Locations[0]
	assert.Equal(t, "infra/infra/main.go", loc.PhysicalLocation.ArtifactLocation.URI)
	assert.Equal(t, 21, loc.PhysicalLocation.Region.StartLine)
	assert.Equal(t, 3, loc.PhysicalLocation.Region.StartColumn)
	assert.Equal(t, paramURN, loc.LogicalLocations[0].FullyQualifiedName)
	assert.NotEmpty(t, first.PartialFingerprints[fingerprintKey])

	var unlocated, excepted int
	for _, r := range run.Results[1:] {
		assert.Equal(t, "warning", r.Level, "a medium finding is a warning; a missing severity is the policy's")
		if r.Locations[0].PhysicalLocation.ArtifactLocation.URI == "infra/Pulumi.yaml" {
			unlocated++
			assert.Contains(t, r.Message.Text, widgetURN, "a finding without a line names its resource")
		}
		if len(r.Suppressions) > 0 {
			excepted++
			assert.Equal(t, "EXC-1: legacy widget", r.Suppressions[0].Justification)
		}
	}
	assert.Equal(t, 1, unlocated, "a resource without a source position points at the project file")
	assert.Equal(t, 1, excepted)
}

func TestSeveralPacksAreKeptApart(t *testing.T) {
	other := violation("no-public-buckets", paramURN, "mandatory", "high", "public")
	other.PolicyEvent.PolicyPackName, other.PolicyEvent.PolicyPackVersion = "acme-rules", "2.0.0"
	log := eventLog(t) + event(t, other)
	out, _, _ := runMain(t, log, "--format", "sarif")
	validSARIF(t, out)
	var doc struct {
		Runs []struct {
			Tool    struct{ Driver struct{ Name string } }
			Results []struct{ RuleID string }
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.Len(t, doc.Runs, 2)
	assert.Equal(t, "acme-rules", doc.Runs[0].Tool.Driver.Name)
	assert.Equal(t, "no-public-buckets", doc.Runs[0].Results[0].RuleID)
	assert.Equal(t, "pulumi-securely", doc.Runs[1].Tool.Driver.Name)
	assert.Len(t, doc.Runs[1].Results, 3)

	out, _, _ = runMain(t, log, "--format", "junit")
	suites, err := junit.Ingest([]byte(out))
	require.NoError(t, err)
	require.Len(t, suites, 2)
	assert.Equal(t, "acme-rules@2.0.0", suites[0].Name)
}

func TestJUnitHasACasePerPolicyAndResource(t *testing.T) {
	out, _, _ := runMain(t, eventLog(t), "--format", "junit")
	suites, err := junit.Ingest([]byte(out))
	require.NoError(t, err, out)
	require.Len(t, suites, 1)
	got := map[string]junit.Status{}
	for _, tc := range suites[0].Tests {
		got[tc.Classname+" "+tc.Name] = tc.Status
	}
	assert.Equal(t, map[string]junit.Status{
		"aws-ssm-parameter-secure-string " + paramURN: junit.StatusPassed,
		"no-plaintext-secrets-in-inputs " + paramURN:  junit.StatusFailed,
		"required-resource-tags " + paramURN:          junit.StatusFailed,
		"required-resource-tags " + widgetURN:         junit.StatusSkipped,
		"required-stack-tags " + stackURN:             junit.StatusPassed,
	}, got)
}

func TestGitHubAnnotationsAndSummary(t *testing.T) {
	root, paths := files(t, map[string]string{"events.jsonl": eventLog(t), "state.json": stackExport})
	summary := filepath.Join(t.TempDir(), "summary.md")
	out, _, code := runMain(t, "", "--format", "github", "--summary", summary, "--fail-on", "critical",
		"--root", root, "--project-dir", filepath.Join(root, "infra"), paths["events.jsonl"], paths["state.json"])
	assert.Equal(t, ExitFindings, code)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	require.Len(t, lines, 3)
	assert.Equal(t, "::error file=infra/infra/main.go,line=21,col=3,title=no-plaintext-secrets-in-inputs (critical)::"+
		"api-key has value in plain text: set it with pulumi.ToSecret%0Aresource: "+paramURN, lines[0])
	assert.Contains(t, out, "::warning file=infra/infra/main.go,line=21,col=3,title=required-resource-tags (medium)::api-key has no tag owner")
	assert.Contains(t, out, "::notice title=required-resource-tags (medium) excepted::")
	md, err := os.ReadFile(summary)
	require.NoError(t, err)
	assert.Contains(t, string(md), "**3 violations**: 1 critical, 1 medium, 1 excepted. 2 checks passed.")
	assert.Contains(t, string(md), "| critical | [no-plaintext-secrets-in-inputs](https://example.com/rules#no-plaintext-secrets-in-inputs) | `aws:ssm/parameter:Parameter` api-key | `infra/infra/main.go:21` |")
	assert.Contains(t, string(md), "- **no-plaintext-secrets-in-inputs**: Wrap the value with pulumi.ToSecret.")
}

func TestFailOnThreshold(t *testing.T) {
	log := eventLog(t)
	for threshold, want := range map[string]int{
		"critical": ExitFindings, "high": ExitFindings, "medium": ExitFindings, "low": ExitFindings, "none": ExitClean,
	} {
		_, _, code := runMain(t, log, "--format", "json", "--fail-on", threshold)
		assert.Equal(t, want, code, threshold)
	}
	medium := event(t, violation("required-resource-tags", paramURN, "advisory", "medium", "no tag"))
	_, _, code := runMain(t, medium, "--format", "json")
	assert.Equal(t, ExitClean, code, "the default threshold, high, lets a medium finding pass")
	_, _, code = runMain(t, medium, "--format", "json", "--fail-on", "medium")
	assert.Equal(t, ExitFindings, code)
	_, stderr, code := runMain(t, log, "--fail-on", "severe")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, `--fail-on "severe" is not one of`)
}

func TestEnrichedJSON(t *testing.T) {
	out, _, _ := runMain(t, eventLog(t), "--format", "json", "--fail-on", "none")
	var doc struct {
		Packs []struct {
			Name     string
			Passed   int
			Findings []map[string]any
		}
		Summary struct {
			Findings, Excepted, Failing int
			BySeverity                  map[string]int
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.Len(t, doc.Packs, 1)
	f := doc.Packs[0].Findings[0]
	assert.Equal(t, "no-plaintext-secrets-in-inputs", f["policy"])
	assert.Equal(t, "Wrap the value with pulumi.ToSecret.", f["remediation"])
	assert.Equal(t, map[string]any{"name": "Using Pulumi Securely", "version": "2025", "reference": "secrets"}, f["framework"])
	assert.Equal(t, "aws:ssm/parameter:Parameter", f["resourceType"])
	assert.Equal(t, 2, doc.Packs[0].Passed)
	assert.Equal(t, 3, doc.Summary.Findings)
	assert.Equal(t, 1, doc.Summary.Excepted)
	assert.Equal(t, map[string]int{"critical": 1, "medium": 1}, doc.Summary.BySeverity)
}

func TestCleanRunStillHasARun(t *testing.T) {
	clean := event(t, apitype.EngineEvent{SummaryEvent: &apitype.SummaryEvent{
		PolicyPacks: map[string]string{"pulumi-securely|local|/ci/bin/pulumi-securely": "v0.1.0"}}})
	out, _, code := runMain(t, clean)
	assert.Equal(t, ExitClean, code)
	validSARIF(t, out)
	assert.Contains(t, out, `"name": "pulumi-securely"`, "code scanning needs the run to close fixed alerts")
	assert.Contains(t, out, `"version": "0.1.0"`)
}

func TestBadInputIsNamedWithItsLine(t *testing.T) {
	log := eventLog(t)
	cut := log[:len(log)-40]
	lines := strings.Count(cut, "\n") + 1
	for name, tc := range map[string]struct {
		input, want string
	}{
		"truncated event log": {cut, "standard input: line " + itoa(lines) + ": truncated JSON"},
		"garbage line":        {event(t, violation("p", paramURN, "advisory", "low", "m")) + "oops\n", "standard input: line 2: malformed JSON"},
		"wrong type in event": {`{"policyEvent": {"message": 7}}`, "standard input: line 1: malformed engine event: policyEvent.message is a JSON number, want a string"},
		"not an event":        {event(t, violation("p", paramURN, "advisory", "low", "m")) + `{"a": 1}` + "\n", "line 2: not an engine event"},
		"truncated export":    {stackExport[:120], "standard input: line 6: truncated JSON"},
		"unknown document":    {`{"name": "x"}`, "line 1: not an engine event log"},
		"empty":               {"", "standard input: empty input"},
		"digest only":         {`{"steps": []}`, "no engine events to report"},
		"wrong type":          {"{\"version\": 3,\n\"deployment\": {\"resources\": {}}}", "standard input: line 2: deployment.resources is a JSON object, want an array"},
	} {
		t.Run(name, func(t *testing.T) {
			_, stderr, code := runMain(t, tc.input)
			assert.Equal(t, ExitUsage, code)
			assert.Contains(t, stderr, tc.want)
		})
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestFlagsAreChecked(t *testing.T) {
	_, stderr, code := runMain(t, "", "--format", "html")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, `--format "html" is not one of sarif, junit, github, markdown, json`)
	_, stderr, code = runMain(t, "", "missing.jsonl")
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, "missing.jsonl")
	_, stderr, code = runMain(t, "", "--help")
	assert.Equal(t, ExitClean, code)
	assert.Contains(t, stderr, "usage: pulumi-securely report")
}

func TestOutputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "results.sarif")
	out, _, _ := runMain(t, eventLog(t), "--output", path)
	assert.Empty(t, out)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	validSARIF(t, string(data))
}

func TestSchemaCatchesAnInvalidLog(t *testing.T) {
	abs, err := filepath.Abs(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	require.NoError(t, err)
	res, err := gojsonschema.Validate(gojsonschema.NewReferenceLoader("file://"+filepath.ToSlash(abs)),
		gojsonschema.NewStringLoader(`{"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [{"level": "fatal"}]}]}`))
	require.NoError(t, err)
	assert.False(t, res.Valid(), "the vendored schema rejects a driver without a name and an unknown level")
}

func TestLongSummaryIsCut(t *testing.T) {
	var log strings.Builder
	for i := range maxRows + 3 {
		log.WriteString(event(t, violation("required-resource-tags", paramURN+itoa(i), "advisory", "medium", "no tag")))
	}
	out, _, _ := runMain(t, log.String(), "--format", "markdown")
	assert.Equal(t, maxRows, strings.Count(out, "| medium |"))
	assert.Contains(t, out, "…and 3 more, in the SARIF, JUnit or JSON report.")
}

func TestRepeatedViolationIsReportedOnce(t *testing.T) {
	v := event(t, violation("required-resource-tags", paramURN, "advisory", "medium", "api-key has no tag owner\n"))
	other := event(t, violation("required-resource-tags", paramURN, "advisory", "medium", "api-key has no tag cost-center"))
	out, _, _ := runMain(t, v+v+other, "--format", "json")
	var doc struct{ Summary struct{ Findings int } }
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	assert.Equal(t, 2, doc.Summary.Findings, "an update's preview and update phases report a violation twice")
}
