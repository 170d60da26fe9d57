package pack

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc/encoding"
	"google.golang.org/grpc/mem"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/known/structpb"
)

// Field numbers of the resource messages (AnalyzeRequest, AnalyzerResource,
// AnalyzerProviderResource share them) and of AnalyzeStackRequest, in pulumi's analyzer.proto.
const (
	fieldProperties     = 2
	fieldProvider       = 6
	fieldStackResources = 1
	fieldStructFields   = 1
	fieldMapEntryKey    = 1
	fieldMapEntryValue  = 2
)

// lenientCodec decodes the engine's requests with gRPC's own codec, except for a request that
// codec refuses (inputs nested deeper than Protocol Buffers' recursion limit of 10,000 messages,
// some 3,000 levels of objects): it decodes that one again without the top-level inputs it cannot
// read, and remembers which they were, so that the pack reports them on their resource and checks
// the rest instead of failing the engine's whole run with a message that names neither.
type lenientCodec struct {
	encoding.CodecV2
	// unread holds, by the request decoded, the inputs left out of it, by resource URN.
	unread sync.Map
}

func newLenientCodec() *lenientCodec {
	return &lenientCodec{CodecV2: encoding.GetCodecV2("proto")}
}

// Unmarshal decodes a request, leniently when it holds resources and gRPC's codec refuses it.
func (c *lenientCodec) Unmarshal(data mem.BufferSlice, v any) error {
	err := c.CodecV2.Unmarshal(data, v)
	if err == nil {
		return nil
	}
	var unread map[string][]string
	var lerr error
	switch m := v.(type) {
	case *pulumirpc.AnalyzeRequest:
		var paths []string
		paths, lerr = decodeResource(data.Materialize(), m)
		unread = map[string][]string{m.GetUrn(): paths}
	case *pulumirpc.AnalyzeStackRequest:
		unread, lerr = decodeStack(data.Materialize(), m)
	default:
		return err
	}
	if lerr != nil {
		return err
	}
	c.unread.Store(v, unread)
	return nil
}

// take returns, once, the inputs left out of a request, by resource URN.
func (c *lenientCodec) take(req proto.Message) map[string][]string {
	v, ok := c.unread.LoadAndDelete(req)
	if !ok {
		return nil
	}
	return v.(map[string][]string)
}

// decodeStack decodes an AnalyzeStackRequest resource by resource.
func decodeStack(b []byte, m *pulumirpc.AnalyzeStackRequest) (map[string][]string, error) {
	var rest []byte
	var resources []*pulumirpc.AnalyzerResource
	unread := map[string][]string{}
	err := eachField(b, func(num protowire.Number, typ protowire.Type, field, value []byte) error {
		if num != fieldStackResources || typ != protowire.BytesType {
			rest = append(rest, field...)
			return nil
		}
		r := &pulumirpc.AnalyzerResource{}
		paths, err := decodeResource(value, r)
		if len(paths) > 0 {
			unread[r.GetUrn()] = append(unread[r.GetUrn()], paths...)
		}
		resources = append(resources, r)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := proto.Unmarshal(rest, m); err != nil {
		return nil, err
	}
	m.Resources = resources
	return unread, nil
}

// decodeResource decodes a resource message, leaving out the inputs (and its provider's inputs)
// that cannot be decoded, whose paths it returns.
func decodeResource(b []byte, m proto.Message) ([]string, error) {
	msg := m.ProtoReflect()
	fields := msg.Descriptor().Fields()
	var rest []byte
	var unread []string
	set := map[protoreflect.FieldDescriptor]protoreflect.Value{}
	err := eachField(b, func(num protowire.Number, typ protowire.Type, field, value []byte) error {
		fd := fields.ByNumber(num)
		switch {
		case typ != protowire.BytesType || fd == nil:
		case num == fieldProperties:
			props, paths, err := decodeStruct(value)
			unread = append(unread, paths...)
			set[fd] = protoreflect.ValueOfMessage(props.ProtoReflect())
			return err
		case num == fieldProvider && fd.Message() != nil:
			provider := msg.NewField(fd).Message()
			paths, err := decodeResource(value, provider.Interface())
			for _, p := range paths {
				unread = append(unread, "provider "+p)
			}
			set[fd] = protoreflect.ValueOfMessage(provider)
			return err
		}
		rest = append(rest, field...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := proto.Unmarshal(rest, m); err != nil {
		return nil, err
	}
	for fd, v := range set {
		msg.Set(fd, v)
	}
	slices.Sort(unread)
	return unread, nil
}

// decodeStruct decodes a Struct field by field, leaving out the fields that cannot be decoded,
// whose keys it returns.
func decodeStruct(b []byte) (*structpb.Struct, []string, error) {
	out := &structpb.Struct{Fields: map[string]*structpb.Value{}}
	var unread []string
	err := eachField(b, func(num protowire.Number, typ protowire.Type, _, entry []byte) error {
		if num != fieldStructFields || typ != protowire.BytesType {
			return nil
		}
		var key string
		var value []byte
		err := eachField(entry, func(num protowire.Number, typ protowire.Type, _, v []byte) error {
			switch {
			case typ != protowire.BytesType:
			case num == fieldMapEntryKey:
				key = string(v)
			case num == fieldMapEntryValue:
				value = v
			}
			return nil
		})
		if err != nil {
			return err
		}
		v := &structpb.Value{}
		if err := proto.Unmarshal(value, v); err != nil {
			unread = append(unread, key)
			return nil
		}
		out.Fields[key] = v
		return nil
	})
	return out, unread, err
}

// eachField calls fn with every field of a message's wire form: its number and type, its whole
// encoding, and the content of a length-delimited one.
func eachField(b []byte, fn func(num protowire.Number, typ protowire.Type, field, value []byte) error) error {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return protowire.ParseError(n)
		}
		m := protowire.ConsumeFieldValue(num, typ, b[n:])
		if m < 0 {
			return protowire.ParseError(m)
		}
		field := b[:n+m]
		var value []byte
		if typ == protowire.BytesType {
			value, _ = protowire.ConsumeBytes(b[n:])
		}
		if err := fn(num, typ, field, value); err != nil {
			return err
		}
		b = b[n+m:]
	}
	return nil
}

// unreadDiagnostic is the diagnostic of a resource whose inputs the pack could not read.
func (a *Analyzer) unreadDiagnostic(urn string, paths []string) *pulumirpc.AnalyzeDiagnostic {
	return &pulumirpc.AnalyzeDiagnostic{
		PolicyName:        unreadInputsPolicy,
		PolicyPackName:    a.pack.Name,
		PolicyPackVersion: a.pack.Version,
		Description:       "The policy pack can read every input of the resource.",
		Message: fmt.Sprintf("policy pack %s could not read input %s of %s: it is nested deeper than Protocol "+
			"Buffers decodes (about 3,000 levels of objects), so no policy checked it; the pack checked the "+
			"other inputs. Flatten the value, or encode it as a JSON string", a.pack.Name,
			strings.Join(paths, ", "), urn),
		EnforcementLevel: pulumirpc.EnforcementLevel_MANDATORY,
		Urn:              urn,
		Severity:         pulumirpc.PolicySeverity_POLICY_SEVERITY_HIGH,
	}
}

// unreadInputsPolicy names the diagnostic of inputs the pack could not read: it is the pack's,
// not a rule's, and no config turns it off.
const unreadInputsPolicy = "pack-reads-every-input"
