package audit

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/internal/export"
	"github.com/pulumi/pulumi/pkg/v3/secrets/passphrase"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
)

// keys holds what decrypts the secrets of stacks that use the passphrase secrets provider.
type keys struct {
	passphrase string
	ok         bool
}

// keysFromEnv reads the passphrase as the CLI does: PULUMI_CONFIG_PASSPHRASE, or the file named
// by PULUMI_CONFIG_PASSPHRASE_FILE. It never prompts.
func keysFromEnv(lookup func(string) (string, bool)) (keys, error) {
	if p, ok := lookup("PULUMI_CONFIG_PASSPHRASE"); ok {
		return keys{passphrase: p, ok: true}, nil
	}
	if path, ok := lookup("PULUMI_CONFIG_PASSPHRASE_FILE"); ok && path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return keys{}, fmt.Errorf("PULUMI_CONFIG_PASSPHRASE_FILE: %w", err)
		}
		return keys{passphrase: strings.TrimRight(string(data), "\r\n"), ok: true}, nil
	}
	return keys{}, nil
}

// passphraseDecrypter returns the decrypter of a passphrase-provider salt, or a reason why the
// secrets stay encrypted. The reason never holds key material.
func (k keys) passphraseDecrypter(salt string) (config.Decrypter, string) {
	if !k.ok {
		return nil, "PULUMI_CONFIG_PASSPHRASE is not set"
	}
	sm, err := passphrase.GetPassphraseSecretsManager(k.passphrase, salt)
	if err != nil {
		return nil, "the passphrase does not decrypt them"
	}
	return sm.Decrypter(), ""
}

// stateDecrypter returns the decrypter of a stack export's secrets from the secrets provider its
// deployment names, or nil and the reason they stay encrypted (redacted in the analysis).
func (k keys) stateDecrypter(deployment json.RawMessage) (export.Decrypter, string) {
	var d struct {
		SecretsProviders *struct {
			Type  string          `json:"type"`
			State json.RawMessage `json:"state"`
		} `json:"secrets_providers"`
	}
	if err := json.Unmarshal(deployment, &d); err != nil || d.SecretsProviders == nil {
		return nil, "the state names no secrets provider"
	}
	if d.SecretsProviders.Type != passphrase.Type {
		return nil, fmt.Sprintf("the state's secrets provider %q is not the passphrase provider", d.SecretsProviders.Type)
	}
	var state struct {
		Salt string `json:"salt"`
	}
	if err := json.Unmarshal(d.SecretsProviders.State, &state); err != nil || state.Salt == "" {
		return nil, "the passphrase provider's state has no salt"
	}
	dec, why := k.passphraseDecrypter(state.Salt)
	if dec == nil {
		return nil, why
	}
	return dec, ""
}
