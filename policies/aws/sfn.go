package aws

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// AWS Step Functions rules. The type token and loggingConfiguration.level are the same in
// pulumi-aws v6 (v6.83.4) and v7; loggingConfiguration is one object in both.
const sfnStateMachineType = "aws:sfn/stateMachine:StateMachine"

// sfnLogLevels are the Step Functions log levels, from logging nothing to logging everything.
var sfnLogLevels = []string{"OFF", "FATAL", "ERROR", "ALL"}

type sfnLoggingSettings struct {
	MinimumLevel string `json:"minimumLevel"`

	minimum int
}

func (s *sfnLoggingSettings) Prepare() error {
	s.minimum = slices.Index(sfnLogLevels, strings.ToUpper(s.MinimumLevel))
	if s.minimum < 1 {
		return fmt.Errorf("minimumLevel %q is not FATAL, ERROR or ALL", s.MinimumLevel)
	}
	return nil
}

func init() {
	register(pack.Policy{
		Name:        "aws-sfn-state-machine-logging",
		DisplayName: "Step Functions state machines log their executions",
		Description: "State machines send execution history to CloudWatch Logs: loggingConfiguration.level is at " +
			"least the configured minimum (FATAL by default, as FSBP StepFunctions.1 asks: any level but OFF). " +
			"Unset, the level is OFF.",
		Severity:  pack.Medium,
		Framework: frameworks.FSBP("StepFunctions.1"),
		Tags:      []string{"aws", "sfn", "logging"},
		Remediation: "Set loggingConfiguration: { level: \"ERROR\" (or \"ALL\"), logDestination: " +
			"`${logGroup.arn}:*` } and let the state machine's role deliver logs (logs:CreateLogDelivery, " +
			"logs:PutResourcePolicy and the other log delivery actions).",
		Types: []string{sfnStateMachineType},
		Config: pack.Schema{Properties: map[string]pack.JSONSchema{
			"minimumLevel": pack.String("The least a state machine must log: FATAL, ERROR or ALL. Default: FATAL.",
				"FATAL", "FATAL", "ERROR", "ALL"),
		}},
		Settings: func() any { return &sfnLoggingSettings{} },
		Resource: checkSFNLogging,
	})
}

func checkSFNLogging(c *pack.Check, r *pack.Resource) {
	s := pack.SettingsOf[sfnLoggingSettings](c)
	level := r.Get("loggingConfiguration", "level")
	name := strings.ToUpper(strings.TrimSpace(level.Text("OFF")))
	i := slices.Index(sfnLogLevels, name)
	switch {
	case i < 0:
		c.Skip(fmt.Sprintf("loggingConfiguration.level %v is not a Step Functions log level", level))
	case i == 0 && !level.Exists():
		c.Violatef("state machine %s sets no loggingConfiguration.level, so it logs nothing (level OFF): set "+
			"loggingConfiguration: { level: %q, logDestination: <log group ARN>:* }", r.Name, sfnLogLevels[s.minimum])
	case i < s.minimum:
		c.Violatef("state machine %s has loggingConfiguration.level %v, below %s: set level to %q or higher",
			r.Name, level, sfnLogLevels[s.minimum], sfnLogLevels[s.minimum])
	}
}
