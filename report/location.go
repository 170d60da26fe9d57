package report

import (
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// Location is where in the Pulumi program a resource was declared.
type Location struct {
	// File is relative to the repository root, with forward slashes; absolute when the file lies
	// outside it.
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column,omitempty"`
}

// InRepository reports whether the file lies under the repository root.
func (l *Location) InRepository() bool {
	return l != nil && !path.IsAbs(l.File) && l.File != ".." && !strings.HasPrefix(l.File, "../")
}

// locator turns the engine's source positions into repository paths.
type locator struct {
	// root is the repository root, absolute.
	root string
	// projectDir is the Pulumi project's folder (where Pulumi.yaml is), absolute: the engine
	// records positions relative to it.
	projectDir string
}

// resolve parses a source position as the engine records it in state: "project:///<path relative
// to the project folder>#<line>[,<column>]", or "file:///<absolute path>#<line>[,<column>]" as
// older engines and language SDKs send it. It returns nil for an empty or unreadable position.
func (l locator) resolve(pos string) *Location {
	if pos == "" {
		return nil
	}
	u, err := url.Parse(pos)
	if err != nil || u.Path == "" {
		return nil
	}
	lineText, colText, _ := strings.Cut(u.Fragment, ",")
	line, err := strconv.Atoi(lineText)
	if err != nil || line < 1 {
		return nil
	}
	col, _ := strconv.Atoi(colText)
	var abs string
	switch u.Scheme {
	case "project":
		abs = filepath.Join(l.projectDir, filepath.FromSlash(strings.TrimPrefix(u.Path, "/")))
	case "file":
		abs = filepath.Clean(filepath.FromSlash(u.Path))
	default:
		return nil
	}
	file := filepath.ToSlash(abs)
	if rel, err := filepath.Rel(l.root, abs); err == nil {
		file = filepath.ToSlash(rel)
	}
	if strings.HasPrefix(file, "../") {
		file = filepath.ToSlash(abs)
	}
	return &Location{File: file, Line: line, Column: max(col, 0)}
}
