// Package packtest runs policies in-process through the engine's own types (plugin.Analyzer,
// plugin.AnalyzerResource), so that rule tests exercise exactly what the protocol would.
//
// A rule test is a table of cases, each a resource (or a stack) and the outcome it must have:
//
//	packtest.Run(t, policies.All(), "aws-rds-storage-encrypted", []packtest.Case{
//		{Name: "unencrypted", Want: packtest.Violation,
//			Resource: packtest.Resource("aws:rds/instance:Instance", "db", packtest.Props{"storageEncrypted": false})},
//		{Name: "encrypted", Want: packtest.Pass, ...},
//		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview", ...},
//	})
package packtest

import (
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/internal/leak"
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Props are a resource's properties as plain Go data: nested Props (or map[string]any), []any,
// strings, numbers, booleans, nil, and the markers Unknown and Secret.
type Props = map[string]any

// Unknown is a value computed during preview.
var Unknown = property.New(property.Computed)

// Secret marks a value as a Pulumi secret.
func Secret(v any) property.Value {
	pv, err := pack.PropertyValue(v)
	if err != nil {
		panic(err)
	}
	return pv.WithSecret(true)
}

// Map converts Props to a property map.
func Map(props Props) property.Map {
	v, err := pack.PropertyValue(props)
	if err != nil {
		panic(err)
	}
	if v.IsNull() {
		return property.Map{}
	}
	return v.AsMap()
}

// URN makes the URN of a resource of stack "dev", project "app".
func URN(typ, name string) resource.URN {
	return resource.NewURN("dev", "app", "", tokens.Type(typ), name)
}

// Resource makes a resource as Analyze receives it.
func Resource(typ, name string, props Props) plugin.AnalyzerResource {
	return plugin.AnalyzerResource{URN: URN(typ, name), Type: tokens.Type(typ), Name: name, Properties: Map(props)}
}

// WithProvider gives a resource its provider resource (pulumi:providers:<pkg>) and its inputs.
func WithProvider(r plugin.AnalyzerResource, pkg string, props Props) plugin.AnalyzerResource {
	typ := "pulumi:providers:" + pkg
	r.Provider = &plugin.AnalyzerProviderResource{URN: URN(typ, "default"), Type: tokens.Type(typ), Name: "default",
		Properties: Map(props)}
	return r
}

// Protected sets the protect resource option.
func Protected(r plugin.AnalyzerResource) plugin.AnalyzerResource {
	r.Options.Protect = true
	return r
}

// StackResource makes a resource as AnalyzeStack receives it; deps lists, per property, the
// resources its value came from (propertyDependencies).
func StackResource(r plugin.AnalyzerResource, deps map[string][]resource.URN) plugin.AnalyzerStackResource {
	sr := plugin.AnalyzerStackResource{AnalyzerResource: r}
	if len(deps) > 0 {
		sr.PropertyDependencies = make(map[resource.PropertyKey][]resource.URN, len(deps))
		for k, urns := range deps {
			sr.PropertyDependencies[resource.PropertyKey(k)] = urns
			sr.Dependencies = append(sr.Dependencies, urns...)
		}
	}
	return sr
}

// DependsOn makes r as AnalyzeStack receives it, with its property computed from target (a
// property dependency): how a side resource names its subject in a stack.
func DependsOn(r plugin.AnalyzerResource, property string, target plugin.AnalyzerResource) plugin.AnalyzerStackResource {
	return StackResource(r, map[string][]resource.URN{property: {target.URN}})
}

// Stack makes a stack of resources without dependencies.
func Stack(rs ...plugin.AnalyzerResource) []plugin.AnalyzerStackResource {
	out := make([]plugin.AnalyzerStackResource, len(rs))
	for i, r := range rs {
		out[i] = StackResource(r, nil)
	}
	return out
}

// Outcome is what a policy must do with a case.
type Outcome int

// The outcomes a case may expect.
const (
	// Pass: the policy ran and found nothing.
	Pass Outcome = iota + 1
	// Violation: the policy reported at least one violation.
	Violation
	// NotApplicable: the policy did not decide (unknown value, other type, missing context).
	NotApplicable
)

func (o Outcome) String() string {
	switch o {
	case Pass:
		return "pass"
	case Violation:
		return "violation"
	case NotApplicable:
		return "not applicable"
	}
	return "no outcome"
}

// Case is one resource, or one stack, and what the policy under test must make of it.
type Case struct {
	Name string
	// Resource is analyzed with Analyze; Stack, if set, with AnalyzeStack.
	Resource plugin.AnalyzerResource
	Stack    []plugin.AnalyzerStackResource
	// Config is the policy's config (settings, and "enforcementLevel").
	Config map[string]any
	// Deployment describes the stack; DefaultDeployment when nil.
	Deployment *pack.Deployment
	Want       Outcome
	// Message must appear in a violation's message (Violation) or in the reason (NotApplicable).
	Message string
	// Count, if set, is the exact number of violations expected.
	Count int
}

// DefaultDeployment is the stack cases run in unless they say otherwise: a preview of stack
// acme/app/dev with no tags or config.
func DefaultDeployment() *pack.Deployment {
	return pack.NewDeployment("acme", "app", "dev", true, map[string]string{}, map[string]string{}, nil)
}

// Result is what the policy under test reported for a case.
type Result struct {
	Diagnostics []plugin.AnalyzeDiagnostic
	Reason      string
	Applicable  bool
}

// Run checks each case against the named policy, run alone in a pack of its own.
func Run(t *testing.T, policies []pack.Policy, name string, cases []Case) {
	t.Helper()
	policy := Find(t, policies, name)
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			t.Helper()
			res := Check(t, policy, tc)
			assertOutcome(t, tc, res)
		})
	}
}

