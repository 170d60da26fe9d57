package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/joshdk/go-junit"
	"github.com/pulumi-securely/pulumi-securely/policies"
	"github.com/pulumi-securely/pulumi-securely/report"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xeipuuv/gojsonschema"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// recorder is the Pulumi CLI as the Automation API runs it, made to keep what a CI job keeps: the
// engine's event log written to a file by the CLI's own --event-log (the Automation API asks for a
// gRPC stream instead; the recorder forwards the file's events to it afterwards, as the CLI would
// have) and, for a preview, the --json digest.
type recorder struct {
	auto.PulumiCommand
	dir string
}

func (r *recorder) Run(ctx context.Context, workdir string, stdin io.Reader, out, errOut []io.Writer,
	env []string, args ...string,
) (string, string, int, error) {
	args = slices.Clone(args)
	var stream, log string
	if i := slices.Index(args, "--event-log"); i >= 0 && i+1 < len(args) {
		stream, log = args[i+1], filepath.Join(r.dir, args[0]+".events.jsonl")
		args[i+1] = log
	}
	preview := len(args) > 0 && args[0] == "preview"
	if preview {
		args = append(args, "--json")
	}
	stdout, stderr, code, err := r.PulumiCommand.Run(ctx, workdir, stdin, out, errOut, env, args...)
	if preview {
		if werr := os.WriteFile(filepath.Join(r.dir, "preview.json"), []byte(stdout), 0o600); werr != nil {
			return stdout, stderr, code, werr
		}
	}
	if addr, ok := strings.CutPrefix(stream, "tcp://"); ok {
		if ferr := forwardEvents(ctx, addr, log); ferr != nil {
			return stdout, stderr, code, ferr
		}
	}
	return stdout, stderr, code, err
}

// forwardEvents sends an event log's lines to the Automation API's event server.
func forwardEvents(ctx context.Context, addr, log string) error {
	data, err := os.ReadFile(log)
	if err != nil {
		return err
	}
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	stream, err := pulumirpc.NewEventsClient(conn).StreamEvents(ctx)
	if err != nil {
		return err
	}
	for line := range strings.Lines(string(data)) {
		if err := stream.Send(&pulumirpc.EventRequest{Event: line}); err != nil {
			return err
		}
	}
	_, err = stream.CloseAndRecv()
	return err
}

// recordedStack is newStack with the CLI's event log and preview digest kept in the returned
// folder; the stack's project folder (where the engine anchors source positions) is returned too.
func recordedStack(t *testing.T, program pulumi.RunFunc) (s auto.Stack, records, projectDir string) {
	t.Helper()
	home := t.TempDir()
	records = t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(home, "state"), 0o755))
	cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: filepath.Dir(filepath.Dir(pulumiCLI))})
	require.NoError(t, err)
	s, err = auto.UpsertStackInlineSource(t.Context(), "dev", "app", program,
		auto.Pulumi(&recorder{PulumiCommand: cmd, dir: records}), auto.WorkDir(home), auto.EnvVars(env(t, home)),
		auto.Project(workspace.Project{Name: "app", Runtime: workspace.NewProjectRuntimeInfo("go", nil)}))
	require.NoError(t, err)
	require.NoError(t, s.SetTag(t.Context(), "owner", "team-shop"))
	require.NoError(t, s.SetTag(t.Context(), "environment", "dev"))
	return s, records, home
}

// declaredAt is the line of locatedProgram's runtime.Caller call, two above the line that declares
// the plaintext-secret parameter.
var declaredAt atomic.Int64

// locatedProgram is insecureProgram declared here, so that the engine's source positions point
// into this file. The Go SDK records the caller of the function that calls RegisterResource (in a
// real program, the line calling a provider SDK's constructor): here, the line calling register.
func locatedProgram(ctx *pulumi.Context) error {
	_, _, line, _ := runtime.Caller(0)
	declaredAt.Store(int64(line))
	if _, err := register(ctx, "aws:ssm/parameter:Parameter", "api-key", pulumi.Map{"type": pulumi.String("SecureString"), "value": pulumi.String(canary)}); err != nil {
		return err
	}
	_, err := register(ctx, "acmecloud:index:Widget", "analytics", pulumi.Map{"size": pulumi.String("large")})
	return err
}

