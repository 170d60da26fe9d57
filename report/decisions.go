package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/decisionlog"
	"github.com/pulumi-securely/pulumi-securely/pack"
)

// isDecision tells a decision log's record (PULUMI_SECURELY_DECISION_LOG, see decisionlog.Record)
// by its keys.
func isDecision(obj map[string]json.RawMessage) bool {
	return obj["run"] != nil && obj["policy"] != nil && obj["outcome"] != nil
}

// readDecisions reads a decision log: a violation becomes a finding, a pass or a remediation a
// passed check; not-applicable decisions report nothing. Every record counts, so a log that
// holds several runs reports them together.
func (c *collector) readDecisions(name string, data []byte) error {
	recs, err := decisionlog.Read(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	for _, rec := range recs {
		r := c.run(rec.Pack, rec.PackVersion)
		c.ran[rec.Pack] = rec.PackVersion
		switch pack.Outcome(rec.Outcome) {
		case pack.Violated:
			f := Finding{Policy: rec.Policy, URN: rec.URN, Message: strings.TrimSpace(rec.Message),
				EnforcementLevel: rec.Level, Severity: pack.Severity(rec.Severity)}
			key := strings.Join([]string{rec.Pack, rec.PackVersion, f.Policy, f.URN, f.EnforcementLevel, f.Message}, "\x00")
			if !c.seen[key] {
				c.seen[key] = true
				r.Findings = append(r.Findings, f)
			}
		case pack.Passed, pack.Remediated:
			c.addChecks(r, rec.URN, []string{rec.Policy}, nil)
		}
	}
	return nil
}
