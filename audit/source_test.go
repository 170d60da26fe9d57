package audit

import (
	"github.com/pulumi-securely/pulumi-securely/audit/internal/audittest"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAPIURL(t *testing.T) {
	tests := []struct{ flag, env, want string }{
		{"", "", defaultAPI},
		{"", "file:///state", defaultAPI},
		{"", "https://api.pulumi.example.com/", "https://api.pulumi.example.com"},
		{"http://localhost:8080", "https://api.pulumi.example.com", "http://localhost:8080"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, apiURL(tt.flag, tt.env), "flag %q env %q", tt.flag, tt.env)
	}
}

// TestAuditRemoteSourcesNeedTheAuditBinary: a binary without packages audit/diy and audit/cloud
// (the pack's) refuses --backend and --org and says which binary reads them.
func TestAuditRemoteSourcesNeedTheAuditBinary(t *testing.T) {
	tests := []struct {
		name string
		args []string
		env  map[string]string
	}{
		{"a DIY backend", []string{"--backend", "file:///tmp/state"}, nil},
		{"a Pulumi Cloud organization", []string{"--org", "acme"}, map[string]string{"PULUMI_ACCESS_TOKEN": "pul-x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runMain(t, audittest.Pack(t), tt.env, tt.args...)
			assert.Equal(t, 2, code)
			assert.Contains(t, stderr, "pulumi-securely-audit binary")
		})
	}
}
