package decisionlog

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// fileSink appends records to a file, one JSON line each.
//
// Concurrent writers: the pack runs as one process per Pulumi operation, and several operations
// (parallel CI jobs, a stack of stacks) may log to the same file. The file is opened with
// O_APPEND and each line goes to the kernel in one write call, so every line lands whole at the
// end of the file: no writer overwrites another's line. On Linux and macOS local file systems
// a write to a regular file holds the file's lock for its whole length, so lines never
// interleave, whatever their size; POSIX itself promises that only for pipes and lines up to
// PIPE_BUF (4096 bytes on Linux), and a line here is a few KiB at most (a message is cut at
// 4 KiB). Network file systems (NFS) do not honour O_APPEND across machines: log to a local disk.
//
// Rotation: when the file has reached maxBytes, the writer that sees it renames it to
// <path>.<UTC time>-<pid>-<n> and opens a new file; the other writers notice that the path names
// another file before their next write and reopen it. Lines written in between go to the
// renamed file, which a shipper tailing by inode reads to its end. No line is lost or cut: a
// rename never truncates, and two writers rotating at once make at worst one small extra file.
// With keep > 0, only the newest keep rotated files are kept.
type fileSink struct {
	path     string
	maxBytes int64
	keep     int
	stderr   io.Writer

	mu      sync.Mutex
	f       *os.File
	failed  int
	warned  bool
	rotated func() string
}

// rotations numbers the rotations of this process, so that no two rotated files have one name.
var rotations atomic.Uint64

func newFileSink(path string, maxBytes int64, keep int, stderr io.Writer) *fileSink {
	s := &fileSink{path: path, maxBytes: maxBytes, keep: keep, stderr: stderr}
	s.rotated = func() string {
		return fmt.Sprintf("%s.%s-%d-%d", s.path, time.Now().UTC().Format("20060102T150405.000000000Z"), os.Getpid(),
			rotations.Add(1))
	}
	return s
}

func (s *fileSink) write(records []encoded) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.prepare(); err != nil {
		s.fail(len(records), err)
		return
	}
	line := make([]byte, 0, 1024)
	for i, r := range records {
		line = append(append(line[:0], r.json...), '\n')
		if _, err := s.f.Write(line); err != nil {
			s.fail(len(records)-i, err)
			return
		}
	}
}

// prepare opens the file, reopens it when another writer rotated it, and rotates it when full.
func (s *fileSink) prepare() error {
	if s.f != nil {
		mine, err := s.f.Stat()
		if err != nil {
			return err
		}
		current, err := os.Stat(s.path)
		switch {
		case err != nil || !os.SameFile(mine, current):
			s.close()
		case s.maxBytes > 0 && mine.Size() >= s.maxBytes:
			s.rotate()
		}
	}
	if s.f == nil {
		f, err := os.OpenFile(s.path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o640)
		if err != nil {
			return err
		}
		s.f = f
	}
	return nil
}

// rotate renames the full file aside and prunes the rotated files beyond keep. A failure to
// rotate is reported and logging goes on in the same file.
func (s *fileSink) rotate() {
	if err := os.Rename(s.path, s.rotated()); err != nil && !os.IsNotExist(err) {
		s.warn("cannot rotate: %v", err)
		return
	}
	s.close()
	if s.keep <= 0 {
		return
	}
	dir, base := filepath.Split(s.path)
	entries, err := os.ReadDir(filepath.Clean(dir + "."))
	if err != nil {
		return
	}
	var old []string
	for _, e := range entries {
		if rest, ok := strings.CutPrefix(e.Name(), base+"."); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			old = append(old, e.Name())
		}
	}
	slices.Sort(old) // the UTC time in the name sorts them oldest first
	for _, name := range old[:max(0, len(old)-s.keep)] {
		_ = os.Remove(filepath.Join(dir, name))
	}
}

func (s *fileSink) close() {
	if s.f != nil {
		_ = s.f.Close()
		s.f = nil
	}
}

// fail counts records not written and reports the first failure.
func (s *fileSink) fail(n int, err error) {
	s.failed += n
	s.warn("cannot write to %s: %v; records are being dropped", s.path, err)
}

func (s *fileSink) warn(format string, args ...any) {
	if !s.warned {
		s.warned = true
		fmt.Fprintf(s.stderr, "decision log: "+format+"\n", args...)
	}
}

// flush has nothing to deliver, as every line is in the file when write returns; it reports
// the records that could not be written.
func (s *fileSink) flush(context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failed > 0 {
		fmt.Fprintf(s.stderr, "decision log: %d records could not be written to %s\n", s.failed, s.path)
		s.failed = 0
	}
}
