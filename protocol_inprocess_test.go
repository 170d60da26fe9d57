package main

import (
	"bufio"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/internal/bare"
	"github.com/pulumi-securely/pulumi-securely/internal/noop"
	"github.com/pulumi-securely/pulumi-securely/internal/rawfloor"
	"github.com/pulumi-securely/pulumi-securely/internal/rawfloor/packspec"
	"github.com/pulumi-securely/pulumi-securely/internal/synth"
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// serveInProcess starts serve in this process, as a binary would, and returns the engine's
// client for it.
func serveInProcess(b testing.TB, serve func(io.Writer) error) plugin.Analyzer {
	b.Helper()
	r, w := io.Pipe()
	go func() { _ = serve(w) }()
	port, err := bufio.NewReader(r).ReadString('\n')
	require.NoError(b, err)
	go func() { _, _ = io.Copy(io.Discard, r) }()
	conn, err := grpc.NewClient("127.0.0.1:"+strings.TrimSpace(port),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(b, err)
	b.Cleanup(func() { _ = conn.Close() })
	return plugin.NewAnalyzerWithClient("bench", pulumirpc.NewAnalyzerClient(conn))
}

func benchmarkAnalyzeOverGRPC(b *testing.B, a plugin.Analyzer) {
	stack := synth.Stack(1000, 42)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := a.Analyze(b.Context(), stack[i%len(stack)].AnalyzerResource); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAnalyzeOverGRPC measures Analyze through the real server and the engine's client over
// loopback, in one process so that one profile shows both sides; compare with
// BenchmarkFloorAnalyzeOverGRPC, the no-op analyzer the same way.
func BenchmarkAnalyzeOverGRPC(b *testing.B) {
	p := pack.Pack{Name: "bench", Version: "1.0.0", Policies: policies.All()}
	benchmarkAnalyzeOverGRPC(b, serveInProcess(b, func(w io.Writer) error { return pack.Serve(p, w) }))
}

// BenchmarkBareAnalyzeOverGRPC is BenchmarkAnalyzeOverGRPC for the pack with empty checks: the
// engine and the not-applicable lists without the rules.
func BenchmarkBareAnalyzeOverGRPC(b *testing.B) {
	benchmarkAnalyzeOverGRPC(b, serveInProcess(b, func(w io.Writer) error { return pack.Serve(bare.Pack(), w) }))
}

// BenchmarkFloorAnalyzeOverGRPC is BenchmarkAnalyzeOverGRPC for the no-op analyzer on the SDK's
// adapter.
func BenchmarkFloorAnalyzeOverGRPC(b *testing.B) {
	benchmarkAnalyzeOverGRPC(b, serveInProcess(b, noop.Serve))
}

// BenchmarkRawFloorAnalyzeOverGRPC is BenchmarkAnalyzeOverGRPC for the raw protocol floor, which
// answers with the pack's not-applicable lists without decoding the properties.
func BenchmarkRawFloorAnalyzeOverGRPC(b *testing.B) {
	benchmarkAnalyzeOverGRPC(b, serveInProcess(b, rawFloor))
}

func rawFloor(w io.Writer) error { return rawfloor.Serve(w, packspec.Of(policies.All())) }

// BenchmarkAnalyzeStackOverGRPC measures AnalyzeStack of 2,000 resources through the real server
// and the engine's client; compare with BenchmarkRawFloorAnalyzeStackOverGRPC.
func BenchmarkAnalyzeStackOverGRPC(b *testing.B) {
	p := pack.Pack{Name: "bench", Version: "1.0.0", Policies: policies.All()}
	benchmarkAnalyzeStackOverGRPC(b, serveInProcess(b, func(w io.Writer) error { return pack.Serve(p, w) }))
}

// BenchmarkRawFloorAnalyzeStackOverGRPC is BenchmarkAnalyzeStackOverGRPC for the raw floor.
func BenchmarkRawFloorAnalyzeStackOverGRPC(b *testing.B) {
	benchmarkAnalyzeStackOverGRPC(b, serveInProcess(b, rawFloor))
}

func benchmarkAnalyzeStackOverGRPC(b *testing.B, a plugin.Analyzer) {
	stack := synth.Stack(2000, 42)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := a.AnalyzeStack(b.Context(), stack); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAnalyzeStackOverGRPCMatchesInProcess checks that the server, which decodes AnalyzeStack's
// request resource by resource, answers as the analyzer does in-process on the same stack.
func TestAnalyzeStackOverGRPCMatchesInProcess(t *testing.T) {
	p := pack.Pack{Name: "test", Version: "1.0.0", Policies: policies.All()}
	served := serveInProcess(t, func(w io.Writer) error { return pack.Serve(p, w) })
	local, err := pack.NewAnalyzer(p)
	require.NoError(t, err)
	stack := synth.Stack(1500, 11)
	want, err := local.AnalyzeStack(t.Context(), stack)
	require.NoError(t, err)
	got, err := served.AnalyzeStack(t.Context(), stack)
	require.NoError(t, err)
	require.NotEmpty(t, want.Diagnostics)
	assert.ElementsMatch(t, want.Diagnostics, got.Diagnostics)
	assert.ElementsMatch(t, want.NotApplicable, got.NotApplicable)
}

// TestRawFloorAnswersAsThePack checks that the raw floor is a fair floor: for every resource of a
// synthetic stack, and for the stack, it lists the same policies as not applicable as the pack with
// empty checks does.
func TestRawFloorAnswersAsThePack(t *testing.T) {
	floor := serveInProcess(t, rawFloor)
	bare := serveInProcess(t, func(w io.Writer) error { return pack.Serve(bare.Pack(), w) })
	names := func(resp plugin.AnalyzeResponse) []string {
		var out []string
		for _, na := range resp.NotApplicable {
			out = append(out, na.PolicyName+": "+na.Reason)
		}
		return out
	}
	stack := synth.Stack(300, 7)
	for _, r := range stack {
		want, err := bare.Analyze(t.Context(), r.AnalyzerResource)
		require.NoError(t, err)
		got, err := floor.Analyze(t.Context(), r.AnalyzerResource)
		require.NoError(t, err)
		require.Equal(t, names(want), names(got), r.Type)
		wantFix, err := bare.Remediate(t.Context(), r.AnalyzerResource)
		require.NoError(t, err)
		gotFix, err := floor.Remediate(t.Context(), r.AnalyzerResource)
		require.NoError(t, err)
		require.Len(t, gotFix.NotApplicable, len(wantFix.NotApplicable), r.Type)
	}
	want, err := bare.AnalyzeStack(t.Context(), stack)
	require.NoError(t, err)
	got, err := floor.AnalyzeStack(t.Context(), stack)
	require.NoError(t, err)
	assert.ElementsMatch(t, names(want), names(got))
}

// TestConcurrentAnalyzeOverGRPCInProcess runs the real server in this process under concurrent
// Analyze calls, so that the race detector sees the server's shared state (dispatch plans, their
// ready-made not-applicable messages, the document cache).
func TestConcurrentAnalyzeOverGRPCInProcess(t *testing.T) {
	t.Parallel()
	p := pack.Pack{Name: "race", Version: "1.0.0", Policies: policies.All()}
	a := serveInProcess(t, func(w io.Writer) error { return pack.Serve(p, w) })
	stack := synth.Stack(400, 7)
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := w; i < len(stack); i += 8 {
				_, err := a.Analyze(t.Context(), stack[i].AnalyzerResource)
				assert.NoError(t, err)
			}
		})
	}
	wg.Wait()
	_, err := a.AnalyzeStack(t.Context(), stack)
	assert.NoError(t, err)
}
