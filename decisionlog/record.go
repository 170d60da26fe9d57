// Package decisionlog writes the pack's decisions as an audit trail: one JSON record per policy
// decision, to a file (JSON lines) or to an HTTP endpoint (a generic webhook or Splunk's HTTP
// Event Collector). It is switched on by the environment the engine launches the pack in, so a
// CI pipeline turns it on without touching the policy config (see FromEnv and
// docs/decision-log.md).
package decisionlog

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// Record is one line of the decision log: one policy's decision on one resource (or the stack)
// in one run of the pack, with who ran it and where. It holds no property value: the message is
// the one the engine shows, already scrubbed of secrets by the pack.
type Record struct {
	// Time is when the pack decided, in UTC.
	Time time.Time `json:"time"`
	// ID is unique per record: Run, a dash and a sequence number. Receivers deduplicate on it
	// (the HTTP sink delivers at least once).
	ID string `json:"id"`
	// Run identifies the pack process that decided: the CLI starts the pack for each operation.
	Run         string `json:"run"`
	Pack        string `json:"pack"`
	PackVersion string `json:"packVersion"`
	// Organization, Project and Stack are empty when the engine did not describe the stack
	// (Operation "analyze").
	Organization string `json:"organization,omitempty"`
	Project      string `json:"project,omitempty"`
	Stack        string `json:"stack,omitempty"`
	// Operation is "preview", "update" or "analyze".
	Operation string `json:"operation"`
	// Actor is who started the run: the CI system's user when a CI system says so, else the
	// local user.
	Actor string `json:"actor,omitempty"`
	// Host is the machine's host name.
	Host string `json:"host,omitempty"`
	// CI describes the pipeline run, when the pack runs in a CI system.
	CI *CI `json:"ci,omitempty"`
	// URN is the resource decided on; empty for a stack policy's verdict on the whole stack.
	URN  string `json:"urn,omitempty"`
	Type string `json:"type,omitempty"`
	// Policy is the policy's name.
	Policy string `json:"policy"`
	// Outcome is "passed", "violated", "not-applicable" or "remediated".
	Outcome string `json:"outcome"`
	// Level is the enforcement level the policy ran at: "advisory", "mandatory", "remediate".
	Level string `json:"level"`
	// Severity is "low", "medium", "high" or "critical".
	Severity string `json:"severity,omitempty"`
	// Message is the violation message or not-applicable reason; empty for a pass.
	Message string `json:"message,omitempty"`
}

// CI describes the pipeline run the pack runs in.
type CI struct {
	// Provider is the CI system, e.g. "GitHub Actions", "GitLab CI/CD".
	Provider    string `json:"provider"`
	RunURL      string `json:"runURL,omitempty"`
	BuildID     string `json:"buildID,omitempty"`
	Commit      string `json:"commit,omitempty"`
	Branch      string `json:"branch,omitempty"`
	PullRequest string `json:"pullRequest,omitempty"`
}

// maxLine bounds a line Read accepts: a record's message is at most 4 KiB, its URN and the
// rest a few more.
const maxLine = 1 << 20

// Read parses a decision log (JSON lines, as the file sink writes it). Blank lines are skipped;
// a line that is not a record is an error naming its line number.
func Read(r io.Reader) ([]Record, error) {
	var out []Record
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if len(line) == 0 {
			continue
		}
		var rec Record
		if err := json.Unmarshal(line, &rec); err != nil {
			return out, fmt.Errorf("decision log line %d: %w", n, err)
		}
		out = append(out, rec)
	}
	return out, sc.Err()
}
