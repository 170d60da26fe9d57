package report

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/pulumi-securely/pulumi-securely/decisionlog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// decisionLog writes records as the pack's decision log holds them.
func decisionLog(t *testing.T, recs ...decisionlog.Record) string {
	t.Helper()
	var b strings.Builder
	for i, r := range recs {
		r.Time, r.Run, r.ID = time.Unix(0, 0).UTC(), "run1", "run1-"+itoa(i)
		r.Pack, r.PackVersion = testPack.Name, testPack.Version
		line, err := json.Marshal(r)
		require.NoError(t, err)
		b.Write(append(line, '\n'))
	}
	return b.String()
}

func TestDecisionLogIsReported(t *testing.T) {
	blocked := decisionlog.Record{Operation: "preview", URN: paramURN, Type: "aws:ssm/parameter:Parameter",
		Policy: "no-plaintext-secrets-in-inputs", Outcome: "violated", Level: "mandatory", Severity: "critical",
		Message: "api-key has a plaintext value"}
	again := blocked
	again.Operation = "update"
	log := decisionLog(t, blocked, again,
		decisionlog.Record{URN: paramURN, Policy: "aws-ssm-parameter-secure-string", Outcome: "passed",
			Level: "mandatory", Severity: "high"},
		decisionlog.Record{URN: widgetURN, Policy: "required-resource-tags", Outcome: "not-applicable",
			Level: "advisory", Severity: "low", Message: "tags are unknown"},
		decisionlog.Record{Policy: "required-stack-tags", Outcome: "passed", Level: "mandatory", Severity: "high"})

	out, stderr, code := runMain(t, log, "--format", "json")
	assert.Contains(t, stderr, "1 finding(s) at or above severity high")
	assert.Equal(t, ExitFindings, code, "a critical finding fails the job")
	var doc struct {
		Packs []struct {
			Name     string
			Passed   int
			Findings []map[string]any
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &doc))
	require.Len(t, doc.Packs, 1)
	require.Len(t, doc.Packs[0].Findings, 1, "the preview's and the update's violation are one finding")
	f := doc.Packs[0].Findings[0]
	assert.Equal(t, "no-plaintext-secrets-in-inputs", f["policy"])
	assert.Equal(t, "critical", f["severity"])
	assert.Equal(t, "api-key has a plaintext value", f["message"])
	assert.Equal(t, 2, doc.Packs[0].Passed)
}

func TestBadDecisionLogIsNamedWithItsLine(t *testing.T) {
	log := decisionLog(t, decisionlog.Record{Policy: "p", Outcome: "passed", Level: "advisory"}) + "{oops\n"
	_, stderr, code := runMain(t, log)
	assert.Equal(t, ExitUsage, code)
	assert.Contains(t, stderr, "standard input: decision log line 2")
}
