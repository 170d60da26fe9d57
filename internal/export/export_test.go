package export

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rot13 is a stand-in decrypter: the ciphertext "bad" fails, any other is the plaintext rotated.
type rot13 struct{}

func (rot13) DecryptValue(_ context.Context, ciphertext string) (string, error) {
	if ciphertext == "bad" {
		return "", errors.New("wrong key")
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z':
			return 'a' + (r-'a'+13)%26
		case r >= 'A' && r <= 'Z':
			return 'A' + (r-'A'+13)%26
		}
		return r
	}, ciphertext), nil
}

func deploymentWith(t *testing.T, inputs map[string]any) apitype.UntypedDeployment {
	d, err := json.Marshal(map[string]any{"resources": []any{map[string]any{
		"urn": "urn:pulumi:dev::app::aws:s3/bucket:Bucket::logs", "type": "aws:s3/bucket:Bucket", "custom": true,
		"inputs": inputs}}})
	require.NoError(t, err)
	return apitype.UntypedDeployment{Version: 3, Deployment: d}
}

func ciphertext(s string) map[string]any {
	return map[string]any{"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", "ciphertext": s}
}

func TestFromDeploymentSecrets(t *testing.T) {
	tests := []struct {
		name         string
		dec          Decrypter
		ciphertext   string
		want         property.Value
		wantRedacted int
	}{
		{"decrypted", rot13{}, `"uhagre2"`, property.New("hunter2").WithSecret(true), 0},
		{"no decrypter: redacted", nil, `"uhagre2"`, property.New("[secret]").WithSecret(true), 1},
		{"a refused key: redacted", rot13{}, "bad", property.New("[secret]").WithSecret(true), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, redacted, err := FromDeployment(context.Background(),
				deploymentWith(t, map[string]any{"password": ciphertext(tt.ciphertext)}), tt.dec)
			require.NoError(t, err)
			assert.Equal(t, tt.wantRedacted, redacted)
			assert.Equal(t, tt.want, e.Named("logs").Inputs.Get("password"))
		})
	}
}

func TestErrorsQuoteNoContent(t *testing.T) {
	const secret = "s3cr3t-value"
	_, _, err := FromDeployment(context.Background(),
		deploymentWith(t, map[string]any{"password": ciphertext("xyz")}), constant("not json "+secret))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "s3cr3t")
	assert.Contains(t, err.Error(), "a secret's plaintext is not JSON")

	var v any
	err = JSONError(json.Unmarshal([]byte(`{"a": `+secret+`}`), &v))
	assert.Equal(t, "not valid JSON (syntax error at byte 7)", err.Error())
	var n struct{ A int }
	err = JSONError(json.Unmarshal([]byte(`{"A": "`+secret+`"}`), &n))
	assert.NotContains(t, err.Error(), "s3cr3t")
	assert.Contains(t, err.Error(), "a JSON string")
}

type constant string

func (c constant) DecryptValue(context.Context, string) (string, error) { return string(c), nil }
