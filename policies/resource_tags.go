package policies

import (
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/tags"
)

type resourceTagSettings struct {
	Tags          tags.Rules `json:"tags"`
	IgnoreTypes   []string   `json:"ignoreTypes"`
	CaseSensitive bool       `json:"caseSensitive"`
}

func (s *resourceTagSettings) Prepare() error { return prepareRequiredTags(s.Tags, "resource") }

func init() {
	register(pack.Policy{
		Name:        "required-resource-tags",
		DisplayName: "Cloud resources carry the required tags",
		Description: "Taggable AWS, Azure and Google Cloud resources carry the tag keys that say who owns them " +
			"and what they are for (by default owner and environment), counting the AWS provider's defaultTags " +
			"and the Google provider's defaultLabels (Google Cloud calls tags labels).",
		Severity:  pack.Medium,
		Framework: frameworks.UsingPulumiSecurely("governance: tag resources for ownership and cost"),
		Tags:      []string{"tagging", "governance", "aws", "azure", "gcp"},
		Remediation: "Add the tags to the resource, or once for all AWS resources to the provider's defaultTags " +
			"(Google: defaultLabels). A Pulumi transform can apply them to every resource of a program.",
		Types: []string{"aws:*", "azure-native:*", "azure:*", "gcp:*"},
		Config: pack.Schema{Properties: map[string]pack.JSONSchema{
			"tags": tags.RulesSchema("The tags every taggable resource must carry, each optionally limited to "+
				"allowed values or a pattern.", "owner", "environment"),
			"ignoreTypes":   pack.StringList("Resource types never checked (type tokens)."),
			"caseSensitive": tags.CaseSensitiveSchema(),
		}},
		Settings: func() any { return &resourceTagSettings{} },
		Resource: checkResourceTags,
	})
}

func checkResourceTags(c *pack.Check, r *pack.Resource) {
	s := pack.SettingsOf[resourceTagSettings](c)
	field, defaults := "tags", ""
	switch r.Package() {
	case "aws":
		defaults = "defaultTags"
	case "gcp":
		field, defaults = "labels", "defaultLabels"
	}
	if slices.Contains(s.IgnoreTypes, r.Type) {
		c.Skip(r.Type + " is in the ignoreTypes setting")
		return
	}
	if !taggable(r, field) {
		c.Skip(r.Type + " does not take " + field)
		return
	}
	present := readTags(r.Get(field))
	if r.Provider != nil && defaults != "" {
		for k, v := range readTags(providerDefaults(r.Provider, defaults)) {
			if _, set := present[k]; !set {
				present[k] = v
			}
		}
	}
	missing, wrong := s.Tags.Judge(present, s.CaseSensitive)
	if len(missing) > 0 {
		where := field
		if defaults != "" {
			where += " or the provider's " + defaults
		}
		c.Violatef("%s is missing %s: add %s to %s", r.Name, tags.Missing(field, missing), tags.Them(len(missing)), where)
	}
	for _, w := range wrong {
		c.Violatef("%s: %s %s", r.Name, strings.TrimSuffix(field, "s"), w)
	}
}

// taggable reports whether a resource takes tags: the type is known to (AWS, Google), or the
// program set them, or (Azure Resource Manager) it is a tracked resource with a location.
func taggable(r *pack.Resource, field string) bool {
	if !r.Properties.Get(field).IsNull() {
		return true
	}
	switch r.Package() {
	case "aws":
		return awsTaggableTypes[r.Type]
	case "gcp":
		return gcpLabeledTypes[r.Type]
	case "azure-native":
		return !r.Properties.Get("location").IsNull()
	}
	return false
}

// providerDefaults reads a provider's default tags: AWS nests them under tags; provider inputs
// may arrive JSON-encoded.
func providerDefaults(p *pack.Provider, field string) pack.Value {
	v := p.Get(field).JSON()
	if field == "defaultTags" {
		return v.Get("tags")
	}
	return v
}

// readTags reads a tag map, or the list of {key, value} that some AWS resources (autoscaling
// groups) take.
func readTags(v pack.Value) map[string]string {
	tags := map[string]string{}
	if v.Exists() && v.Raw().IsArray() {
		for _, item := range v.Items() {
			tags[item.Get("key").Text("")] = item.Get("value").Text("")
		}
		return tags
	}
	for k, value := range v.Entries() {
		tags[k] = value.Text("")
	}
	return tags
}
