package decisionlog

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lines makes n records whose JSON is {"id":"<prefix>-<i>","pad":"..."}.
func lines(prefix string, n, pad int) []encoded {
	out := make([]encoded, n)
	for i := range out {
		out[i] = encoded{time: time.Unix(0, 0), json: fmt.Appendf(nil, `{"id":"%s-%d","pad":"%s"}`, prefix, i,
			strings.Repeat("x", pad))}
	}
	return out
}

// readAll reads the log and its rotated files, and returns every line.
func readAll(t *testing.T, path string) []string {
	t.Helper()
	files, err := filepath.Glob(path + "*")
	require.NoError(t, err)
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		if len(b) > 0 {
			require.True(t, bytes.HasSuffix(b, []byte("\n")), "%s ends with a whole line", f)
			out = append(out, strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")...)
		}
	}
	return out
}

func TestFileSinkAppendsOneLinePerRecord(t *testing.T) {
	path := filepath.Join(t.TempDir(), "decisions.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(`{"id":"earlier"}`+"\n"), 0o600))
	var stderr bytes.Buffer
	s := newFileSink(path, 0, 0, &stderr)
	s.write(lines("a", 3, 0))
	s.write(lines("b", 2, 0))
	s.flush(t.Context())

	got := readAll(t, path)
	assert.Equal(t, []string{`{"id":"earlier"}`, `{"id":"a-0","pad":""}`, `{"id":"a-1","pad":""}`,
		`{"id":"a-2","pad":""}`, `{"id":"b-0","pad":""}`, `{"id":"b-1","pad":""}`}, got, "appends, never truncates")
	assert.Empty(t, stderr.String())
}

func TestFileSinkReportsWhatItCannotWrite(t *testing.T) {
	var stderr bytes.Buffer
	s := newFileSink(filepath.Join(t.TempDir(), "missing", "decisions.jsonl"), 0, 0, &stderr)
	s.write(lines("a", 3, 0))
	s.write(lines("b", 2, 0))
	s.flush(t.Context())
	assert.Contains(t, stderr.String(), "cannot write to")
	assert.Contains(t, stderr.String(), "5 records could not be written")
	assert.Equal(t, 1, strings.Count(stderr.String(), "cannot write to"), "the failure is reported once")
}

func TestFileSinkRotatesBySize(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "decisions.jsonl")
	s := newFileSink(path, 1000, 0, &bytes.Buffer{})
	n := 0
	s.rotated = func() string { n++; return fmt.Sprintf("%s.%04d", path, n) }
	for i := range 10 {
		s.write(lines(fmt.Sprint(i), 5, 40)) // about 300 bytes a call
	}
	rotated, err := filepath.Glob(path + ".*")
	require.NoError(t, err)
	assert.Len(t, rotated, 2, "rotated each time the file passed 1000 bytes")
	for _, f := range rotated {
		fi, err := os.Stat(f)
		require.NoError(t, err)
		assert.Less(t, fi.Size(), int64(1000+5*60), "a rotated file holds at most one call past the limit")
	}
	assert.Len(t, readAll(t, path), 50, "no line lost in rotation")
}

func TestFileSinkKeepsTheNewestRotatedFiles(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "decisions.jsonl")
	s := newFileSink(path, 100, 2, &bytes.Buffer{})
	n := 0
	s.rotated = func() string { n++; return fmt.Sprintf("%s.%04d", path, n) }
	require.NoError(t, os.WriteFile(filepath.Join(dir, "decisions.jsonl.keepme"), nil, 0o600))
	for i := range 6 {
		s.write(lines(fmt.Sprint(i), 2, 60))
	}
	rotated, err := filepath.Glob(path + ".0*")
	require.NoError(t, err)
	assert.Equal(t, []string{path + ".0004", path + ".0005"}, rotated)
	assert.FileExists(t, filepath.Join(dir, "decisions.jsonl.keepme"), "only rotated files are pruned")
}

// TestFileSinkConcurrentWriters runs writers that each have their own file descriptor, as the
// pack's processes do, with rotation on: every line is whole, none lost, none written twice.
func TestFileSinkConcurrentWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "decisions.jsonl")
	const writers, calls, perCall = 8, 50, 4
	var wg sync.WaitGroup
	for w := range writers {
		s := newFileSink(path, 20000, 0, &bytes.Buffer{})
		wg.Go(func() {
			for c := range calls {
				// Lines of 5 KiB, past PIPE_BUF, to show whole writes of big lines on a local disk.
				s.write(lines(fmt.Sprintf("w%d-c%d", w, c), perCall, 5000))
			}
		})
	}
	wg.Wait()

	got := readAll(t, path)
	seen := map[string]bool{}
	for _, line := range got {
		require.True(t, strings.HasPrefix(line, `{"id":"w`) && strings.HasSuffix(line, `"}`), "a whole line")
		id := line[len(`{"id":"`):strings.Index(line, `","pad"`)]
		assert.False(t, seen[id], "line %s written once", id)
		seen[id] = true
	}
	assert.Len(t, seen, writers*calls*perCall)
	rotated, _ := filepath.Glob(path + ".*")
	assert.NotEmpty(t, rotated, "the writers rotated the file")
}

// TestFileSinkConcurrentProcesses is TestFileSinkConcurrentWriters with real processes: the
// test binary runs itself as the writers.
func TestFileSinkConcurrentProcesses(t *testing.T) {
	const processes, calls, perCall = 4, 40, 5
	if id := os.Getenv("DECISIONLOG_TEST_WRITER"); id != "" {
		s := newFileSink(os.Getenv("DECISIONLOG_TEST_PATH"), 30000, 0, os.Stderr)
		for c := range calls {
			s.write(lines(fmt.Sprintf("p%s-c%d", id, c), perCall, 3000))
		}
		return
	}
	path := filepath.Join(t.TempDir(), "decisions.jsonl")
	var cmds []*exec.Cmd
	for p := range processes {
		cmd := exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestFileSinkConcurrentProcesses$")
		cmd.Env = append(os.Environ(), "DECISIONLOG_TEST_WRITER="+fmt.Sprint(p), "DECISIONLOG_TEST_PATH="+path)
		require.NoError(t, cmd.Start())
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		require.NoError(t, cmd.Wait())
	}
	seen := map[string]bool{}
	for _, line := range readAll(t, path) {
		require.True(t, strings.HasPrefix(line, `{"id":"p`) && strings.HasSuffix(line, `"}`), "a whole line")
		id := line[len(`{"id":"`):strings.Index(line, `","pad"`)]
		assert.False(t, seen[id], "line %s written once", id)
		seen[id] = true
	}
	assert.Len(t, seen, processes*calls*perCall)
	rotated, _ := filepath.Glob(path + ".*")
	assert.NotEmpty(t, rotated, "the processes rotated the file")
}
