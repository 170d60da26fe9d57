package pack

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/xeipuuv/gojsonschema"
)

// JSONSchema is the JSON schema of one setting.
type JSONSchema = map[string]any

// Schema describes a policy's settings: the JSON schema of each, with defaults, and which are
// required. The engine fills in the defaults and validates users' config files against it.
type Schema struct {
	Properties map[string]JSONSchema
	Required   []string
}

// compile builds the validator of the settings object: the engine's own validator
// (gojsonschema), over the schema the engine validates config files against, closed to unknown
// settings.
func (s Schema) compile() (*gojsonschema.Schema, error) {
	props := map[string]any{}
	for k, v := range s.Properties {
		props[k] = v
	}
	doc := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(s.Required) > 0 {
		doc["required"] = s.Required
	}
	return gojsonschema.NewSchema(gojsonschema.NewGoLoader(doc))
}

// check validates settings against the compiled schema.
func check(schema *gojsonschema.Schema, settings map[string]any) error {
	result, err := schema.Validate(gojsonschema.NewGoLoader(settings))
	if err != nil {
		return err
	}
	var problems []string
	for _, e := range result.Errors() {
		problems = append(problems, strings.TrimPrefix(e.String(), "(root): "))
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

// defaults returns the settings' default values.
func (s Schema) defaults() map[string]any {
	out := make(map[string]any, len(s.Properties))
	for k, p := range s.Properties {
		if d, ok := p["default"]; ok {
			out[k] = d
		}
	}
	return out
}

func (s Schema) validate() error {
	var errs []error
	for _, k := range sortedKeys(s.Properties) {
		if _, ok := s.Properties[k]["type"]; !ok {
			errs = append(errs, fmt.Errorf("setting %q has no type", k))
		}
		if _, ok := s.Properties[k]["description"]; !ok {
			errs = append(errs, fmt.Errorf("setting %q has no description", k))
		}
	}
	for _, k := range s.Required {
		if _, ok := s.Properties[k]; !ok {
			errs = append(errs, fmt.Errorf("required setting %q is not described", k))
		}
	}
	if k := "enforcementLevel"; s.Properties[k] != nil {
		errs = append(errs, errors.New("setting \"enforcementLevel\" is reserved by the engine"))
	}
	return errors.Join(errs...)
}

// Boolean is the schema of a true/false setting.
func Boolean(description string, def bool) JSONSchema {
	return JSONSchema{"type": "boolean", "description": description, "default": def}
}

// Integer is the schema of a whole-number setting with a minimum.
func Integer(description string, def, minimum int) JSONSchema {
	return JSONSchema{"type": "integer", "description": description, "default": def, "minimum": minimum}
}

// String is the schema of a text setting; with choices, only those values are accepted.
func String(description, def string, choices ...string) JSONSchema {
	s := JSONSchema{"type": "string", "description": description, "default": def}
	if len(choices) > 0 {
		s["enum"] = toAnySlice(choices)
	}
	return s
}

// StringList is the schema of a list of distinct strings.
func StringList(description string, defaults ...string) JSONSchema {
	return JSONSchema{
		"type":        "array",
		"description": description,
		"items":       JSONSchema{"type": "string"},
		"uniqueItems": true,
		"default":     toAnySlice(defaults),
	}
}

// IntegerBetween is the schema of a whole-number setting within bounds.
func IntegerBetween(description string, def, minimum, maximum int) JSONSchema {
	s := Integer(description, def, minimum)
	s["maximum"] = maximum
	return s
}

// IntegerList is the schema of a list of distinct whole numbers between minimum and maximum.
func IntegerList(description string, minimum, maximum int, defaults ...int) JSONSchema {
	return JSONSchema{
		"type":        "array",
		"description": description,
		"items":       JSONSchema{"type": "integer", "minimum": minimum, "maximum": maximum},
		"uniqueItems": true,
		"default":     toAnySlice(defaults),
	}
}

// StringMap is the schema of an object whose values are all strings.
func StringMap(description string, defaults map[string]string) JSONSchema {
	d := make(map[string]any, len(defaults))
	for k, v := range defaults {
		d[k] = v
	}
	return JSONSchema{
		"type":                 "object",
		"description":          description,
		"additionalProperties": JSONSchema{"type": "string"},
		"default":              d,
	}
}

func toAnySlice[T any](in []T) []any {
	out := make([]any, len(in))
	for i, v := range in {
		out[i] = v
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
