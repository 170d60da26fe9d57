package audit

import (
	"cmp"
	"context"
	"fmt"

	"github.com/pulumi-securely/pulumi-securely/internal/export"
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

// judge runs a pack over stacks. Each stack gets an analyzer of its own, as each `pulumi preview`
// starts the pack anew: an analyzer holds the stack it judges, and remembers what it reported from
// inputs so that judging the deployed state does not report it twice.
type judge struct {
	pack     pack.Pack
	config   map[string]plugin.AnalyzerPolicyConfig
	projects *projects
}

func newJudge(p pack.Pack, config map[string]plugin.AnalyzerPolicyConfig, projects *projects) (*judge, error) {
	j := &judge{pack: p, config: config, projects: projects}
	if _, err := j.analyzer(); err != nil {
		return nil, err
	}
	return j, nil
}

// analyzer returns a new analyzer of the pack, configured.
func (j *judge) analyzer() (*pack.Analyzer, error) {
	a, err := pack.NewAnalyzer(j.pack)
	if err != nil {
		return nil, err
	}
	if j.config != nil {
		if err := a.Configure(context.Background(), j.config); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// stack judges one stack as `pulumi policy analyze` does: Analyze on each resource's inputs, then
// AnalyzeStack on every resource's outputs. Unlike that command it first describes the stack
// (ConfigureStack) when it knows the stack's tags or config, so the stack rules run too.
func (j *judge) stack(ctx context.Context, s *Stack) StackResult {
	res := StackResult{StackID: s.ID, File: s.Origin, Tags: s.Tags, Notes: s.Notes, Findings: []Finding{}}
	resources, redacted, err := export.FromDeployment(ctx, s.Deployment, s.Decrypter)
	if err != nil {
		res.Error = fmt.Sprintf("reading the stack's export: %v", err)
		return res
	}
	res.Resources = len(resources)
	if redacted > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%d secret(s) of the state could not be decrypted here (%s): "+
			"judged redacted, as `pulumi policy analyze --file` does", redacted, cmp.Or(s.Encrypted, "the key was refused")))
	}

	cfg, notes := j.projects.config(s.ID)
	res.Notes = append(res.Notes, notes...)
	d := &pack.Deployment{}
	if s.Tags != nil || cfg != nil {
		if cfg == nil {
			cfg = &stackConfig{}
		}
		// dryRun as `pulumi policy analyze` runs the pack: nothing is being deployed.
		d = pack.NewDeployment(s.ID.Org, s.ID.Project, s.ID.Stack, true, s.Tags, cfg.values, cfg.secretKeys)
		d.LookupEnv = func(string) (string, bool) { return "", false }
		res.Described = true
	} else {
		res.Notes = append(res.Notes, "neither tags nor config known: the stack rules (tags, config secrets, "+
			"production) were not applicable")
	}
	a, err := j.analyzer()
	if err != nil {
		res.Error = err.Error()
		return res
	}
	a.ConfigureStack(d)

	for _, r := range resources {
		if err := ctx.Err(); err != nil {
			res.Error = err.Error()
			return res
		}
		resp, err := a.Analyze(ctx, r.Resource())
		if err != nil {
			res.Error = fmt.Sprintf("analyzing %s: %v", r.URN, err)
			return res
		}
		res.Findings = appendFindings(res.Findings, resp.Diagnostics)
	}
	resp, err := a.AnalyzeStack(ctx, resources.Stack())
	if err != nil {
		res.Error = fmt.Sprintf("analyzing the stack: %v", err)
		return res
	}
	res.Findings = appendFindings(res.Findings, resp.Diagnostics)
	return res
}

func appendFindings(out []Finding, diags []plugin.AnalyzeDiagnostic) []Finding {
	for _, d := range diags {
		out = append(out, Finding{Policy: d.PolicyName, Severity: string(d.Severity),
			EnforcementLevel: string(d.EnforcementLevel), URN: string(d.URN), Message: d.Message})
	}
	return out
}
