package report

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"
)

// TestExampleWorkflowRunsTheReport checks examples/github/policy.yml: its preview writes the event
// log and digest the report reads, each report command's flags are accepted, and the SARIF goes to
// upload-sarif.
func TestExampleWorkflowRunsTheReport(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "examples", "github", "policy.yml"))
	require.NoError(t, err)
	var wf struct {
		Permissions map[string]string
		Jobs        map[string]struct {
			Steps []struct {
				Uses string
				Run  string
				With map[string]string
			}
		}
	}
	require.NoError(t, yaml.Unmarshal(data, &wf))
	assert.Equal(t, "write", wf.Permissions["security-events"], "upload-sarif needs security-events: write")

	var reports [][]string
	var preview, uploaded string
	for _, job := range wf.Jobs {
		for _, step := range job.Steps {
			cmd := strings.ReplaceAll(step.Run, "\\\n", " ")
			switch {
			case strings.HasPrefix(cmd, "pulumi preview"):
				preview = cmd
			case strings.Contains(cmd, "pulumi-securely report"):
				_, args, _ := strings.Cut(cmd, "pulumi-securely report")
				reports = append(reports, strings.Fields(strings.ReplaceAll(args, `"`, "")))
			case strings.HasPrefix(step.Uses, "github/codeql-action/upload-sarif@"):
				uploaded = strings.ReplaceAll(step.With["sarif_file"], "${{ runner.temp }}", "$RUNNER_TEMP")
			}
		}
	}
	require.Len(t, reports, 2)
	for _, want := range []string{"--policy-pack", "--event-log $RUNNER_TEMP/events.jsonl", "--json > $RUNNER_TEMP/preview.json"} {
		assert.Contains(t, strings.ReplaceAll(preview, `"`, ""), want)
	}
	formats := map[string]bool{}
	for _, args := range reports {
		opts, err := parseFlags(testPack, args, io.Discard)
		require.NoError(t, err, args)
		formats[opts.format] = true
		assert.Equal(t, []string{"$RUNNER_TEMP/events.jsonl", "$RUNNER_TEMP/preview.json"}, opts.files)
		if opts.format == "sarif" {
			assert.Equal(t, uploaded, opts.output, "upload-sarif uploads the report's output")
		}
	}
	assert.True(t, formats["sarif"] && formats["github"], "the workflow writes SARIF and the job summary")
	assert.True(t, slices.ContainsFunc(reports, func(a []string) bool { return slices.Contains(a, "--fail-on") }))
}
