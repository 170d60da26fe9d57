package docs

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type limitSettings struct {
	Limit int `json:"limit"`
}

// fixture is a small pack: a resource policy with a setting, a stack policy about every cloud.
func fixture() pack.Pack {
	return pack.Pack{
		Name:        "fixture",
		DocsURL:     "https://example.com/rules",
		CloudLabels: map[string]string{"azure-native": "azure"},
		Policies: []pack.Policy{
			{
				Name: "thing-small", DisplayName: "Things are small", Description: "Things stay under a size.",
				Severity: pack.High, Framework: &pack.Framework{Name: "Bench", Reference: "B.1"},
				Tags: []string{"azure", "things"}, Remediation: "Shrink it.",
				Types: []string{"azure-native:things:Thing"},
				Config: pack.Schema{Properties: map[string]pack.JSONSchema{
					"limit": pack.Integer("The largest size.", 10, 0),
				}},
				Settings: func() any { return &limitSettings{} },
				Resource: func(*pack.Check, *pack.Resource) {},
			},
			{
				Name: "stack-tagged", DisplayName: "Stacks are tagged", Description: "Stacks carry tags.",
				Severity: pack.Low, Tags: []string{"tagging"}, Remediation: "Tag it.",
				Stack: func(*pack.Check, *pack.Stack) {},
			},
		},
	}
}

func TestPages(t *testing.T) {
	t.Parallel()
	pages, err := Pages(fixture())
	require.NoError(t, err)
	require.Len(t, pages, 3)

	page := string(pages["thing-small.md"])
	for _, want := range []string{
		"# `thing-small`", "**Things are small**", "Things stay under a size.",
		"| Severity | high |", "| Default enforcement | mandatory |", "| Cloud | azure |", "| Framework | Bench B.1 |",
		"`azure-native:things:Thing`", "Shrink it.", "| `limit` | integer | `10` | The largest size. |",
	} {
		assert.Contains(t, page, want)
	}
	_, example, ok := strings.Cut(page, "```json\n")
	require.True(t, ok)
	example, _, _ = strings.Cut(example, "```")
	var config map[string]map[string]any
	require.NoError(t, json.Unmarshal([]byte(example), &config))
	assert.Equal(t, map[string]any{"enforcementLevel": "mandatory", "limit": 10.0}, config["thing-small"])

	stack := string(pages["stack-tagged.md"])
	assert.Contains(t, stack, "| Cloud | every cloud |")
	assert.Contains(t, stack, "The stack as a whole.")
	assert.Contains(t, stack, "None: only the enforcement level is configurable.")

	index := string(pages[Index])
	for _, want := range []string{
		"2 rules.", "[azure](#azure) (1)", "[every cloud](#every-cloud) (1)", "[high](#high) (1)", "[Bench](#bench) (1)",
		"| things | [`thing-small`](thing-small.md) | high | mandatory | Things are small |",
		"| B.1 | [`thing-small`](thing-small.md) | high |",
	} {
		assert.Contains(t, index, want)
	}
}

func TestDrift(t *testing.T) {
	t.Parallel()
	pages := map[string][]byte{"README.md": []byte("index"), "a.md": []byte("a")}
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{name: "up to date", files: map[string]string{"README.md": "index", "a.md": "a"}},
		{name: "stale page", files: map[string]string{"README.md": "index", "a.md": "old"}, want: []string{"a.md is out of date"}},
		{name: "missing page", files: map[string]string{"README.md": "index"}, want: []string{"a.md is missing"}},
		{name: "page of no rule", files: map[string]string{"README.md": "index", "a.md": "a", "gone.md": "g"},
			want: []string{"gone.md documents no rule"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			for name, content := range tt.files {
				require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(content), 0o600))
			}
			problems, err := Drift(dir, pages)
			require.NoError(t, err)
			var want []string
			for _, w := range tt.want {
				want = append(want, filepath.Join(dir, w))
			}
			assert.Equal(t, want, problems)
		})
	}
}

func TestBrokenLinks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "other.md"), nil, 0o600))
	page := "# Guide\n\n- [Use it](#use-it), [the `rules` command](#the-rules-command), [gone](#gone)\n" +
		"- [other](other.md), [other's part](other.md#part), [missing](missing.md), [site](https://example.com/x)\n\n" +
		"## Use it\n\n### The `rules` command\n\n```sh\n# not a heading\n[x](#not-a-link-either)\n```\n"
	path := filepath.Join(dir, "README.md")
	require.NoError(t, os.WriteFile(path, []byte(page), 0o600))
	broken, err := BrokenLinks(path)
	require.NoError(t, err)
	assert.Equal(t, []string{path + ": no heading for #gone", path + ": missing.md does not exist"}, broken)
}
