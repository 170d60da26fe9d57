package pack_test

import (
	"context"
	"sync"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder is a decision log that keeps what it is given.
type recorder struct {
	mu        sync.Mutex
	got       []pack.Decision
	operation []string
	flushes   int
}

func (r *recorder) Record(d *pack.Deployment, decisions []pack.Decision) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, decisions...)
	r.operation = append(r.operation, d.Operation())
}

func (r *recorder) Flush(context.Context) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.flushes++
}

// outcomes maps "policy urn-name" to the outcome and message logged.
func (r *recorder) outcomes() map[string]pack.Decision {
	out := map[string]pack.Decision{}
	for _, d := range r.got {
		name := ""
		if d.URN != "" {
			name = d.URN.Name()
		}
		out[d.Policy+" "+name] = d
	}
	return out
}

const thingType = "test:index:Thing"

// decisionPack has a policy per outcome, one for other types, one disabled, and stack policies.
func decisionPack(log pack.DecisionLog) pack.Pack {
	return pack.Pack{Name: "p", Version: "1.0.0", DecisionLog: log, Policies: []pack.Policy{
		{Name: "passes", Description: "d", Severity: pack.Low, Types: []string{thingType}, Resource: noop},
		{Name: "violates", Description: "d", Severity: pack.High, Types: []string{thingType},
			Resource: func(c *pack.Check, r *pack.Resource) { c.Violatef("%s is bad", r.Name) }},
		{Name: "skips", Description: "d", Severity: pack.Medium, Types: []string{thingType},
			Resource: func(c *pack.Check, _ *pack.Resource) { c.Skip("nothing to judge") }},
		{Name: "other-types", Description: "d", Severity: pack.Low, Types: []string{"x:y:Z"}, Resource: noop},
		{Name: "disabled", Description: "d", Severity: pack.Low, EnforcementLevel: pack.Disabled, Resource: noop},
		{Name: "fixes", Description: "d", Severity: pack.Medium, EnforcementLevel: pack.Remediate,
			Types: []string{thingType}, Resource: noop,
			Remediate: func(_ *pack.Check, r *pack.Resource) (property.Map, bool) {
				return property.NewMap(map[string]property.Value{"fixed": property.New(true)}), true
			}},
		{Name: "stack-passes", Description: "d", Severity: pack.Low, Stack: func(*pack.Check, *pack.Stack) {}},
		{Name: "stack-violates", Description: "d", Severity: pack.Critical, Stack: func(c *pack.Check, s *pack.Stack) {
			c.Report(pack.Violation{URN: s.Resources[0].URN, Message: "the first resource is bad"})
		}},
		{Name: "stack-other-types", Description: "d", Severity: pack.Low, Types: []string{"x:y:Z"},
			Stack: func(*pack.Check, *pack.Stack) {}},
	}}
}

func TestDecisionLogRecordsEveryPolicyThatRan(t *testing.T) {
	log := &recorder{}
	a := newAnalyzer(t, decisionPack(log))
	a.ConfigureStack(pack.NewDeployment("o", "proj", "s", true, nil, nil, nil))
	thing := packtest.Resource(thingType, "thing", nil)

	_, err := a.Analyze(t.Context(), thing)
	require.NoError(t, err)
	_, err = a.Remediate(t.Context(), thing)
	require.NoError(t, err)
	_, err = a.AnalyzeStack(t.Context(), []plugin.AnalyzerStackResource{{AnalyzerResource: thing}})
	require.NoError(t, err)

	got := log.outcomes()
	want := map[string]pack.Decision{
		"passes thing":   {Outcome: pack.Passed, Level: pack.Advisory, Severity: pack.Low},
		"violates thing": {Outcome: pack.Violated, Level: pack.Mandatory, Severity: pack.High, Message: "thing is bad"},
		"skips thing":    {Outcome: pack.NotApplicable, Level: pack.Advisory, Severity: pack.Medium, Message: "nothing to judge"},
		"fixes thing":    {Outcome: pack.Remediated, Level: pack.Remediate, Severity: pack.Medium},
		"stack-passes ":  {Outcome: pack.Passed, Level: pack.Advisory, Severity: pack.Low},
		"stack-violates thing": {Outcome: pack.Violated, Level: pack.Mandatory, Severity: pack.Critical,
			Message: "the first resource is bad"},
	}
	require.Len(t, got, len(want), "no decision for other types or disabled policies: %v", got)
	for key, w := range want {
		d, ok := got[key]
		require.True(t, ok, "no decision %q", key)
		assert.Equal(t, w.Outcome, d.Outcome, key)
		assert.Equal(t, w.Level, d.Level, key)
		assert.Equal(t, w.Severity, d.Severity, key)
		assert.Equal(t, w.Message, d.Message, key)
		if d.URN != "" {
			assert.Equal(t, thingType, d.Type, key)
		}
	}
	assert.Equal(t, []string{"preview", "preview", "preview"}, log.operation)
}

func TestDecisionLogSeesScrubbedMessagesOnly(t *testing.T) {
	log := &recorder{}
	p := pack.Pack{Name: "p", Version: "1.0.0", DecisionLog: log, Policies: []pack.Policy{
		{Name: "echoes", Description: "d", Severity: pack.High, Resource: func(c *pack.Check, r *pack.Resource) {
			c.Violatef("token is %s", r.Get("token").Raw().AsString())
		}},
	}}
	a := newAnalyzer(t, p)
	_, err := a.Analyze(t.Context(), packtest.Resource(thingType, "thing",
		packtest.Props{"token": packtest.Secret("hunter2-very-secret")}))
	require.NoError(t, err)
	require.Len(t, log.got, 1)
	assert.NotContains(t, log.got[0].Message, "hunter2")
	assert.Equal(t, []string{"analyze"}, log.operation, "no ConfigureStack: policy analyze --file")
}

func TestDecisionLogIsFlushedWhenTheEngineCancelsOrCloses(t *testing.T) {
	log := &recorder{}
	a := newAnalyzer(t, decisionPack(log))
	require.NoError(t, a.Cancel(t.Context()))
	require.NoError(t, a.Close())
	assert.Equal(t, 2, log.flushes)
}

func TestDeploymentOperation(t *testing.T) {
	assert.Equal(t, "analyze", (&pack.Deployment{}).Operation())
	assert.Equal(t, "preview", pack.NewDeployment("o", "p", "s", true, nil, nil, nil).Operation())
	assert.Equal(t, "update", pack.NewDeployment("o", "p", "s", false, nil, nil, nil).Operation())
}
