package docs

import (
	"bytes"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
)

// Drift compares the Markdown pages in dir with the pages that should be there, and describes
// each difference: a page missing, a page out of date, a page for no rule.
func Drift(dir string, pages map[string][]byte) ([]string, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil {
		return nil, err
	}
	var problems []string
	found := map[string]bool{}
	for _, path := range paths {
		name := filepath.Base(path)
		found[name] = true
		want, ok := pages[name]
		if !ok {
			problems = append(problems, fmt.Sprintf("%s documents no rule", path))
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if !bytes.Equal(got, want) {
			problems = append(problems, fmt.Sprintf("%s is out of date", path))
		}
	}
	for _, name := range slices.Sorted(maps.Keys(pages)) {
		if !found[name] {
			problems = append(problems, fmt.Sprintf("%s is missing", filepath.Join(dir, name)))
		}
	}
	return problems, nil
}
