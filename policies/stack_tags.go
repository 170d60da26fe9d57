package policies

import (
	"fmt"
	"maps"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/tags"
)

// Type tokens of the Pulumi Cloud resources that set stack tags (pulumiservice v1 and v2).
var (
	stackTagTypes  = []string{"pulumiservice:index:StackTag", "pulumiservice:stacks/tags:Tag"}
	stackTagsTypes = []string{"pulumiservice:index:StackTags", "pulumiservice:stacks/tags:Tags"}
)

type stackTagSettings struct {
	Tags              tags.Rules `json:"tags"`
	CaseSensitive     bool       `json:"caseSensitive"`
	CountDeclaredTags bool       `json:"countDeclaredTags"`
}

func (s *stackTagSettings) Prepare() error { return prepareRequiredTags(s.Tags, "stack") }

// prepareRequiredTags compiles the required tags of a tag rule, and refuses an empty set, which
// would require nothing of what (a "stack", a "resource").
func prepareRequiredTags(rules tags.Rules, what string) error {
	if len(rules) == 0 {
		return pack.TurnsRuleOff("tags", "an empty object requires no tag of any "+what,
			`name the tags to require (by default {"owner": {}, "environment": {}})`)
	}
	return rules.Prepare()
}

func init() {
	register(pack.Policy{
		Name:        "required-stack-tags",
		DisplayName: "Stacks carry the required tags",
		Description: "The stack carries the tags that say who owns it and what it is for (by default owner " +
			"and environment), with allowed values or patterns per tag. The stack's tags are judged on its root " +
			"resource, before any resource is created or changed, so a mandatory violation stops even " +
			"`pulumi up --skip-preview` before anything changes. With countDeclaredTags, tags that pulumiservice " +
			"StackTag resources in the program set on this stack count too; the stack is then judged once all " +
			"resources are known (after an update has applied its changes) unless its own tags already suffice.",
		Severity:  pack.Medium,
		Framework: frameworks.UsingPulumiSecurely("governance: tag stacks with owner and environment"),
		Tags:      []string{"tagging", "governance", "pulumi-cloud"},
		Remediation: "Set each missing tag with `pulumi stack tag set <name> <value>`, or declare a " +
			"pulumiservice StackTag resource for this stack in the program and set countDeclaredTags.",
		Types:      []string{rootStackType},
		InputsOnly: true, // about the stack's tags the engine sends, not the deployed resource
		Config: pack.Schema{Properties: map[string]pack.JSONSchema{
			"tags": tags.RulesSchema("The tags every stack must carry, each optionally limited to allowed "+
				"values or a pattern.", "owner", "environment"),
			"caseSensitive": tags.CaseSensitiveSchema(),
			"countDeclaredTags": pack.Boolean("Also count the tags that pulumiservice StackTag/StackTags "+
				"resources in the program set on this stack. They exist only after the update, so a stack that "+
				"needs them is judged after the update has applied its changes.", false),
		}},
		Settings: func() any { return &stackTagSettings{} },
		Resource: checkStackTagsBeforeChanges,
		Stack:    checkStackTagsWithDeclared,
	})
}

// checkStackTagsBeforeChanges judges the tags the engine sent on the stack's root resource, which
// the engine analyzes before it creates or changes any other resource.
func checkStackTagsBeforeChanges(c *pack.Check, _ *pack.Resource) {
	d := c.Deployment()
	if !d.Known {
		c.Skip("the engine did not send the stack's tags (pulumi policy analyze --file and publish do not)")
		return
	}
	settings := pack.SettingsOf[stackTagSettings](c)
	missing, wrong := settings.Tags.Judge(d.Tags, settings.CaseSensitive)
	if settings.CountDeclaredTags && len(missing)+len(wrong) > 0 {
		c.Skip("countDeclaredTags is set and the stack's own tags fall short: judged with the tags the " +
			"program declares once all resources are known")
		return
	}
	reportStackTags(c, d, missing, wrong)
}

// checkStackTagsWithDeclared judges, when countDeclaredTags is set, the tags the engine sent together
// with those the program's pulumiservice resources declare for this stack.
func checkStackTagsWithDeclared(c *pack.Check, s *pack.Stack) {
	d := c.Deployment()
	settings := pack.SettingsOf[stackTagSettings](c)
	switch {
	case !d.Known:
		c.Skip("the engine did not send the stack's tags (pulumi policy analyze --file and publish do not)")
		return
	case !settings.CountDeclaredTags:
		c.Skip("judged on the stack's root resource before anything changes; set countDeclaredTags to count " +
			"the tags the program declares")
		return
	}
	tags := maps.Clone(d.Tags)
	if tags == nil {
		tags = map[string]string{}
	}
	maps.Copy(tags, declaredStackTags(d, s))
	missing, wrong := settings.Tags.Judge(tags, settings.CaseSensitive)
	reportStackTags(c, d, missing, wrong)
}

func reportStackTags(c *pack.Check, d *pack.Deployment, missing, wrong []string) {
	if len(missing) > 0 {
		c.Violatef("stack %s is missing %s: set %s with %s", d.Stack, tags.Missing("tags", missing), tags.Them(len(missing)),
			tagCommands(missing))
	}
	for _, w := range wrong {
		c.Violatef("stack %s: tag %s", d.Stack, w)
	}
}

// declaredStackTags returns the tags that pulumiservice resources in the program set on this
// stack; they will exist after the update. A tag resource for another stack does not count.
func declaredStackTags(d *pack.Deployment, s *pack.Stack) map[string]string {
	tags := map[string]string{}
	forThisStack := func(r *pack.Resource) bool {
		return matchesOrUnset(r.Get("organization"), d.Organization) &&
			matchesOrUnset(r.Get("project"), d.Project) &&
			matchesOrUnset(r.Get("stack"), d.Stack)
	}
	for _, r := range s.OfType(stackTagTypes...) {
		if forThisStack(r) {
			tags[r.Get("name").Text("")] = r.Get("value").Text("")
		}
	}
	for _, r := range s.OfType(stackTagsTypes...) {
		if forThisStack(r) {
			for k, v := range r.Get("tags").Entries() {
				tags[k] = v.Text("")
			}
		}
	}
	return tags
}

// matchesOrUnset reports whether a value names want, or is unknown or unset (the provider then
// defaults to the current stack).
func matchesOrUnset(v pack.Value, want string) bool {
	if v.Unknown() {
		return true
	}
	got := v.Text("")
	return got == "" || strings.EqualFold(got, want)
}

func tagCommands(keys []string) string {
	cmds := make([]string, len(keys))
	for i, k := range keys {
		cmds[i] = fmt.Sprintf("`pulumi stack tag set %s <value>`", k)
	}
	return strings.Join(cmds, " and ")
}
