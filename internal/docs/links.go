package docs

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// markdownLink finds the target of an inline Markdown link: [text](target).
var markdownLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// BrokenLinks lists the links of a Markdown file that lead nowhere: an anchor that no heading of
// its page has, or a relative path that does not exist. Links to other sites are not checked;
// neither are anchors in other pages.
func BrokenLinks(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	anchors := map[string]bool{}
	var links []string
	fenced := false
	for line := range strings.SplitSeq(string(data), "\n") {
		if strings.HasPrefix(line, "```") {
			fenced = !fenced
			continue
		}
		if fenced {
			continue
		}
		if heading, ok := strings.CutPrefix(strings.TrimLeft(line, "#"), " "); ok && strings.HasPrefix(line, "#") {
			anchors[pack.HeadingAnchor(heading)] = true
		}
		for _, m := range markdownLink.FindAllStringSubmatch(line, -1) {
			links = append(links, m[1])
		}
	}
	var broken []string
	for _, link := range links {
		target, fragment, _ := strings.Cut(link, "#")
		switch {
		case strings.Contains(target, "://"):
		case target == "":
			if !anchors[fragment] {
				broken = append(broken, fmt.Sprintf("%s: no heading for #%s", path, fragment))
			}
		default:
			if _, err := os.Stat(filepath.Join(filepath.Dir(path), target)); err != nil {
				broken = append(broken, fmt.Sprintf("%s: %s does not exist", path, target))
			}
		}
	}
	return broken, nil
}
