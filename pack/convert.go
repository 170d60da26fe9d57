package pack

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// maxDepth bounds how deep the pack follows nested values it converts or walks: far deeper than
// any real resource, shallow enough that a hostile input cannot exhaust the stack.
const maxDepth = 64

// PropertyValue converts plain Go data, as encoding/json decodes it (nil, bool, float64, int,
// string, []any, map[string]any) and property values, into a property value.
func PropertyValue(v any) (property.Value, error) {
	return propertyValue(v, 0)
}

func propertyValue(v any, depth int) (property.Value, error) {
	if depth > maxDepth {
		return property.Value{}, fmt.Errorf("nested deeper than %d levels", maxDepth)
	}
	switch v := v.(type) {
	case property.Value:
		return v, nil
	case []any:
		items := make([]property.Value, len(v))
		for i, item := range v {
			pv, err := propertyValue(item, depth+1)
			if err != nil {
				return property.Value{}, err
			}
			items[i] = pv
		}
		return property.New(items), nil
	case map[string]any:
		fields := make(map[string]property.Value, len(v))
		for k, item := range v {
			pv, err := propertyValue(item, depth+1)
			if err != nil {
				return property.Value{}, err
			}
			fields[k] = pv
		}
		return property.New(fields), nil
	case int:
		return property.New(float64(v)), nil
	default:
		return property.Any(v)
	}
}
