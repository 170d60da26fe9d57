package pack_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/internal/testpack"
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newAnalyzer(t *testing.T, p pack.Pack) *pack.Analyzer {
	t.Helper()
	a, err := pack.NewAnalyzer(p)
	require.NoError(t, err)
	return a
}

func levels(t *testing.T, a *pack.Analyzer) map[string]apitype.EnforcementLevel {
	t.Helper()
	info, err := a.GetAnalyzerInfo(t.Context())
	require.NoError(t, err)
	out := map[string]apitype.EnforcementLevel{}
	for _, p := range info.Policies {
		out[p.Name] = p.EnforcementLevel
	}
	return out
}

func noop(*pack.Check, *pack.Resource) {}

func TestEnforcementLevelResolution(t *testing.T) {
	p := pack.Pack{Name: "p", Version: "1.0.0", EnforcementLevel: pack.Mandatory, Policies: []pack.Policy{
		{Name: "critical", Description: "d", Severity: pack.Critical, Resource: noop},
		{Name: "high", Description: "d", Severity: pack.High, Resource: noop},
		{Name: "medium", Description: "d", Severity: pack.Medium, Resource: noop},
		{Name: "low", Description: "d", Severity: pack.Low, Resource: noop},
		{Name: "explicit", Description: "d", Severity: pack.Low, EnforcementLevel: pack.Mandatory, Resource: noop},
	}}
	a := newAnalyzer(t, p)
	assert.Equal(t, map[string]apitype.EnforcementLevel{
		"critical": pack.Mandatory, "high": pack.Mandatory, "medium": pack.Advisory, "low": pack.Advisory,
		"explicit": pack.Mandatory,
	}, levels(t, a))

	require.NoError(t, a.Configure(t.Context(), map[string]plugin.AnalyzerPolicyConfig{
		"all":    {EnforcementLevel: pack.Advisory},
		"medium": {EnforcementLevel: pack.Disabled},
		"low":    {},
	}))
	got := levels(t, a)
	assert.Equal(t, pack.Disabled, got["medium"], "per-policy config wins")
	assert.Equal(t, pack.Advisory, got["low"], "no level in config keeps the default")
	assert.Equal(t, pack.Mandatory, got["critical"], "the engine applies \"all\" itself before Configure")
}

func TestInvalidPacksAreRejected(t *testing.T) {
	for name, tc := range map[string]struct {
		policy pack.Policy
		want   string
	}{
		"name":        {pack.Policy{Name: "Bad_Name", Description: "d", Severity: pack.Low, Resource: noop}, "not kebab-case"},
		"severity":    {pack.Policy{Name: "a", Description: "d", Resource: noop}, "severity"},
		"no function": {pack.Policy{Name: "a", Description: "d", Severity: pack.Low}, "neither Resource nor Stack is set"},
		"settings without schema": {pack.Policy{Name: "a", Description: "d", Severity: pack.Low, Resource: noop,
			Settings: func() any { return &struct{}{} }}, "go together"},
		"untyped setting": {pack.Policy{Name: "a", Description: "d", Severity: pack.Low, Resource: noop,
			Config:   pack.Schema{Properties: map[string]pack.JSONSchema{"x": {"description": "x"}}},
			Settings: func() any { return &struct{}{} }}, `setting "x" has no type`},
		"settings that do not decode": {pack.Policy{Name: "a", Description: "d", Severity: pack.Low, Resource: noop,
			Config:   pack.Schema{Properties: map[string]pack.JSONSchema{"x": pack.Integer("x", 1, 0)}},
			Settings: func() any { return &struct{}{} }}, "unknown field"},
		"remediate without function": {pack.Policy{Name: "a", Description: "d", Severity: pack.Low, Resource: noop,
			EnforcementLevel: pack.Remediate}, "remediate level"},
	} {
		_, err := pack.NewAnalyzer(pack.Pack{Name: "p", Version: "1.0.0", Policies: []pack.Policy{tc.policy}})
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), tc.want, name)
	}
	_, err := pack.NewAnalyzer(pack.Pack{Name: "p", Version: "not-a-version"})
	assert.ErrorContains(t, err, "pack version")
	twice := pack.Policy{Name: "a", Description: "d", Severity: pack.Low, Resource: noop}
	_, err = pack.NewAnalyzer(pack.Pack{Name: "p", Version: "1.0.0", Policies: []pack.Policy{twice, twice}})
	assert.ErrorContains(t, err, "defined twice")
}

