package audit

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
)

// sampleReport is a report of three stacks: one with findings of every severity, one clean, one
// that failed.
func sampleReport(at time.Time) *Report {
	r := &Report{Version: reportVersion, Pack: "pulumi-securely", PackVersion: "1.0.0", GeneratedAt: at,
		Sources: []string{"stack exports in ./exports"},
		Rules: map[string]RuleInfo{"aws-s3-bucket-public-acl": {Description: "No public ACLs.", Severity: "critical",
			URL: "https://example.com/rules/aws-s3-bucket-public-acl.md"}},
		Stacks: []StackResult{
			{StackID: StackID{Org: "acme", Project: "shop", Stack: "prod"}, Resources: 12, Described: true,
				Notes: []string{"1 secret(s) of the state could not be decrypted here"},
				Findings: []Finding{
					{Policy: "aws-s3-bucket-public-acl", Severity: "critical", EnforcementLevel: "mandatory",
						URN: "urn:pulumi:prod::shop::aws:s3/bucket:Bucket::assets", Message: "bucket assets has acl <public-read> | anyone"},
					{Policy: "aws-rds-storage-encrypted", Severity: "high", EnforcementLevel: "mandatory",
						URN: "urn:pulumi:prod::shop::aws:rds/instance:Instance::db", Message: "db does not encrypt its storage"},
					{Policy: "required-stack-tags", Severity: "medium", EnforcementLevel: "advisory", Message: "stack prod is missing tag owner"},
					{Policy: "aws-sg-description", Severity: "low", EnforcementLevel: "advisory",
						URN: "urn:pulumi:prod::shop::aws:ec2/securityGroup:SecurityGroup::web", Message: "no description"},
				}},
			{StackID: StackID{Org: "acme", Project: "shop", Stack: "dev"}, Resources: 3, Findings: []Finding{}},
			{StackID: StackID{Org: "acme", Project: "billing", Stack: "prod"}, Error: "loading the stack: not found",
				Findings: []Finding{}},
		}}
	r.sort()
	return r
}

// sectionIDs returns the ids of the page's section elements, and whether it loads anything from
// outside (a script, a stylesheet link, an image or a frame).
func sectionIDs(t *testing.T, page string) (ids []string, svgs int, external []string) {
	doc, err := html.Parse(strings.NewReader(page))
	require.NoError(t, err)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "section":
				for _, a := range n.Attr {
					if a.Key == "id" {
						ids = append(ids, a.Val)
					}
				}
			case "svg":
				svgs++
			case "script", "link", "img", "iframe", "object", "embed":
				external = append(external, n.Data)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return ids, svgs, external
}

func TestHTMLReport(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	current := sampleReport(now)
	previous := sampleReport(now.AddDate(0, 0, -7))
	previous.Stacks[2].Findings = append(previous.Stacks[2].Findings, Finding{Policy: "x", Severity: "high", Message: "fixed since"})

	tests := []struct {
		name     string
		previous *Report
		want     []string
	}{
		{"without a previous report", nil, []string{"summary", "stacks-chart", "top-rules", "stacks", "failed", "findings"}},
		{"with a previous report", previous, []string{"summary", "trend", "stacks-chart", "top-rules", "stacks", "failed", "findings"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, current.WriteHTML(&b, tt.previous))
			ids, svgs, external := sectionIDs(t, b.String())
			assert.Equal(t, tt.want, ids)
			assert.Empty(t, external, "the page is self-contained")
			assert.GreaterOrEqual(t, svgs, 2, "the stacks and rules charts")
			assert.Contains(t, b.String(), "bucket assets has acl &lt;public-read&gt; | anyone", "messages are escaped")
			assert.Contains(t, b.String(), `href="https://example.com/rules/aws-s3-bucket-public-acl.md"`)
			assert.Contains(t, b.String(), "loading the stack: not found")
		})
	}
	t.Run("a stack's findings are capped", func(t *testing.T) {
		many := sampleReport(now)
		for i := range findingsPerStack + 3 {
			many.Stacks[1].Findings = append(many.Stacks[1].Findings, Finding{Policy: "p", Severity: "low", Message: fmt.Sprint(i)})
		}
		var b bytes.Buffer
		require.NoError(t, many.WriteHTML(&b, nil))
		assert.Contains(t, b.String(), "… and 3 more (see the JSON or SARIF report).")
	})
	t.Run("trend counts", func(t *testing.T) {
		tr := current.TrendSince(previous)
		assert.Equal(t, 0, tr.New)
		assert.Equal(t, 1, tr.Resolved)
		assert.Equal(t, 1, tr.Before["high"]-tr.After["high"])
	})
}

