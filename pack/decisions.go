package pack

import (
	"context"
	"os"
	"os/signal"
	"time"

	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

// DecisionLog receives every decision the pack makes, for an audit trail: a pack whose
// DecisionLog is set hands it, after each Analyze, AnalyzeStack and Remediate call, the verdict
// of every policy that ran in that call. The decisions carry the messages exactly as the engine
// receives them (scrubbed of secrets, or withheld when a check read one) and never a property
// value. With no DecisionLog the engine does nothing more than test that the field is nil.
type DecisionLog interface {
	// Record takes the decisions of one call. It runs on the call's goroutine, concurrently with
	// other calls, so it must return quickly and never fail the call: a log that cannot keep up
	// drops records and says so, it never slows or blocks a deployment. d is the stack being
	// judged; its Config holds decrypted secrets, which a log must never write.
	Record(d *Deployment, decisions []Decision)
	// Flush delivers what Record took, waiting at most until ctx is done. The pack calls it when
	// the engine cancels or closes the plugin, when the server stops and when the process is
	// interrupted. What it cannot deliver, it reports itself (on stderr): a log never fails the
	// engine's calls.
	Flush(ctx context.Context)
}

// Outcome is what a policy decided about a resource or the stack.
type Outcome string

// The outcomes a decision may have.
const (
	// Passed is a policy that ran and reported nothing.
	Passed Outcome = "passed"
	// Violated is a policy that reported a violation, or failed while checking.
	Violated Outcome = "violated"
	// NotApplicable is a policy that ran but could not decide (an unknown value in preview) or
	// skipped the resource. Policies that do not apply to a resource's type, or are disabled, do
	// not run and make no decision.
	NotApplicable Outcome = "not-applicable"
	// Remediated is a policy at the remediate level that changed the resource's inputs.
	Remediated Outcome = "remediated"
)

// Decision is one policy's verdict on one resource, or on the stack (URN empty).
type Decision struct {
	URN      URN
	Type     string
	Policy   string
	Outcome  Outcome
	Level    EnforcementLevel
	Severity Severity
	// Message is the violation's message or the not-applicable reason, as the engine shows it;
	// empty for a pass.
	Message string
}

// Operation names what the engine is doing: "preview", "update", or "analyze" when it did not
// describe the stack (`pulumi policy analyze --file`, `pulumi policy publish`).
func (d *Deployment) Operation() string {
	switch {
	case !d.Known:
		return "analyze"
	case d.DryRun:
		return "preview"
	default:
		return "update"
	}
}

// logDecisions turns a call's response into decisions: a violation per diagnostic, a
// not-applicable per reason of a policy that ran, and a pass for every policy that ran and said
// nothing. ran lists the policies the call ran under cfg; subject is the resource judged (empty
// for the stack) and typ its type.
func (a *Analyzer) logDecisions(
	cfg *configuration, ran []*registered, resp *plugin.AnalyzeResponse, subject URN, typ string,
) {
	said := make(map[string]bool, len(resp.Diagnostics)+len(resp.NotApplicable))
	out := make([]Decision, 0, len(ran)+len(resp.Diagnostics))
	for _, d := range resp.Diagnostics {
		said[d.PolicyName] = true
		out = append(out, Decision{URN: d.URN, Type: typeOf(d.URN, subject, typ), Policy: d.PolicyName,
			Outcome: Violated, Level: d.EnforcementLevel, Severity: d.Severity, Message: d.Message})
	}
	byName := make(map[string]*registered, len(ran))
	for _, p := range ran {
		byName[p.Name] = p
	}
	for _, na := range resp.NotApplicable {
		p := byName[na.PolicyName]
		if p == nil || said[p.Name] {
			continue
		}
		said[p.Name] = true
		out = append(out, Decision{URN: subject, Type: typ, Policy: p.Name, Outcome: NotApplicable,
			Level: cfg.levels[p.index], Severity: p.Severity, Message: na.Reason})
	}
	for _, p := range ran {
		if !said[p.Name] {
			out = append(out, Decision{URN: subject, Type: typ, Policy: p.Name, Outcome: Passed,
				Level: cfg.levels[p.index], Severity: p.Severity})
		}
	}
	if len(out) > 0 {
		a.pack.DecisionLog.Record(a.deployment.Load(), out)
	}
}

// logRemediations records a Remediate call's remediations: a remediation with a diagnostic is
// a remediation that failed, which the engine reports as a violation.
func (a *Analyzer) logRemediations(resp *plugin.RemediateResponse, typ string) {
	out := make([]Decision, 0, len(resp.Remediations))
	for _, r := range resp.Remediations {
		d := Decision{URN: r.URN, Type: typ, Policy: r.PolicyName, Outcome: Remediated, Level: Remediate,
			Message: r.Diagnostic}
		if p := a.byName[r.PolicyName]; p != nil {
			d.Severity = p.Severity
		}
		if r.Diagnostic != "" {
			d.Outcome = Violated
		}
		out = append(out, d)
	}
	if len(out) > 0 {
		a.pack.DecisionLog.Record(a.deployment.Load(), out)
	}
}

// typeOf is the type of the resource a diagnostic names: the subject's, or read from its URN.
func typeOf(urn, subject URN, typ string) string {
	if urn == subject || !urn.IsValid() {
		return typ
	}
	return string(urn.Type())
}

// flushTimeout bounds a flush at exit: the engine waits five seconds after its interrupt before
// it kills the plugin.
const flushTimeout = 4 * time.Second

// flushDecisions delivers the decision log, if any, waiting at most flushTimeout.
func (a *Analyzer) flushDecisions(ctx context.Context) { flushDecisionLog(ctx, a.pack.DecisionLog) }

// flushDecisionLog delivers a decision log, if there is one, waiting at most flushTimeout.
func flushDecisionLog(ctx context.Context, log DecisionLog) {
	if log == nil {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, flushTimeout)
	defer cancel()
	log.Flush(ctx)
}

// flushOnInterrupt flushes the decision log when the engine interrupts the plugin (it sends
// SIGINT to the plugin's process group, waits five seconds, then kills it), then exits. SIGTERM
// and SIGHUP flush it too, before the pack stops (see stopOnSignals).
func (a *Analyzer) flushOnInterrupt() (stop func()) {
	if a.pack.DecisionLog == nil {
		return func() {}
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt)
	done := make(chan struct{})
	go func() {
		select {
		case <-sig:
			a.flushDecisions(context.Background())
			os.Exit(0)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(sig)
		close(done)
	}
}
