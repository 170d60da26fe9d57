package audit

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// reportVersion is the version of the JSON report's shape.
const reportVersion = 1

// Report is an audit's result: what was judged, by which pack, and every finding. It holds
// metadata and the engine's messages only (secrets in them already scrubbed or withheld by the
// pack), never a property value.
type Report struct {
	Version     int    `json:"version"`
	Pack        string `json:"pack"`
	PackVersion string `json:"packVersion"`
	// Repository is the pack's home page.
	Repository  string    `json:"repository,omitempty"`
	GeneratedAt time.Time `json:"generatedAt"`
	// Sources name where the stacks came from (one per shard after a merge).
	Sources []string `json:"sources"`
	// Shards are the shards this report covers, "i/n"; empty for a whole fleet in one run.
	Shards []string      `json:"shards,omitempty"`
	Stacks []StackResult `json:"stacks"`
	// Rules describe the policies that fired, by name.
	Rules map[string]RuleInfo `json:"rules,omitempty"`
}

// RuleInfo describes a policy for the reports.
type RuleInfo struct {
	DisplayName string `json:"displayName,omitempty"`
	Description string `json:"description"`
	Severity    string `json:"severity"`
	URL         string `json:"url,omitempty"`
}

// describeRules records the metadata of the policies that fired.
func (r *Report) describeRules(p pack.Pack) {
	fired := map[string]bool{}
	for _, s := range r.Stacks {
		for _, f := range s.Findings {
			fired[f.Policy] = true
		}
	}
	for i := range p.Policies {
		pol := &p.Policies[i]
		if fired[pol.Name] {
			if r.Rules == nil {
				r.Rules = map[string]RuleInfo{}
			}
			r.Rules[pol.Name] = RuleInfo{DisplayName: pol.DisplayName, Description: pol.Description,
				Severity: string(pol.Severity), URL: p.PolicyURL(pol)}
		}
	}
}

// StackResult is one stack's judgement.
type StackResult struct {
	StackID
	// File is the export's path in the folder of exports it was read from.
	File      string `json:"file,omitempty"`
	Resources int    `json:"resources"`
	// Described is true when the analyzer was told the stack's name, tags and config, as the
	// engine's ConfigureStack does, so that the stack rules (tags, config secrets, production)
	// ran; false leaves them not applicable, as in `pulumi policy analyze --file`.
	Described bool              `json:"described"`
	Tags      map[string]string `json:"tags,omitempty"`
	Notes     []string          `json:"notes,omitempty"`
	// Error says why the stack could not be judged; its findings are then empty.
	Error    string    `json:"error,omitempty"`
	Findings []Finding `json:"findings"`
}

// Policies lists the policies of the stack's findings, in their order.
func (s StackResult) Policies() []string {
	out := make([]string, 0, len(s.Findings))
	for _, f := range s.Findings {
		out = append(out, f.Policy)
	}
	return out
}

// Finding is one policy violation.
type Finding struct {
	Policy           string `json:"policy"`
	Severity         string `json:"severity"`
	EnforcementLevel string `json:"enforcementLevel"`
	URN              string `json:"urn,omitempty"`
	Message          string `json:"message"`
}

// severities lists the severities from the worst down.
var severities = []string{string(pack.Critical), string(pack.High), string(pack.Medium), string(pack.Low)}

// severityRank orders severities: 0 is the worst; unknown severities rank last.
func severityRank(s string) int { return len(severities) - pack.SeverityRank(pack.Severity(s)) }

// Counts counts findings by severity.
type Counts map[string]int

// Total is the number of findings.
func (c Counts) Total() int {
	n := 0
	for _, v := range c {
		n += v
	}
	return n
}

// Counts counts the stack's findings by severity.
func (s StackResult) Counts() Counts {
	c := Counts{}
	for _, f := range s.Findings {
		c[f.Severity]++
	}
	return c
}

// Counts counts every finding of the report by severity.
func (r *Report) Counts() Counts {
	c := Counts{}
	for _, s := range r.Stacks {
		for k, v := range s.Counts() {
			c[k] += v
		}
	}
	return c
}

// Failed returns the stacks that could not be judged.
func (r *Report) Failed() []StackResult {
	var out []StackResult
	for _, s := range r.Stacks {
		if s.Error != "" {
			out = append(out, s)
		}
	}
	return out
}

// RuleCount is how often one policy fired across the fleet.
type RuleCount struct {
	Policy   string
	Severity string
	Findings int
	Stacks   int
}

// TopRules returns the policies with the most findings, worst severity first among equals, at
// most n (all with n <= 0).
func (r *Report) TopRules(n int) []RuleCount {
	byName := map[string]*RuleCount{}
	for _, s := range r.Stacks {
		seen := map[string]bool{}
		for _, f := range s.Findings {
			rc := byName[f.Policy]
			if rc == nil {
				rc = &RuleCount{Policy: f.Policy, Severity: f.Severity}
				byName[f.Policy] = rc
			}
			rc.Findings++
			if !seen[f.Policy] {
				seen[f.Policy] = true
				rc.Stacks++
			}
		}
	}
	out := make([]RuleCount, 0, len(byName))
	for _, rc := range byName {
		out = append(out, *rc)
	}
	slices.SortFunc(out, func(a, b RuleCount) int {
		return cmp.Or(cmp.Compare(b.Findings, a.Findings), cmp.Compare(severityRank(a.Severity), severityRank(b.Severity)),
			cmp.Compare(a.Policy, b.Policy))
	})
	if n > 0 && len(out) > n {
		out = out[:n]
	}
	return out
}

// sort puts stacks in name order and each stack's findings worst first, so that reports of the
// same fleet compare line by line whatever order the workers finished in.
func (r *Report) sort() {
	slices.SortFunc(r.Stacks, func(a, b StackResult) int { return cmp.Compare(a.StackID.String(), b.StackID.String()) })
	for i := range r.Stacks {
		slices.SortStableFunc(r.Stacks[i].Findings, func(a, b Finding) int {
			return cmp.Or(cmp.Compare(severityRank(a.Severity), severityRank(b.Severity)), cmp.Compare(a.Policy, b.Policy),
				cmp.Compare(a.URN, b.URN), cmp.Compare(a.Message, b.Message))
		})
	}
}

// WriteJSON writes the report as indented JSON.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// ReadReport reads a JSON report written by WriteJSON.
func ReadReport(path string) (*Report, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if r.Version != reportVersion {
		return nil, fmt.Errorf("%s: report version %d, want %d", path, r.Version, reportVersion)
	}
	return &r, nil
}
