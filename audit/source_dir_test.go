package audit

import (
	"github.com/pulumi-securely/pulumi-securely/audit/internal/audittest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// exportsFolder writes a folder of exports: a tagged production stack with a public bucket, an
// untagged dev stack, a malformed file and an export of an unknown version.
func exportsFolder(t *testing.T) string {
	dir := t.TempDir()
	audittest.Put(t, filepath.Join(dir, "prod.json"), audittest.ExportJSON(t, audittest.Deployment("shop", "prod", audittest.PublicBucket(t, "assets"))))
	audittest.Put(t, filepath.Join(dir, "prod.tags.json"), []byte(`{"owner": "team-a", "environment": "production"}`))
	audittest.Put(t, filepath.Join(dir, "team", "dev.json"), audittest.ExportJSON(t, audittest.Deployment("shop", "dev",
		audittest.Res{Type: "aws:s3/bucket:Bucket", Name: "logs", Inputs: map[string]any{"acl": "private"}})))
	audittest.Put(t, filepath.Join(dir, "broken.json"), []byte(`{"version": 3, "deployment": {"resources": [`+"\n"+audittest.Canary))
	audittest.Put(t, filepath.Join(dir, "old.json"), []byte(`{"version": 1, "deployment": {}}`))
	return dir
}

func TestAuditExportsFolder(t *testing.T) {
	p := audittest.Pack(t)
	dir := exportsFolder(t)
	out := t.TempDir()
	jsonPath, mdPath, htmlPath, sarifPath := filepath.Join(out, "r.json"), filepath.Join(out, "r.md"),
		filepath.Join(out, "r.html"), filepath.Join(out, "r.sarif")
	code, stdout, stderr := runMain(t, p, nil, "--exports", dir, "--org", "acme", "--json", jsonPath,
		"--markdown", mdPath, "--html", htmlPath, "--sarif", sarifPath, "--fail-on", "none")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, stdout, "4 stack(s) judged")
	audittest.RequireNoCanary(t, jsonPath, mdPath, htmlPath, sarifPath)
	assert.NotContains(t, stdout+stderr, audittest.Canary)

	r, err := ReadReport(jsonPath)
	require.NoError(t, err)
	byName := map[string]StackResult{}
	for _, s := range r.Stacks {
		byName[s.StackID.String()] = s
	}
	require.Len(t, byName, 4)

	prod := byName["acme/shop/prod"]
	assert.Empty(t, prod.Error)
	assert.True(t, prod.Described, "the tags file describes the stack")
	assert.Equal(t, map[string]string{"owner": "team-a", "environment": "production"}, prod.Tags)
	assert.Equal(t, "prod.json", prod.File)
	assert.Equal(t, 2, prod.Resources)
	assert.Contains(t, prod.Policies(), "aws-s3-bucket-public-acl")
	assert.NotContains(t, prod.Policies(), "required-stack-tags", "its tags are all there")

	dev := byName["acme/shop/dev"]
	assert.Empty(t, dev.Error)
	assert.False(t, dev.Described, "no tags file and no project folder")
	assert.NotContains(t, dev.Policies(), "required-stack-tags", "not applicable when the stack is not described")
	assert.Contains(t, dev.Notes[0], "no dev.tags.json")

	broken := byName["acme/broken.json"]
	assert.Contains(t, broken.Error, "not valid JSON (syntax error at byte")
	old := byName["acme/old.json"]
	assert.Contains(t, old.Error, "only version 3 is read")
}

func TestAuditExportsFolderExitCode(t *testing.T) {
	p := audittest.Pack(t)
	dir := t.TempDir()
	audittest.Put(t, filepath.Join(dir, "prod.json"), audittest.ExportJSON(t, audittest.Deployment("shop", "prod", audittest.PublicBucket(t, "assets"))))
	audittest.Put(t, filepath.Join(dir, "prod.tags.json"), []byte(`{"owner": "a", "environment": "production"}`))
	clean := t.TempDir()
	audittest.Put(t, filepath.Join(clean, "dev.json"), audittest.ExportJSON(t, audittest.Deployment("shop", "dev")))
	broken := t.TempDir()
	audittest.Put(t, filepath.Join(broken, "x.json"), []byte("{"))

	tests := []struct {
		name, dir, failOn string
		want              int
	}{
		{"critical finding fails at critical", dir, "critical", 1},
		{"critical finding fails at low", dir, "low", 1},
		{"critical finding passes with none", dir, "none", 0},
		{"clean stack passes at low", clean, "low", 0},
		{"a failed stack fails", broken, "critical", 1},
		{"a failed stack passes with none", broken, "none", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runMain(t, p, nil, "--exports", tt.dir, "--fail-on", tt.failOn, "--quiet")
			assert.Equal(t, tt.want, code, stderr)
		})
	}
}

func TestAuditUsageErrors(t *testing.T) {
	p := audittest.Pack(t)
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"no source", nil, nil, "give one source"},
		{"two sources", []string{"--exports", ".", "--backend", "file:///tmp"}, nil, "give one source"},
		{"bad threshold", []string{"--exports", ".", "--fail-on", "severe"}, nil, "--fail-on"},
		{"bad shard", []string{"--exports", ".", "--shard", "3/2"}, nil, "--shard"},
		{"not a project folder", []string{"--exports", ".", "--project", os.TempDir()}, nil, "no Pulumi.yaml"},
		{"stray argument", []string{"--exports", ".", "extra"}, nil, "unexpected argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runMain(t, p, tt.env, tt.args...)
			assert.Equal(t, 2, code)
			assert.Contains(t, stderr, tt.want)
		})
	}
}

// TestAuditJudgesEachStackAfresh audits two exports of one stack (two snapshots, the same URNs):
// on Monday the program set a public ACL, on Tuesday it left it unset and the state still shows
// it. Each export is judged by an analyzer of its own, so Monday's finding from inputs does not
// hide Tuesday's from the deployed state.
func TestAuditJudgesEachStackAfresh(t *testing.T) {
	dir := t.TempDir()
	outputs := map[string]any{"acl": "public-read", "bucket": "assets-1234"}
	audittest.Put(t, filepath.Join(dir, "monday.json"), audittest.ExportJSON(t, audittest.Deployment("shop", "prod", audittest.Res{Type: "aws:s3/bucket:Bucket",
		Name: "assets", Inputs: map[string]any{"acl": "public-read"}, Outputs: outputs})))
	audittest.Put(t, filepath.Join(dir, "tuesday.json"), audittest.ExportJSON(t, audittest.Deployment("shop", "prod", audittest.Res{Type: "aws:s3/bucket:Bucket",
		Name: "assets", Inputs: map[string]any{}, Outputs: outputs})))
	out := filepath.Join(t.TempDir(), "r.json")
	code, _, stderr := runMain(t, audittest.Pack(t), nil, "--exports", dir, "--json", out, "--fail-on", "none", "--workers", "1")
	require.Equal(t, 0, code, stderr)
	r, err := ReadReport(out)
	require.NoError(t, err)
	require.Len(t, r.Stacks, 2)
	want := map[string]bool{"monday.json": false, "tuesday.json": true}
	for _, s := range r.Stacks {
		var messages []string
		for _, f := range s.Findings {
			if f.Policy == "aws-s3-bucket-public-acl" {
				messages = append(messages, f.Message)
			}
		}
		require.Len(t, messages, 1, s.File)
		assert.Equal(t, want[s.File], strings.HasPrefix(messages[0], "the deployed state shows: "), s.File)
	}
}