// ConfigError returns what the pack says when the named policy, run alone, is configured with
// config (its settings and, under "enforcementLevel", its level), or nil when it takes it: schema
// violations, unknown settings and errors of the settings' Prepare. It fails the test when
// policies hold no policy of that name.
func ConfigError(t *testing.T, policies []pack.Policy, name string, config map[string]any) error {
	t.Helper()
	a, err := pack.NewAnalyzer(alone(Find(t, policies, name)))
	require.NoError(t, err)
	return configure(t, a, name, config)
}

// configure configures the named policy of a as a policy pack config file would.
func configure(t *testing.T, a *pack.Analyzer, name string, config map[string]any) error {
	cfg := plugin.AnalyzerPolicyConfig{Properties: map[string]any{}}
	for k, v := range config {
		if k == "enforcementLevel" {
			cfg.EnforcementLevel = pack.EnforcementLevel(v.(string))
			continue
		}
		cfg.Properties[k] = v
	}
	return a.Configure(t.Context(), map[string]plugin.AnalyzerPolicyConfig{name: cfg})
}

// alone is a pack of one policy, which supersedes nothing since nothing else is in it.
func alone(policy pack.Policy) pack.Pack {
	policy.Supersedes = nil
	return pack.Pack{Name: "packtest", Version: "0.0.1", Policies: []pack.Policy{policy}}
}

// Check runs one case and returns what the policy reported.
func Check(t *testing.T, policy pack.Policy, tc Case) Result {
	t.Helper()
	a, err := pack.NewAnalyzer(alone(policy))
	require.NoError(t, err)
	d := tc.Deployment
	if d == nil {
		d = DefaultDeployment()
	}
	a.ConfigureStack(d)
	if tc.Config != nil {
		require.NoError(t, configure(t, a, policy.Name, tc.Config))
	}
	var resp plugin.AnalyzeResponse
	if tc.Stack != nil {
		resp, err = a.AnalyzeStack(t.Context(), tc.Stack)
	} else {
		resp, err = a.Analyze(t.Context(), tc.Resource)
	}
	require.NoError(t, err)
	res := Result{Diagnostics: resp.Diagnostics, Applicable: true}
	for _, na := range resp.NotApplicable {
		if na.PolicyName == policy.Name {
			res.Reason, res.Applicable = na.Reason, false
		}
	}
	assertNoSecrets(t, tc, res)
	AssertNoCanary(t, res)
	assertSeverity(t, policy, res)
	assertTwinsDoNotLeak(t, a, policy, tc)
	return res
}

