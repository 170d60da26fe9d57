package pack_test

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// flagAt reports a violation at the path named by the resource's "at" property, for each item.
func flagAt(c *pack.Check, r *pack.Resource) {
	for _, at := range r.Get("at").Strings() {
		c.ViolateAt(at, "%s is wrong at %s", r.Name, at)
	}
}

func flagWhole(c *pack.Check, r *pack.Resource) {
	if r.Get("whole").Bool(false) {
		c.Violatef("%s is wrong", r.Name)
	}
}

func supersedingPack() pack.Pack {
	return pack.Pack{Name: "p", Version: "1.0.0", Policies: []pack.Policy{
		{Name: "strong", Description: "d", Severity: pack.Critical, Supersedes: []string{"weak", "whole"},
			Resource: flagAt},
		{Name: "weak", Description: "d", Severity: pack.High, Resource: flagAt},
		{Name: "whole", Description: "d", Severity: pack.Low, Resource: flagWhole},
		{Name: "stack-weak", Description: "d", Severity: pack.Low, Stack: func(c *pack.Check, s *pack.Stack) {
			for _, r := range s.Resources {
				for _, at := range r.Get("at").Strings() {
					c.Report(pack.Violation{URN: r.URN, Path: at, Message: r.Name + " is wrong at " + at})
				}
			}
		}},
		{Name: "stack-strong", Description: "d", Severity: pack.Low, Supersedes: []string{"stack-weak"},
			Resource: func(c *pack.Check, r *pack.Resource) {
				if r.Get("strongToo").Bool(false) {
					flagAt(c, r)
				}
			}},
	}}
}

func policiesOf(diags []plugin.AnalyzeDiagnostic) []string {
	var out []string
	for _, d := range diags {
		out = append(out, d.PolicyName+" "+d.Message)
	}
	return out
}

func TestSupersededFindingsAreDropped(t *testing.T) {
	a := newAnalyzer(t, supersedingPack())
	r := packtest.Resource("x:y:Z", "z", packtest.Props{"at": []any{"ingress[0]"}})
	resp, err := a.Analyze(t.Context(), r)
	require.NoError(t, err)
	assert.Equal(t, []string{"strong z is wrong at ingress[0]"}, policiesOf(resp.Diagnostics))
	assert.Contains(t, resp.NotApplicable, plugin.PolicyNotApplicable{PolicyName: "weak",
		Reason: "superseded by strong, which reported the same resource and property"})
}

func TestFindingsOnOtherPathsAreKept(t *testing.T) {
	a := newAnalyzer(t, supersedingPack())
	// The weak policy's finding on ingress[1] has no stronger twin; a finding about the whole
	// resource is not one about a property.
	r := packtest.Resource("x:y:Z", "z", packtest.Props{"at": []any{"ingress[0]"}, "whole": true})
	resp, err := a.Analyze(t.Context(), r)
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"strong z is wrong at ingress[0]", "whole z is wrong"}, policiesOf(resp.Diagnostics))
}

func TestADisabledSupersedingPolicyDropsNothing(t *testing.T) {
	a := newAnalyzer(t, supersedingPack())
	require.NoError(t, a.Configure(t.Context(), map[string]plugin.AnalyzerPolicyConfig{
		"strong": {EnforcementLevel: pack.Disabled},
	}))
	resp, err := a.Analyze(t.Context(), packtest.Resource("x:y:Z", "z", packtest.Props{"at": []any{"ingress[0]"}}))
	require.NoError(t, err)
	assert.Equal(t, []string{"weak z is wrong at ingress[0]"}, policiesOf(resp.Diagnostics))
}

func TestAResourcePolicySupersedesAStackPolicy(t *testing.T) {
	a := newAnalyzer(t, supersedingPack())
	judged := packtest.Resource("x:y:Z", "judged", packtest.Props{"at": []any{"acl"}, "strongToo": true})
	alone := packtest.Resource("x:y:Z", "alone", packtest.Props{"at": []any{"acl"}})
	resp, err := a.AnalyzeStack(t.Context(), packtest.Stack(judged, alone))
	require.NoError(t, err)
	assert.Equal(t, []string{"stack-weak alone is wrong at acl"}, policiesOf(resp.Diagnostics))

	findings := a.Findings([]plugin.AnalyzerResource{judged, alone}, packtest.Stack(judged, alone))
	assert.Contains(t, findings, pack.Finding{Policy: "stack-strong", URN: judged.URN, Path: "acl", Severity: pack.Low})
	assert.Contains(t, findings, pack.Finding{Policy: "stack-weak", URN: alone.URN, Path: "acl", Severity: pack.Low})
	assert.NotContains(t, findings, pack.Finding{Policy: "stack-weak", URN: judged.URN, Path: "acl", Severity: pack.Low})
}

func TestInvalidSupersedesAreRejected(t *testing.T) {
	stack := func(*pack.Check, *pack.Stack) {}
	for name, tc := range map[string]struct {
		policies []pack.Policy
		want     string
	}{
		"unknown": {[]pack.Policy{{Name: "a", Description: "d", Severity: pack.Low, Resource: noop,
			Supersedes: []string{"b"}}}, `policy "a" supersedes "b", which is not a policy of the pack`},
		"itself": {[]pack.Policy{{Name: "a", Description: "d", Severity: pack.Low, Resource: noop,
			Supersedes: []string{"a"}}}, `policy "a" supersedes itself`},
		"stack over resource": {[]pack.Policy{
			{Name: "a", Description: "d", Severity: pack.Low, Stack: stack, Supersedes: []string{"b"}},
			{Name: "b", Description: "d", Severity: pack.Low, Resource: noop},
		}, `stack policy "a" cannot supersede resource policy "b"`},
		"cycle": {[]pack.Policy{
			{Name: "a", Description: "d", Severity: pack.Low, Resource: noop, Supersedes: []string{"b"}},
			{Name: "b", Description: "d", Severity: pack.Low, Resource: noop, Supersedes: []string{"c"}},
			{Name: "c", Description: "d", Severity: pack.Low, Resource: noop, Supersedes: []string{"a"}},
		}, "cycle: "},
	} {
		_, err := pack.NewAnalyzer(pack.Pack{Name: "p", Version: "1.0.0", Policies: tc.policies})
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), tc.want, name)
	}
}

// Findings in the deployed state (resource policies run on outputs in AnalyzeStack) are
// superseded like those of Analyze.
func TestDeployedStateFindingsAreSuperseded(t *testing.T) {
	a := newAnalyzer(t, supersedingPack())
	// The inputs show nothing wrong; the provider filled in what the outputs show.
	inputs := packtest.Resource("x:y:Z", "z", packtest.Props{})
	resp, err := a.Analyze(t.Context(), inputs)
	require.NoError(t, err)
	require.Empty(t, resp.Diagnostics)
	r := packtest.Resource("x:y:Z", "z", packtest.Props{"at": []any{"ingress[0]"}})
	resp, err = a.AnalyzeStack(t.Context(), packtest.Stack(r))
	require.NoError(t, err)
	assert.ElementsMatch(t, []string{"strong the deployed state shows: z is wrong at ingress[0]",
		"stack-weak z is wrong at ingress[0]"}, policiesOf(resp.Diagnostics))
}
