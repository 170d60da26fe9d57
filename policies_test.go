package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/internal/engine"
	"github.com/pulumi-securely/pulumi-securely/internal/testpack"
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/emptypb"
)

// The binaries under test, built once: the pack itself and the fixture pack that exercises
// every path of the engine (panics, remediation, secrets) through the real protocol.
var packBinary, testpackBinary string

// testPipelineVariable stands for a CI system's marker variable; runTests sets it.
const testPipelineVariable = "PULUMI_SECURELY_TEST_PIPELINE"

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	if plugin, log, ok := strings.Cut(os.Getenv(fakeEngineVariable), "\n"); ok {
		return fakeEngine(plugin, log)
	}
	// The launched binaries inherit this process's environment. CI runners set CI=true and the
	// like, which production-updates-from-pipelines reads; clear them so every machine is a
	// laptop, and set the one variable TestProductionPipelineThroughProtocol configures.
	for _, name := range policies.DefaultCIVariables() {
		_ = os.Unsetenv(name)
	}
	_ = os.Setenv(testPipelineVariable, "true")
	dir, err := os.MkdirTemp("", "pulumi-securely-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	if packBinary, err = engine.Build(ctx, ".", dir, "pulumi-securely"); err == nil {
		testpackBinary, err = engine.Build(ctx, "./internal/testpack/cmd/testpack", dir, "testpack")
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return m.Run()
}

// launch starts a binary as the engine does; opts nil skips ConfigureStack.
func launch(t *testing.T, bin string, opts *plugin.PolicyAnalyzerOptions) *engine.Analyzer {
	t.Helper()
	a, err := engine.Launch(t.Context(), bin, opts)
	require.NoError(t, err)
	t.Cleanup(func() { assert.NoError(t, a.Close()) })
	return a
}

// stackOptions describes a stack "dev" of project "app" in organization "acme".
func stackOptions(dryRun bool, tags map[string]string) *plugin.PolicyAnalyzerOptions {
	return &plugin.PolicyAnalyzerOptions{
		Organization: "acme", Project: "app", Stack: "dev", DryRun: dryRun, Tags: tags,
		Config: map[config.Key]string{},
	}
}

func urn(typ, name string) resource.URN {
	return resource.NewURN("dev", "app", "", tokens.Type(typ), name)
}

func thing(name string, props map[string]property.Value) plugin.AnalyzerResource {
	return plugin.AnalyzerResource{
		URN: urn(testpack.ThingType, name), Type: testpack.ThingType, Name: name,
		Properties: property.NewMap(props),
	}
}

func policyNames(diags []plugin.AnalyzeDiagnostic) []string {
	var names []string
	for _, d := range diags {
		names = append(names, d.PolicyName)
	}
	return names
}

func reasonFor(resp plugin.AnalyzeResponse, policy string) string {
	return notApplicableReason(resp.NotApplicable, policy)
}

func remediationReasonFor(resp plugin.RemediateResponse, policy string) string {
	return notApplicableReason(resp.NotApplicable, policy)
}

func notApplicableReason(list []plugin.PolicyNotApplicable, policy string) string {
	for _, na := range list {
		if na.PolicyName == policy {
			return na.Reason
		}
	}
	return ""
}

