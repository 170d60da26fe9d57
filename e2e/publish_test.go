package e2e

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/internal/stage"
	"github.com/pulumi-securely/pulumi-securely/policies"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cloud is a stand-in for the five Pulumi Cloud endpoints `pulumi policy publish` calls: who am
// I, create a policy pack version, upload its archive, complete the publish, read it back.
type cloud struct {
	mu        sync.Mutex
	published apitype.CreatePolicyPackRequest
	archive   []byte
	completed []string
	unknown   []string
}

func (c *cloud) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case r.Method == http.MethodGet && r.URL.Path == "/api/user":
		writeJSON(w, map[string]any{"githubLogin": "tester", "name": "Tester",
			"organizations": []map[string]any{{"githubLogin": "acme", "name": "Acme"}}})
	case r.Method == http.MethodPost && r.URL.Path == "/api/orgs/acme/policypacks":
		if err := json.NewDecoder(r.Body).Decode(&c.published); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		writeJSON(w, apitype.CreatePolicyPackResponse{Version: 1, UploadURI: "http://" + r.Host + "/upload/pack.tgz"})
	case r.Method == http.MethodPut && r.URL.Path == "/upload/pack.tgz":
		c.archive, _ = io.ReadAll(r.Body)
	case r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/complete"):
		c.completed = append(c.completed, r.URL.Path)
		w.WriteHeader(http.StatusNoContent)
	case r.Method == http.MethodGet && r.URL.Path == "/api/orgs/acme/policypacks/"+c.published.Name+"/versions/"+c.published.VersionTag:
		writeJSON(w, apitype.GetPolicyPackResponse{Name: c.published.Name, DisplayName: c.published.DisplayName,
			Version: 1, VersionTag: c.published.VersionTag, Policies: c.published.Policies})
	default:
		c.unknown = append(c.unknown, r.Method+" "+r.URL.Path)
		http.NotFound(w, r)
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// TestPublishToPolicyGroupContract runs the real `pulumi policy publish` from a staged copy of
// the pack against a stand-in for the Pulumi Cloud API and checks what it uploads.
func TestPublishToPolicyGroupContract(t *testing.T) {
	t.Parallel()
	service := &cloud{}
	server := httptest.NewServer(service)
	t.Cleanup(server.Close)

	dir := t.TempDir()
	require.NoError(t, stage.Pack(t.Context(), root, dir))
	out, err := runCLIWith(t, dir, map[string]string{
		"PULUMI_BACKEND_URL":  server.URL,
		"PULUMI_ACCESS_TOKEN": "pul-0000000000000000000000000000000000000000",
	}, "policy", "publish", "acme")
	require.NoError(t, err, out)

	service.mu.Lock()
	defer service.mu.Unlock()
	// Two more calls are optional: the CLI carries on when they are not found.
	for _, call := range service.unknown {
		assert.Contains(t, []string{"GET /api/capabilities", "GET /api/user/organizations/default"}, call,
			"publishing needs no other endpoint")
	}
	assert.Equal(t, []string{"/api/orgs/acme/policypacks/pulumi-securely/versions/" + service.published.VersionTag + "/complete"},
		service.completed)

	// The metadata lists every policy with its severity and framework.
	p := service.published
	assert.Equal(t, "pulumi-securely", p.Name)
	assert.Equal(t, "go", p.Runtime)
	assert.NotEmpty(t, p.Readme)
	var names []string
	for _, pol := range p.Policies {
		names = append(names, pol.Name)
		assert.NotEmpty(t, pol.Severity, pol.Name)
		if assert.NotNil(t, pol.Framework, pol.Name) {
			assert.NotEmpty(t, pol.Framework.Reference, pol.Name)
		}
		assert.NotEmpty(t, pol.RemediationSteps, pol.Name)
	}
	var want []string
	for _, pol := range policies.All() {
		want = append(want, pol.Name)
	}
	slices.Sort(names)
	assert.Equal(t, want, names)

	// The archive holds what the pack is built from, and nothing else.
	files := archiveFiles(t, service.archive)
	for _, f := range []string{"package/PulumiPolicy.yaml", "package/go.mod", "package/go.sum", "package/LICENSE", "package/main.go",
		"package/README.md", "package/pack/analyzer.go", "package/policies/pack.go"} {
		assert.Contains(t, files, f)
	}
	for _, f := range files {
		assert.False(t, strings.HasSuffix(f, "_test.go"), "a test file is published: %s", f)
		for _, dir := range []string{"e2e/", "internal/test", "internal/noop", "internal/synth", "internal/engine",
			"internal/cli", "tools/", "testdata/", "examples/", "bench/", ".cache/", "pack/packtest/", "bin/"} {
			assert.False(t, strings.HasPrefix(f, "package/"+dir), "%s is published", f)
		}
	}
}

func archiveFiles(t *testing.T, tgz []byte) []string {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(tgz))
	require.NoError(t, err)
	tr := tar.NewReader(gz)
	var files []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return files
		}
		require.NoError(t, err)
		if h.Typeflag == tar.TypeReg {
			files = append(files, h.Name)
		}
	}
}
