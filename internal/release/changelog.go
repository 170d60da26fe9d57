package release

import (
	"bufio"
	"os"
	"regexp"
)

// versionHeading is a Keep a Changelog release heading: "## [1.2.3] - 2026-12-03", or
// "## [1.2.3] - Unreleased" while the release is being prepared.
var versionHeading = regexp.MustCompile(`^## \[([0-9]+\.[0-9]+\.[0-9]+(?:-[0-9A-Za-z.-]+)?)\]`)

// ChangelogVersions lists, newest first, the versions a Keep a Changelog file has entries for.
func ChangelogVersions(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var versions []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := versionHeading.FindStringSubmatch(sc.Text()); m != nil {
			versions = append(versions, m[1])
		}
	}
	return versions, sc.Err()
}
