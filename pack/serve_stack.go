package pack

import (
	"context"
	"fmt"

	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/emptypb"
)

// AnalyzeStack's request holds every resource of the stack. Decoded whole, as gRPC decodes a
// request, its Protocol Buffers form (a message per property value) is several times the size of
// the properties the pack keeps, and the SDK's adapter then holds both at once. The server
// instead receives the request as bytes and decodes it one resource at a time, converting each
// with the adapter's own code before it decodes the next, so that at most one resource's message
// is alive beside the wire bytes and the converted stack.

// registerAnalyzer registers the server as the Analyzer service, with AnalyzeStack taking the
// request's bytes.
func registerAnalyzer(srv *grpc.Server, s *server) {
	desc := pulumirpc.Analyzer_ServiceDesc
	desc.Methods = append([]grpc.MethodDesc(nil), desc.Methods...)
	for i := range desc.Methods {
		if desc.Methods[i].MethodName == "AnalyzeStack" {
			desc.Methods[i].Handler = analyzeStackHandler
		}
	}
	srv.RegisterService(&desc, s)
}

// analyzeStackHandler is gRPC's handler of AnalyzeStack, except that it decodes the request into
// an Empty message, which keeps every field as bytes, unread.
func analyzeStackHandler(
	srv any, ctx context.Context, dec func(any) error, interceptor grpc.UnaryServerInterceptor,
) (any, error) {
	in := &emptypb.Empty{}
	if err := dec(in); err != nil {
		return nil, err
	}
	s := srv.(*server)
	handle := func(ctx context.Context, req any) (any, error) {
		return s.analyzeStackWire(ctx, req.(*emptypb.Empty).ProtoReflect().GetUnknown())
	}
	if interceptor == nil {
		return handle(ctx, in)
	}
	info := &grpc.UnaryServerInfo{Server: srv, FullMethod: pulumirpc.Analyzer_AnalyzeStack_FullMethodName}
	return interceptor(ctx, in, info, handle)
}

// stackKey carries a stackCall from the server into the adapter's calls to planned.AnalyzeStack.
type stackKey struct{}

// stackCall is one AnalyzeStack call decoded resource by resource: while decoding, the adapter's
// calls append their converted resources to it; once done, the adapter's last call analyzes them.
type stackCall struct {
	resources []plugin.AnalyzerStackResource
	done      bool
}

// AnalyzeStack collects the resources of a call decoded resource by resource, or analyzes them.
func (p planned) AnalyzeStack(ctx context.Context, in []plugin.AnalyzerStackResource) (plugin.AnalyzeResponse, error) {
	call, ok := ctx.Value(stackKey{}).(*stackCall)
	switch {
	case !ok:
		return p.Analyzer.AnalyzeStack(ctx, in)
	case !call.done:
		call.resources = append(call.resources, in...)
		return plugin.AnalyzeResponse{}, nil
	default:
		return p.Analyzer.AnalyzeStack(ctx, call.resources)
	}
}

// analyzeStackWire analyzes the stack of an AnalyzeStackRequest's bytes, and reports the
// resources whose inputs the pack could not read.
func (s *server) analyzeStackWire(ctx context.Context, b []byte) (*pulumirpc.AnalyzeResponse, error) {
	call := &stackCall{}
	ctx = context.WithValue(ctx, stackKey{}, call)
	unread, err := s.readStack(ctx, b)
	if err != nil {
		return nil, err
	}
	call.done = true
	resp, err := s.AnalyzerServer.AnalyzeStack(ctx, &pulumirpc.AnalyzeStackRequest{})
	if err != nil {
		return nil, err
	}
	s.reportUnread(resp, unread)
	return resp, nil
}

// readStack decodes an AnalyzeStackRequest's bytes one resource at a time and converts each
// resource with the adapter, so that properties, secrets, unknowns, internal keys, options,
// provider, parent and dependencies read exactly as the adapter reads them; the adapter hands the
// converted resources to the stackCall in ctx. A resource that Protocol Buffers refuses (inputs
// nested too deep) is decoded as the server's codec decodes it, without the inputs it cannot
// read, which readStack returns by resource URN.
func (s *server) readStack(ctx context.Context, b []byte) (map[string][]string, error) {
	unread := map[string][]string{}
	one := &pulumirpc.AnalyzeStackRequest{Resources: make([]*pulumirpc.AnalyzerResource, 1)}
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil, badStackRequest(protowire.ParseError(n))
		}
		b = b[n:]
		n = protowire.ConsumeFieldValue(num, typ, b)
		if n < 0 {
			return nil, badStackRequest(protowire.ParseError(n))
		}
		field := b[:n]
		b = b[n:]
		if num != 1 || typ != protowire.BytesType { // AnalyzeStackRequest has no other field
			continue
		}
		value, _ := protowire.ConsumeBytes(field)
		r := &pulumirpc.AnalyzerResource{}
		if err := proto.Unmarshal(value, r); err != nil {
			r = &pulumirpc.AnalyzerResource{}
			paths, lerr := decodeResource(value, r)
			if lerr != nil {
				return nil, badStackRequest(err)
			}
			unread[r.GetUrn()] = append(unread[r.GetUrn()], paths...)
		}
		one.Resources[0] = r
		if _, err := s.AnalyzerServer.AnalyzeStack(ctx, one); err != nil {
			return nil, err
		}
	}
	return unread, nil
}

// badStackRequest is the error gRPC gives for a request it cannot decode.
func badStackRequest(err error) error {
	return status.Error(codes.Internal, fmt.Sprintf("grpc: error unmarshalling request: %v", err))
}
