// Package release holds the checks a repository must pass before it is tagged: no built binary
// and no large file is tracked, the changelog describes the version being released, and a custom
// pack built on the repository pulls in no more modules than its budget.
package release

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// MaxFileSize is the largest file the repository may track, 1 MiB.
const MaxFileSize = 1 << 20

// executableMagic are the first bytes of the executable formats the three release platforms run:
// ELF (Linux), Mach-O 32 and 64 bit in both byte orders and universal (macOS), and PE (Windows).
var executableMagic = []struct {
	format string
	magic  []byte
}{
	{"an ELF executable", []byte("\x7fELF")},
	{"a Mach-O executable", []byte{0xfe, 0xed, 0xfa, 0xce}},
	{"a Mach-O executable", []byte{0xfe, 0xed, 0xfa, 0xcf}},
	{"a Mach-O executable", []byte{0xce, 0xfa, 0xed, 0xfe}},
	{"a Mach-O executable", []byte{0xcf, 0xfa, 0xed, 0xfe}},
	{"a Mach-O universal executable (or a Java class)", []byte{0xca, 0xfe, 0xba, 0xbe}},
}

// Problem is a tracked file the repository must not hold, and why.
type Problem struct {
	Path   string
	Reason string
}

func (p Problem) String() string { return p.Path + ": " + p.Reason }

// TrackedFiles checks every file git tracks in the work tree at root: none may be an executable
// binary, be marked executable without being a script (a "#!" first line), or be larger than
// MaxFileSize.
func TrackedFiles(ctx context.Context, root string) ([]Problem, error) {
	cmd := exec.CommandContext(ctx, "git", "ls-files", "--stage", "-z")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git ls-files in %s: %w: %s", root, err, strings.TrimSpace(stderr.String()))
	}
	var problems []Problem
	for entry := range strings.SplitSeq(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		if entry == "" {
			continue
		}
		// Each entry is "<mode> <object> <stage>\t<path>".
		meta, path, ok := strings.Cut(entry, "\t")
		if !ok {
			return nil, fmt.Errorf("git ls-files: unexpected entry %q", entry)
		}
		mode, _, _ := strings.Cut(meta, " ")
		if mode == "120000" || mode == "160000" { // a symbolic link or a submodule holds no content
			continue
		}
		reason, err := judge(filepath.Join(root, filepath.FromSlash(path)), mode == "100755")
		if err != nil {
			return nil, err
		}
		if reason != "" {
			problems = append(problems, Problem{Path: path, Reason: reason})
		}
	}
	return problems, nil
}

// judge says what is wrong with one tracked file, or "" if nothing is.
func judge(path string, executable bool) (string, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil // deleted in the work tree; the commit that deletes it is on its way
	}
	if err != nil {
		return "", err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", err
	}
	head := make([]byte, 4)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", err
	}
	head = head[:n]
	format := ""
	for _, m := range executableMagic {
		if bytes.HasPrefix(head, m.magic) {
			format = m.format
		}
	}
	if isPE(f, head) {
		format = "a Windows (PE) executable"
	}
	if format != "" {
		return "is " + format + ": build binaries, do not commit them (git rm --cached it and ignore it)", nil
	}
	if executable && !bytes.HasPrefix(head, []byte("#!")) {
		return "is marked executable but is not a script with a #! line (git update-index --chmod=-x it)", nil
	}
	if info.Size() > MaxFileSize {
		return fmt.Sprintf("is %d bytes, over the 1 MiB limit for tracked files", info.Size()), nil
	}
	return "", nil
}

// isPE reports whether a file is a Windows executable: a DOS header ("MZ") whose e_lfanew field
// (offset 0x3c) points at the "PE\0\0" signature.
func isPE(f io.ReaderAt, head []byte) bool {
	if !bytes.HasPrefix(head, []byte("MZ")) {
		return false
	}
	var off [4]byte
	if _, err := f.ReadAt(off[:], 0x3c); err != nil {
		return false
	}
	var sig [4]byte
	if _, err := f.ReadAt(sig[:], int64(binary.LittleEndian.Uint32(off[:]))); err != nil {
		return false
	}
	return sig == [4]byte{'P', 'E', 0, 0}
}
