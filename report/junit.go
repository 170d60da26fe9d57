package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// The JUnit XML shape CI systems read (Jenkins, GitLab, GitHub test reporters): testsuites of
// testcases, a failure or skipped element in a testcase that did not pass.
type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	Skipped   *junitSkipped `xml:"skipped,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",cdata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

// writeJUnit writes one test suite per policy pack and one test case per policy and resource:
// passing where the engine's summaries list the policy as passed, failing for each violated one
// (skipped when a policy exception covers every violation).
func writeJUnit(w io.Writer, rep *Report) error {
	out := junitSuites{Name: "policy packs"}
	if len(rep.Runs) == 1 {
		out.Name = rep.Runs[0].Pack
	}
	for _, r := range rep.Runs {
		s := junitRun(r, rep.StackURN)
		out.Suites = append(out.Suites, s)
		out.Tests += s.Tests
		out.Failures += s.Failures
		out.Skipped += s.Skipped
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

type caseKey struct{ policy, urn string }

func junitRun(r *Run, stackURN string) junitSuite {
	name := r.Pack
	if r.Version != "" {
		name += "@" + r.Version
	}
	suite := junitSuite{Name: name}
	findings := map[caseKey][]Finding{}
	var keys []caseKey
	add := func(k caseKey) {
		if _, ok := findings[k]; !ok {
			findings[k] = nil
			keys = append(keys, k)
		}
	}
	for _, f := range r.Findings {
		k := caseKey{f.Policy, f.URN}
		add(k)
		findings[k] = append(findings[k], f)
	}
	for _, c := range r.Checks {
		add(caseKey{c.Policy, c.URN})
	}
	slices.SortFunc(keys, func(a, b caseKey) int {
		return strings.Compare(a.policy+"\x00"+a.urn, b.policy+"\x00"+b.urn)
	})
	for _, k := range keys {
		tc := junitCase{ClassName: k.policy, Name: caseName(k.urn, stackURN)}
		fs := findings[k]
		switch {
		case len(fs) > 0 && !slices.ContainsFunc(fs, func(f Finding) bool { return !f.Excepted() }):
			tc.Skipped = &junitSkipped{Message: "excepted: " + exceptionsText(fs)}
			suite.Skipped++
		case len(fs) > 0:
			tc.Failure = junitFailureOf(r, fs)
			suite.Failures++
		case failedWithoutEvent(r, k):
			tc.Failure = &junitFailure{Message: "the engine reported the policy as failed", Type: "violation"}
			suite.Failures++
		}
		suite.Cases = append(suite.Cases, tc)
	}
	suite.Tests = len(suite.Cases)
	return suite
}

// failedWithoutEvent reports whether a summary lists the policy as failed on the resource while
// the inputs hold no violation event for it.
func failedWithoutEvent(r *Run, k caseKey) bool {
	return slices.ContainsFunc(r.Checks, func(c Check) bool { return c.Policy == k.policy && c.URN == k.urn && !c.Passed })
}

func junitFailureOf(r *Run, fs []Finding) *junitFailure {
	worst := fs[0]
	var text strings.Builder
	for _, f := range fs {
		if pack.SeverityRank(f.Severity) > pack.SeverityRank(worst.Severity) {
			worst = f
		}
		fmt.Fprintf(&text, "[%s] [severity: %s] %s\n", f.EnforcementLevel, f.Severity, f.Message)
		if f.Location != nil {
			fmt.Fprintf(&text, "at %s:%d\n", f.Location.File, f.Location.Line)
		}
	}
	if f := fs[0]; f.URN != "" {
		fmt.Fprintf(&text, "resource: %s\n", f.URN)
	}
	if p := r.Rule(worst.Policy); p != nil && p.Remediation != "" {
		fmt.Fprintf(&text, "remediation: %s\n", p.Remediation)
	}
	if u := r.RuleURL(worst.Policy); u != "" {
		fmt.Fprintf(&text, "documentation: %s\n", u)
	}
	return &junitFailure{Message: worst.Message, Type: string(worst.Severity), Text: text.String()}
}

func exceptionsText(fs []Finding) string {
	var parts []string
	for _, f := range fs {
		for _, e := range f.Exceptions {
			parts = append(parts, e.ID+" ("+e.Reason+")")
		}
	}
	slices.Sort(parts)
	return strings.Join(slices.Compact(parts), ", ")
}

// caseName names a test case by its resource's URN; a stack policy that passed is filed under
// the stack.
func caseName(urn, stackURN string) string {
	switch {
	case urn != "":
		return urn
	case stackURN != "":
		return stackURN
	default:
		return "stack"
	}
}
