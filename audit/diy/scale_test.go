package diy

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/pulumi-securely/pulumi-securely/audit"
	"github.com/pulumi-securely/pulumi-securely/audit/internal/audittest"
	"github.com/stretchr/testify/require"
)

// writeFleet writes a DIY file backend of stacks × resources in the backend's own layout
// (.pulumi/meta.yaml, .pulumi/stacks/<project>/<stack>.json and .pulumi-tags), as the CLI leaves
// it: ten projects, tagged stacks, and a mix of AWS, Kubernetes and Pulumi resources with inputs
// and outputs, some insecure.
func writeFleet(t testing.TB, dir string, stacks, resources int) {
	t.Helper()
	state := filepath.Join(dir, ".pulumi")
	require.NoError(t, os.MkdirAll(state, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(state, "meta.yaml"), []byte("version: 1\n"), 0o600))
	kinds := []func(i int) audittest.Res{
		func(i int) audittest.Res {
			acl := "private"
			if i%7 == 0 {
				acl = "public-read"
			}
			return audittest.Res{Type: "aws:s3/bucket:Bucket", Name: "bucket" + strconv.Itoa(i),
				Inputs:  map[string]any{"acl": acl, "tags": map[string]any{"team": "data"}},
				Outputs: map[string]any{"acl": acl, "bucket": "bucket-" + strconv.Itoa(i), "arn": "arn:aws:s3:::bucket-" + strconv.Itoa(i)}}
		},
		func(i int) audittest.Res {
			return audittest.Res{Type: "aws:ec2/securityGroup:SecurityGroup", Name: "sg" + strconv.Itoa(i),
				Inputs: map[string]any{"description": "web", "ingress": []any{map[string]any{"protocol": "tcp", "fromPort": 22,
					"toPort": 22, "cidrBlocks": []any{"0.0.0.0/0"}}}}}
		},
		func(i int) audittest.Res {
			return audittest.Res{Type: "aws:rds/instance:Instance", Name: "db" + strconv.Itoa(i),
				Inputs: map[string]any{"engine": "postgres", "instanceClass": "db.t3.micro", "storageEncrypted": i%2 == 0,
					"backupRetentionPeriod": 7, "publiclyAccessible": false}}
		},
		func(i int) audittest.Res {
			return audittest.Res{Type: "kubernetes:apps/v1:Deployment", Name: "web" + strconv.Itoa(i),
				Inputs: map[string]any{"spec": map[string]any{"template": map[string]any{"spec": map[string]any{
					"containers": []any{map[string]any{"name": "web", "image": "nginx:1.27",
						"securityContext": map[string]any{"privileged": i%5 == 0}}}}}}}}
		},
		func(i int) audittest.Res {
			return audittest.Res{Type: "aws:iam/role:Role", Name: "role" + strconv.Itoa(i),
				Inputs: map[string]any{"assumeRolePolicy": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` +
					`"Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`}}
		},
	}
	for s := range stacks {
		project, stack := fmt.Sprintf("project%d", s%10), fmt.Sprintf("stack%04d", s)
		rs := make([]audittest.Res, 0, resources)
		for i := range resources - 1 { // the root stack resource is the last one
			rs = append(rs, kinds[i%len(kinds)](i))
		}
		d := audittest.Deployment(project, stack, rs...)
		checkpoint, err := json.Marshal(map[string]any{"version": 3, "checkpoint": map[string]any{
			"stack": "organization/" + project + "/" + stack, "latest": d}})
		require.NoError(t, err)
		base := filepath.Join(state, "stacks", project, stack)
		require.NoError(t, os.MkdirAll(filepath.Dir(base), 0o755))
		require.NoError(t, os.WriteFile(base+".json", checkpoint, 0o600))
		tags := `{"version":1,"tags":{"owner":"team-` + strconv.Itoa(s%4) + `","environment":"production"}}`
		require.NoError(t, os.WriteFile(base+".pulumi-tags", []byte(tags), 0o600))
	}
}

// TestAuditScale audits 1,000 stacks of 200 resources each from a file backend and logs the time.
// It is a measurement, not a check: it runs only when PULUMI_SECURELY_AUDIT_SCALE is set
// (e.g. to 1000x200), and never with -short. See docs/benchmarks.md.
func TestAuditScale(t *testing.T) {
	size := os.Getenv("PULUMI_SECURELY_AUDIT_SCALE")
	if testing.Short() || size == "" {
		t.Skip("set PULUMI_SECURELY_AUDIT_SCALE=1000x200 to measure an audit of 1,000 stacks of 200 resources")
	}
	var stacks, resources int
	_, err := fmt.Sscanf(size, "%dx%d", &stacks, &resources)
	require.NoError(t, err, "PULUMI_SECURELY_AUDIT_SCALE is STACKSxRESOURCES")
	dir := t.TempDir()
	start := time.Now()
	writeFleet(t, dir, stacks, resources)
	t.Logf("wrote %d stacks of %d resources in %s", stacks, resources, time.Since(start).Round(time.Millisecond))

	out := t.TempDir()
	reports := []string{filepath.Join(out, "report.json"), filepath.Join(out, "report.html")}
	start = time.Now()
	code, _, stderr := audittest.RunMain(t, audit.Main, audittest.Pack(t), nil, "--backend", "file://"+filepath.ToSlash(dir), "--quiet",
		"--fail-on", "none", "--json", reports[0], "--html", reports[1])
	elapsed := time.Since(start)
	require.Equal(t, 0, code, stderr)
	r, err := audit.ReadReport(reports[0])
	require.NoError(t, err)
	require.Len(t, r.Stacks, stacks)
	require.Empty(t, r.Failed())
	t.Logf("audited %d stacks (%d resources) with %d workers on %d CPUs and wrote the JSON and HTML reports in %s: "+
		"%.1f stacks/s, %d findings", stacks, stacks*resources, runtime.GOMAXPROCS(0), runtime.NumCPU(),
		elapsed.Round(time.Millisecond), float64(stacks)/elapsed.Seconds(), r.Counts().Total())
	for _, path := range reports {
		info, err := os.Stat(path)
		require.NoError(t, err)
		t.Logf("%s: %d MB", filepath.Base(path), info.Size()>>20)
	}
}
