// Package rawfloor is the protocol's real floor for the benchmarks: an analyzer that answers every
// call of the Analyzer service without decoding requests into the SDK's property model. Its gRPC
// codec reads of an Analyze or Remediate request only the type token, and of an AnalyzeStack
// request only each resource's type token; everything else in those requests is skipped unread.
// Its answers carry what the pack's carry when no rule finds anything: the same not-applicable
// entries, one per policy of other types (Analyze), per policy that does not remediate
// (Remediate), and per stack policy none of whose types is in the stack (AnalyzeStack), encoded
// once per type token and appended to every response as the pack appends its own.
package rawfloor

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/pulumi-securely/pulumi-securely/internal/pluginserver"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Policy is what the floor knows of one of the pack's policies: enough to list it as not
// applicable where the pack would.
type Policy struct {
	Name string `json:"name"`
	// Types are the type tokens the policy applies to, a trailing "*" matching a prefix; empty
	// means every type.
	Types []string `json:"types,omitempty"`
	// Resource and Stack say which kinds of check the policy has.
	Resource bool `json:"resource,omitempty"`
	Stack    bool `json:"stack,omitempty"`
}

func (p Policy) appliesTo(typ string) bool {
	if len(p.Types) == 0 {
		return true
	}
	for _, t := range p.Types {
		if prefix, ok := strings.CutSuffix(t, "*"); ok && strings.HasPrefix(typ, prefix) || t == typ {
			return true
		}
	}
	return false
}

// The reasons the pack gives, so that the floor's entries are the same size as the pack's.
const (
	reasonOtherTypes    = "other resource types"
	reasonNoRemediation = "does not remediate this resource at its enforcement level"
	reasonNoStackTypes  = "the stack has no resources of its types"
)

// server answers the Analyzer service from the requests' type tokens alone.
type server struct {
	pulumirpc.UnimplementedAnalyzerServer
	policies []Policy
	// notApplicable holds, per type token, the encoded not-applicable list of an Analyze
	// response; notRemediated is the Remediate response's, the same for every type.
	notApplicable sync.Map
	notRemediated []byte
}

func newServer(policies []Policy) *server {
	s := &server{policies: policies}
	var list []*pulumirpc.PolicyNotApplicable
	for _, p := range policies {
		if p.Resource {
			list = append(list, &pulumirpc.PolicyNotApplicable{PolicyName: p.Name, Reason: reasonNoRemediation})
		}
	}
	s.notRemediated = encode(&pulumirpc.RemediateResponse{NotApplicable: list})
	return s
}

func encode(m proto.Message) []byte {
	b, err := proto.Marshal(m)
	if err != nil {
		panic(fmt.Sprintf("encoding a not-applicable list: %v", err))
	}
	return b
}

func (s *server) notApplicableTo(typ string) []byte {
	if b, ok := s.notApplicable.Load(typ); ok {
		return b.([]byte)
	}
	var list []*pulumirpc.PolicyNotApplicable
	for _, p := range s.policies {
		if p.Resource && !p.appliesTo(typ) {
			list = append(list, &pulumirpc.PolicyNotApplicable{PolicyName: p.Name, Reason: reasonOtherTypes})
		}
	}
	b, _ := s.notApplicable.LoadOrStore(typ, encode(&pulumirpc.AnalyzeResponse{NotApplicable: list}))
	return b.([]byte)
}

// Analyze answers with the not-applicable list of the resource's type.
func (s *server) Analyze(_ context.Context, req *pulumirpc.AnalyzeRequest) (*pulumirpc.AnalyzeResponse, error) {
	resp := &pulumirpc.AnalyzeResponse{}
	resp.ProtoReflect().SetUnknown(s.notApplicableTo(req.GetType()))
	return resp, nil
}

// Remediate answers that no policy remediates.
func (s *server) Remediate(context.Context, *pulumirpc.AnalyzeRequest) (*pulumirpc.RemediateResponse, error) {
	resp := &pulumirpc.RemediateResponse{}
	resp.ProtoReflect().SetUnknown(s.notRemediated)
	return resp, nil
}

// AnalyzeStack lists the stack policies none of whose types is in the stack.
func (s *server) AnalyzeStack(
	_ context.Context, req *pulumirpc.AnalyzeStackRequest,
) (*pulumirpc.AnalyzeResponse, error) {
	types := make(map[string]bool)
	for _, r := range req.GetResources() {
		types[r.GetType()] = true
	}
	resp := &pulumirpc.AnalyzeResponse{}
	for _, p := range s.policies {
		if !p.Stack || len(p.Types) == 0 {
			continue
		}
		held := false
		for typ := range types {
			if p.appliesTo(typ) {
				held = true
				break
			}
		}
		if !held {
			resp.NotApplicable = append(resp.NotApplicable,
				&pulumirpc.PolicyNotApplicable{PolicyName: p.Name, Reason: reasonNoStackTypes})
		}
	}
	return resp, nil
}

// GetAnalyzerInfo describes a pack without policies.
func (s *server) GetAnalyzerInfo(context.Context, *emptypb.Empty) (*pulumirpc.AnalyzerInfo, error) {
	return &pulumirpc.AnalyzerInfo{Name: "rawfloor", Version: "0.0.1", SupportsConfig: true}, nil
}

// GetPluginInfo reports a version.
func (s *server) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: "0.0.1"}, nil
}

// Configure accepts anything.
func (s *server) Configure(context.Context, *pulumirpc.ConfigureAnalyzerRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

// ConfigureStack accepts anything.
func (s *server) ConfigureStack(
	context.Context, *pulumirpc.AnalyzerStackConfigureRequest,
) (*pulumirpc.AnalyzerStackConfigureResponse, error) {
	return &pulumirpc.AnalyzerStackConfigureResponse{}, nil
}

// Handshake accepts the engine.
func (s *server) Handshake(
	context.Context, *pulumirpc.AnalyzerHandshakeRequest,
) (*pulumirpc.AnalyzerHandshakeResponse, error) {
	return &pulumirpc.AnalyzerHandshakeResponse{}, nil
}

// Cancel has nothing to stop.
func (s *server) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

// Serve serves the floor for the given policies on a free local port, writing the port to out.
func Serve(out io.Writer, policies []Policy) error {
	return pluginserver.Serve(out, func(srv *grpc.Server) { pulumirpc.RegisterAnalyzerServer(srv, newServer(policies)) },
		grpc.ForceServerCodecV2(codec{}))
}

// PoliciesVar names the environment variable with the path of the policies' JSON for the command.
const PoliciesVar = "PULUMI_SECURELY_RAWFLOOR_POLICIES"
