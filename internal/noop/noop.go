// Package noop is the protocol floor for the benchmark: an analyzer with no policies, served by the
// same SDK adapter and gRPC server as the pack, so that it pays exactly the protocol's own cost
// (marshaling, transport, property decoding) and nothing else.
package noop

import (
	"context"
	"io"

	"github.com/pulumi-securely/pulumi-securely/internal/pluginserver"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// Analyzer answers every call with nothing.
type Analyzer struct{}

var _ plugin.Analyzer = Analyzer{}

// Name is the analyzer's name.
func (Analyzer) Name() tokens.QName { return "noop" }

// Close does nothing.
func (Analyzer) Close() error { return nil }

// Analyze finds nothing.
func (Analyzer) Analyze(context.Context, plugin.AnalyzerResource) (plugin.AnalyzeResponse, error) {
	return plugin.AnalyzeResponse{}, nil
}

// AnalyzeStack finds nothing.
func (Analyzer) AnalyzeStack(context.Context, []plugin.AnalyzerStackResource) (plugin.AnalyzeResponse, error) {
	return plugin.AnalyzeResponse{}, nil
}

// Remediate changes nothing.
func (Analyzer) Remediate(context.Context, plugin.AnalyzerResource) (plugin.RemediateResponse, error) {
	return plugin.RemediateResponse{}, nil
}

// GetAnalyzerInfo describes an empty pack.
func (Analyzer) GetAnalyzerInfo(context.Context) (plugin.AnalyzerInfo, error) {
	return plugin.AnalyzerInfo{Name: "noop", Version: "0.0.1", SupportsConfig: true}, nil
}

// GetPluginInfo reports a version.
func (Analyzer) GetPluginInfo(context.Context) (plugin.PluginInfo, error) {
	v := semver.MustParse("0.0.1")
	return plugin.PluginInfo{Version: &v}, nil
}

// Configure accepts anything.
func (Analyzer) Configure(context.Context, map[string]plugin.AnalyzerPolicyConfig) error { return nil }

// Cancel does nothing.
func (Analyzer) Cancel(context.Context) error { return nil }

// Serve serves the analyzer, writing the port to out.
func Serve(out io.Writer) error {
	return pluginserver.Serve(out, func(srv *grpc.Server) { pulumirpc.RegisterAnalyzerServer(srv, plugin.NewAnalyzerServer(Analyzer{})) })
}