func TestInfoWithoutConfigureStack(t *testing.T) {
	t.Parallel()
	a := launch(t, packBinary, nil)
	info, err := a.GetAnalyzerInfo(t.Context())
	require.NoError(t, err)

	proj, err := os.ReadFile("PulumiPolicy.yaml")
	require.NoError(t, err)
	want, err := pack.ReadProject(proj)
	require.NoError(t, err)
	assert.Equal(t, "pulumi-securely", info.Name)
	assert.Equal(t, want.Version, info.Version)
	assert.Equal(t, want.Description, info.Description)
	assert.True(t, info.SupportsConfig)
	assert.NotEmpty(t, info.Readme)
	assert.NotEmpty(t, info.Repository)
	require.NotEmpty(t, info.Policies)
	for _, p := range info.Policies {
		assert.NotEqual(t, apitype.PolicySeverityUnspecified, p.Severity, p.Name)
		assert.NotEmpty(t, p.Description, p.Name)
		assert.NotEmpty(t, p.RemediationSteps, p.Name)
		assert.Equal(t, policies.DocsURL+"/"+p.Name+".md", p.URL)
		assert.NotEqual(t, plugin.AnalyzerPolicyTypeUnknown, p.Type, p.Name)
		assert.True(t, p.EnforcementLevel.IsValid(), p.Name)
	}

	info2, err := launch(t, testpackBinary, nil).GetAnalyzerInfo(t.Context())
	require.NoError(t, err)
	thing := policyInfo(t, info2, "thing-enabled")
	assert.Equal(t, apitype.PolicySeverityHigh, thing.Severity)
	assert.Equal(t, apitype.Mandatory, thing.EnforcementLevel)
	assert.Equal(t, &plugin.AnalyzerPolicyComplianceFramework{Name: "test-framework", Version: "1", Reference: "T.1"},
		thing.Framework)
	assert.Equal(t, "https://example.com/docs/thing-enabled.md", thing.URL)
	assert.Equal(t, 10.0, thing.ConfigSchema.Properties["limit"]["default"])
	assert.Equal(t, plugin.AnalyzerPolicyTypeStack, policyInfo(t, info2, "thing-count").Type)
}

