package gcp

import (
	"testing"
	"time"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/stretchr/testify/assert"
)

func TestGKESupportedVersion(t *testing.T) {
	now = func() time.Time { return time.Date(2026, time.December, 3, 12, 0, 0, 0, time.UTC) }
	t.Cleanup(func() { now = time.Now })
	packtest.Run(t, Policies(), "gcp-gke-supported-version", []packtest.Case{
		{Name: "control plane out of support", Want: packtest.Violation, Count: 1,
			Message: `cluster k8s runs Kubernetes "1.34" (minMasterVersion), older than 1.35, the oldest in GKE ` +
				`standard support on 2026-12-03`,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"minMasterVersion": "1.34"})},
		{Name: "gke patch version", Want: packtest.Violation, Message: `"1.33.5-gke.1080000"`,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"minMasterVersion": "1.33.5-gke.1080000"})},
		{Name: "default pool version", Want: packtest.Violation, Message: "cluster k8s's default node pool runs",
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"minMasterVersion": "1.35", "nodeVersion": "1.32"})},
		{Name: "inline pool version", Want: packtest.Violation, Message: `cluster k8s: node pool "old"`,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"nodePools": []any{
				map[string]any{"name": "old", "version": "1.31.2-gke.1"}}})},
		{Name: "supported", Want: packtest.Pass,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"minMasterVersion": "1.35.0-gke.3047000"})},
		{Name: "latest", Want: packtest.Pass,
			Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{"minMasterVersion": "latest", "nodeVersion": "-"})},
		{Name: "unset follows GKE", Want: packtest.Pass, Resource: packtest.Resource(gkeClusterType, "k8s", packtest.Props{})},
		{Name: "node pool", Want: packtest.Violation, Message: "node pool pool runs Kubernetes",
			Resource: packtest.Resource(gkeNodePoolType, "pool", packtest.Props{"version": "1.33"})},
		{Name: "configured minimum", Want: packtest.Violation, Message: "the configured minimumVersion",
			Config:   map[string]any{"minimumVersion": "1.36"},
			Resource: packtest.Resource(gkeNodePoolType, "pool", packtest.Props{"version": "1.35"})},
		{Name: "configured minimum met", Want: packtest.Pass, Config: map[string]any{"minimumVersion": "1.34"},
			Resource: packtest.Resource(gkeNodePoolType, "pool", packtest.Props{"version": "1.34"})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: version",
			Resource: packtest.Resource(gkeNodePoolType, "pool", packtest.Props{"version": packtest.Unknown})},
	})
}

func TestGKEOldestSupported(t *testing.T) {
	assert.Equal(t, [2]int{1, 33}, gkeStandardSupportEnds.OldestSupported(time.Date(2026, time.May, 1, 0, 0, 0, 0, time.UTC)))
	assert.Equal(t, [2]int{1, 35}, gkeStandardSupportEnds.OldestSupported(time.Date(2026, time.October, 1, 0, 0, 0, 0, time.UTC)))
	assert.Equal(t, [2]int{1, 36}, gkeStandardSupportEnds.OldestSupported(time.Date(2027, time.April, 11, 0, 0, 0, 0, time.UTC)))
}
