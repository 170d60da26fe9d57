package decisionlog

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// BenchmarkRecordToFile measures a call's decisions (five, a typical resource's) encoded and
// appended to the log file.
func BenchmarkRecordToFile(b *testing.B) {
	l := newLog("pulumi-securely", "1.0.0", origin{actor: "bench", host: "bench"},
		newFileSink(filepath.Join(b.TempDir(), "d.jsonl"), 0, 0, &bytes.Buffer{}))
	d := pack.NewDeployment("acme", "app", "prod", true, nil, nil, nil)
	decisions := make([]pack.Decision, 5)
	for i := range decisions {
		decisions[i] = pack.Decision{URN: "urn:pulumi:prod::app::aws:s3/bucket:Bucket::logs", Type: "aws:s3/bucket:Bucket",
			Policy: "aws-s3-bucket-versioning", Outcome: pack.Passed, Level: pack.Advisory, Severity: pack.Medium}
	}
	b.ReportAllocs()
	for b.Loop() {
		l.Record(d, decisions)
	}
}
