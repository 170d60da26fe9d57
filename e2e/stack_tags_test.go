package e2e

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestUntaggedStackUpdateChangesNothing runs `pulumi up --skip-preview` (Automation API's Up
// passes --yes --skip-preview) on a stack without its required tags: the stack's tags are judged
// on its root resource, which the engine analyzes before it creates any other resource, so the
// update stops with nothing created.
func TestUntaggedStackUpdateChangesNothing(t *testing.T) {
	t.Parallel()
	s := newStack(t, secureProgram)
	require.NoError(t, s.SetTag(t.Context(), "environment", "dev"))
	strict := writeConfig(t, `{"required-stack-tags": "mandatory"}`)

	r := up(t, s, strict)
	require.Error(t, r.err, "a mandatory stack tag violation fails the update")
	assert.True(t, r.has("required-stack-tags", "mandatory", "app-dev"), r.policies())
	assert.Empty(t, createdResources(t, s), "nothing is created before the stack's tags are judged")

	require.NoError(t, s.SetTag(t.Context(), "owner", "team-shop"))
	r = up(t, s, strict)
	require.NoError(t, r.err, r.output)
	assert.Equal(t, []string{"aws:ssm/parameter:Parameter"}, createdResources(t, s))
}

// TestDeclaredStackTagsCountWhenConfigured declares the missing owner tag with a pulumiservice
// StackTag resource: it counts only with countDeclaredTags, judged once the whole stack is known.
func TestDeclaredStackTagsCountWhenConfigured(t *testing.T) {
	t.Parallel()
	program := func(ctx *pulumi.Context) error {
		if err := secureProgram(ctx); err != nil {
			return err
		}
		_, err := register(ctx, "pulumiservice:index:StackTag", "owner", pulumi.Map{
			"project": pulumi.String("app"),
			"stack":   pulumi.String("dev"), "name": pulumi.String("owner"), "value": pulumi.String("team-shop"),
		})
		return err
	}

	s := newStack(t, program)
	require.NoError(t, s.SetTag(t.Context(), "environment", "dev"))
	r := up(t, s, writeConfig(t, `{"required-stack-tags": "mandatory"}`))
	require.Error(t, r.err, "without countDeclaredTags the declared tag does not count")
	assert.Empty(t, createdResources(t, s))

	r = up(t, s, writeConfig(t, `{"required-stack-tags": {"enforcementLevel": "mandatory", "countDeclaredTags": true}}`))
	require.NoError(t, r.err, r.output)
	assert.False(t, r.has("required-stack-tags", "", ""), r.policies())
	assert.ElementsMatch(t, []string{"aws:ssm/parameter:Parameter", "pulumiservice:index:StackTag"}, createdResources(t, s))
}
