package pack

import (
	"fmt"

	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/proto"
)

// plan is what the pack does with resources of one type under one configuration, worked out
// the first time that type is seen: which resource policies run, which remediate, and the
// not-applicable lists the responses carry.
type plan struct {
	analyze       []*registered
	remediate     []*registered
	notApplicable []plugin.PolicyNotApplicable
	notRemediated []plugin.PolicyNotApplicable
	// notApplicableWire and notRemediatedWire are the two lists encoded once as the protocol's
	// repeated not_applicable field; the server appends these bytes to every response.
	notApplicableWire, notRemediatedWire []byte
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
	p.notApplicableWire = encodeNotApplicable(p.notApplicable, func(list []*pulumirpc.PolicyNotApplicable) proto.Message {
		return &pulumirpc.AnalyzeResponse{NotApplicable: list}
	})
	p.notRemediatedWire = encodeNotApplicable(p.notRemediated, func(list []*pulumirpc.PolicyNotApplicable) proto.Message {
		return &pulumirpc.RemediateResponse{NotApplicable: list}
	})
	actual, _ := cfg.plans.LoadOrStore(typ, p)
	return actual.(*plan)
}

// encodeNotApplicable encodes a not-applicable list as the protocol sends it: a response holding
// only that list, whose encoding is exactly the repeated field's bytes.
func encodeNotApplicable(
	list []plugin.PolicyNotApplicable, response func([]*pulumirpc.PolicyNotApplicable) proto.Message,
) []byte {
	msgs := make([]*pulumirpc.PolicyNotApplicable, len(list))
	for i, na := range list {
		msgs[i] = &pulumirpc.PolicyNotApplicable{PolicyName: na.PolicyName, Reason: na.Reason}
	}
	b, err := proto.Marshal(response(msgs))
	if err != nil {
		// Policy names and reasons are valid UTF-8 strings, the only way these messages can fail.
		panic(fmt.Sprintf("encoding a not-applicable list: %v", err))
	}
	return b
}

func notApplicable(p *registered, reason string) plugin.PolicyNotApplicable {
	return plugin.PolicyNotApplicable{PolicyName: p.Name, Reason: reason}
}
