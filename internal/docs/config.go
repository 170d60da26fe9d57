package docs

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// ReferenceConfig renders a policy pack config file (the format of `--policy-pack-config` and of
// a policy group's config) that names every policy with its default enforcement level and the
// default of each of its settings: a starting point for a team's own file, from which one
// deletes what one does not change.
func ReferenceConfig(policies []pack.Policy) ([]byte, error) {
	config := make(map[string]map[string]any, len(policies))
	for _, p := range policies {
		entry := map[string]any{"enforcementLevel": p.DefaultEnforcementLevel(pack.Advisory)}
		for name, schema := range p.Config.Properties {
			if def, ok := schema["default"]; ok {
				entry[name] = def
			}
		}
		config[p.Name] = entry
	}
	return encode(config, "the reference config")
}

// AdoptingConfig renders the config for a team adopting the pack: every policy advisory ("all"),
// except the critical and high ones, which stay mandatory, so that seeing everything first never
// lets a public bucket, an open admin port or a plaintext password through.
func AdoptingConfig(policies []pack.Policy) ([]byte, error) {
	config := map[string]any{"all": pack.Advisory}
	for _, p := range policies {
		if p.Severity == pack.Critical || p.Severity == pack.High {
			config[p.Name] = pack.Mandatory
		}
	}
	return encode(config, "the adopting config")
}

func encode(config any, what string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(config); err != nil {
		return nil, fmt.Errorf("rendering %s: %w", what, err)
	}
	return b.Bytes(), nil
}
