package release

import (
	"bytes"
	"encoding/binary"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// repoRoot is this repository's work tree, two levels up.
const repoRoot = "../.."

func TestRepositoryTracksNoBinariesOrLargeFiles(t *testing.T) {
	if err := exec.Command("git", "-C", repoRoot, "rev-parse", "--is-inside-work-tree").Run(); err != nil {
		t.Skip("not a git work tree: nothing is tracked")
	}
	problems, err := TrackedFiles(t.Context(), repoRoot)
	require.NoError(t, err)
	if len(problems) > 0 {
		lines := make([]string, len(problems))
		for i, p := range problems {
			lines[i] = "  " + p.String()
		}
		assert.Fail(t, "the repository tracks files it must not:\n"+strings.Join(lines, "\n"))
	}
}

// peImage is the start of a Windows executable: a DOS header whose e_lfanew points at "PE\0\0".
func peImage() []byte {
	b := make([]byte, 0x90)
	copy(b, "MZ")
	binary.LittleEndian.PutUint32(b[0x3c:], 0x80)
	copy(b[0x80:], "PE\x00\x00")
	return b
}

func TestTrackedFilesFindsBinariesAndLargeFiles(t *testing.T) {
	cases := []struct {
		name    string
		content []byte
		mode    os.FileMode
		want    string // a part of the reason, or "" for a file that passes
	}{
		{"elf", []byte("\x7fELF\x02\x01\x01rest"), 0o755, "ELF executable"},
		{"elf-not-marked-executable", []byte("\x7fELF\x02\x01\x01rest"), 0o644, "ELF executable"},
		{"macho", []byte{0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1}, 0o644, "Mach-O executable"},
		{"macho-universal", []byte{0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2}, 0o644, "Mach-O universal"},
		{"program.exe", peImage(), 0o644, "Windows (PE) executable"},
		{"mz-text.txt", []byte("MZ is how this note starts, and it is text."), 0o644, ""},
		{"executable-text", []byte("echo hi\n"), 0o755, "not a script with a #! line"},
		{"script.sh", []byte("#!/bin/sh\necho hi\n"), 0o755, ""},
		{"large.bin", bytes.Repeat([]byte("a"), MaxFileSize+1), 0o644, "over the 1 MiB limit"},
		{"at-limit.txt", bytes.Repeat([]byte("a"), MaxFileSize), 0o644, ""},
		{"empty", nil, 0o644, ""},
		{"README.md", []byte("# fine\n"), 0o644, ""},
	}
	dir := t.TempDir()
	git := func(args ...string) {
		t.Helper()
		out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
		require.NoError(t, err, string(out))
	}
	git("init", "-q")
	for _, tc := range cases {
		path := filepath.Join(dir, "sub", tc.name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, tc.content, tc.mode))
		require.NoError(t, os.Chmod(path, tc.mode))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "deleted"), []byte("\x7fELF"), 0o755))
	require.NoError(t, os.Symlink("sub/script.sh", filepath.Join(dir, "link")))
	git("add", ".")
	require.NoError(t, os.Remove(filepath.Join(dir, "deleted")))

	problems, err := TrackedFiles(t.Context(), dir)
	require.NoError(t, err)
	got := map[string]string{}
	for _, p := range problems {
		got[p.Path] = p.Reason
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			reason, found := got["sub/"+tc.name]
			if tc.want == "" {
				assert.False(t, found, "want no problem, got %q", reason)
				return
			}
			assert.Contains(t, reason, tc.want)
		})
	}
	assert.NotContains(t, got, "deleted", "a file deleted in the work tree is not judged")
	assert.NotContains(t, got, "link", "a symbolic link is not judged")
}

func TestTrackedFilesOutsideAGitRepository(t *testing.T) {
	_, err := TrackedFiles(t.Context(), t.TempDir())
	assert.ErrorContains(t, err, "git ls-files")
}
