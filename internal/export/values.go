package export

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/sig"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// reader converts an export's property values, decrypting secrets when it can.
type reader struct {
	ctx context.Context
	dec Decrypter
	// redacted counts the secrets left encrypted.
	redacted int
}

// properties converts an export's properties into a property map without the engine's internal
// keys, as the engine filters them for an analyzer.
func (rd *reader) properties(props map[string]any) (property.Map, error) {
	v, err := rd.value(props)
	if err != nil {
		return property.Map{}, err
	}
	pv, err := pack.PropertyValue(v)
	if err != nil {
		return property.Map{}, err
	}
	if pv.IsNull() {
		return property.Map{}, nil
	}
	return plugin.FilterProperties(pv.AsMap(),
		plugin.FilterOptions{KeepUnknowns: true, KeepSecrets: true, SkipInternalKeys: true})
}

// value turns a value of the export's JSON into plain data and property values: secrets become
// secret values.
func (rd *reader) value(v any) (any, error) {
	switch v := v.(type) {
	case map[string]any:
		if kind, ok := v[sig.Key]; ok {
			return rd.secret(kind, v)
		}
		out := make(map[string]any, len(v))
		for k, item := range v {
			pv, err := rd.value(item)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			out[k] = pv
		}
		return out, nil
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			pv, err := rd.value(item)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			out[i] = pv
		}
		return out, nil
	}
	return v, nil
}

// secret reads a secret of the export: plaintext (JSON) is kept, marked secret; ciphertext is
// decrypted when the reader has a decrypter that can, and redacted to "[secret]" otherwise, as
// `pulumi policy analyze --file` does. Other signed values (assets, archives, resource
// references) do not occur in the exports this reads.
func (rd *reader) secret(kind any, v map[string]any) (property.Value, error) {
	if kind != sig.Secret {
		return property.Value{}, fmt.Errorf("signed value of kind %v is not supported", kind)
	}
	plaintext, ok := v["plaintext"].(string)
	if !ok {
		ciphertext, isText := v["ciphertext"].(string)
		if !isText || rd.dec == nil {
			return rd.redact(), nil
		}
		decrypted, err := rd.dec.DecryptValue(rd.ctx, ciphertext)
		if err != nil {
			return rd.redact(), nil
		}
		plaintext = decrypted
	}
	var decoded any
	if err := json.Unmarshal([]byte(plaintext), &decoded); err != nil {
		// The error would quote the plaintext's bytes: say only where it failed.
		return property.Value{}, fmt.Errorf("a secret's plaintext is not JSON")
	}
	inner, err := rd.value(decoded)
	if err != nil {
		return property.Value{}, err
	}
	pv, err := pack.PropertyValue(inner)
	if err != nil {
		return property.Value{}, err
	}
	return pv.WithSecret(true), nil
}

func (rd *reader) redact() property.Value {
	rd.redacted++
	return property.New(pack.Redacted).WithSecret(true)
}