// flagDeclaredAt is the line of flaggedProgram's runtime.Caller call, two above the line that
// declares its parameter.
var flagDeclaredAt atomic.Int64

// flaggedProgram breaks only an advisory rule (its parameter is untagged), so an update goes through.
func flaggedProgram(ctx *pulumi.Context) error {
	_, _, line, _ := runtime.Caller(0)
	flagDeclaredAt.Store(int64(line))
	_, err := register(ctx, "aws:ssm/parameter:Parameter", "flag", pulumi.Map{"type": pulumi.String("String"), "value": pulumi.String("on")})
	return err
}

// runReport runs the report command as the pack's binary does and returns its output, standard
// error and exit code.
func runReport(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	project, err := os.ReadFile(filepath.Join(root, "PulumiPolicy.yaml"))
	require.NoError(t, err)
	p, err := policies.Pack(project, "")
	require.NoError(t, err)
	var stdout, stderr bytes.Buffer
	code := report.Main(p, args, strings.NewReader(""), &stdout, &stderr)
	assert.NotContains(t, stdout.String()+stderr.String(), canary[:14], "a report shows the canary secret")
	assert.NotContains(t, stdout.String(), "Sup3rSecretDemoPassw0rd", "a report shows the example's password")
	return stdout.String(), stderr.String(), code
}

