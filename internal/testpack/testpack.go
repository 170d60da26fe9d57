// Package testpack is a pack of fixture policies that exercise every path of the engine: a
// violation, a stack violation on another resource, an unknown value, a remediation, a panic,
// and a check that wrongly formats a secret. Tests run it in-process and through the protocol.
package testpack

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Type tokens the fixture policies apply to.
const (
	ThingType  = "test:index:Thing"
	PanicType  = "test:index:Panic"
	SecretType = "test:index:Secret"
)

type thingSettings struct {
	Limit int `json:"limit"`
}

// Pack returns the fixture pack.
func Pack() pack.Pack {
	return pack.Pack{
		Name:        "test-pack",
		Version:     "1.2.3",
		Description: "Fixture policies for the engine's tests.",
		DocsURL:     "https://example.com/docs",
		Policies: []pack.Policy{
			{
				Name:        "thing-enabled",
				Description: "Things are enabled and their size is within the limit.",
				Severity:    pack.High,
				Framework:   &pack.Framework{Name: "test-framework", Version: "1", Reference: "T.1"},
				Tags:        []string{"test"},
				Remediation: "Enable the thing.",
				Types:       []string{ThingType},
				Config: pack.Schema{Properties: map[string]pack.JSONSchema{
					"limit": pack.Integer("The largest size allowed.", 10, 0),
				}},
				Settings: func() any { return &thingSettings{} },
				Resource: func(c *pack.Check, r *pack.Resource) {
					if !r.Get("enabled").Bool(false) {
						c.Violatef("thing %s is disabled", r.Name)
					}
					if size := r.Get("spec", "size").Int(0); size > pack.SettingsOf[thingSettings](c).Limit {
						c.Violatef("size %v is over the limit", r.Get("spec", "size"))
					}
				},
				Remediate: func(c *pack.Check, r *pack.Resource) (property.Map, bool) {
					if r.Get("enabled").Bool(false) {
						return property.Map{}, false
					}
					return r.Properties.Set("enabled", property.New(true)), true
				},
			},
			{
				Name:        "thing-count",
				Description: "A stack holds at most one thing; extra things are reported on themselves.",
				Severity:    pack.Low,
				Types:       []string{"test:*"},
				Stack: func(c *pack.Check, s *pack.Stack) {
					c.ForEach(s.OfType(ThingType), func(r *pack.Resource) {
						if r.Get("external").Bool(false) {
							c.Defer(r, "managed outside this stack")
							return
						}
						if r.Get("extra").Bool(false) {
							c.Report(pack.Violation{Message: "extra thing", URN: r.URN, Severity: pack.Critical})
						}
					})
				},
			},
			{
				Name:        "panics",
				Description: "Always panics, to prove the pack keeps serving.",
				Severity:    pack.Medium,
				Types:       []string{PanicType},
				Resource: func(_ *pack.Check, r *pack.Resource) {
					var letters []byte
					_ = letters[len(r.Name)]
				},
			},
			{
				Name:        "echoes-secrets",
				Description: "Wrongly formats a property as a plain string, to prove the scrubber.",
				Severity:    pack.Critical,
				Types:       []string{SecretType},
				Resource: func(c *pack.Check, r *pack.Resource) {
					c.Violatef("the password is %s (redacted: %v)", r.Get("password").Raw().AsString(), r.Get("password"))
				},
			},
			{
				Name:        "stack-names",
				Description: "Reports the stack it runs in.",
				Severity:    pack.Low,
				Resource: func(c *pack.Check, r *pack.Resource) {
					if d := c.Deployment(); d.Known && d.Tags["fail"] == "yes" {
						c.Violatef("stack %s/%s/%s is tagged to fail", d.Organization, d.Project, d.Stack)
					}
				},
			},
		},
	}
}
