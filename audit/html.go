package audit

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strconv"
)

//go:embed report.html.tmpl
var htmlTemplate string

var reportPage = template.Must(template.New("report").Funcs(template.FuncMap{
	"resource":  resourceName,
	"status":    status,
	"chartData": func(p htmlPage, c chart) svgData { return svgData{Chart: c, Width: p.Width, LabelX: p.LabelX} },
	"delta":     func(before, after int) string { return fmt.Sprintf("%+d", after-before) },
}).Parse(htmlTemplate))

// svgData is what the template's "svg" block draws: a chart and its geometry.
type svgData struct {
	Chart         chart
	Width, LabelX float64
}

// chartStacks caps the stacks the per-stack chart draws: the worst ones; the table lists all.
const chartStacks = 25

// severityColors are the charts' colors, by severity.
var severityColors = map[string]string{"critical": "#8e1b1b", "high": "#d9480f", "medium": "#e8a317", "low": "#2f6fb3"}

// bar is one segment of a horizontal bar chart, in SVG units.
type bar struct {
	X, Y, Width float64
	Color       string
	Title       string
}

// barRow is one labelled row of a chart.
type barRow struct {
	Label       string
	TextY, EndX float64
	Total       int
	Bars        []bar
}

// chart is a horizontal bar chart, drawn by the template as inline SVG.
type chart struct {
	Rows   []barRow
	Height float64
}

const (
	chartLabelWidth = 260.0
	chartBarWidth   = 520.0
	chartRowHeight  = 22.0
)

// stackedChart draws one row per label, a bar segment per severity with a count.
func stackedChart(labels []string, counts []Counts) chart {
	most := 1
	for _, c := range counts {
		most = max(most, c.Total())
	}
	scale := chartBarWidth / float64(most)
	c := chart{Height: chartRowHeight * float64(len(labels))}
	for i, label := range labels {
		y := chartRowHeight * float64(i)
		row := barRow{Label: chartLabel(label), TextY: y + 15, Total: counts[i].Total()}
		x := chartLabelWidth
		for _, sev := range severities {
			n := counts[i][sev]
			if n == 0 {
				continue
			}
			w := float64(n) * scale
			row.Bars = append(row.Bars, bar{X: x, Y: y + 3, Width: w, Color: severityColors[sev], Title: label + ": " +
				strconv.Itoa(n) + " " + sev})
			x += w
		}
		row.EndX = x + 6
		c.Rows = append(c.Rows, row)
	}
	return c
}

// maxChartLabel is how many characters of a label fit left of the bars (chartLabelWidth at the
// page's font size); the bars' titles keep the whole label.
const maxChartLabel = 38

// chartLabel cuts a label that would not fit left of the bars.
func chartLabel(label string) string {
	if r := []rune(label); len(r) > maxChartLabel {
		return string(r[:maxChartLabel-1]) + "…"
	}
	return label
}

// htmlPage is what the template shows.
type htmlPage struct {
	*Report
	Counts     Counts
	Severities []string
	Colors     map[string]string
	Trend      *Trend
	TrendChart chart
	StackChart chart
	ChartNote  int
	RuleChart  chart
	TopRules   []RuleCount
	Failed     []StackResult
	Views      []stackView
	LabelX     float64
	Width      float64
}

// stackView is a stack as the page shows it: its counts, and its findings up to the cap.
type stackView struct {
	StackResult
	Counts Counts
	Shown  []Finding
	More   int
}

// WriteHTML writes the report as one self-contained HTML page (inline CSS and SVG, no script, no
// external asset): the summary, the trend against previous (may be nil), findings by severity
// per stack, the top rules, the stacks, and each stack's findings.
func (r *Report) WriteHTML(w io.Writer, previous *Report) error {
	page := htmlPage{Report: r, Counts: r.Counts(), Severities: severities, Colors: severityColors,
		Trend: r.TrendSince(previous), TopRules: r.TopRules(10), Failed: r.Failed(),
		LabelX: chartLabelWidth - 8, Width: chartLabelWidth + chartBarWidth + 60}

	for _, s := range r.Stacks {
		v := stackView{StackResult: s, Counts: s.Counts(), Shown: s.Findings}
		if len(v.Shown) > findingsPerStack {
			v.Shown, v.More = v.Shown[:findingsPerStack], len(v.Shown)-findingsPerStack
		}
		page.Views = append(page.Views, v)
	}
	worst := slices.Clone(page.Views)
	slices.SortStableFunc(worst, func(a, b stackView) int { return weight(b.Counts) - weight(a.Counts) })
	worst = slices.DeleteFunc(worst, func(v stackView) bool { return len(v.Findings) == 0 })
	if len(worst) > chartStacks {
		page.ChartNote = len(worst) - chartStacks
		worst = worst[:chartStacks]
	}
	labels := make([]string, len(worst))
	counts := make([]Counts, len(worst))
	for i, v := range worst {
		labels[i], counts[i] = v.StackID.String(), v.Counts
	}
	page.StackChart = stackedChart(labels, counts)

	labels, counts = nil, nil
	for _, rc := range page.TopRules {
		labels = append(labels, rc.Policy)
		counts = append(counts, Counts{rc.Severity: rc.Findings})
	}
	page.RuleChart = stackedChart(labels, counts)

	if page.Trend != nil {
		page.TrendChart = stackedChart([]string{"previous (" + page.Trend.Previous.GeneratedAt.Format("2006-01-02") + ")",
			"now (" + r.GeneratedAt.Format("2006-01-02") + ")"}, []Counts{page.Trend.Before, page.Trend.After})
	}
	return reportPage.Execute(w, page)
}

// weight ranks a stack's findings for the chart: worse severities count more.
func weight(c Counts) int {
	return c["critical"]*1000000 + c["high"]*10000 + c["medium"]*100 + c["low"]
}
