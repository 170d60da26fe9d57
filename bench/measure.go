package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pulumi-securely/pulumi-securely/internal/engine"
	"github.com/pulumi/pulumi/pkg/v3/resource/analyzer"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
)

// measurement is what one analyzer did with one stack; times are medians over the runs.
type measurement struct {
	startup      time.Duration
	throughput1  float64 // Analyze calls per second at concurrency 1
	throughput8  float64 // and at concurrency 8
	p50, p99     time.Duration
	p50c8, p99c8 time.Duration
	analyzeStack time.Duration
	peakRSS      int64 // bytes
}

// concurrency is the number of Analyze calls in flight in the concurrent runs, as the engine
// issues them for resources registered in parallel.
const concurrency = 8

// stackOptions describe the stack to ConfigureStack: a preview of a tagged development stack.
func stackOptions() *plugin.PolicyAnalyzerOptions {
	return &plugin.PolicyAnalyzerOptions{Organization: "bench", Project: "synth", Stack: "bench", DryRun: true,
		Tags: map[string]string{"owner": "team-bench", "environment": "dev"}, Config: map[config.Key]string{}}
}

// measureOnce is one run of every measurement on a fresh process of the analyzer: startup to its
// first answer, Analyze over every resource at concurrency 1 and 8 (after a warm-up), AnalyzeStack,
// and the process's peak RSS at the end.
func measureOnce(ctx context.Context, t target, stack []plugin.AnalyzerStackResource) (measurement, error) {
	var m measurement
	start := time.Now()
	a, err := launch(ctx, t)
	if err != nil {
		return m, err
	}
	m.startup = time.Since(start)
	defer a.Close()
	resources := make([]plugin.AnalyzerResource, len(stack))
	for i, r := range stack {
		resources[i] = r.AnalyzerResource
	}
	if _, err := analyzeAll(ctx, a, resources[:min(len(resources), 200)], 1); err != nil { // warm up
		return m, err
	}
	start = time.Now()
	lat1, err := analyzeAll(ctx, a, resources, 1)
	if err != nil {
		return m, err
	}
	m.throughput1 = float64(len(resources)) / time.Since(start).Seconds()
	start = time.Now()
	lat8, err := analyzeAll(ctx, a, resources, concurrency)
	if err != nil {
		return m, err
	}
	m.throughput8 = float64(len(resources)) / time.Since(start).Seconds()
	m.p50, m.p99 = percentile(lat1, 50), percentile(lat1, 99)
	m.p50c8, m.p99c8 = percentile(lat8, 50), percentile(lat8, 99)
	start = time.Now()
	if _, err := a.AnalyzeStack(ctx, stack); err != nil {
		return m, err
	}
	m.analyzeStack = time.Since(start)
	m.peakRSS, err = peakRSS(t.process)
	return m, err
}

// medianOf is the measurement whose every figure is the median of that figure over the runs.
func medianOf(runs []measurement) measurement {
	pick := func(f func(measurement) float64) float64 {
		v := make([]float64, len(runs))
		for i, m := range runs {
			v[i] = f(m)
		}
		return median(v)
	}
	d := func(f func(measurement) time.Duration) time.Duration {
		return time.Duration(pick(func(m measurement) float64 { return float64(f(m)) }))
	}
	return measurement{
		startup:      d(func(m measurement) time.Duration { return m.startup }),
		throughput1:  pick(func(m measurement) float64 { return m.throughput1 }),
		throughput8:  pick(func(m measurement) float64 { return m.throughput8 }),
		p50:          d(func(m measurement) time.Duration { return m.p50 }),
		p99:          d(func(m measurement) time.Duration { return m.p99 }),
		p50c8:        d(func(m measurement) time.Duration { return m.p50c8 }),
		p99c8:        d(func(m measurement) time.Duration { return m.p99c8 }),
		analyzeStack: d(func(m measurement) time.Duration { return m.analyzeStack }),
		peakRSS:      int64(pick(func(m measurement) float64 { return float64(m.peakRSS) })),
	}
}

// launch starts the analyzer as the engine does, and configures it as the engine does: its info,
// the config reconciled against its schemas, Configure.
func launch(ctx context.Context, t target) (*engine.Analyzer, error) {
	a, err := engine.Launch(ctx, t.binary, stackOptions())
	if err != nil {
		return nil, err
	}
	info, err := a.GetAnalyzerInfo(ctx)
	if err == nil {
		var cfg map[string]plugin.AnalyzerPolicyConfig
		var problems []string
		cfg, problems, err = analyzer.ReconcilePolicyPackConfig(info.Policies, info.InitialConfig, nil)
		if err == nil && len(problems) > 0 {
			err = fmt.Errorf("config: %s", strings.Join(problems, "; "))
		}
		if err == nil {
			err = a.Configure(ctx, cfg)
		}
	}
	if err != nil {
		_ = a.Close()
		return nil, err
	}
	return a, nil
}

// analyzeAll sends every resource to Analyze with the given number of calls in flight and
// returns each call's latency.
func analyzeAll(ctx context.Context, a plugin.Analyzer, resources []plugin.AnalyzerResource, workers int,
) ([]time.Duration, error) {
	latencies := make([]time.Duration, len(resources))
	next := make(chan int)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				start := time.Now()
				if _, err := a.Analyze(ctx, resources[i]); err != nil {
					errs <- err
					return
				}
				latencies[i] = time.Since(start)
			}
		})
	}
	for i := range resources {
		next <- i
	}
	close(next)
	wg.Wait()
	close(errs)
	return latencies, <-errs
}

func percentile(values []time.Duration, p int) time.Duration {
	if len(values) == 0 {
		return 0
	}
	s := slices.Clone(values)
	slices.Sort(s)
	return s[(len(s)-1)*p/100]
}

// peakRSS reads the high-water mark of resident memory of the running plugin: the process that this
// one started whose executable is exe (Linux /proc).
func peakRSS(exe string) (int64, error) {
	want, err := filepath.EvalSymlinks(exe)
	if err != nil {
		return 0, err
	}
	procs, err := filepath.Glob("/proc/[0-9]*")
	if err != nil {
		return 0, err
	}
	parent := strconv.Itoa(os.Getpid())
	for _, p := range procs {
		if got, err := os.Readlink(filepath.Join(p, "exe")); err != nil || got != want {
			continue
		}
		status, err := os.ReadFile(filepath.Join(p, "status"))
		if err != nil || statusField(status, "PPid:") != parent {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(statusField(status, "VmHWM:"), " kB"), 10, 64)
		return kb * 1024, err
	}
	return 0, fmt.Errorf("no running process of %s started by this one", exe)
}

// statusField returns the value of a field of a /proc/<pid>/status file.
func statusField(status []byte, field string) string {
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, field); ok {
			return strings.TrimSpace(rest)
		}
	}
	return ""
}
