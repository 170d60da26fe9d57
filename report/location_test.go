package report

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSourcePositionsBecomeRepositoryPaths(t *testing.T) {
	l := locator{root: "/repo", projectDir: "/repo/infra"}
	for name, tc := range map[string]struct {
		pos  string
		want *Location
	}{
		"project-relative":         {"project:///main.go#12,5", &Location{File: "infra/main.go", Line: 12, Column: 5}},
		"project-relative no col":  {"project:///pkg/db.go#7", &Location{File: "infra/pkg/db.go", Line: 7}},
		"escaped path":             {"project:///my%20app/main.go#3", &Location{File: "infra/my app/main.go", Line: 3}},
		"above the project folder": {"project:///../shared/net.go#4,1", &Location{File: "shared/net.go", Line: 4, Column: 1}},
		"absolute file URI":        {"file:///repo/infra/index.ts#20,1", &Location{File: "infra/index.ts", Line: 20, Column: 1}},
		"outside the repository":   {"file:///home/me/lib.go#9", &Location{File: "/home/me/lib.go", Line: 9}},
		"empty":                    {"", nil},
		"no line":                  {"project:///main.go", nil},
		"line zero":                {"project:///main.go#0", nil},
		"other scheme":             {"https://example.com/main.go#1", nil},
		"malformed":                {"project://%zz/main.go#1", nil},
	} {
		t.Run(name, func(t *testing.T) {
			got := l.resolve(tc.pos)
			assert.Equal(t, tc.want, got)
		})
	}
	assert.True(t, l.resolve("project:///main.go#1").InRepository())
	assert.False(t, l.resolve("file:///home/me/lib.go#9").InRepository())
	assert.False(t, (*Location)(nil).InRepository())
}