// assertTwinsDoNotLeak runs the case again with canaries planted at every input path it holds,
// in every placement of secrets the leak suite knows (leaves, whole inputs, JSON documents,
// plain copies of secret config), and fails if any part of a canary shows in what the policy
// says. So every rule's own cases, which reach the paths it reads, are also leak tests.
func assertTwinsDoNotLeak(t *testing.T, a *pack.Analyzer, policy pack.Policy, tc Case) {
	t.Helper()
	for _, mode := range leak.Modes {
		canaries := leak.New(uint64(len(tc.Name)))
		var resp plugin.AnalyzeResponse
		var err error
		if tc.Stack != nil {
			stack := make([]plugin.AnalyzerStackResource, len(tc.Stack))
			for i, sr := range tc.Stack {
				sr.AnalyzerResource = Plant(canaries, mode, sr.AnalyzerResource)
				stack[i] = sr
			}
			configureCanaryStack(a, tc, canaries)
			resp, err = a.AnalyzeStack(t.Context(), stack)
		} else {
			r := Plant(canaries, mode, tc.Resource)
			configureCanaryStack(a, tc, canaries)
			resp, err = a.Analyze(t.Context(), r)
		}
		require.NoError(t, err)
		for _, text := range Texts(resp) {
			if found := canaries.Find(text); len(found) > 0 {
				t.Errorf("policy %s leaks canaries planted as %s: %s", policy.Name, mode, strings.Join(found, "; "))
			}
		}
	}
}

// Plant returns r with canaries planted in its properties and its provider's, as mode places them.
func Plant(canaries *leak.Canaries, mode leak.Mode, r plugin.AnalyzerResource) plugin.AnalyzerResource {
	r.Properties = canaries.PlantMap(r.Properties, mode)
	if r.Provider != nil {
		p := *r.Provider
		p.Properties = canaries.PlantMap(p.Properties, mode)
		r.Provider = &p
	}
	return r
}

// PlantExport plants canaries in a stack export, as mode places them, and returns it as the
// engine sends it: each resource's inputs to Analyze, and its outputs to AnalyzeStack.
func PlantExport(canaries *leak.Canaries, mode leak.Mode, e Export,
) ([]plugin.AnalyzerResource, []plugin.AnalyzerStackResource) {
	inputs := make([]plugin.AnalyzerResource, 0, len(e))
	stack := make([]plugin.AnalyzerStackResource, 0, len(e))
	for _, r := range e {
		inputs = append(inputs, Plant(canaries, mode, r.Resource()))
		sr := r.StackResource()
		sr.Properties = canaries.PlantMap(sr.Properties, mode)
		stack = append(stack, sr)
	}
	return inputs, stack
}

// configureCanaryStack describes the case's stack with the canaries as its secret config.
func configureCanaryStack(a *pack.Analyzer, tc Case, canaries *leak.Canaries) {
	d := tc.Deployment
	if d == nil {
		d = DefaultDeployment()
	}
	config, secretKeys := canaries.ConfigSecrets(d.Project)
	for _, k := range d.ConfigKeys() {
		if _, ok := config[k]; !ok {
			config[k] = d.Config[k]
			if d.IsSecret(k) {
				secretKeys = append(secretKeys, k)
			}
		}
	}
	twin := pack.NewDeployment(d.Organization, d.Project, d.Stack, d.DryRun, d.Tags, config, secretKeys)
	twin.Known = d.Known
	twin.LookupEnv = d.LookupEnv
	a.ConfigureStack(twin)
}

// Texts are the messages and not-applicable reasons of a response: what a pack says.
func Texts(resp plugin.AnalyzeResponse) []string {
	var out []string
	for _, d := range resp.Diagnostics {
		out = append(out, d.Message)
	}
	for _, na := range resp.NotApplicable {
		out = append(out, na.Reason)
	}
	return out
}

func assertSeverity(t *testing.T, policy pack.Policy, res Result) {
	t.Helper()
	if policy.SeverityVaries != "" {
		return
	}
	for _, d := range res.Diagnostics {
		assert.Equal(t, policy.Severity, d.Severity, "%s is registered %s but reported %q at %s: report the "+
			"registered severity, or say why it varies in the policy's SeverityVaries",
			policy.Name, policy.Severity, d.Message, d.Severity)
	}
}