func TestConfigureRejectsUnknownSettingsAndPolicies(t *testing.T) {
	a := newAnalyzer(t, testpack.Pack())
	err := a.Configure(t.Context(), map[string]plugin.AnalyzerPolicyConfig{
		"thing-enabled": {Properties: map[string]any{"limt": 3}},
	})
	assert.ErrorContains(t, err, `thing-enabled: unknown setting "limt" (settings: limit)`)

	err = a.Configure(t.Context(), map[string]plugin.AnalyzerPolicyConfig{"no-such-policy-at-all": {}})
	assert.ErrorContains(t, err, `"no-such-policy-at-all" is not a policy of test-pack`)
	assert.NotContains(t, err.Error(), "did you mean", "far-off names get no suggestion")

	err = a.Configure(t.Context(), map[string]plugin.AnalyzerPolicyConfig{
		"thing-enabled": {Properties: map[string]any{"limit": "ten"}},
	})
	assert.ErrorContains(t, err, "thing-enabled: limit: Invalid type. Expected: integer, given: string")

	err = a.Configure(t.Context(), map[string]plugin.AnalyzerPolicyConfig{
		"thing-enabled": {Properties: map[string]any{"limit": -3}},
	})
	assert.ErrorContains(t, err, "thing-enabled: limit: Must be greater than or equal to 0",
		"settings are validated against their schema even when the engine did not")
}

func TestNotApplicableListsOtherTypesAndDisabledPolicies(t *testing.T) {
	a := newAnalyzer(t, testpack.Pack())
	resp, err := a.Analyze(t.Context(), packtest.Resource("other:index:Thing", "x", nil))
	require.NoError(t, err)
	reasons := map[string]string{}
	for _, na := range resp.NotApplicable {
		reasons[na.PolicyName] = na.Reason
	}
	assert.Equal(t, map[string]string{
		"thing-enabled":  "other resource types",
		"panics":         "other resource types",
		"echoes-secrets": "other resource types",
	}, reasons, "stack-names applies to every type and passed; thing-count is a stack policy")

	require.NoError(t, a.Configure(t.Context(), map[string]plugin.AnalyzerPolicyConfig{
		"thing-count": {EnforcementLevel: pack.Disabled},
	}))
	stackResp, err := a.AnalyzeStack(t.Context(), packtest.Stack(packtest.Resource(testpack.ThingType, "t", nil)))
	require.NoError(t, err)
	assert.Equal(t, []plugin.PolicyNotApplicable{{PolicyName: "thing-count", Reason: "disabled by the policy pack's config"}},
		stackResp.NotApplicable)
}

func TestStackPolicyWithoutItsTypesIsNotApplicable(t *testing.T) {
	a := newAnalyzer(t, testpack.Pack())
	resp, err := a.AnalyzeStack(t.Context(), packtest.Stack(packtest.Resource("aws:s3/bucket:Bucket", "b", nil)))
	require.NoError(t, err)
	assert.Equal(t, []plugin.PolicyNotApplicable{{PolicyName: "thing-count", Reason: "the stack has no resources of its types"}},
		resp.NotApplicable)
}

func TestPanicBecomesOneDiagnosticAtThePolicyLevel(t *testing.T) {
	a := newAnalyzer(t, testpack.Pack())
	r := packtest.Resource(testpack.PanicType, "p", nil)
	for range 3 {
		resp, err := a.Analyze(t.Context(), r)
		require.NoError(t, err)
		require.Len(t, resp.Diagnostics, 1)
		d := resp.Diagnostics[0]
		assert.Equal(t, "panics", d.PolicyName)
		assert.Equal(t, r.URN, d.URN)
		assert.Equal(t, pack.Advisory, d.EnforcementLevel)
		assert.Contains(t, d.Message, "policy panics failed while checking "+string(r.URN))
	}
}

