package audit

import (
	"github.com/pulumi-securely/pulumi-securely/audit/internal/audittest"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuditPolicyPackConfig(t *testing.T) {
	p := audittest.Pack(t)
	dir := t.TempDir()
	audittest.Put(t, filepath.Join(dir, "exports", "prod.json"), audittest.ExportJSON(t, audittest.Deployment("shop", "prod", audittest.PublicBucket(t, "assets"))))
	tests := []struct {
		name     string
		config   string
		wantCode int
		fired    bool
	}{
		{"default config", "", 1, true},
		{"the rule disabled", `{"aws-s3-bucket-public-acl": "disabled"}`, 1, false},
		{"all advisory keeps the finding", `{"all": "advisory"}`, 1, true},
		{"an unknown policy is a usage error", `{"no-such-policy": "disabled"}`, 2, false},
		{"a setting of the wrong type is a usage error", `{"required-stack-tags": {"caseSensitive": "yes"}}`, 2, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "r.json")
			args := []string{"--exports", filepath.Join(dir, "exports"), "--json", out, "--fail-on", "critical", "--quiet"}
			if tt.config != "" {
				cfg := filepath.Join(t.TempDir(), "config.json")
				audittest.Put(t, cfg, []byte(tt.config))
				args = append(args, "--policy-pack-config", cfg)
			}
			code, _, stderr := runMain(t, p, nil, args...)
			if tt.wantCode == 2 {
				assert.Equal(t, 2, code)
				assert.Contains(t, stderr, "--policy-pack-config")
				return
			}
			require.Equal(t, 0, max(0, code-1), stderr)
			r, err := ReadReport(out)
			require.NoError(t, err)
			assert.Equal(t, tt.fired, contains(r.Stacks[0].Policies(), "aws-s3-bucket-public-acl"))
			if tt.config == `{"all": "advisory"}` {
				for _, f := range r.Stacks[0].Findings {
					assert.Equal(t, "advisory", f.EnforcementLevel)
				}
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
