package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

// A setting that would make a rule check nothing is refused with a message that names it and the
// way to switch the rule off on purpose, which then takes it; a sensible value other than the
// default is taken.
func TestSettingsThatTurnRulesOffAreRefused(t *testing.T) {
	for _, tc := range []struct {
		rule          string
		refused, kept map[string]any
		message       string
	}{
		{"aws-eks-control-plane-logging",
			map[string]any{"requiredLogTypes": []any{}},
			map[string]any{"requiredLogTypes": []any{"audit", "authenticator"}},
			"aws-eks-control-plane-logging: requiredLogTypes: an empty list requires no log type, which turns the " +
				`rule off; list the log types every cluster must enable (by default ["audit"])`},
		{"aws-cloudfront-minimum-tls-version",
			map[string]any{"minimumProtocolVersion": "TLSv1"},
			map[string]any{"minimumProtocolVersion": "TLSv1.2_2019"},
			`aws-cloudfront-minimum-tls-version: minimumProtocolVersion: "TLSv1" is no newer than TLSv1, what ` +
				"CloudFront accepts when a distribution sets no minimum, so every distribution with its own " +
				"certificate meets it, which turns the rule off; set TLSv1.2_2021 or a later policy"},
		{"aws-cloudfront-minimum-tls-version",
			map[string]any{"minimumProtocolVersion": "SSLv3"},
			map[string]any{"minimumProtocolVersion": "TLSv1_2016"},
			`minimumProtocolVersion: "SSLv3" is no newer than TLSv1`},
		{"aws-cloudwatch-log-group-retention",
			map[string]any{"minimumDays": 1},
			map[string]any{"minimumDays": 3},
			"aws-cloudwatch-log-group-retention: minimumDays: 1 is no more than 1 day, the shortest retention " +
				"CloudWatch Logs offers, so every log group meets it, which turns the rule off; set the fewest days " +
				"log groups must keep their events (by default 365)"},
		{"aws-docdb-backup-retention",
			map[string]any{"minimumDays": 1},
			map[string]any{"minimumDays": 2},
			"aws-docdb-backup-retention: minimumDays: 1 is no more than 1 day, the least a DocumentDB cluster " +
				"keeps automated backups, so every cluster meets it, which turns the rule off; set the fewest days " +
				"clusters must keep (by default 7)"},
		{"aws-neptune-backup-retention",
			map[string]any{"minimumDays": 1},
			map[string]any{"minimumDays": 14},
			"aws-neptune-backup-retention: minimumDays: 1 is no more than 1 day, the least a Neptune cluster"},
		{"aws-iam-password-policy",
			map[string]any{"minimumLength": 6, "reusePrevention": 0, "requireUppercase": false,
				"requireLowercase": false, "requireNumbers": false, "requireSymbols": false},
			map[string]any{"minimumLength": 6, "reusePrevention": 0, "requireUppercase": false,
				"requireLowercase": false, "requireNumbers": false, "requireSymbols": false, "maxAgeDays": 90},
			"aws-iam-password-policy: minimumLength: 6, the least AWS allows, with reusePrevention and maxAgeDays 0 " +
				"and every require setting false, requires nothing of the password policy, which turns the rule " +
				`off; require at least one of them (by default minimumLength 14), or set the rule's ` +
				`enforcementLevel to "disabled"`},
		{"aws-network-acl-admin-ports-open",
			map[string]any{"ports": []any{}},
			map[string]any{"ports": []any{22, 3389, 5432}},
			"aws-network-acl-admin-ports-open: ports: an empty list checks no port, which turns the rule off; list " +
				`the ports to watch (the explain command shows the rule's default list), or set the rule's ` +
				`enforcementLevel to "disabled"`},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			packtest.RefusesTurningOff(t, Policies(), tc.rule, tc.refused, tc.kept, tc.message)
		})
	}
}
