package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestGuardDutyBaselineDetector(t *testing.T) {
	trail := packtest.Resource("aws:cloudtrail/trail:Trail", "trail", packtest.Props{})
	detector := func(enable any) packtest.Props {
		if enable == nil {
			return packtest.Props{}
		}
		return packtest.Props{"enable": enable}
	}
	baseline := map[string]any{"baselineStacks": []any{"app/dev"}}
	packtest.Run(t, Policies(), "aws-guardduty-baseline-detector", []packtest.Case{
		{Name: "baseline stack without a detector", Want: packtest.Violation, Config: baseline,
			Message: "account-baseline stack dev declares no GuardDuty detector",
			Stack:   packtest.Stack(trail)},
		{Name: "baseline stack by name", Want: packtest.Violation, Config: map[string]any{"baselineStacks": []any{"dev"}},
			Stack: packtest.Stack(trail)},
		{Name: "disabled detector", Want: packtest.Violation, Config: baseline, Message: "only disabled GuardDuty detectors",
			Stack: packtest.Stack(trail, packtest.Resource(guardDutyDetectorType, "gd", detector(false)))},
		{Name: "detector enabled by default", Want: packtest.Pass, Config: baseline,
			Stack: packtest.Stack(trail, packtest.Resource(guardDutyDetectorType, "gd", detector(nil)))},
		{Name: "enabled detector beside an unknown one", Want: packtest.Pass, Config: baseline,
			Stack: packtest.Stack(packtest.Resource(guardDutyDetectorType, "a", detector(packtest.Unknown)),
				packtest.Resource(guardDutyDetectorType, "b", detector(true)))},
		{Name: "another stack", Want: packtest.NotApplicable, Message: "stack dev is not an account-baseline stack",
			Config: map[string]any{"baselineStacks": []any{"baseline/prod"}}, Stack: packtest.Stack(trail)},
		{Name: "off by default", Want: packtest.NotApplicable, Message: "no account-baseline stacks configured",
			Stack: packtest.Stack(trail)},
		{Name: "stack not described", Want: packtest.NotApplicable, Message: "did not say which stack", Config: baseline,
			Deployment: &pack.Deployment{}, Stack: packtest.Stack(trail)},
		{Name: "unknown enable", Want: packtest.NotApplicable, Message: "value unknown during preview: enable", Config: baseline,
			Stack: packtest.Stack(packtest.Resource(guardDutyDetectorType, "gd", detector(packtest.Unknown)))},
	})
}
