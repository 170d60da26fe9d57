package acme

import (
	"errors"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// Acme's own provider, acmecloud, runs widgets; large ones cost more than most teams may spend.

const widgetType = "acmecloud:index:Widget"

func init() { register(widgetSize) }

// widgetSizeSettings are the settings of acme-widget-size, filled in from the policy pack config
// and its defaults (the schema below).
type widgetSizeSettings struct {
	AllowedSizes []string `json:"allowedSizes"`
}

// Prepare refuses an empty list, which would report every widget.
func (s *widgetSizeSettings) Prepare() error {
	if len(s.AllowedSizes) == 0 {
		return errors.New("allowedSizes: an empty list allows no widget at all; list the sizes teams may use")
	}
	return nil
}

var widgetSize = pack.Policy{
	Name:        "acme-widget-size",
	DisplayName: "Widgets are of an allowed size",
	Description: "acmecloud widgets are of a size the team's budget allows (allowedSizes).",
	Severity:    pack.Medium,
	Tags:        []string{"acme", "cost"},
	Remediation: "Pick a smaller size, or ask the platform team to allow the size for your stacks.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"allowedSizes": pack.StringList("The widget sizes teams may use. Default: small and medium.", "small", "medium"),
	}},
	Settings: func() any { return &widgetSizeSettings{} },
	Types:    []string{widgetType},
	Resource: func(c *pack.Check, r *pack.Resource) {
		size := r.Get("size")
		allowed := pack.SettingsOf[widgetSizeSettings](c).AllowedSizes
		if !size.Exists() || slices.Contains(allowed, size.Text("")) {
			return
		}
		c.Violatef("widget %s is %v, not one of the allowed sizes (%s): pick one of them", r.Name, size,
			strings.Join(allowed, ", "))
	},
}