func TestMarkdownReport(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)
	var b bytes.Buffer
	require.NoError(t, sampleReport(now).WriteMarkdown(&b, sampleReport(now.AddDate(0, 0, -1))))
	md := b.String()
	for _, heading := range []string{"# Security audit: pulumi-securely 1.0.0", "## Findings by severity", "## Trend since 2026-12-02 12:00 UTC",
		"## Stacks", "## Top rules", "## Stacks that could not be judged", "## Findings", "### acme/shop/prod"} {
		assert.Contains(t, md, heading+"\n")
	}
	assert.Contains(t, md, `bucket assets has acl <public-read> \| anyone`, "a cell cannot break the table")
	assert.Contains(t, md, "| acme/shop/prod | 12 | 1 | 1 | 1 | 1 | findings |")
	assert.Contains(t, md, "| acme/billing/prod | 0 | 0 | 0 | 0 | 0 | failed |")
}

func TestSARIFReport(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, sampleReport(time.Now()).WriteSARIF(&b))
	doc, err := sarif.FromBytes(b.Bytes())
	require.NoError(t, err)
	require.NoError(t, doc.Validate(), "valid against the SARIF 2.1.0 schema")
	require.Len(t, doc.Runs, 1)
	run := doc.Runs[0]
	require.Len(t, run.Results, 4)
	levels := map[string]string{}
	for _, r := range run.Results {
		levels[*r.RuleID] = r.Level
	}
	assert.Equal(t, map[string]string{"aws-s3-bucket-public-acl": "error", "aws-rds-storage-encrypted": "error",
		"required-stack-tags": "warning", "aws-sg-description": "note"}, levels)
	first := run.Results[0]
	assert.Equal(t, "acme/shop/prod", *first.Locations[0].LogicalLocations[0].FullyQualifiedName)
	assert.Equal(t, "urn:pulumi:prod::shop::aws:s3/bucket:Bucket::assets", *first.Locations[0].LogicalLocations[1].FullyQualifiedName)
	assert.NotEmpty(t, first.PartialFingerprints["pulumiSecurelyFinding/v1"])
	rule := run.Tool.Driver.Rules[run.GetRuleIndex("aws-s3-bucket-public-acl")]
	assert.Equal(t, "https://example.com/rules/aws-s3-bucket-public-acl.md", *rule.HelpURI)
}

func TestTopRules(t *testing.T) {
	r := sampleReport(time.Now())
	r.Stacks[1].Findings = []Finding{{Policy: "required-stack-tags", Severity: "medium"}}
	top := r.TopRules(2)
	require.Len(t, top, 2)
	assert.Equal(t, RuleCount{Policy: "required-stack-tags", Severity: "medium", Findings: 2, Stacks: 2}, top[0])
	assert.Equal(t, "aws-s3-bucket-public-acl", top[1].Policy, "among equals, the worst severity first")
}

// TestChartLabelsFitLeftOfTheBars keeps long rule names from running off the chart's left edge.
func TestChartLabelsFitLeftOfTheBars(t *testing.T) {
	c := stackedChart([]string{"kubernetes-pod-service-account-token-not-mounted", "short"},
		[]Counts{{"medium": 10}, {"low": 1}})
	assert.Equal(t, "kubernetes-pod-service-account-token-…", c.Rows[0].Label)
	assert.Equal(t, "short", c.Rows[1].Label)
	assert.Contains(t, c.Rows[0].Bars[0].Title, "kubernetes-pod-service-account-token-not-mounted")
}