func TestRemediationRunsOnlyAtRemediateLevel(t *testing.T) {
	a := newAnalyzer(t, testpack.Pack())
	off := packtest.Resource(testpack.ThingType, "t", packtest.Props{"enabled": false, "pw": packtest.Secret("p4ssw0rd")})
	resp, err := a.Remediate(t.Context(), off)
	require.NoError(t, err)
	assert.Empty(t, resp.Remediations, "mandatory is not remediate")
	assert.Contains(t, resp.NotApplicable, plugin.PolicyNotApplicable{
		PolicyName: "thing-enabled", Reason: "does not remediate this resource at its enforcement level"})

	require.NoError(t, a.Configure(t.Context(), map[string]plugin.AnalyzerPolicyConfig{
		"thing-enabled": {EnforcementLevel: pack.Remediate},
	}))
	resp, err = a.Remediate(t.Context(), off)
	require.NoError(t, err)
	require.Len(t, resp.Remediations, 1)
	assert.Equal(t, property.New(true), resp.Remediations[0].Properties.Get("enabled"))
	assert.True(t, resp.Remediations[0].Properties.Get("pw").Secret())

	later := packtest.Resource(testpack.ThingType, "t", packtest.Props{"enabled": packtest.Unknown})
	resp, err = a.Remediate(t.Context(), later)
	require.NoError(t, err)
	assert.Empty(t, resp.Remediations, "an unknown value is not remediated")
}

func TestDeploymentDefaultsToUnknown(t *testing.T) {
	a := newAnalyzer(t, testpack.Pack())
	resp, err := a.Analyze(t.Context(), packtest.Resource("x:y:Z", "z", nil))
	require.NoError(t, err)
	assert.Empty(t, resp.Diagnostics)

	a.ConfigureStack(pack.NewDeployment("o", "p", "s", false, map[string]string{"fail": "yes"}, nil, nil))
	resp, err = a.Analyze(t.Context(), packtest.Resource("x:y:Z", "z", nil))
	require.NoError(t, err)
	require.Len(t, resp.Diagnostics, 1)
	assert.Equal(t, "stack o/p/s is tagged to fail", resp.Diagnostics[0].Message)
}

// TestConcurrentAnalyzeAndConfigure runs Analyze from many goroutines while the config and the
// stack change; run with -race.
func TestConcurrentAnalyzeAndConfigure(t *testing.T) {
	a := newAnalyzer(t, testpack.Pack())
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for j := range 50 {
				r := packtest.Resource(testpack.ThingType, fmt.Sprintf("t%d-%d", i, j),
					packtest.Props{"enabled": j%2 == 0, "spec": packtest.Props{"size": float64(j)}})
				_, err := a.Analyze(t.Context(), r)
				assert.NoError(t, err)
			}
		})
	}
	wg.Go(func() {
		for j := range 50 {
			assert.NoError(t, a.Configure(t.Context(), map[string]plugin.AnalyzerPolicyConfig{
				"thing-enabled": {Properties: map[string]any{"limit": j}},
			}))
			a.ConfigureStack(pack.NewDeployment("o", "p", "s", j%2 == 0, nil, nil, nil))
		}
	})
	wg.Wait()
}

func TestSecretsAreScrubbedFromNotApplicableReasons(t *testing.T) {
	a := newAnalyzer(t, pack.Pack{Name: "p", Version: "1.0.0", Policies: []pack.Policy{{
		Name: "skips", Description: "d", Severity: pack.Low,
		Resource: func(c *pack.Check, r *pack.Resource) {
			c.Skip("careless reason quoting " + r.Get("token").Raw().AsString())
		},
	}}})
	resp, err := a.Analyze(t.Context(), packtest.Resource("x:y:Z", "z", packtest.Props{"token": packtest.Secret("tok-12345")}))
	require.NoError(t, err)
	require.Len(t, resp.NotApplicable, 1)
	assert.Equal(t, "the reason is withheld because the check read secret values (token)", resp.NotApplicable[0].Reason,
		"a reason written after reading a secret is withheld whole, not scrubbed")
}

