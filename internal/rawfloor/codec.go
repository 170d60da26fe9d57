package rawfloor

import (
	"errors"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
)

// codec is gRPC's Protocol Buffers codec, except that it reads of Analyze, Remediate and
// AnalyzeStack requests only the type tokens, walking the wire bytes and skipping the rest.
type codec struct{}

var protoCodec = encoding.GetCodecV2("proto")

// Name is the codec's content subtype: it speaks Protocol Buffers.
func (codec) Name() string { return "proto" }

// Marshal encodes as gRPC's codec does.
func (codec) Marshal(v any) (mem.BufferSlice, error) { return protoCodec.Marshal(v) }

// Unmarshal reads a request's type tokens, or decodes any other message in full.
func (codec) Unmarshal(data mem.BufferSlice, v any) error {
	switch m := v.(type) {
	case *pulumirpc.AnalyzeRequest:
		return withBytes(data, func(b []byte) (err error) {
			m.Type, err = typeOf(b)
			return err
		})
	case *pulumirpc.AnalyzeStackRequest:
		return withBytes(data, func(b []byte) error {
			for len(b) > 0 {
				num, typ, n := protowire.ConsumeTag(b)
				if n < 0 {
					return protowire.ParseError(n)
				}
				b = b[n:]
				if num == 1 && typ == protowire.BytesType { // resources
					r, n := protowire.ConsumeBytes(b)
					if n < 0 {
						return protowire.ParseError(n)
					}
					t, err := typeOf(r)
					if err != nil {
						return err
					}
					m.Resources = append(m.Resources, &pulumirpc.AnalyzerResource{Type: t})
					b = b[n:]
					continue
				}
				n = protowire.ConsumeFieldValue(num, typ, b)
				if n < 0 {
					return protowire.ParseError(n)
				}
				b = b[n:]
			}
			return nil
		})
	default:
		return protoCodec.Unmarshal(data, v)
	}
}

// withBytes hands fn the message's bytes in one piece.
func withBytes(data mem.BufferSlice, fn func([]byte) error) error {
	buf := data.MaterializeToBuffer(mem.DefaultBufferPool())
	defer buf.Free()
	return fn(buf.ReadOnlyData())
}

// typeOf returns field 1, the type token, of an AnalyzeRequest or AnalyzerResource.
func typeOf(b []byte) (string, error) {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return "", protowire.ParseError(n)
		}
		b = b[n:]
		if num == 1 && typ == protowire.BytesType {
			v, n := protowire.ConsumeBytes(b)
			if n < 0 {
				return "", protowire.ParseError(n)
			}
			return string(v), nil
		}
		n = protowire.ConsumeFieldValue(num, typ, b)
		if n < 0 {
			return "", protowire.ParseError(n)
		}
		b = b[n:]
	}
	return "", errors.New("a resource without a type token")
}
