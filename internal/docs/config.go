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
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(config); err != nil {
		return nil, fmt.Errorf("rendering the reference config: %w", err)
	}
	return b.Bytes(), nil
}
