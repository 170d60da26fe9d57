package decisionlog_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/decisionlog"
	"github.com/pulumi-securely/pulumi-securely/internal/leak"
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLeakSuiteOverTheDecisionLog runs the whole pack with a decision log over the example
// stacks with canaries planted at every input and output path, in every placement of secrets,
// the canaries also being the stack's secret config, in a preview and an update. No byte of a
// canary may show in any line of the log, nor in what the log writes to stderr.
func TestLeakSuiteOverTheDecisionLog(t *testing.T) {
	t.Parallel()
	paths, err := filepath.Glob(filepath.Join("..", "examples", "stacks", "*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for _, path := range paths {
		export := packtest.LoadExport(t, path)
		for _, mode := range leak.Modes {
			for _, dryRun := range []bool{true, false} {
				t.Run(fmt.Sprintf("%s/%s/dry-run=%v", filepath.Base(path), mode, dryRun), func(t *testing.T) {
					t.Parallel()
					assertLogDoesNotLeak(t, export, mode, dryRun)
				})
			}
		}
	}
}

func assertLogDoesNotLeak(t *testing.T, export packtest.Export, mode leak.Mode, dryRun bool) {
	canaries := leak.New(uint64(len(export)) + uint64(mode))
	inputs, stack := packtest.PlantExport(canaries, mode, export)
	tags := map[string]string{"owner": canaries.String(), "environment": "production"}
	config, secretKeys := canaries.ConfigSecrets("app")

	logPath := filepath.Join(t.TempDir(), "decisions.jsonl")
	var stderr bytes.Buffer
	log, err := decisionlog.FromEnv("pulumi-securely", "1.0.0", func(k string) (string, bool) {
		if k == decisionlog.EnvLog {
			return "file://" + filepath.ToSlash(logPath), true
		}
		return "", false
	}, &stderr)
	require.NoError(t, err)
	a, err := pack.NewAnalyzer(pack.Pack{Name: "pulumi-securely", Version: "1.0.0", Policies: policies.All(),
		DecisionLog: log})
	require.NoError(t, err)
	a.ConfigureStack(pack.NewDeployment("acme", "app", "prod", dryRun, tags, config, secretKeys))
	for _, in := range inputs {
		_, err := a.Analyze(t.Context(), in)
		require.NoError(t, err)
	}
	_, err = a.AnalyzeStack(t.Context(), stack)
	require.NoError(t, err)
	require.NoError(t, a.Close())

	raw, err := os.ReadFile(logPath)
	require.NoError(t, err)
	recs, err := decisionlog.Read(bytes.NewReader(raw))
	require.NoError(t, err)
	require.NotEmpty(t, recs, "the log holds the decisions")
	violated := 0
	for _, r := range recs {
		if r.Outcome == string(pack.Violated) {
			violated++
		}
	}
	assert.Positive(t, violated, "the log holds violations, whose messages are what could leak")
	assert.Empty(t, canaries.Find(string(raw)), "a canary shows in the decision log")
	assert.Empty(t, canaries.Find(stderr.String()), "a canary shows in the decision log's diagnostics")
}
