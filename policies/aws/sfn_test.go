package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestSFNStateMachineLogging(t *testing.T) {
	machine := func(logging any) packtest.Props {
		props := packtest.Props{"roleArn": "arn:aws:iam::111122223333:role/sfn", "definition": `{"StartAt":"A"}`}
		if logging != nil {
			props["loggingConfiguration"] = logging
		}
		return props
	}
	logging := func(level any) map[string]any {
		return map[string]any{"level": level, "includeExecutionData": true,
			"logDestination": "arn:aws:logs:us-east-1:111122223333:log-group:/sfn/orders:*"}
	}
	packtest.Run(t, Policies(), "aws-sfn-state-machine-logging", []packtest.Case{
		{Name: "no logging configuration", Want: packtest.Violation,
			Message:  "state machine orders sets no loggingConfiguration.level, so it logs nothing (level OFF)",
			Resource: packtest.Resource(sfnStateMachineType, "orders", machine(nil))},
		{Name: "level OFF", Want: packtest.Violation,
			Message:  "state machine orders has loggingConfiguration.level \"OFF\", below FATAL",
			Resource: packtest.Resource(sfnStateMachineType, "orders", machine(logging("OFF")))},
		{Name: "level FATAL", Want: packtest.Pass,
			Resource: packtest.Resource(sfnStateMachineType, "orders", machine(logging("FATAL")))},
		{Name: "level ALL, v6 one-element list", Want: packtest.Pass,
			Resource: packtest.Resource(sfnStateMachineType, "orders", machine([]any{logging("ALL")}))},
		{Name: "FATAL below a configured ERROR", Want: packtest.Violation,
			Config:   map[string]any{"minimumLevel": "ERROR"},
			Message:  "has loggingConfiguration.level \"FATAL\", below ERROR: set level to \"ERROR\" or higher",
			Resource: packtest.Resource(sfnStateMachineType, "orders", machine(logging("FATAL")))},
		{Name: "ERROR meets a configured ERROR", Want: packtest.Pass, Config: map[string]any{"minimumLevel": "ERROR"},
			Resource: packtest.Resource(sfnStateMachineType, "orders", machine(logging("ERROR")))},
		{Name: "unknown level", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(sfnStateMachineType, "orders", machine(logging(packtest.Unknown)))},
		{Name: "unknown logging configuration", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(sfnStateMachineType, "orders", machine(packtest.Unknown))},
		{Name: "not a log level", Want: packtest.NotApplicable, Message: "is not a Step Functions log level",
			Resource: packtest.Resource(sfnStateMachineType, "orders", machine(logging("VERBOSE")))},
	})
}
