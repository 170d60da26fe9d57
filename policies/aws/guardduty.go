package aws

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// Amazon GuardDuty: a detector in the stacks that set up an account's baseline. The token and
// enable (true by default) are the same in pulumi-aws v6 (v6.83) and v7 (7.48).

const guardDutyDetectorType = "aws:guardduty/detector:Detector"

func init() { register(guardDutyBaselineDetector) }

type guardDutyBaselineSettings struct {
	BaselineStacks []string `json:"baselineStacks"`
}

var guardDutyBaselineDetector = pack.Policy{
	Name:        "aws-guardduty-baseline-detector",
	DisplayName: "Account-baseline stacks enable GuardDuty",
	Description: "A stack named in baselineStacks (the stacks that set up an account and region: CloudTrail, " +
		"Config, security services) declares an enabled GuardDuty detector (aws.guardduty.Detector with enable " +
		"not false). Off until baselineStacks names a stack: GuardDuty is enabled once per account and region, " +
		"so other stacks have no detector to declare.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("GuardDuty.1"),
	Tags:      []string{"aws", "guardduty", "monitoring"},
	Remediation: "Add an aws.guardduty.Detector (enable: true) to the baseline stack of each account and region, " +
		"or enable GuardDuty for the whole organization from its delegated administrator account.",
	Types: []string{"aws:*"},
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"baselineStacks": pack.StringList("Stacks that must enable GuardDuty, as \"stack\" or \"project/stack\" " +
			"(e.g. \"baseline/prod-us-east-1\"). Default: none, which turns the rule off."),
	}},
	Settings: func() any { return &guardDutyBaselineSettings{} },
	Stack:    checkGuardDutyBaselineDetector,
}

func checkGuardDutyBaselineDetector(c *pack.Check, s *pack.Stack) {
	baseline := pack.SettingsOf[guardDutyBaselineSettings](c).BaselineStacks
	d := c.Deployment()
	switch {
	case len(baseline) == 0:
		c.Skip("no account-baseline stacks configured (baselineStacks)")
		return
	case !d.Known:
		c.Skip("the engine did not say which stack this is")
		return
	case !pack.ContainsFold(baseline, d.Stack) && !pack.ContainsFold(baseline, d.Project+"/"+d.Stack):
		c.Skip("stack " + d.Stack + " is not an account-baseline stack (baselineStacks)")
		return
	}
	detectors := s.OfType(guardDutyDetectorType)
	for _, detector := range known.First(detectors, func(r *pack.Resource) pack.Value { return r.Get("enable") }) {
		if detector.Get("enable").Bool(true) {
			return
		}
	}
	what := "declares no GuardDuty detector"
	if len(detectors) > 0 {
		what = "declares only disabled GuardDuty detectors (enable false)"
	}
	c.Violatef("account-baseline stack %s %s: add an aws.guardduty.Detector with enable: true",
		strings.TrimSpace(d.Stack), what)
}
