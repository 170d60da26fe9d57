package pack_test

import (
	"context"
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/internal/synth"
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/propertyrpc"
	"github.com/stretchr/testify/require"
)

// benchAnalyzer is the whole pack, in-process, configured with its defaults.
func benchAnalyzer(b *testing.B) *pack.Analyzer {
	b.Helper()
	a, err := pack.NewAnalyzer(pack.Pack{Name: "bench", Version: "1.0.0", Policies: policies.All()})
	require.NoError(b, err)
	a.ConfigureStack(pack.NewDeployment("bench", "synth", "bench", true,
		map[string]string{"owner": "team-bench", "environment": "dev"}, nil, nil))
	return a
}

// BenchmarkAnalyze measures the pack's own cost per Analyze call (dispatch by type, every rule
// that applies, the response), without the protocol.
func BenchmarkAnalyze(b *testing.B) {
	a := benchAnalyzer(b)
	stack := synth.Stack(1000, 42)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := a.Analyze(b.Context(), stack[i%len(stack)].AnalyzerResource); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyzeStack measures the pack's own cost of a stack check over 10,000 resources.
func BenchmarkAnalyzeStack(b *testing.B) {
	benchAnalyzeStack(b, synth.Stack(10000, 42))
}

// BenchmarkAnalyzeStackSharedNames measures a stack check over 20,000 buckets that share one name,
// each with its own bucket policy (40,000 resources): the joins stay linear though every policy
// names every bucket.
func BenchmarkAnalyzeStackSharedNames(b *testing.B) {
	benchAnalyzeStack(b, synth.SharedNames(20000))
}

// benchAnalyzeStack measures AnalyzeStack of the whole pack over stack.
func benchAnalyzeStack(b *testing.B, stack []plugin.AnalyzerStackResource) {
	a := benchAnalyzer(b)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := a.AnalyzeStack(b.Context(), stack); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyzeHugeUserData measures one Analyze of an instance whose user data is a 50 MB
// script: the secret scan's work stays bounded by the windows it looks at, not by the value.
func BenchmarkAnalyzeHugeUserData(b *testing.B) {
	a := benchAnalyzer(b)
	script := strings.Repeat("#!/bin/bash\napt-get install -y nginx; systemctl start nginx\n", 50<<20/59)
	r := plugin.AnalyzerResource{
		URN: "urn:pulumi:bench::synth::aws:ec2/instance:Instance::web", Type: "aws:ec2/instance:Instance", Name: "web",
		Properties: property.NewMap(map[string]property.Value{"userData": property.New(script)}),
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := a.Analyze(b.Context(), r); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeProperties measures the protocol's property decoding, which the SDK adapter does
// once per request before any rule runs: the floor every rule sits on.
func BenchmarkDecodeProperties(b *testing.B) {
	stack := synth.Stack(1000, 42)
	wire := make([]any, len(stack))
	for i, r := range stack {
		wire[i] = propertyrpc.Marshal(r.Properties)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		s := propertyrpc.Marshal(stack[i%len(stack)].Properties)
		if _, err := propertyrpc.Unmarshal(s); err != nil {
			b.Fatal(err)
		}
	}
	_ = wire
	_ = plugin.AnalyzeResponse{}
}

// discardLog is a decision log that keeps nothing: the engine's own cost of a log that is on.
type discardLog struct{}

func (discardLog) Record(*pack.Deployment, []pack.Decision) {}
func (discardLog) Flush(context.Context)                    {}

// BenchmarkAnalyzeWithDecisionLog is BenchmarkAnalyze with a decision log on: the cost of turning
// each response into decisions, without the sink's own (see package decisionlog).
func BenchmarkAnalyzeWithDecisionLog(b *testing.B) {
	a, err := pack.NewAnalyzer(pack.Pack{Name: "bench", Version: "1.0.0", Policies: policies.All(),
		DecisionLog: discardLog{}})
	require.NoError(b, err)
	a.ConfigureStack(pack.NewDeployment("bench", "synth", "bench", true,
		map[string]string{"owner": "team-bench", "environment": "dev"}, nil, nil))
	stack := synth.Stack(1000, 42)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := a.Analyze(b.Context(), stack[i%len(stack)].AnalyzerResource); err != nil {
			b.Fatal(err)
		}
	}
}
