package policies

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestRequiredStackTags(t *testing.T) {
	tagged := func(tags map[string]string) *pack.Deployment {
		return pack.NewDeployment("acme", "app", "dev", true, tags, nil, nil)
	}
	stackRoot := packtest.Resource("pulumi:pulumi:Stack", "app-dev", nil)
	owned := map[string]string{"owner": "team-a", "environment": "dev"}
	environments := map[string]any{"tags": map[string]any{
		"owner":       map[string]any{"pattern": "team-[a-z]+"},
		"environment": map[string]any{"allowed": []any{"dev", "staging", "production"}},
	}}
	packtest.Run(t, All(), "required-stack-tags", []packtest.Case{
		{Name: "all default tags set", Want: packtest.Pass,
			Stack: packtest.Stack(stackRoot), Deployment: tagged(owned)},
		{Name: "owner missing", Want: packtest.Violation, Count: 1, Message: "missing the tag owner",
			Stack: packtest.Stack(stackRoot), Deployment: tagged(map[string]string{"environment": "dev"})},
		{Name: "blank value counts as missing", Want: packtest.Violation, Message: "environment",
			Stack: packtest.Stack(stackRoot), Deployment: tagged(map[string]string{"owner": "a", "environment": " "})},
		{Name: "no tags at all", Want: packtest.Violation, Message: "`pulumi stack tag set owner <value>`",
			Stack: packtest.Stack(stackRoot), Deployment: tagged(nil)},
		{Name: "value not allowed", Want: packtest.Violation, Message: `environment is "prod", not one of`,
			Config: environments, Stack: packtest.Stack(stackRoot),
			Deployment: tagged(map[string]string{"owner": "team-a", "environment": "prod"})},
		{Name: "pattern must match the whole value", Want: packtest.Violation, Message: "does not match",
			Config: environments, Stack: packtest.Stack(stackRoot),
			Deployment: tagged(map[string]string{"owner": "xteam-a", "environment": "dev"})},
		{Name: "allowed value and matching pattern", Want: packtest.Pass, Config: environments,
			Stack: packtest.Stack(stackRoot), Deployment: tagged(owned)},
		{Name: "configured extra key", Want: packtest.Violation, Message: "cost-center",
			Config: map[string]any{"tags": map[string]any{"cost-center": map[string]any{}}},
			Stack:  packtest.Stack(stackRoot), Deployment: tagged(owned)},
		{Name: "StackTag resources in the program count", Want: packtest.Pass,
			Deployment: tagged(map[string]string{"environment": "dev"}),
			Stack: packtest.Stack(stackRoot, packtest.Resource("pulumiservice:index:StackTag", "owner",
				packtest.Props{"organization": "acme", "project": "app", "stack": "dev", "name": "owner", "value": "team-a"}))},
		{Name: "v2 Tags resource counts", Want: packtest.Pass, Deployment: tagged(nil),
			Stack: packtest.Stack(stackRoot, packtest.Resource("pulumiservice:stacks/tags:Tags", "tags",
				packtest.Props{"organization": "acme", "project": "app", "stack": packtest.Unknown,
					"tags": packtest.Props{"owner": "a", "environment": "dev"}}))},
		{Name: "tag for another stack does not count", Want: packtest.Violation, Message: "owner",
			Deployment: tagged(map[string]string{"environment": "dev"}),
			Stack: packtest.Stack(stackRoot, packtest.Resource("pulumiservice:stacks/tags:Tag", "owner",
				packtest.Props{"organization": "acme", "project": "app", "stack": "prod", "name": "owner", "value": "a"}))},
		{Name: "unknown tag name defers", Want: packtest.NotApplicable, Message: "value unknown during preview: name",
			Deployment: tagged(map[string]string{"environment": "dev"}),
			Stack: packtest.Stack(stackRoot, packtest.Resource("pulumiservice:index:StackTag", "owner",
				packtest.Props{"organization": "acme", "project": "app", "stack": "dev", "name": packtest.Unknown, "value": "a"}))},
		{Name: "no stack context", Want: packtest.NotApplicable, Message: "did not send the stack's tags",
			Stack: packtest.Stack(stackRoot), Deployment: &pack.Deployment{}},
	})
}
