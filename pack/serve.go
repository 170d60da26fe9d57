package pack

import (
	"context"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/pulumi-securely/pulumi-securely/internal/pluginserver"

	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// server is the Analyzer gRPC service. The SDK's adapter does the protocol; this type adds the
// two calls the adapter answers with nothing, Handshake and ConfigureStack, to capture the
// stack context, and mends GetAnalyzerInfo (see withoutSchemas).
type server struct {
	pulumirpc.AnalyzerServer
	analyzer *Analyzer
	info     pulumirpc.AnalyzerServer
	codec    *lenientCodec
	// unreadReported holds the URNs whose unreadable inputs Analyze reported, which AnalyzeStack
	// then does not report again.
	unreadReported sync.Map
}

func newServer(a *Analyzer, codec *lenientCodec) *server {
	return &server{
		AnalyzerServer: newAdapter(a),
		analyzer:       a,
		info:           plugin.NewAnalyzerServer(withoutSchemas{a}),
		codec:          codec,
	}
}

// planned answers Analyze and Remediate without the plan's own not-applicable lists, which the
// server appends to the responses already encoded: most policies apply to other types than any
// one resource's, and converting and encoding that list on every call was most of the pack's
// cost over the protocol.
type planned struct{ *Analyzer }

// planKey carries the configuration and plan of a call from the server into the adapter's
// call to planned.Analyze, so that both halves of a response come from the same configuration.
type planKey struct{}

type callPlan struct {
	cfg  *configuration
	plan *plan
}

func (p planned) Analyze(ctx context.Context, in plugin.AnalyzerResource) (plugin.AnalyzeResponse, error) {
	if r, ok := ctx.Value(resourceKey{}).(*plugin.AnalyzerResource); ok {
		in = *r
	}
	call, ok := ctx.Value(planKey{}).(callPlan)
	if !ok {
		return p.Analyzer.Analyze(ctx, in)
	}
	return p.analyze(ctx, call.cfg, call.plan, in)
}

func (p planned) Remediate(ctx context.Context, in plugin.AnalyzerResource) (plugin.RemediateResponse, error) {
	call, ok := ctx.Value(planKey{}).(callPlan)
	if !ok {
		return p.Analyzer.Remediate(ctx, in)
	}
	return p.remediate(ctx, call.cfg, call.plan, in)
}

// withPlan looks up the plan for a resource type under the current configuration.
func (s *server) withPlan(ctx context.Context, typ string) (context.Context, *plan) {
	cfg := s.analyzer.config.Load()
	call := callPlan{cfg: cfg, plan: cfg.plan(s.analyzer, typ)}
	return context.WithValue(ctx, planKey{}, call), call.plan
}

// Analyze runs the resource policies, and lists the plan's not-applicable policies.
func (s *server) Analyze(ctx context.Context, req *pulumirpc.AnalyzeRequest) (*pulumirpc.AnalyzeResponse, error) {
	ctx, p := s.withPlan(ctx, req.GetType())
	unread := s.codec.take(req)
	resp, err := s.AnalyzerServer.Analyze(ctx, req)
	if err != nil {
		return nil, err
	}
	for urn, paths := range unread {
		resp.Diagnostics = append(resp.Diagnostics, s.analyzer.unreadDiagnostic(urn, paths))
		s.unreadReported.Store(urn, true)
	}
	appendEncoded(resp, p.notApplicableWire)
	return resp, nil
}

// AnalyzeStack runs the stack policies, and reports the resources whose inputs the pack could not
// read.
func (s *server) AnalyzeStack(
	ctx context.Context, req *pulumirpc.AnalyzeStackRequest,
) (*pulumirpc.AnalyzeResponse, error) {
	unread := s.codec.take(req)
	resp, err := s.AnalyzerServer.AnalyzeStack(ctx, req)
	if err != nil {
		return nil, err
	}
	s.reportUnread(resp, unread)
	return resp, nil
}

// reportUnread adds to an AnalyzeStack response the resources whose inputs the pack could not
// read, except those Analyze already reported.
func (s *server) reportUnread(resp *pulumirpc.AnalyzeResponse, unread map[string][]string) {
	for _, urn := range slices.Sorted(maps.Keys(unread)) {
		if _, reported := s.unreadReported.Load(urn); !reported {
			resp.Diagnostics = append(resp.Diagnostics, s.analyzer.unreadDiagnostic(urn, unread[urn]))
		}
	}
}

// Remediate runs the remediations, and lists the plan's policies that do not remediate. A
// resource with inputs the pack could not read is not remediated: the properties a remediation
// returns would lack them.
func (s *server) Remediate(ctx context.Context, req *pulumirpc.AnalyzeRequest) (*pulumirpc.RemediateResponse, error) {
	ctx, p := s.withPlan(ctx, req.GetType())
	if unread := s.codec.take(req); len(unread) > 0 {
		resp := &pulumirpc.RemediateResponse{}
		for _, pol := range p.remediate {
			resp.NotApplicable = append(resp.NotApplicable, &pulumirpc.PolicyNotApplicable{PolicyName: pol.Name,
				Reason: "the policy pack could not read input " + strings.Join(unread[req.GetUrn()], ", ")})
		}
		appendEncoded(resp, p.notRemediatedWire)
		return resp, nil
	}
	resp, err := s.AnalyzerServer.Remediate(ctx, req)
	if err != nil {
		return nil, err
	}
	appendEncoded(resp, p.notRemediatedWire)
	return resp, nil
}

// appendEncoded adds already encoded fields to a response the adapter has just built (and so
// has no unrecognized bytes of its own). Protocol Buffers writes a message's unrecognized bytes
// after its fields as they are, and a reader appends every occurrence of a repeated field, so the
// engine reads the plan's list as part of the response's not_applicable. The bytes are shared
// between responses: marshaling only reads them.
func appendEncoded(resp proto.Message, encoded []byte) {
	resp.ProtoReflect().SetUnknown(encoded)
}

// withoutSchemas describes the pack without config schemas. The adapter in pkg/v3 v3.274.1
// cannot marshal them (it hands structpb a plugin.JSONSchema, which structpb rejects, and
// crashes), so the server marshals the schemas itself.
type withoutSchemas struct{ *Analyzer }

func (w withoutSchemas) GetAnalyzerInfo(ctx context.Context) (plugin.AnalyzerInfo, error) {
	info, err := w.Analyzer.GetAnalyzerInfo(ctx)
	for i := range info.Policies {
		info.Policies[i].ConfigSchema = nil
	}
	return info, err
}

// GetAnalyzerInfo describes the pack, config schemas included.
func (s *server) GetAnalyzerInfo(ctx context.Context, req *emptypb.Empty) (*pulumirpc.AnalyzerInfo, error) {
	info, err := s.info.GetAnalyzerInfo(ctx, req)
	if err != nil {
		return nil, err
	}
	for _, p := range info.GetPolicies() {
		schema := s.analyzer.byName[p.GetName()].configSchema()
		if schema == nil {
			continue
		}
		props := make(map[string]any, len(schema.Properties))
		for k, v := range schema.Properties {
			props[k] = map[string]any(v)
		}
		st, err := structpb.NewStruct(props)
		if err != nil {
			return nil, fmt.Errorf("policy %s: config schema: %w", p.GetName(), err)
		}
		p.ConfigSchema = &pulumirpc.PolicyConfigSchema{Properties: st, Required: schema.Required}
	}
	return info, nil
}

// Handshake accepts the engine; the pack needs nothing from it.
func (s *server) Handshake(
	context.Context, *pulumirpc.AnalyzerHandshakeRequest,
) (*pulumirpc.AnalyzerHandshakeResponse, error) {
	return &pulumirpc.AnalyzerHandshakeResponse{}, nil
}

// ConfigureStack records the stack being previewed or updated.
func (s *server) ConfigureStack(
	_ context.Context, req *pulumirpc.AnalyzerStackConfigureRequest,
) (*pulumirpc.AnalyzerStackConfigureResponse, error) {
	s.analyzer.ConfigureStack(NewDeployment(req.GetOrganization(), req.GetProject(), req.GetStack(),
		req.GetDryRun(), req.GetTags(), req.GetConfig(), req.GetConfigSecretKeys()))
	return &pulumirpc.AnalyzerStackConfigureResponse{}, nil
}

// Serve runs the pack as the engine's analyzer plugin: it listens on a free local port, writes
// the port on out's first line as the protocol requires, and serves until the engine stops it.
// A call that panics outside a policy (where a policy's own panic is caught) fails alone, with a
// line on stderr.
func Serve(p Pack, out io.Writer) error {
	a, err := newAnalyzer(p)
	if err != nil {
		return fmt.Errorf("invalid policy pack: %w", err)
	}
	stop := a.flushOnInterrupt()
	defer stop()
	defer a.flushDecisions(context.Background())
	codec := newLenientCodec()
	return pluginserver.Serve(out, func(srv *grpc.Server) { registerAnalyzer(srv, newServer(a, codec)) },
		grpc.ForceServerCodecV2(codec), grpc.ChainUnaryInterceptor(recoverCalls(p.Name, os.Stderr)))
}

// recoverCalls turns a panic in a call into that call's error, and a line on log that names the
// call and where it failed, but not the panic's value, which may quote an input.
func recoverCalls(pack string, log io.Writer) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (resp any, err error) {
		defer func() {
			if p := recover(); p != nil {
				fmt.Fprintf(log, "%s: internal error in %s (%T) at %s; the pack keeps serving, please report this\n",
					pack, info.FullMethod, p, panicSite())
				err = status.Errorf(codes.Internal, "policy pack %s: internal error in %s; see its log", pack,
					info.FullMethod)
			}
		}()
		return handler(ctx, req)
	}
}

// panicSite is the function and line that panicked, read from the stack of a deferred recover.
func panicSite() string {
	pcs := make([]uintptr, 32)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(3, pcs)])
	for {
		f, more := frames.Next()
		if !strings.HasPrefix(f.Function, "runtime.") {
			return fmt.Sprintf("%s (%s:%d)", f.Function, filepath.Base(f.File), f.Line)
		}
		if !more {
			return "an unknown place"
		}
	}
}