func policyInfo(t *testing.T, info plugin.AnalyzerInfo, name string) plugin.AnalyzerPolicyInfo {
	t.Helper()
	for _, p := range info.Policies {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("policy %s is not in the pack's info", name)
	return plugin.AnalyzerPolicyInfo{}
}

func TestPluginInfoWithoutConfigureStack(t *testing.T) {
	t.Parallel()
	info, err := launch(t, testpackBinary, nil).GetPluginInfo(t.Context())
	require.NoError(t, err)
	assert.Equal(t, "1.2.3", info.Version.String())
}

func TestStackTagsWithConfigureStack(t *testing.T) {
	t.Parallel()
	root := plugin.AnalyzerResource{URN: urn("pulumi:pulumi:Stack", "app-dev"), Type: "pulumi:pulumi:Stack", Name: "app-dev"}

	untagged := launch(t, packBinary, stackOptions(true, map[string]string{"environment": "dev"}))
	resp, err := untagged.Analyze(t.Context(), root)
	require.NoError(t, err)
	require.Contains(t, policyNames(resp.Diagnostics), "required-stack-tags",
		"the stack's tags are judged on its root resource, before anything changes")
	for _, d := range resp.Diagnostics {
		if d.PolicyName == "required-stack-tags" {
			assert.Contains(t, d.Message, "owner")
			assert.Equal(t, apitype.PolicySeverityMedium, d.Severity)
		}
	}

	tagged := launch(t, packBinary, stackOptions(true, map[string]string{"environment": "dev", "owner": "team-a"}))
	resp, err = tagged.Analyze(t.Context(), root)
	require.NoError(t, err)
	assert.NotContains(t, policyNames(resp.Diagnostics), "required-stack-tags")
}

func TestStackTagsWithoutConfigureStack(t *testing.T) {
	t.Parallel()
	root := plugin.AnalyzerResource{URN: urn("pulumi:pulumi:Stack", "app-dev"), Type: "pulumi:pulumi:Stack", Name: "app-dev"}
	resp, err := launch(t, packBinary, nil).Analyze(t.Context(), root)
	require.NoError(t, err)
	assert.NotContains(t, policyNames(resp.Diagnostics), "required-stack-tags")
	assert.Contains(t, reasonFor(resp, "required-stack-tags"), "did not send the stack's tags")
}

func TestAnalyzeThroughProtocol(t *testing.T) {
	t.Parallel()
	a := launch(t, testpackBinary, stackOptions(true, nil))
	resp, err := a.Analyze(t.Context(), thing("off", map[string]property.Value{"enabled": property.New(false)}))
	require.NoError(t, err)
	require.Len(t, resp.Diagnostics, 1)
	d := resp.Diagnostics[0]
	assert.Equal(t, "thing-enabled", d.PolicyName)
	assert.Equal(t, "test-pack", d.PolicyPackName)
	assert.Equal(t, "1.2.3", d.PolicyPackVersion)
	assert.Equal(t, apitype.Mandatory, d.EnforcementLevel)
	assert.Equal(t, apitype.PolicySeverityHigh, d.Severity)
	assert.Equal(t, urn(testpack.ThingType, "off"), d.URN)
	assert.Contains(t, d.Message, "thing off is disabled")
	assert.Equal(t, "other resource types", reasonFor(resp, "panics"))

	resp, err = a.Analyze(t.Context(), thing("on", map[string]property.Value{"enabled": property.New(true)}))
	require.NoError(t, err)
	assert.Empty(t, resp.Diagnostics)
}

func TestUnknownValueDuringPreview(t *testing.T) {
	t.Parallel()
	a := launch(t, testpackBinary, stackOptions(true, nil))
	resp, err := a.Analyze(t.Context(), thing("later", map[string]property.Value{
		"enabled": property.New(property.Computed),
	}))
	require.NoError(t, err)
	assert.Empty(t, resp.Diagnostics)
	assert.Equal(t, "value unknown during preview: enabled", reasonFor(resp, "thing-enabled"))
	assert.Equal(t, "other resource types", reasonFor(resp, "panics"), "the plan's list comes with the call's own")

	resp, err = a.Analyze(t.Context(), thing("nested", map[string]property.Value{
		"enabled": property.New(true),
		"spec":    property.New(property.Computed).WithSecret(true),
	}))
	require.NoError(t, err)
	assert.Empty(t, resp.Diagnostics)
	assert.Equal(t, "value unknown during preview: spec", reasonFor(resp, "thing-enabled"),
		"the path stops at the secret: keys inside it are part of it")
}

func TestPanickingRuleKeepsServing(t *testing.T) {
	t.Parallel()
	a := launch(t, testpackBinary, stackOptions(true, nil))
	panicky := plugin.AnalyzerResource{URN: urn(testpack.PanicType, "p"), Type: testpack.PanicType, Name: "p"}
	resp, err := a.Analyze(t.Context(), panicky)
	require.NoError(t, err)
	require.Len(t, resp.Diagnostics, 1)
	assert.Equal(t, "panics", resp.Diagnostics[0].PolicyName)
	assert.Contains(t, resp.Diagnostics[0].Message, "policy panics failed while checking "+string(panicky.URN))
	assert.Contains(t, resp.Diagnostics[0].Message, "index out of range")

	resp, err = a.Analyze(t.Context(), thing("after", map[string]property.Value{"enabled": property.New(false)}))
	require.NoError(t, err)
	assert.Equal(t, []string{"thing-enabled"}, policyNames(resp.Diagnostics))
}

func TestSecretCanaryNeverInDiagnostics(t *testing.T) {
	t.Parallel()
	const canary = "canary-7f3a9c-do-not-print"
	opts := stackOptions(true, nil)
	opts.Config[config.MustMakeKey("app", "dbPassword")] = canary + "-config"
	opts.ConfigSecretKeys = []config.Key{config.MustMakeKey("app", "dbPassword")}
	a := launch(t, testpackBinary, opts)
	resp, err := a.Analyze(t.Context(), plugin.AnalyzerResource{
		URN: urn(testpack.SecretType, "s"), Type: testpack.SecretType, Name: "s",
		Properties: property.NewMap(map[string]property.Value{
			"password": property.New(canary).WithSecret(true),
		}),
	})
	require.NoError(t, err)
	require.Len(t, resp.Diagnostics, 1)
	msg := resp.Diagnostics[0].Message
	assert.NotContains(t, msg, canary)
	assert.NotContains(t, msg, "canary")
	assert.Equal(t, `s fails "echoes-secrets"; the details are withheld because the check read secret values `+
		`(password): see the policy's description and remediation`, msg)
}

func TestStackPolicyReportsOnOtherResource(t *testing.T) {
	t.Parallel()
	a := launch(t, testpackBinary, nil)
	enabled := property.New(true)
	extra := thing("extra", map[string]property.Value{"extra": property.New(true), "enabled": enabled})
	later := thing("later", map[string]property.Value{"extra": property.New(property.Computed), "enabled": enabled})
	resp, err := a.AnalyzeStack(t.Context(), []plugin.AnalyzerStackResource{
		{AnalyzerResource: extra}, {AnalyzerResource: later},
	})
	require.NoError(t, err)
	require.Len(t, resp.Diagnostics, 1, "the things are enabled: no deployed-state finding")
	assert.Equal(t, extra.URN, resp.Diagnostics[0].URN)
	assert.Equal(t, apitype.PolicySeverityCritical, resp.Diagnostics[0].Severity)
	assert.Equal(t, apitype.Advisory, resp.Diagnostics[0].EnforcementLevel)

	resp, err = a.AnalyzeStack(t.Context(), []plugin.AnalyzerStackResource{{AnalyzerResource: later}})
	require.NoError(t, err)
	assert.Empty(t, resp.Diagnostics)
	assert.Equal(t, "later: value unknown during preview: extra", reasonFor(resp, "thing-count"))
}

func TestRemediateThroughProtocol(t *testing.T) {
	t.Parallel()
	a := launch(t, testpackBinary, nil)
	require.NoError(t, a.Configure(t.Context(), map[string]plugin.AnalyzerPolicyConfig{
		"thing-enabled": {EnforcementLevel: apitype.Remediate},
	}))
	in := thing("fixme", map[string]property.Value{
		"enabled": property.New(false),
		"token":   property.New("keep-me-secret").WithSecret(true),
	})
	resp, err := a.Remediate(t.Context(), in)
	require.NoError(t, err)
	require.Len(t, resp.Remediations, 1)
	fixed := resp.Remediations[0].Properties
	assert.Equal(t, "thing-enabled", resp.Remediations[0].PolicyName)
	assert.Equal(t, property.New(true), fixed.Get("enabled"))
	assert.True(t, fixed.Get("token").Secret(), "a secret stays secret through remediation")
	assert.Equal(t, "does not remediate this resource at its enforcement level",
		remediationReasonFor(resp, "panics"))

	in.Properties = fixed
	resp, err = a.Remediate(t.Context(), in)
	require.NoError(t, err)
	assert.Empty(t, resp.Remediations)
	assert.Equal(t, "nothing to remediate", remediationReasonFor(resp, "thing-enabled"))
	assert.Equal(t, "does not remediate this resource at its enforcement level",
		remediationReasonFor(resp, "panics"), "the plan's list comes with the call's own")
}

func TestConfigureThroughProtocol(t *testing.T) {
	t.Parallel()
	a := launch(t, testpackBinary, nil)
	big := thing("big", map[string]property.Value{"enabled": property.New(true), "spec": property.New(
		property.NewMap(map[string]property.Value{"size": property.New(20.0)}))})

	resp, err := a.Analyze(t.Context(), big)
	require.NoError(t, err)
	require.Len(t, resp.Diagnostics, 1, "the schema default limit of 10 applies without Configure")
	assert.Equal(t, "size 20 is over the limit", resp.Diagnostics[0].Message)

	require.NoError(t, a.Configure(t.Context(), map[string]plugin.AnalyzerPolicyConfig{
		"thing-enabled": {EnforcementLevel: apitype.Advisory, Properties: map[string]any{"limit": 50}},
	}))
	resp, err = a.Analyze(t.Context(), big)
	require.NoError(t, err)
	assert.Empty(t, resp.Diagnostics)

	require.NoError(t, a.Configure(t.Context(), map[string]plugin.AnalyzerPolicyConfig{
		"thing-enabled": {EnforcementLevel: apitype.Disabled},
	}))
	resp, err = a.Analyze(t.Context(), thing("off", map[string]property.Value{"enabled": property.New(false)}))
	require.NoError(t, err)
	assert.Empty(t, resp.Diagnostics)
	assert.Equal(t, "disabled by the policy pack's config", reasonFor(resp, "thing-enabled"))

	err = a.Configure(t.Context(), map[string]plugin.AnalyzerPolicyConfig{
		"thing-enabeld": {EnforcementLevel: apitype.Advisory},
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"thing-enabeld" is not a policy of test-pack (did you mean "thing-enabled"?)`)
}

func TestStackContextReachesResourcePolicies(t *testing.T) {
	t.Parallel()
	a := launch(t, testpackBinary, stackOptions(false, map[string]string{"fail": "yes"}))
	resp, err := a.Analyze(t.Context(), thing("on", map[string]property.Value{"enabled": property.New(true)}))
	require.NoError(t, err)
	require.Len(t, resp.Diagnostics, 1)
	assert.Equal(t, "stack acme/app/dev is tagged to fail", resp.Diagnostics[0].Message)
}

func TestConcurrentAnalyzeThroughProtocol(t *testing.T) {
	t.Parallel()
	a := launch(t, testpackBinary, stackOptions(true, nil))
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for i := range 64 {
		wg.Go(func() {
			resp, err := a.Analyze(t.Context(), thing(fmt.Sprintf("t%d", i), map[string]property.Value{
				"enabled": property.New(i%2 == 0),
			}))
			if err == nil && len(resp.Diagnostics) != i%2 {
				err = fmt.Errorf("thing %d: %d diagnostics", i, len(resp.Diagnostics))
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
}

func TestBinaryAnswersVersionFlag(t *testing.T) {
	t.Parallel()
	out, err := runBinary(t, packBinary, "--version")
	require.NoError(t, err)
	proj, err := os.ReadFile("PulumiPolicy.yaml")
	require.NoError(t, err)
	want, err := pack.ReadProject(proj)
	require.NoError(t, err)
	assert.Equal(t, want.Version+"\n", out)
	assert.Equal(t, "pulumi-securely", strings.TrimSuffix(filepath.Base(packBinary), ".exe"))
}

// TestBinaryCommandsForPeople runs the built binary as a person does: the commands answer and
// exit, and an unknown one exits 2 with the usage instead of serving (and hanging).
func TestBinaryCommandsForPeople(t *testing.T) {
	t.Parallel()
	out, err := runBinary(t, packBinary, "rules", "--json")
	require.NoError(t, err)
	var rules []struct {
		Name string `json:"name"`
		URL  string `json:"url"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rules))
	require.Len(t, rules, len(policies.All()))
	assert.Equal(t, policies.DocsURL+"/"+rules[0].Name+".md", rules[0].URL)

	out, err = runBinary(t, packBinary, "explain", "required-stack-tags")
	require.NoError(t, err)
	assert.Contains(t, out, "required-stack-tags: Stacks carry the required tags")
	assert.Contains(t, out, `"required-stack-tags": {`)

	out, err = runBinary(t, packBinary, "report", "--format", "sarif", "--fail-on", "none",
		filepath.Join("report", "testdata", "cli", "analyze.jsonl"))
	require.NoError(t, err)
	assert.Contains(t, out, `"version": "2.1.0"`, "the binary's report command writes SARIF")

	cmd := exec.CommandContext(t.Context(), packBinary, "list")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, 2, exit.ExitCode())
	assert.Empty(t, stdout)
	assert.Contains(t, stderr.String(), `unknown command "list"`)
}

