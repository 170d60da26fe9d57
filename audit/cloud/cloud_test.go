package cloud

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/audit"
	"github.com/pulumi-securely/pulumi-securely/audit/internal/audittest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cloudStandIn serves the three Pulumi Cloud endpoints the audit calls, with the response shapes
// the service sends (the SDK's apitype.ListStacksResponse, apitype.Stack and
// apitype.ExportStackResponse): two pages of stacks, tags per stack, and exports; one stack's
// export fails.
type cloudStandIn struct {
	t       *testing.T
	exports map[string][]byte
	mu      sync.Mutex
	calls   []string
}

const standInToken = "pul-test-token"

func (c *cloudStandIn) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	c.mu.Lock()
	c.calls = append(c.calls, r.Method+" "+r.URL.RequestURI())
	c.mu.Unlock()
	if r.Header.Get("Authorization") != "token "+standInToken {
		http.Error(w, `{"code": 401, "message": "Unauthorized: No credentials provided or are invalid."}`, http.StatusUnauthorized)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	switch path := r.URL.Path; {
	case path == "/api/user/stacks":
		if r.URL.Query().Get("organization") != "acme" {
			fmt.Fprint(w, `{"stacks": []}`)
			return
		}
		if r.URL.Query().Get("continuationToken") == "" {
			fmt.Fprint(w, `{"stacks": [
				{"orgName": "acme", "projectName": "shop", "stackName": "prod", "lastUpdate": 1764000000, "resourceCount": 2,
				 "links": {"self": "https://app.pulumi.com/acme/shop/prod"}},
				{"orgName": "acme", "projectName": "shop", "stackName": "dev", "lastUpdate": 1764000000, "resourceCount": 1,
				 "links": {"self": "https://app.pulumi.com/acme/shop/dev"}}
			], "continuationToken": "page-2"}`)
			return
		}
		fmt.Fprint(w, `{"stacks": [
			{"orgName": "acme", "projectName": "billing", "stackName": "prod", "resourceCount": 3,
			 "links": {"self": "https://app.pulumi.com/acme/billing/prod"}}
		]}`)
	case strings.HasSuffix(path, "/export"):
		name := strings.TrimSuffix(strings.TrimPrefix(path, "/api/stacks/"), "/export")
		data, ok := c.exports[name]
		if !ok {
			// A stack deleted between the listing and the export. (A 500 would do too, but the SDK's
			// client retries it for seconds.)
			http.Error(w, `{"code": 404, "message": "Not Found: Stack 'billing/prod' not found"}`, http.StatusNotFound)
			return
		}
		w.Write(data) //nolint:errcheck
	case strings.HasPrefix(path, "/api/stacks/"):
		parts := strings.Split(strings.TrimPrefix(path, "/api/stacks/"), "/")
		tags := map[string]string{"pulumi:project": parts[1], "pulumi:runtime": "nodejs"}
		if parts[2] == "prod" {
			tags["owner"], tags["environment"] = "team-a", "production"
		}
		json.NewEncoder(w).Encode(map[string]any{"orgName": parts[0], "projectName": parts[1], //nolint:errcheck
			"stackName": parts[2], "activeUpdate": "", "tags": tags, "version": 7})
	default:
		http.NotFound(w, r)
	}
}

func TestAuditPulumiCloud(t *testing.T) {
	p := audittest.Pack(t)
	standIn := &cloudStandIn{t: t, exports: map[string][]byte{
		"acme/shop/prod": audittest.ExportJSON(t, audittest.Deployment("shop", "prod", audittest.PublicBucket(t, "assets"))),
		"acme/shop/dev":  audittest.ExportJSON(t, audittest.Deployment("shop", "dev")),
	}}
	server := httptest.NewServer(standIn)
	defer server.Close()

	t.Run("the whole organization, across pages", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "r.json")
		code, stdout, stderr := audittest.RunMain(t, audit.Main, p, map[string]string{"PULUMI_ACCESS_TOKEN": standInToken,
			"PULUMI_BACKEND_URL": server.URL}, "--org", "acme", "--json", out)
		assert.Equal(t, 1, code, stderr)
		assert.NotContains(t, stdout+stderr, standInToken)
		audittest.RequireNoCanary(t, out)

		r, err := audit.ReadReport(out)
		require.NoError(t, err)
		assert.NotContains(t, strings.Join(r.Sources, " "), standInToken)
		require.Len(t, r.Stacks, 3)
		billing, dev, prod := r.Stacks[0], r.Stacks[1], r.Stacks[2]
		assert.Equal(t, "acme/billing/prod", billing.StackID.String())
		assert.Contains(t, billing.Error, "exporting the stack")
		assert.Equal(t, "acme/shop/dev", dev.StackID.String())
		assert.Contains(t, dev.Policies(), "required-stack-tags", "dev has no owner or environment tag")
		assert.Equal(t, "production", prod.Tags["environment"])
		assert.NotContains(t, prod.Policies(), "required-stack-tags")
		assert.Contains(t, prod.Policies(), "aws-s3-bucket-public-acl")
	})

	t.Run("the endpoints called", func(t *testing.T) {
		standIn.mu.Lock()
		calls := append([]string(nil), standIn.calls...)
		standIn.mu.Unlock()
		assert.Contains(t, calls, "GET /api/user/stacks?organization=acme")
		assert.Contains(t, calls, "GET /api/user/stacks?continuationToken=page-2&organization=acme")
		assert.Contains(t, calls, "GET /api/stacks/acme/shop/prod")
		assert.Contains(t, calls, "GET /api/stacks/acme/shop/prod/export")
	})

	t.Run("--api wins over PULUMI_BACKEND_URL", func(t *testing.T) {
		code, stdout, stderr := audittest.RunMain(t, audit.Main, p, map[string]string{"PULUMI_ACCESS_TOKEN": standInToken,
			"PULUMI_BACKEND_URL": "http://127.0.0.1:1"}, "--org", "acme", "--api", server.URL, "--fail-on", "none")
		assert.Equal(t, 0, code, stderr)
		assert.Contains(t, stdout, "3 stack(s) judged")
	})

	t.Run("no token is a usage error", func(t *testing.T) {
		code, _, stderr := audittest.RunMain(t, audit.Main, p, nil, "--org", "acme")
		assert.Equal(t, 2, code)
		assert.Contains(t, stderr, "needs PULUMI_ACCESS_TOKEN")
	})

	t.Run("a refused token fails the listing", func(t *testing.T) {
		code, _, stderr := audittest.RunMain(t, audit.Main, p, map[string]string{"PULUMI_ACCESS_TOKEN": "pul-wrong",
			"PULUMI_BACKEND_URL": server.URL}, "--org", "acme")
		assert.Equal(t, 1, code)
		assert.Contains(t, stderr, "listing the stacks of acme")
		assert.NotContains(t, stderr, "pul-wrong")
	})
}