func TestStackChecksDeferOneResourceAndJudgeTheRest(t *testing.T) {
	a := newAnalyzer(t, testpack.Pack())
	external := packtest.Resource(testpack.ThingType, "ext", packtest.Props{"external": true, "enabled": true})
	resp, err := a.AnalyzeStack(t.Context(), packtest.Stack(external,
		packtest.Resource(testpack.ThingType, "ok", packtest.Props{"enabled": true})))
	require.NoError(t, err)
	assert.Empty(t, resp.Diagnostics)
	assert.Equal(t, []plugin.PolicyNotApplicable{{PolicyName: "thing-count", Reason: "ext: managed outside this stack"}},
		resp.NotApplicable)

	extra := packtest.Resource(testpack.ThingType, "extra", packtest.Props{"extra": true, "enabled": true})
	resp, err = a.AnalyzeStack(t.Context(), packtest.Stack(external, extra))
	require.NoError(t, err)
	require.Len(t, resp.Diagnostics, 1, "the deferred resource does not hide the violation of another")
	assert.Equal(t, extra.URN, resp.Diagnostics[0].URN)
}

// TestDeployedStateIsJudgedOnce shows resource policies judging outputs in AnalyzeStack: what
// the outputs show that the inputs did not is reported, saying so; what the inputs already showed
// is not reported twice; policies about the program's declarations do not judge outputs; a
// resource the program only reads (never judged from inputs) is left alone.
func TestDeployedStateIsJudgedOnce(t *testing.T) {
	p := testpack.Pack()
	for i := range p.Policies {
		if p.Policies[i].Name == "stack-names" {
			p.Policies[i].InputsOnly = true
		}
	}
	a := newAnalyzer(t, p)
	filledIn := packtest.Resource(testpack.ThingType, "filled-in", packtest.Props{"enabled": true})
	declared := packtest.Resource(testpack.ThingType, "declared", nil)
	for _, r := range []plugin.AnalyzerResource{filledIn, declared} {
		_, err := a.Analyze(t.Context(), r)
		require.NoError(t, err)
	}
	filledIn.Properties = packtest.Map(packtest.Props{"enabled": false})
	read := packtest.Resource(testpack.ThingType, "read", packtest.Props{"enabled": false})
	resp, err := a.AnalyzeStack(t.Context(), packtest.Stack(filledIn, declared, read))
	require.NoError(t, err)
	var got []string
	for _, d := range resp.Diagnostics {
		got = append(got, d.PolicyName+" "+d.URN.Name()+": "+d.Message)
	}
	assert.Equal(t, []string{"thing-enabled filled-in: the deployed state shows: thing filled-in is disabled"}, got)
}

func TestPolicyWithResourceAndStackRunsBoth(t *testing.T) {
	p := pack.Policy{Name: "both", Description: "d", Severity: pack.High, Types: []string{"t:index:Thing"},
		Resource: func(c *pack.Check, r *pack.Resource) { c.Violatef("resource %s", r.Name) },
		Stack:    func(c *pack.Check, _ *pack.Stack) { c.Violatef("stack") },
	}
	a := newAnalyzer(t, pack.Pack{Name: "p", Version: "1.0.0", Policies: []pack.Policy{p}})
	info, err := a.GetAnalyzerInfo(t.Context())
	require.NoError(t, err)
	assert.Equal(t, plugin.AnalyzerPolicyTypeResource, info.Policies[0].Type,
		"the engine counts its passes per resource, where it decides first")

	thing := packtest.Resource("t:index:Thing", "x", nil)
	resp, err := a.Analyze(t.Context(), thing)
	require.NoError(t, err)
	require.Len(t, resp.Diagnostics, 1)
	assert.Equal(t, "resource x", resp.Diagnostics[0].Message)

	resp, err = a.AnalyzeStack(t.Context(), packtest.Stack(thing))
	require.NoError(t, err)
	require.Len(t, resp.Diagnostics, 1)
	assert.Equal(t, "stack", resp.Diagnostics[0].Message)
}

