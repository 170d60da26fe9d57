// Package stage copies what a published policy pack needs — and nothing else — into a folder:
// PulumiPolicy.yaml, go.mod, go.sum, LICENSE, and the non-test Go files (and embedded files) of the
// packages the pack's main package is built from. `pulumi policy publish` archives the folder it
// runs in, so publishing from a staged copy keeps tests, fixtures, tools and binaries out of the
// archive every stack in a policy group downloads and builds.
package stage

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// rootFiles are the files at the top of the pack besides its packages' files.
var rootFiles = []string{"PulumiPolicy.yaml", "go.mod", "go.sum", "LICENSE"}

// Pack copies the pack at root into dest.
func Pack(ctx context.Context, root, dest string) error {
	files, err := packageFiles(ctx, root)
	if err != nil {
		return err
	}
	for _, f := range append(rootFiles, files...) {
		if err := copyFile(filepath.Join(root, f), filepath.Join(dest, f)); err != nil {
			return err
		}
	}
	return nil
}

// packageFiles lists, relative to root, the Go and embedded files of the module's own packages
// that the main package at root is built from.
func packageFiles(ctx context.Context, root string) ([]string, error) {
	cmd := exec.CommandContext(ctx, "go", "list", "-deps",
		"-f", `{{if .Module}}{{if .Module.Main}}{{$d := .Dir}}{{range .GoFiles}}{{$d}}/{{.}}
{{end}}{{range .EmbedFiles}}{{$d}}/{{.}}
{{end}}{{end}}{{end}}`, ".")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w\n%s", err, stderr.String())
	}
	var files []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		rel, err := filepath.Rel(root, line)
		if err != nil || strings.HasPrefix(rel, "..") {
			return nil, fmt.Errorf("%s is outside the pack at %s", line, root)
		}
		files = append(files, rel)
	}
	return files, sc.Err()
}

func copyFile(from, to string) error {
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(dst, src); err != nil {
		dst.Close()
		return err
	}
	return dst.Close()
}
