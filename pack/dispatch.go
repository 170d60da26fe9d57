package pack

import (
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// plan is what the pack does with resources of one type under one configuration, worked out
// the first time that type is seen: which resource policies run, which remediate, and the
// not-applicable lists the responses carry.
type plan struct {
	analyze       []*registered
	remediate     []*registered
	notApplicable []plugin.PolicyNotApplicable
	notRemediated []plugin.PolicyNotApplicable
	// wire is notApplicable as the protocol sends it, built once: the server shares these
	// messages between responses, which gRPC only reads.
	wire []*pulumirpc.PolicyNotApplicable
}

// Reasons given for policies that do not run on a resource.
const (
	reasonDisabled      = "disabled by the policy pack's config"
	reasonOtherTypes    = "other resource types"
	reasonNoRemediation = "does not remediate this resource at its enforcement level"
)

// plan returns the plan for a type token, building it once per configuration.
func (cfg *configuration) plan(a *Analyzer, typ string) *plan {
	if p, ok := cfg.plans.Load(typ); ok {
		return p.(*plan)
	}
	p := &plan{}
	for _, pol := range a.policies {
		if pol.Resource == nil {
			continue
		}
		level := cfg.levels[pol.index]
		switch {
		case level == Disabled:
			p.notApplicable = append(p.notApplicable, notApplicable(pol, reasonDisabled))
		case !pol.appliesTo(typ):
			p.notApplicable = append(p.notApplicable, notApplicable(pol, reasonOtherTypes))
		default:
			p.analyze = append(p.analyze, pol)
		}
		if level == Remediate && pol.Remediate != nil && pol.appliesTo(typ) {
			p.remediate = append(p.remediate, pol)
		} else {
			p.notRemediated = append(p.notRemediated, notApplicable(pol, reasonNoRemediation))
		}
	}
	for _, na := range p.notApplicable {
		p.wire = append(p.wire, &pulumirpc.PolicyNotApplicable{PolicyName: na.PolicyName, Reason: na.Reason})
	}
	actual, _ := cfg.plans.LoadOrStore(typ, p)
	return actual.(*plan)
}

func notApplicable(p *registered, reason string) plugin.PolicyNotApplicable {
	return plugin.PolicyNotApplicable{PolicyName: p.Name, Reason: reason}
}
