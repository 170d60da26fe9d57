package docs

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
