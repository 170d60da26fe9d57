package tags

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func prepared(t *testing.T, rules Rules) Rules {
	t.Helper()
	require.NoError(t, rules.Prepare())
	return rules
}

func TestJudge(t *testing.T) {
	rules := Rules{
		"owner":       nil,
		"environment": {Allowed: []string{"dev", "prod"}},
		"cost-center": {Pattern: `cc-[0-9]+`},
	}
	for _, tc := range []struct {
		name           string
		tags           map[string]string
		caseSensitive  bool
		missing, wrong []string
	}{
		{name: "every tag, good values",
			tags: map[string]string{"owner": "a", "environment": "prod", "cost-center": "cc-12"}},
		{name: "none", tags: nil, missing: []string{"cost-center", "environment", "owner"}},
		{name: "a blank value is missing",
			tags:    map[string]string{"owner": " ", "environment": "", "cost-center": "cc-1"},
			missing: []string{"environment", "owner"}},
		{name: "a value not allowed, a value not matching",
			tags:  map[string]string{"owner": "a", "environment": "qa", "cost-center": "cc-12x"},
			wrong: []string{`cost-center is "cc-12x", which does not match cc-[0-9]+`, `environment is "qa", not one of dev, prod`}},
		{name: "allowed values are matched case included",
			tags:  map[string]string{"owner": "a", "environment": "Prod", "cost-center": "cc-1"},
			wrong: []string{`environment is "Prod", not one of dev, prod`}},
		{name: "a pattern matches the whole value",
			tags:  map[string]string{"owner": "a", "environment": "dev", "cost-center": "x-cc-1"},
			wrong: []string{`cost-center is "x-cc-1", which does not match cc-[0-9]+`}},
		{name: "keys in another case count",
			tags: map[string]string{"Owner": "a", "ENVIRONMENT": "dev", "Cost-Center": "cc-1"}},
		{name: "unless case sensitive", caseSensitive: true,
			tags:    map[string]string{"Owner": "a", "environment": "dev", "cost-center": "cc-1"},
			missing: []string{"owner"}},
		{name: "the exact key wins over another case",
			tags:  map[string]string{"Environment": "dev", "environment": "qa", "owner": "a", "cost-center": "cc-1"},
			wrong: []string{`environment is "qa", not one of dev, prod`}},
		{name: "else the first key in sorted order",
			tags:  map[string]string{"Environment": "qa", "ENVIRONMENT": "dev", "owner": "a", "cost-center": "cc-1"},
			wrong: nil},
	} {
		missing, wrong := prepared(t, rules).Judge(tc.tags, tc.caseSensitive)
		assert.Equal(t, tc.missing, missing, tc.name)
		assert.Equal(t, tc.wrong, wrong, tc.name)
	}
}

func TestPrepare(t *testing.T) {
	rules := Rules{"owner": nil, "team": {Pattern: "a|b"}}
	require.NoError(t, rules.Prepare())
	assert.NotNil(t, rules["owner"], "a nil rule is filled in")
	_, wrong := rules.Judge(map[string]string{"owner": "x", "team": "ab"}, false)
	assert.Len(t, wrong, 1, "the pattern is anchored around its alternatives")
	_, wrong = rules.Judge(map[string]string{"owner": "x", "team": "b"}, false)
	assert.Empty(t, wrong)

	err := Rules{"b": {Pattern: "("}, "a": {Pattern: "a{2000}"}}.Prepare()
	require.Error(t, err)
	assert.Contains(t, err.Error(), `tags.a.pattern: "a{2000}" is not a regular expression`, "the first key in order")
	assert.NoError(t, Rules{}.Prepare())
}

func TestMissing(t *testing.T) {
	assert.Equal(t, "the tag owner", Missing("tags", []string{"owner"}))
	assert.Equal(t, "the tags owner, environment", Missing("tags", []string{"owner", "environment"}))
	assert.Equal(t, "the label team", Missing("labels", []string{"team"}))
}

func TestThem(t *testing.T) {
	assert.Equal(t, "it", Them(1))
	assert.Equal(t, "them", Them(2))
	assert.Equal(t, "them", Them(0))
}

// tagSettings are the settings of tagProbe, as a rule holds Rules.
type tagSettings struct {
	Tags          Rules `json:"tags"`
	CaseSensitive bool  `json:"caseSensitive"`
}

func (s *tagSettings) Prepare() error { return s.Tags.Prepare() }

// tagProbe judges the "tags" input of a resource with RulesSchema and CaseSensitiveSchema, so that
// the schemas are tested with the engine's validator and decoder.
var tagProbe = pack.Policy{
	Name: "tag-probe", Description: "Judges tags.", Severity: pack.Low, Remediation: "None: a test policy.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"tags":          RulesSchema("The required tags.", "owner"),
		"caseSensitive": CaseSensitiveSchema(),
	}},
	Settings: func() any { return &tagSettings{} },
	Resource: func(c *pack.Check, r *pack.Resource) {
		tags := map[string]string{}
		for k, v := range r.Get("tags").Entries() {
			tags[k] = v.Text("")
		}
		s := pack.SettingsOf[tagSettings](c)
		missing, wrong := s.Tags.Judge(tags, s.CaseSensitive)
		if len(missing) > 0 {
			c.Violatef("%s is missing %s", r.Name, Missing("tags", missing))
		}
		for _, w := range wrong {
			c.Violatef("%s", w)
		}
	},
}

func TestSchemas(t *testing.T) {
	tagged := func(tags packtest.Props) packtest.Case {
		return packtest.Case{Resource: packtest.Resource("test:index:Bucket", "b", packtest.Props{"tags": tags})}
	}
	packtest.Run(t, []pack.Policy{tagProbe}, "tag-probe", []packtest.Case{
		packtest.Named(tagged(packtest.Props{}), "owner by default", packtest.Violation, "b is missing the tag owner"),
		packtest.Named(tagged(packtest.Props{"Owner": "a"}), "keys match in any case by default", packtest.Pass, ""),
		packtest.Configured(packtest.Named(tagged(packtest.Props{"Owner": "a"}), "case sensitive", packtest.Violation,
			"b is missing the tag owner"), map[string]any{"caseSensitive": true}),
		packtest.Configured(packtest.Named(tagged(packtest.Props{"env": "qa"}), "configured keys replace the default",
			packtest.Violation, `env is "qa", not one of dev`), map[string]any{"tags": map[string]any{"env": map[string]any{"allowed": []any{"dev"}}}}),
	})
	for name, config := range map[string]map[string]any{
		"an unknown field":       {"tags": map[string]any{"env": map[string]any{"values": []any{"dev"}}}},
		"no allowed values":      {"tags": map[string]any{"env": map[string]any{"allowed": []any{}}}},
		"an empty pattern":       {"tags": map[string]any{"env": map[string]any{"pattern": ""}}},
		"a pattern that is bad":  {"tags": map[string]any{"env": map[string]any{"pattern": "("}}},
		"case sensitive as text": {"caseSensitive": "yes"},
	} {
		assert.Error(t, packtest.ConfigError(t, []pack.Policy{tagProbe}, "tag-probe", config), name)
	}
	assert.NoError(t, packtest.ConfigError(t, []pack.Policy{tagProbe}, "tag-probe",
		map[string]any{"tags": map[string]any{"env": map[string]any{"allowed": []any{"dev"}, "pattern": "d.*"}}}))
}
