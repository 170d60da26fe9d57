package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/decisionlog"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withDecisionLog sets the decision log variable for the stack's CLI runs; the engine passes the
// CLI's environment to the pack.
func withDecisionLog(t *testing.T, s auto.Stack, target string) {
	t.Helper()
	require.NoError(t, s.Workspace().SetEnvVars(map[string]string{decisionlog.EnvLog: target}))
}

// readDecisionLog reads the log file, and checks that no line shows the programs' canary secret.
func readDecisionLog(t *testing.T, path string) []decisionlog.Record {
	t.Helper()
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.NotContains(t, string(raw), canary[:14], "the canary secret shows in the decision log")
	recs, err := decisionlog.Read(strings.NewReader(string(raw)))
	require.NoError(t, err)
	return recs
}

// find returns the record of the policy's decision on the resource whose URN ends with the name
// ("" for the stack).
func find(recs []decisionlog.Record, policy, resource string) *decisionlog.Record {
	for i, r := range recs {
		if r.Policy == policy && (resource == "" && r.URN == "" || resource != "" && strings.HasSuffix(r.URN, "::"+resource)) {
			return &recs[i]
		}
	}
	return nil
}

func outcomes(recs []decisionlog.Record) map[string]int {
	out := map[string]int{}
	for _, r := range recs {
		out[r.Outcome]++
	}
	return out
}

func TestDecisionLogOfABlockedPreview(t *testing.T) {
	t.Parallel()
	s := taggedStack(t, insecureProgram)
	path := filepath.Join(t.TempDir(), "decisions.jsonl")
	withDecisionLog(t, s, "file://"+filepath.ToSlash(path))
	r := preview(t, s)
	require.Error(t, r.err, "a mandatory violation fails the preview")

	recs := readDecisionLog(t, path)
	require.NotEmpty(t, recs)
	for _, rec := range recs {
		assert.Equal(t, "preview", rec.Operation)
		assert.Equal(t, "app", rec.Project)
		assert.Equal(t, "dev", rec.Stack)
		assert.Equal(t, "pulumi-securely", rec.Pack)
		assert.NotEmpty(t, rec.Actor)
	}
	blocked := find(recs, "no-plaintext-secrets-in-inputs", "api-key")
	require.NotNil(t, blocked, "the blocking violation is on record")
	assert.Equal(t, "violated", blocked.Outcome)
	assert.Equal(t, "mandatory", blocked.Level)
	assert.Equal(t, "critical", blocked.Severity)
	assert.Equal(t, "aws:ssm/parameter:Parameter", blocked.Type)
	assert.NotEmpty(t, blocked.Message)
	unapproved := find(recs, "approved-packages", "analytics")
	require.NotNil(t, unapproved)
	assert.Equal(t, "violated", unapproved.Outcome)
	assert.Positive(t, outcomes(recs)["passed"], "the policies that passed are on record too")
}

func TestDecisionLogOfAnAllowedUpdate(t *testing.T) {
	t.Parallel()
	s := taggedStack(t, advisoryOnlyProgram)
	path := filepath.Join(t.TempDir(), "decisions.jsonl")
	withDecisionLog(t, s, "file://"+filepath.ToSlash(path))
	r := up(t, s)
	require.NoError(t, r.err)

	recs := readDecisionLog(t, path)
	var ops []string
	for _, rec := range recs {
		ops = append(ops, rec.Operation)
	}
	assert.Contains(t, ops, "update")
	warned := find(recs, "required-resource-tags", "flag")
	require.NotNil(t, warned)
	assert.Equal(t, "violated", warned.Outcome)
	assert.Equal(t, "advisory", warned.Level)
	assert.Equal(t, "passed", find(recs, "no-plaintext-secrets-in-inputs", "flag").Outcome)
	stackLevel := 0
	for _, rec := range recs {
		if rec.URN == "" {
			stackLevel++
		}
	}
	assert.Positive(t, stackLevel, "the stack policies' verdicts are on record")
}

// TestDecisionLogOverHTTPIsFlushedBeforeThePackExits posts the log to a local webhook: the last
// records (the stack policies', decided just before the engine stops the pack) arrive, so the
// pack delivered its queue when the engine cancelled and stopped it.
func TestDecisionLogOverHTTPIsFlushedBeforeThePackExits(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var recs []decisionlog.Record
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		var batch []decisionlog.Record
		if err := json.Unmarshal(body, &batch); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		recs = append(recs, batch...)
	}))
	defer srv.Close()
	s := taggedStack(t, advisoryOnlyProgram)
	withDecisionLog(t, s, srv.URL)
	r := up(t, s)
	require.NoError(t, r.err)

	mu.Lock()
	defer mu.Unlock()
	require.NotEmpty(t, recs)
	assert.NotNil(t, find(recs, "required-resource-tags", "flag"))
	stackLevel := 0
	for _, rec := range recs {
		if rec.URN == "" {
			stackLevel++
		}
	}
	assert.Positive(t, stackLevel, "the last call's records arrived")
}
