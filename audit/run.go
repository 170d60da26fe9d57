package audit

import (
	"context"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/schollz/progressbar/v3"
)

// runOptions are how one audit runs.
type runOptions struct {
	workers  int
	shard    shard
	config   map[string]plugin.AnalyzerPolicyConfig
	projects *projects
	// progress receives the progress bar; nil shows none.
	progress io.Writer
	now      func() time.Time
}

// run lists the source's stacks, keeps those of the shard, and judges them with a bounded pool
// of workers. Only a source that cannot list its stacks (or a pack that cannot be configured)
// fails the run; a stack that cannot be loaded or judged is a result with its error.
func run(ctx context.Context, p pack.Pack, src Source, opts runOptions) (*Report, error) {
	ids, err := src.List(ctx)
	if err != nil {
		return nil, err
	}
	ids = opts.shard.filter(ids)
	j, err := newJudge(p, opts.config, opts.projects)
	if err != nil {
		return nil, err
	}

	bar := newProgress(opts.progress, len(ids))
	results := make([]StackResult, len(ids))
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(opts.workers, len(ids))) {
		wg.Go(func() {
			for i := range next {
				results[i] = judgeOne(ctx, j, src, ids[i])
				bar.Add(1) //nolint:errcheck // a progress bar that cannot draw changes nothing
			}
		})
	}
	for i := range ids {
		next <- i
	}
	close(next)
	wg.Wait()
	bar.Finish() //nolint:errcheck

	r := &Report{Version: reportVersion, Pack: p.Name, PackVersion: p.Version, Repository: p.Repository,
		GeneratedAt: opts.now().UTC(), Sources: []string{src.Describe()}, Stacks: results}
	r.describeRules(p)
	if opts.shard.count > 1 {
		r.Shards = []string{opts.shard.String()}
	}
	r.sort()
	return r, nil
}

// judgeOne loads and judges one stack; whatever goes wrong becomes the stack's error.
func judgeOne(ctx context.Context, j *judge, src Source, id StackID) (res StackResult) {
	defer func() {
		if v := recover(); v != nil {
			// The panic's value may quote state: keep only that it happened.
			res = StackResult{StackID: id, Findings: []Finding{}, Error: "loading or judging the stack panicked"}
		}
	}()
	st, err := src.Load(ctx, id)
	if err != nil {
		return StackResult{StackID: id, Error: fmt.Sprintf("loading the stack: %v", err), Findings: []Finding{}}
	}
	return j.stack(ctx, st)
}

// newProgress returns a progress bar on w, or one that draws nothing when w is nil.
func newProgress(w io.Writer, n int) *progressbar.ProgressBar {
	if w == nil {
		return progressbar.DefaultSilent(int64(n))
	}
	return progressbar.NewOptions(n,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("auditing stacks"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetItsString("stacks"),
		progressbar.OptionShowIts(),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}