func TestReportOfPreviewPointsAtProgramLines(t *testing.T) {
	t.Parallel()
	s, records, projectDir := recordedStack(t, locatedProgram)
	_, err := s.Preview(t.Context(), optpreview.PolicyPacks(packBinary))
	require.Error(t, err, "the mandatory violations fail the preview")
	events := filepath.Join(records, "preview.events.jsonl")
	digest := filepath.Join(records, "preview.json")
	require.FileExists(t, events)
	require.FileExists(t, digest)
	if dir := os.Getenv("REPORT_SAMPLES"); dir != "" { // re-records report/testdata/cli
		for _, f := range []string{events, digest} {
			b, _ := os.ReadFile(f)
			_ = os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o600)
		}
	}
	base := []string{"--root", root, "--project-dir", projectDir, events, digest}
	wantLine := int(declaredAt.Load()) + 2

	out, stderr, code := runReport(t, append([]string{"--format", "sarif"}, base...)...)
	require.Equal(t, report.ExitFindings, code, "critical findings fail at the default threshold: %s", stderr)
	validateSARIF(t, out)
	var log sarifLog
	require.NoError(t, json.Unmarshal([]byte(out), &log))
	require.Len(t, log.Runs, 1)
	run := log.Runs[0]
	assert.Equal(t, "pulumi-securely", run.Tool.Driver.Name)
	res := run.result("no-plaintext-secrets-in-inputs", "api-key")
	require.NotNil(t, res, "the plaintext secret is a result")
	assert.Equal(t, "error", res.Level)
	phys := res.Locations[0].PhysicalLocation
	assert.Equal(t, "e2e/report_test.go", phys.ArtifactLocation.URI, "the result points at the program's file")
	assert.Equal(t, wantLine, phys.Region.StartLine, "the result points at the line that declared the resource")
	assert.Equal(t, "urn:pulumi:dev::app::aws:ssm/parameter:Parameter::api-key",
		res.Locations[0].LogicalLocations[0].FullyQualifiedName)
	rule := run.rule("no-plaintext-secrets-in-inputs")
	require.NotNil(t, rule)
	assert.Equal(t, "9.5", rule.Properties["security-severity"])
	assert.NotEmpty(t, rule.Help.Text, "the remediation is the rule's help")
	assert.NotEmpty(t, rule.HelpURI)
	assert.NotNil(t, run.result("approved-packages", "analytics"))

	out, _, code = runReport(t, append([]string{"--format", "github", "--fail-on", "none"}, base...)...)
	assert.Equal(t, report.ExitClean, code)
	assert.Contains(t, out, "::error file=e2e/report_test.go,line="+strconv.Itoa(wantLine))
	assert.Contains(t, out, "## Policy report: pulumi-securely")

	out, _, _ = runReport(t, append([]string{"--format", "junit"}, base...)...)
	suites, err := junit.Ingest([]byte(out))
	require.NoError(t, err, out)
	require.Len(t, suites, 1)
	assert.True(t, slices.ContainsFunc(suites[0].Tests, func(tc junit.Test) bool {
		return tc.Classname == "no-plaintext-secrets-in-inputs" && strings.HasSuffix(tc.Name, "::api-key") &&
			tc.Status == junit.StatusFailed
	}), "the violation is a failed test case")
	assert.True(t, slices.ContainsFunc(suites[0].Tests, func(tc junit.Test) bool { return tc.Status == junit.StatusPassed }),
		"policies that passed are passing test cases")

	out, _, _ = runReport(t, append([]string{"--format", "json"}, base...)...)
	var enriched struct {
		Packs []struct {
			Findings []struct {
				Policy      string           `json:"policy"`
				Remediation string           `json:"remediation"`
				Location    *report.Location `json:"location"`
			} `json:"findings"`
		} `json:"packs"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &enriched))
	require.NotEmpty(t, enriched.Packs)
	for _, f := range enriched.Packs[0].Findings {
		assert.NotEmpty(t, f.Remediation, f.Policy)
		if assert.NotNil(t, f.Location, f.Policy) {
			assert.Equal(t, "e2e/report_test.go", f.Location.File)
		}
	}
}

func TestReportOfUpPointsAtProgramLinesThroughState(t *testing.T) {
	t.Parallel()
	s, records, projectDir := recordedStack(t, flaggedProgram)
	c := collect() // the Automation API asks for an event log only when someone listens
	_, err := s.Up(t.Context(), optup.PolicyPacks(packBinary), optup.EventStreams(c.ch))
	require.NoError(t, err, "an advisory violation does not stop the update")
	c.wait()
	dep, err := s.Export(t.Context())
	require.NoError(t, err)
	state, err := json.Marshal(dep)
	require.NoError(t, err)
	exported := filepath.Join(records, "state.json")
	require.NoError(t, os.WriteFile(exported, state, 0o600))
	events := filepath.Join(records, "up.events.jsonl")

	out, stderr, code := runReport(t, "--format", "json", "--root", root, "--project-dir", projectDir, events, exported)
	assert.Equal(t, report.ExitClean, code, "a medium finding passes the default threshold: %s", stderr)
	var enriched struct {
		Packs []struct {
			Findings []report.Finding `json:"findings"`
		} `json:"packs"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &enriched))
	require.Len(t, enriched.Packs, 1)
	require.Len(t, enriched.Packs[0].Findings, 1, "up reports the preview's violation once: %v", enriched.Packs[0].Findings)
	f := enriched.Packs[0].Findings[0]
	assert.Equal(t, "required-resource-tags", f.Policy)
	require.NotNil(t, f.Location, "the stack export's sourcePosition locates the finding")
	assert.Equal(t, report.Location{File: "e2e/report_test.go", Line: int(flagDeclaredAt.Load()) + 2}, *f.Location)

	_, _, code = runReport(t, "--fail-on", "medium", events, exported)
	assert.Equal(t, report.ExitFindings, code)
}