// Find returns the named policy.
func Find(t *testing.T, policies []pack.Policy, name string) pack.Policy {
	t.Helper()
	for _, p := range policies {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no policy named %q", name)
	return pack.Policy{}
}

// Remediate runs the policy's remediation at the remediate level on one resource.
func Remediate(t *testing.T, policy pack.Policy, r plugin.AnalyzerResource) plugin.RemediateResponse {
	t.Helper()
	a, err := pack.NewAnalyzer(alone(policy))
	require.NoError(t, err)
	a.ConfigureStack(DefaultDeployment())
	require.NoError(t, a.Configure(t.Context(), map[string]plugin.AnalyzerPolicyConfig{
		policy.Name: {EnforcementLevel: pack.Remediate},
	}))
	resp, err := a.Remediate(t.Context(), r)
	require.NoError(t, err)
	return resp
}

func assertOutcome(t *testing.T, tc Case, res Result) {
	t.Helper()
	messages := make([]string, len(res.Diagnostics))
	for i, d := range res.Diagnostics {
		messages[i] = d.Message
	}
	switch tc.Want {
	case Pass:
		assert.Empty(t, messages, "want no violation")
		assert.True(t, res.Applicable, "want the policy to decide, but it did not: %s", res.Reason)
	case Violation:
		require.NotEmpty(t, messages, "want a violation; not applicable: %q", res.Reason)
		if tc.Message != "" {
			assert.True(t, anyContains(messages, tc.Message), "no violation mentions %q: %q", tc.Message, messages)
		}
		if tc.Count > 0 {
			assert.Len(t, messages, tc.Count, "violations: %q", messages)
		}
	case NotApplicable:
		assert.Empty(t, messages, "want not applicable, got violations")
		assert.False(t, res.Applicable, "want not applicable")
		assert.Contains(t, res.Reason, tc.Message)
	default:
		t.Fatalf("case %q has no Want", tc.Name)
	}
}

func anyContains(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// assertNoSecrets fails if a secret of the case shows in a message or reason.
func assertNoSecrets(t *testing.T, tc Case, res Result) {
	t.Helper()
	var secrets []string
	collect := func(m property.Map) {
		secrets = append(secrets, secretStrings(property.New(m), false)...)
	}
	rs := []plugin.AnalyzerResource{tc.Resource}
	for _, sr := range tc.Stack {
		rs = append(rs, sr.AnalyzerResource)
	}
	for _, r := range rs {
		collect(r.Properties)
		if r.Provider != nil {
			collect(r.Provider.Properties)
		}
	}
	texts := []string{res.Reason}
	for _, d := range res.Diagnostics {
		texts = append(texts, d.Message)
	}
	for _, s := range secrets {
		if s == pack.Redacted {
			// A secret that is already redacted (a stack export's secret nobody can decrypt) reads
			// as every quoted secret does.
			continue
		}
		for _, text := range texts {
			if strings.Contains(text, s) {
				t.Errorf("a secret value shows in %q", strings.ReplaceAll(text, s, "<the secret>"))
			}
		}
	}
}

func secretStrings(v property.Value, inSecret bool) []string {
	inSecret = inSecret || v.Secret()
	var out []string
	switch {
	case v.IsString() && inSecret && len(v.AsString()) >= 4:
		out = append(out, v.AsString())
	case v.IsArray():
		for _, item := range v.AsArray().All {
			out = append(out, secretStrings(item, inSecret)...)
		}
	case v.IsMap():
		for _, item := range v.AsMap().All {
			out = append(out, secretStrings(item, inSecret)...)
		}
	}
	return out
}

// Canary is a plaintext secret value tests plant in inputs to prove no message repeats it.
const Canary = "canary-3b9f-secret-value-do-not-print"

// AssertNoCanary fails if the canary shows in any diagnostic or reason; Check calls it on
// every case.
func AssertNoCanary(t *testing.T, res Result) {
	t.Helper()
	for _, d := range res.Diagnostics {
		assert.NotContains(t, d.Message, Canary)
		assert.NotContains(t, d.Message, Canary[:12], "not even part of it")
	}
	assert.NotContains(t, res.Reason, Canary[:12])
}
