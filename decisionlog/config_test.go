package decisionlog

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func lookupOf(env map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) {
		v, ok := env[k]
		return v, ok
	}
}

func TestFromEnv(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name  string
		env   map[string]string
		sink  any    // the sink's type, nil for no log
		error string // part of the error, "" for none
	}{
		{name: "off", env: map[string]string{}},
		{name: "empty is off", env: map[string]string{EnvLog: ""}},
		{name: "file", env: map[string]string{EnvLog: "file://" + filepath.ToSlash(dir) + "/d.jsonl"}, sink: &fileSink{}},
		{name: "file with rotation", env: map[string]string{EnvLog: "file://" + filepath.ToSlash(dir) + "/d.jsonl?maxBytes=100&keep=3"},
			sink: &fileSink{}},
		{name: "relative file", env: map[string]string{EnvLog: "file://d.jsonl"}, error: "absolute path"},
		{name: "bad size", env: map[string]string{EnvLog: "file:///tmp/d.jsonl?maxBytes=big"}, error: "maxBytes"},
		{name: "bad keep", env: map[string]string{EnvLog: "file:///tmp/d.jsonl?keep=-1"}, error: "keep"},
		{name: "webhook", env: map[string]string{EnvLog: "https://siem.example.com/hook"}, sink: &httpSink{}},
		{name: "splunk", env: map[string]string{EnvLog: "https://splunk.example.com:8088/services/collector/event",
			EnvFormat: SplunkHEC, EnvToken: "t"}, sink: &httpSink{}},
		{name: "bad format", env: map[string]string{EnvLog: "https://siem.example.com", EnvFormat: "syslog"},
			error: EnvFormat},
		{name: "bad scheme", env: map[string]string{EnvLog: "ftp://siem.example.com"}, error: "scheme"},
		{name: "a plain path", env: map[string]string{EnvLog: "/var/log/d.jsonl"}, error: "scheme"},
		{name: "no host", env: map[string]string{EnvLog: "https:///hook"}, error: "no host"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			log, err := FromEnv("p", "1.0.0", lookupOf(tc.env), &bytes.Buffer{})
			if tc.error != "" {
				require.ErrorContains(t, err, tc.error)
				assert.Nil(t, log)
				return
			}
			require.NoError(t, err)
			if tc.sink == nil {
				assert.Nil(t, log)
				return
			}
			require.IsType(t, &Log{}, log)
			assert.IsType(t, tc.sink, log.(*Log).sink)
		})
	}
}

func TestFromEnvErrorsNeverShowCredentials(t *testing.T) {
	_, err := FromEnv("p", "1.0.0", lookupOf(map[string]string{
		EnvLog: "https://user:hunter2@siem.example.com/hook?key=s3cr3t", EnvFormat: "bogus", EnvToken: "t0ken",
	}), &bytes.Buffer{})
	require.Error(t, err)
	for _, secret := range []string{"hunter2", "s3cr3t", "t0ken"} {
		assert.NotContains(t, err.Error(), secret)
	}
}

func TestRecordsCarryTheDecisionTheStackAndTheOrigin(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.jsonl")
	l := newLog("pulumi-securely", "1.2.3", origin{actor: "octocat", host: "runner-1",
		ci: &CI{Provider: "GitHub Actions", RunURL: "https://github.com/o/r/actions/runs/1", Commit: "abc"}},
		newFileSink(path, 0, 0, &bytes.Buffer{}))
	d := pack.NewDeployment("acme", "app", "prod", false, nil, nil, nil)
	l.Record(d, []pack.Decision{
		{URN: "urn:pulumi:prod::app::aws:s3/bucket:Bucket::logs", Type: "aws:s3/bucket:Bucket", Policy: "s3-public",
			Outcome: pack.Violated, Level: pack.Mandatory, Severity: pack.Critical, Message: "bucket logs is public"},
		{Policy: "stack-tags", Outcome: pack.Passed, Level: pack.Mandatory, Severity: pack.High},
	})
	l.Flush(t.Context())

	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	recs, err := Read(f)
	require.NoError(t, err)
	require.Len(t, recs, 2)
	r := recs[0]
	assert.Equal(t, "acme", r.Organization)
	assert.Equal(t, "app", r.Project)
	assert.Equal(t, "prod", r.Stack)
	assert.Equal(t, "update", r.Operation)
	assert.Equal(t, "octocat", r.Actor)
	assert.Equal(t, "runner-1", r.Host)
	assert.Equal(t, &CI{Provider: "GitHub Actions", RunURL: "https://github.com/o/r/actions/runs/1", Commit: "abc"}, r.CI)
	assert.Equal(t, "pulumi-securely", r.Pack)
	assert.Equal(t, "1.2.3", r.PackVersion)
	assert.Equal(t, "s3-public", r.Policy)
	assert.Equal(t, "violated", r.Outcome)
	assert.Equal(t, "mandatory", r.Level)
	assert.Equal(t, "critical", r.Severity)
	assert.Equal(t, "bucket logs is public", r.Message)
	assert.Equal(t, "aws:s3/bucket:Bucket", r.Type)
	assert.False(t, r.Time.IsZero())
	assert.NotEqual(t, recs[0].ID, recs[1].ID)
	assert.Equal(t, recs[0].Run, recs[1].Run)
	assert.Empty(t, recs[1].URN, "a stack policy's verdict on the whole stack")
}

func TestReadNamesTheBadLine(t *testing.T) {
	_, err := Read(bytes.NewBufferString("{\"id\":\"a\"}\n\nnot json\n"))
	assert.ErrorContains(t, err, "line 3")
}