func TestStackKeepsOneResourcePerURN(t *testing.T) {
	urn := pack.URN("urn:pulumi:dev::app::test:index:Thing::copy")
	first := &pack.Resource{URN: urn, Type: "test:index:Thing", Name: "copy"}
	last := &pack.Resource{URN: urn, Type: "test:index:Thing", Name: "copy"}
	side := &pack.Resource{URN: "urn:pulumi:dev::app::test:index:Side::s", Type: "test:index:Side", Name: "s",
		PropertyDependencies: map[string][]pack.URN{"thing": {urn}}}
	s := pack.NewStack([]*pack.Resource{first, side, last})
	assert.Equal(t, []*pack.Resource{side, last}, s.Resources)
	assert.Equal(t, []*pack.Resource{last}, s.OfType("test:index:Thing"))
	assert.Same(t, last, s.Resource(urn))
	assert.Equal(t, []*pack.Resource{side}, s.Referrers(urn, "thing"))
}

func TestCancelStopsCallsInFlightAndLater(t *testing.T) {
	var a *pack.Analyzer
	var ran []string
	record := func(name string) func(*pack.Check, *pack.Resource) {
		return func(*pack.Check, *pack.Resource) { ran = append(ran, name) }
	}
	a = newAnalyzer(t, pack.Pack{Name: "p", Version: "1.0.0", Policies: []pack.Policy{
		{Name: "a-first", Description: "d", Severity: pack.Low, Resource: func(c *pack.Check, r *pack.Resource) {
			ran = append(ran, "a-first")
			require.NoError(t, a.Cancel(t.Context())) // the user interrupts while this policy runs
		}},
		{Name: "b-second", Description: "d", Severity: pack.Low, Resource: record("b-second")},
		{Name: "c-stack", Description: "d", Severity: pack.Low,
			Stack: func(*pack.Check, *pack.Stack) { ran = append(ran, "c-stack") }},
	}})
	r := packtest.Resource("test:index:Thing", "t", packtest.Props{})

	_, err := a.Analyze(t.Context(), r)
	require.ErrorContains(t, err, "policy pack p: canceled by the engine")
	assert.Equal(t, []string{"a-first"}, ran, "the call in flight stops at its next policy")

	_, err = a.Analyze(t.Context(), r)
	assert.ErrorContains(t, err, "canceled by the engine")
	_, err = a.AnalyzeStack(t.Context(), packtest.Stack(r))
	assert.ErrorContains(t, err, "canceled by the engine")
	_, err = a.Remediate(t.Context(), r)
	assert.ErrorContains(t, err, "canceled by the engine")
	assert.Equal(t, []string{"a-first"}, ran, "later calls run nothing")
}

func TestCanceledCallRunsNothing(t *testing.T) {
	var ran []string
	a := newAnalyzer(t, pack.Pack{Name: "p", Version: "1.0.0", Policies: []pack.Policy{
		{Name: "one", Description: "d", Severity: pack.Low,
			Resource: func(*pack.Check, *pack.Resource) { ran = append(ran, "resource") }},
		{Name: "two", Description: "d", Severity: pack.Low,
			Stack: func(*pack.Check, *pack.Stack) { ran = append(ran, "stack") }},
	}})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	r := packtest.Resource("test:index:Thing", "t", packtest.Props{})
	_, err := a.Analyze(ctx, r)
	require.ErrorIs(t, err, context.Canceled)
	_, err = a.AnalyzeStack(ctx, packtest.Stack(r))
	require.ErrorIs(t, err, context.Canceled)
	assert.Empty(t, ran)

	_, err = a.Analyze(t.Context(), r)
	require.NoError(t, err, "only that call was canceled")
	assert.Equal(t, []string{"resource"}, ran)
}
