package policies

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
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
	declared := map[string]any{"countDeclaredTags": true}
	ownerTag := func(stack any) plugin.AnalyzerResource {
		return packtest.Resource("pulumiservice:index:StackTag", "owner",
			packtest.Props{"organization": "acme", "project": "app", "stack": stack, "name": "owner", "value": "team-a"})
	}
	packtest.Run(t, All(), "required-stack-tags", []packtest.Case{
		// On the root resource's Analyze, before anything changes: the engine's tags.
		{Name: "all default tags set", Want: packtest.Pass, Resource: stackRoot, Deployment: tagged(owned)},
		{Name: "owner missing", Want: packtest.Violation, Count: 1, Message: "missing the tag owner",
			Resource: stackRoot, Deployment: tagged(map[string]string{"environment": "dev"})},
		{Name: "blank value counts as missing", Want: packtest.Violation, Message: "environment",
			Resource: stackRoot, Deployment: tagged(map[string]string{"owner": "a", "environment": " "})},
		{Name: "no tags at all", Want: packtest.Violation, Message: "`pulumi stack tag set owner <value>`",
			Resource: stackRoot, Deployment: tagged(nil)},
		{Name: "value not allowed", Want: packtest.Violation, Message: `environment is "prod", not one of`,
			Config: environments, Resource: stackRoot,
			Deployment: tagged(map[string]string{"owner": "team-a", "environment": "prod"})},
		{Name: "pattern must match the whole value", Want: packtest.Violation, Message: "does not match",
			Config: environments, Resource: stackRoot,
			Deployment: tagged(map[string]string{"owner": "xteam-a", "environment": "dev"})},
		{Name: "allowed value and matching pattern", Want: packtest.Pass, Config: environments,
			Resource: stackRoot, Deployment: tagged(owned)},
		{Name: "configured extra key", Want: packtest.Violation, Message: "cost-center",
			Config:   map[string]any{"tags": map[string]any{"cost-center": map[string]any{}}},
			Resource: stackRoot, Deployment: tagged(owned)},
		{Name: "no stack context", Want: packtest.NotApplicable, Message: "did not send the stack's tags",
			Resource: stackRoot, Deployment: &pack.Deployment{}},
		{Name: "countDeclaredTags: own tags suffice, decided before anything changes", Want: packtest.Pass,
			Config: declared, Resource: stackRoot, Deployment: tagged(owned)},
		{Name: "countDeclaredTags: own tags fall short, waits for the stack", Want: packtest.NotApplicable,
			Message: "judged with the tags the program declares", Config: declared, Resource: stackRoot,
			Deployment: tagged(map[string]string{"environment": "dev"})},

		// On AnalyzeStack: only with countDeclaredTags, counting the program's StackTag resources.
		{Name: "stack check is off by default", Want: packtest.NotApplicable, Message: "set countDeclaredTags",
			Deployment: tagged(nil), Stack: packtest.Stack(stackRoot, ownerTag("dev"))},
		{Name: "StackTag resources in the program count", Want: packtest.Pass, Config: declared,
			Deployment: tagged(map[string]string{"environment": "dev"}), Stack: packtest.Stack(stackRoot, ownerTag("dev"))},
		{Name: "declared tags still missing one", Want: packtest.Violation, Count: 1, Message: "missing the tag environment",
			Config: declared, Deployment: tagged(nil), Stack: packtest.Stack(stackRoot, ownerTag("dev"))},
		{Name: "v2 Tags resource counts", Want: packtest.Pass, Config: declared, Deployment: tagged(nil),
			Stack: packtest.Stack(stackRoot, packtest.Resource("pulumiservice:stacks/tags:Tags", "tags",
				packtest.Props{"organization": "acme", "project": "app", "stack": packtest.Unknown,
					"tags": packtest.Props{"owner": "a", "environment": "dev"}}))},
		{Name: "tag for another stack does not count", Want: packtest.Violation, Message: "owner", Config: declared,
			Deployment: tagged(map[string]string{"environment": "dev"}), Stack: packtest.Stack(stackRoot, ownerTag("prod"))},
		{Name: "unknown tag name defers", Want: packtest.NotApplicable, Message: "value unknown during preview: name",
			Config: declared, Deployment: tagged(map[string]string{"environment": "dev"}),
			Stack: packtest.Stack(stackRoot, packtest.Resource("pulumiservice:index:StackTag", "owner",
				packtest.Props{"organization": "acme", "project": "app", "stack": "dev", "name": packtest.Unknown, "value": "a"}))},
		{Name: "stack check without stack context", Want: packtest.NotApplicable, Message: "did not send the stack's tags",
			Config: declared, Stack: packtest.Stack(stackRoot), Deployment: &pack.Deployment{}},
	})
}
