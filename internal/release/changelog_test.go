package release

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestChangelogHasAnEntryForThePackVersion(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "PulumiPolicy.yaml"))
	require.NoError(t, err)
	project, err := pack.ReadProject(data)
	require.NoError(t, err)
	versions, err := ChangelogVersions(filepath.Join(repoRoot, "CHANGELOG.md"))
	require.NoError(t, err)
	require.NotEmpty(t, versions, "CHANGELOG.md has no release entries")
	assert.Equal(t, project.Version, versions[0],
		"the newest entry of CHANGELOG.md must be the version in PulumiPolicy.yaml: add a section "+
			"\"## [%s] - <date>\" on top that says what changed", project.Version)
}

func TestChangelogVersions(t *testing.T) {
	cases := []struct {
		name, text string
		want       []string
	}{
		{"released and unreleased", "# Changelog\n\n## [Unreleased]\n\n## [0.2.0] - Unreleased\n- x\n\n## [0.1.0] - 2026-11-26\n",
			[]string{"0.2.0", "0.1.0"}},
		{"pre-release", "## [1.0.0-rc.1] - 2026-12-01\n", []string{"1.0.0-rc.1"}},
		{"not headings", "### [0.3.0]\n## 0.4.0\n- see [0.5.0]\n", nil},
		{"empty", "", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "CHANGELOG.md")
			require.NoError(t, os.WriteFile(path, []byte(tc.text), 0o644))
			got, err := ChangelogVersions(path)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}