func TestReportOfPolicyAnalyzeJSON(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	analyzed := analyzeJSON(t, dir)

	for _, format := range report.Formats {
		t.Run(format, func(t *testing.T) {
			got, stderr, code := runReport(t, "--format", format, "--root", root, analyzed)
			assert.Equal(t, report.ExitFindings, code, stderr)
			assert.Contains(t, got, "aws-s3-bucket-public-acl")
			switch format {
			case "sarif":
				validateSARIF(t, got)
			case "junit":
				suites, err := junit.Ingest([]byte(got))
				require.NoError(t, err)
				require.Len(t, suites, 1)
				assert.NotZero(t, suites[0].Totals.Failed)
			}
		})
	}
	_, _, code := runReport(t, "--fail-on", "none", analyzed)
	assert.Equal(t, report.ExitClean, code)
}

func TestReportRejectsTruncatedEventLog(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out, err := os.ReadFile(analyzeJSON(t, dir))
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	require.Greater(t, len(lines), 3)
	cut := strings.Join(lines[:3], "\n") + "\n" + lines[3][:len(lines[3])/2]
	path := filepath.Join(dir, "cut.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(cut), 0o600))
	_, stderr, code := runReport(t, path)
	assert.Equal(t, report.ExitUsage, code)
	assert.Contains(t, stderr, "cut.jsonl: line 4: truncated JSON")
}

// analyzeJSON runs `pulumi policy analyze --json` over the insecure example stack and returns the
// file its standard output went to, as a CI job would redirect it.
func analyzeJSON(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "analyze.jsonl")
	out, err := os.Create(path)
	require.NoError(t, err)
	defer out.Close()
	cmd := exec.CommandContext(t.Context(), pulumiCLI, "policy", "analyze", "--json", "--file",
		filepath.Join(root, "examples", "stacks", "insecure.json"), "--policy-pack", packBinary)
	cmd.Dir = dir
	cmd.Env = os.Environ()
	for k, v := range env(t, dir) {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = out, &stderr
	var exit *exec.ExitError
	require.ErrorAs(t, cmd.Run(), &exit, "mandatory violations exit non-zero: %s", stderr.String())
	return path
}

// validateSARIF checks a SARIF log against the official SARIF 2.1.0 schema (OASIS, vendored).
func validateSARIF(t *testing.T, doc string) {
	t.Helper()
	schema := gojsonschema.NewReferenceLoader("file://" + filepath.ToSlash(filepath.Join(root, "report", "testdata", "sarif-schema-2.1.0.json")))
	res, err := gojsonschema.Validate(schema, gojsonschema.NewStringLoader(doc))
	require.NoError(t, err)
	for _, e := range res.Errors() {
		t.Errorf("SARIF schema: %s", e)
	}
}

// sarifLog is the part of a SARIF log the tests read.
type sarifLog struct {
	Runs []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool struct {
		Driver struct {
			Name  string      `json:"name"`
			Rules []sarifRule `json:"rules"`
		} `json:"driver"`
	} `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifRule struct {
	ID         string                `json:"id"`
	HelpURI    string                `json:"helpUri"`
	Help       struct{ Text string } `json:"help"`
	Properties map[string]any        `json:"properties"`
}

type sarifResult struct {
	RuleID    string `json:"ruleId"`
	Level     string `json:"level"`
	Locations []struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
			Region struct {
				StartLine int `json:"startLine"`
			} `json:"region"`
		} `json:"physicalLocation"`
		LogicalLocations []struct {
			FullyQualifiedName string `json:"fullyQualifiedName"`
		} `json:"logicalLocations"`
	} `json:"locations"`
}

func (r sarifRun) result(policy, resource string) *sarifResult {
	for i, res := range r.Results {
		if res.RuleID == policy && len(res.Locations) > 0 && len(res.Locations[0].LogicalLocations) > 0 &&
			strings.HasSuffix(res.Locations[0].LogicalLocations[0].FullyQualifiedName, "::"+resource) {
			return &r.Results[i]
		}
	}
	return nil
}

func (r sarifRun) rule(id string) *sarifRule {
	for i, rule := range r.Tool.Driver.Rules {
		if rule.ID == id {
			return &r.Tool.Driver.Rules[i]
		}
	}
	return nil
}