// TestBinaryServesWithEngineFlags launches the binary as the engine does when logging is on:
// its flags, then its address. Every other protocol test launches it with the address alone.
func TestBinaryServesWithEngineFlags(t *testing.T) {
	t.Parallel()
	cmd := exec.CommandContext(t.Context(), packBinary, "--logtostderr", "-v=9", "127.0.0.1:1")
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	port, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	conn, err := grpc.NewClient("127.0.0.1:"+strings.TrimSpace(port), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	info, err := pulumirpc.NewAnalyzerClient(conn).GetPluginInfo(t.Context(), &emptypb.Empty{})
	require.NoError(t, err)
	proj, err := os.ReadFile("PulumiPolicy.yaml")
	require.NoError(t, err)
	want, err := pack.ReadProject(proj)
	require.NoError(t, err)
	assert.Equal(t, want.Version, info.GetVersion())
}

func runBinary(t *testing.T, bin string, args ...string) (string, error) {
	t.Helper()
	out, err := exec.CommandContext(t.Context(), bin, args...).Output()
	return string(out), err
}

func TestHugeAndDeepInputsThroughProtocol(t *testing.T) {
	t.Parallel()
	a := launch(t, packBinary, stackOptions(true, nil))
	deep := property.New("leaf")
	for range 300 {
		deep = property.New(property.NewMap(map[string]property.Value{"nested": deep, "password": property.New("x")}))
	}
	huge := strings.Repeat("A", 8<<20)
	for name, props := range map[string]map[string]property.Value{
		"deep":        {"spec": deep},
		"huge string": {"userData": property.New(huge), "policy": property.New("{" + huge)},
		"huge list":   {"ingress": property.New(make([]property.Value, 100000))},
	} {
		r := plugin.AnalyzerResource{URN: urn("aws:ec2/instance:Instance", "vm"), Type: "aws:ec2/instance:Instance",
			Name: "vm", Properties: property.NewMap(props)}
		_, err := a.Analyze(t.Context(), r)
		assert.NoError(t, err, name)
		r.Type, r.URN = "aws:iam/policy:Policy", urn("aws:iam/policy:Policy", "p")
		_, err = a.Analyze(t.Context(), r)
		assert.NoError(t, err, name)
	}
	_, err := a.AnalyzeStack(t.Context(), nil)
	assert.NoError(t, err, "the pack keeps serving")
}

// TestSeedPoliciesThroughProtocol drives each of the eight seed policies through the real
// protocol: a resource or stack that breaks it, and one that does not.
func TestSeedPoliciesThroughProtocol(t *testing.T) {
	t.Parallel()
	const canary = "canary-seed-9d41-never-print"
	production := map[string]string{"owner": "team-a", "environment": "production"}
	secretConfig := func(secret bool) *plugin.PolicyAnalyzerOptions {
		opts := stackOptions(true, map[string]string{"owner": "a", "environment": "dev"})
		key := config.MustMakeKey("app", "dbPassword")
		opts.Config[key] = canary
		if secret {
			opts.ConfigSecretKeys = []config.Key{key}
		}
		return opts
	}
	res := func(typ, name string, props map[string]property.Value) plugin.AnalyzerResource {
		return plugin.AnalyzerResource{URN: urn(typ, name), Type: tokens.Type(typ), Name: name,
			Properties: property.NewMap(props)}
	}
	withProvider := func(r plugin.AnalyzerResource, pkg, version string) plugin.AnalyzerResource {
		typ := tokens.Type("pulumi:providers:" + pkg)
		r.Provider = &plugin.AnalyzerProviderResource{URN: urn(string(typ), "default"), Type: typ, Name: "default",
			Properties: property.NewMap(map[string]property.Value{"version": property.New(version)})}
		return r
	}
	tags := property.New(property.NewMap(map[string]property.Value{
		"owner": property.New("a"), "environment": property.New("dev")}))
	root := res("pulumi:pulumi:Stack", "app-dev", nil)
	db := func(props map[string]property.Value) plugin.AnalyzerResource {
		return withProvider(res("aws:rds/instance:Instance", "db", props), "aws", "7.2.0")
	}
	for _, tc := range []struct {
		name     string
		opts     *plugin.PolicyAnalyzerOptions
		resource plugin.AnalyzerResource
		policy   string
		violates bool
	}{
		{"config secret in plain text", secretConfig(false), root, "no-plaintext-secrets-in-config", true},
		{"config secret set with --secret", secretConfig(true), root, "no-plaintext-secrets-in-config", false},
		{"plaintext password input", stackOptions(true, nil),
			db(map[string]property.Value{"password": property.New(canary)}), "no-plaintext-secrets-in-inputs", true},
		{"secret password input", stackOptions(true, nil),
			db(map[string]property.Value{"password": property.New(canary).WithSecret(true)}), "no-plaintext-secrets-in-inputs", false},
		{"password unknown in preview", stackOptions(true, nil),
			db(map[string]property.Value{"password": property.New(property.Computed)}), "no-plaintext-secrets-in-inputs", false},
		{"unapproved package", stackOptions(true, nil),
			withProvider(res("acmecloud:index:Widget", "w", nil), "acmecloud", "1.0.0"), "approved-packages", true},
		{"approved package", stackOptions(true, nil), db(nil), "approved-packages", false},
		{"untagged resource", stackOptions(true, nil), db(nil), "required-resource-tags", true},
		{"tagged resource", stackOptions(true, nil), db(map[string]property.Value{"tags": tags}), "required-resource-tags", false},
		{"tags unknown in preview", stackOptions(true, nil),
			db(map[string]property.Value{"tags": property.New(property.Computed)}), "required-resource-tags", false},
		{"unprotected production database", stackOptions(true, production),
			db(map[string]property.Value{"deletionProtection": property.New(true)}), "production-protection", true},
		{"development database", stackOptions(true, map[string]string{"environment": "dev"}),
			db(nil), "production-protection", false},
		{"production update from a laptop", stackOptions(false, production), root, "production-updates-from-pipelines", true},
		{"production preview from a laptop", stackOptions(true, production), root, "production-updates-from-pipelines", false},
		{"personal access token", stackOptions(true, nil),
			res("pulumiservice:index:AccessToken", "ci", map[string]property.Value{"description": property.New("ci")}),
			"pulumi-cloud-access", true},
		{"team access token", stackOptions(true, nil), res("pulumiservice:index:TeamAccessToken", "ci",
			map[string]property.Value{"description": property.New("ci"), "name": property.New("ci")}), "pulumi-cloud-access", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a := launch(t, packBinary, tc.opts)
			resp, err := a.Analyze(t.Context(), tc.resource)
			require.NoError(t, err)
			assert.Equal(t, tc.violates, slices.Contains(policyNames(resp.Diagnostics), tc.policy), "%v", resp.Diagnostics)
			for _, d := range resp.Diagnostics {
				assert.NotContains(t, d.Message, canary[:12])
			}
		})
	}
}

// TestProductionPipelineThroughProtocol shows that the launched pack reads the environment it
// was started in: a production update passes once a configured CI variable is set.
func TestProductionPipelineThroughProtocol(t *testing.T) {
	t.Parallel()
	root := plugin.AnalyzerResource{URN: urn("pulumi:pulumi:Stack", "app-dev"), Type: "pulumi:pulumi:Stack",
		Name: "app-dev", Properties: property.NewMap(nil)}
	a := launch(t, packBinary, stackOptions(false, map[string]string{"owner": "a", "environment": "production"}))
	require.NoError(t, a.Configure(t.Context(), map[string]plugin.AnalyzerPolicyConfig{
		"production-updates-from-pipelines": {EnforcementLevel: apitype.Mandatory,
			Properties: map[string]any{"ciVariables": []any{testPipelineVariable}}},
	}))
	resp, err := a.Analyze(t.Context(), root)
	require.NoError(t, err)
	assert.NotContains(t, policyNames(resp.Diagnostics), "production-updates-from-pipelines")
}
