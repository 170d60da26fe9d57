package report

import (
	"encoding/json"
	"io"
)

// jsonReport is the enriched JSON format: the engine's findings with each policy's metadata.
type jsonReport struct {
	Packs   []jsonPack  `json:"packs"`
	Summary jsonSummary `json:"summary"`
}

type jsonPack struct {
	Name     string        `json:"name"`
	Version  string        `json:"version,omitempty"`
	Findings []jsonFinding `json:"findings"`
	Passed   int           `json:"passed"`
}

type jsonFinding struct {
	Finding
	Excepted    bool           `json:"excepted"`
	DisplayName string         `json:"displayName,omitempty"`
	Description string         `json:"description,omitempty"`
	Framework   *jsonFramework `json:"framework,omitempty"`
	Tags        []string       `json:"tags,omitempty"`
	Remediation string         `json:"remediation,omitempty"`
	URL         string         `json:"url,omitempty"`
}

type jsonFramework struct {
	Name          string `json:"name"`
	Version       string `json:"version,omitempty"`
	Reference     string `json:"reference,omitempty"`
	Specification string `json:"specification,omitempty"`
}

type jsonSummary struct {
	Findings   int            `json:"findings"`
	BySeverity map[string]int `json:"bySeverity"`
	Excepted   int            `json:"excepted"`
	FailOn     string         `json:"failOn"`
	Failing    int            `json:"failing"`
}

// writeJSON writes the enriched JSON report.
func writeJSON(w io.Writer, rep *Report, opts options) error {
	out := jsonReport{Packs: []jsonPack{}, Summary: jsonSummary{BySeverity: map[string]int{}, FailOn: opts.failOn}}
	for _, r := range rep.Runs {
		jp := jsonPack{Name: r.Pack, Version: r.Version, Findings: []jsonFinding{}}
		for _, c := range r.Checks {
			if c.Passed {
				jp.Passed++
			}
		}
		for _, f := range r.Findings {
			jf := jsonFinding{Finding: f, Excepted: f.Excepted(), URL: r.RuleURL(f.Policy)}
			if p := r.Rule(f.Policy); p != nil {
				jf.DisplayName, jf.Description = p.DisplayName, p.Description
				if fw := p.Framework; fw != nil {
					jf.Framework = &jsonFramework{fw.Name, fw.Version, fw.Reference, fw.Specification}
				}
				jf.Tags, jf.Remediation = p.Tags, p.Remediation
			}
			jp.Findings = append(jp.Findings, jf)
			out.Summary.Findings++
			if f.Excepted() {
				out.Summary.Excepted++
			} else {
				out.Summary.BySeverity[string(f.Severity)]++
			}
		}
		out.Packs = append(out.Packs, jp)
	}
	out.Summary.Failing = failing(rep, opts.failOn)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
