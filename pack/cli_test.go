package pack

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type cliSettings struct {
	Days int `json:"days"`
}

// cliPack is a small catalog: rules on two clouds (one named through CloudLabels), one about
// every cloud, with and without settings and frameworks.
func cliPack() Pack {
	resource := func(*Check, *Resource) {}
	return Pack{
		Name:        "demo-pack",
		Version:     "1.2.3",
		Description: "A demo pack.",
		DocsURL:     "https://example.com/rules",
		CloudLabels: map[string]string{"azure-native": "azure"},
		Policies: []Policy{
			{Name: "aws-bucket-encrypted", DisplayName: "Buckets are encrypted", Description: "Buckets encrypt their objects.",
				Severity: High, Framework: &Framework{Name: "CIS AWS", Reference: "2.1.1"}, Tags: []string{"aws", "s3", "encryption"},
				Remediation: "Set serverSideEncryptionConfiguration.", Types: []string{"aws:s3/bucket:Bucket"}, Resource: resource},
			{Name: "aws-backup-retention", DisplayName: "Backups are kept", Description: "Databases keep backups for a while.",
				Severity: Medium, Framework: &Framework{Name: "AWS FSBP", Reference: "RDS.11"}, Tags: []string{"aws", "rds", "backup"},
				Remediation: "Set backupRetentionPeriod.", Types: []string{"aws:rds/instance:Instance"},
				Config:   Schema{Properties: map[string]JSONSchema{"days": Integer("Fewest days of backups.", 7, 1)}},
				Settings: func() any { return &cliSettings{} }, Resource: resource},
			{Name: "azure-storage-https", Description: "Storage accounts refuse plain HTTP.", Severity: Critical,
				Framework: &Framework{Name: "CIS Azure", Reference: "3.1"}, Tags: []string{"azure", "storage", "encryption"},
				Remediation: "Set enableHttpsTrafficOnly.", Types: []string{"azure-native:storage:StorageAccount"}, Resource: resource},
			{Name: "stack-tagged", Description: "Stacks carry tags.", Severity: Low, Tags: []string{"tagging"},
				Remediation: "Tag the stack.", Stack: func(*Check, *Stack) {}},
		},
	}
}

// runCLI runs the binary's main logic with arguments, as a person would.
func runCLI(t *testing.T, extra []Command, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(cliPack(), extra, args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestRulesTable(t *testing.T) {
	t.Parallel()
	code, out, errOut := runCLI(t, nil, "rules")
	require.Equal(t, 0, code, errOut)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 5)
	assert.Regexp(t, `^RULE +SEVERITY +DEFAULT +CLOUD +FRAMEWORK$`, lines[0])
	assert.Regexp(t, `^aws-bucket-encrypted +high +mandatory +aws +CIS AWS 2\.1\.1$`, lines[1])
	assert.Regexp(t, `^azure-storage-https +critical +mandatory +azure +CIS Azure 3\.1$`, lines[3])
	assert.Regexp(t, `^stack-tagged +low +advisory +any\s*$`, lines[4])
	column := strings.Index(lines[0], "SEVERITY")
	for _, l := range lines[1:] {
		assert.Equal(t, " ", l[column-1:column], "columns are aligned: %q", l)
		assert.NotEqual(t, " ", l[column:column+1], "columns are aligned: %q", l)
	}
}

func TestRulesJSON(t *testing.T) {
	t.Parallel()
	code, out, errOut := runCLI(t, nil, "rules", "--json")
	require.Equal(t, 0, code, errOut)
	var got []ruleInfo
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	require.Len(t, got, 4)
	backup := got[1]
	assert.Equal(t, "aws-backup-retention", backup.Name)
	assert.Equal(t, Medium, backup.Severity)
	assert.Equal(t, Advisory, backup.EnforcementLevel)
	assert.Equal(t, "resource", backup.Kind)
	assert.Equal(t, []string{"aws"}, backup.Clouds)
	assert.Equal(t, &frameworkInfo{Name: "AWS FSBP", Reference: "RDS.11", Citation: "AWS FSBP RDS.11"}, backup.Framework)
	assert.Equal(t, "https://example.com/rules/aws-backup-retention.md", backup.URL)
	assert.Equal(t, 7.0, backup.Settings["days"]["default"])
	assert.Equal(t, []string{"any"}, got[3].Clouds)
	assert.Equal(t, "stack", got[3].Kind)
	assert.Nil(t, got[3].Framework)
}

func TestRulesFilters(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{name: "cloud", args: []string{"--cloud", "aws"}, want: []string{"aws-bucket-encrypted", "aws-backup-retention"}},
		{name: "cloud by its label", args: []string{"--cloud", "azure"}, want: []string{"azure-storage-https"}},
		{name: "clouds", args: []string{"--cloud", "azure,any"}, want: []string{"azure-storage-https", "stack-tagged"}},
		{name: "severity", args: []string{"--severity", "critical,HIGH"}, want: []string{"aws-bucket-encrypted", "azure-storage-https"}},
		{name: "framework", args: []string{"--framework", "cis"}, want: []string{"aws-bucket-encrypted", "azure-storage-https"}},
		{name: "framework control", args: []string{"--framework", "rds.11"}, want: []string{"aws-backup-retention"}},
		{name: "tag", args: []string{"--tag", "encryption"}, want: []string{"aws-bucket-encrypted", "azure-storage-https"}},
		{name: "all together", args: []string{"--cloud", "aws", "--tag", "encryption", "--severity", "high"},
			want: []string{"aws-bucket-encrypted"}},
		{name: "nothing matches", args: []string{"--cloud", "gcp"}, want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := runCLI(t, nil, append([]string{"rules", "--json"}, tt.args...)...)
			require.Equal(t, 0, code, errOut)
			var got []ruleInfo
			require.NoError(t, json.Unmarshal([]byte(out), &got))
			names := []string{}
			for _, r := range got {
				names = append(names, r.Name)
			}
			assert.Equal(t, tt.want, names)
		})
	}
}

func TestRulesUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{name: "unknown severity", args: []string{"--severity", "huge"}, want: `severity "huge" is not low, medium, high or critical`},
		{name: "unknown flag", args: []string{"--bogus"}, want: "flag provided but not defined: -bogus"},
		{name: "stray argument", args: []string{"aws"}, want: `unexpected argument "aws"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := runCLI(t, nil, append([]string{"rules"}, tt.args...)...)
			assert.Equal(t, 2, code)
			assert.Empty(t, out)
			assert.Contains(t, errOut, tt.want)
		})
	}
}

func TestExplain(t *testing.T) {
	t.Parallel()
	code, out, errOut := runCLI(t, nil, "explain", "aws-backup-retention")
	require.Equal(t, 0, code, errOut)
	for _, want := range []string{
		"aws-backup-retention: Backups are kept\n\nDatabases keep backups for a while.\n",
		"Severity:    medium", "Default:     advisory", "Cloud:       aws", "Framework:   AWS FSBP RDS.11",
		"Applies to:  aws:rds/instance:Instance", "Docs:        https://example.com/rules/aws-backup-retention.md",
		"How to fix:\n  Set backupRetentionPeriod.\n",
		"  days  integer  default 7  Fewest days of backups.\n",
	} {
		assert.Contains(t, out, want)
	}
	_, example, ok := strings.Cut(out, "keep only what you change):\n")
	require.True(t, ok)
	var config map[string]map[string]any
	require.NoError(t, json.Unmarshal([]byte(example), &config))
	assert.Equal(t, map[string]any{"enforcementLevel": "advisory", "days": 7.0}, config["aws-backup-retention"])

	code, out, errOut = runCLI(t, nil, "explain", "stack-tagged")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, out, "Applies to:  the stack as a whole")
	assert.Contains(t, out, "none: only the enforcement level is configurable")
}

func TestExplainUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{name: "unknown rule", args: []string{"bucket"}, want: `no rule is named "bucket"; did you mean aws-bucket-encrypted?`},
		{name: "no rule", args: nil, want: "Usage: demo-pack explain <rule>"},
		{name: "two rules", args: []string{"stack-tagged", "aws-bucket-encrypted"}, want: "Usage: demo-pack explain <rule>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := runCLI(t, nil, append([]string{"explain"}, tt.args...)...)
			assert.Equal(t, 2, code)
			assert.Empty(t, out)
			assert.Contains(t, errOut, tt.want)
		})
	}
}

func TestHelpVersionAndUnknownCommands(t *testing.T) {
	t.Parallel()
	report := Command{Name: "report", Summary: "write a report", Run: func([]string, io.Reader, io.Writer, io.Writer) int { return 0 }}
	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   string
		stderr   string
		noStdout bool
	}{
		{name: "--help", args: []string{"--help"}, stdout: "Usage: demo-pack <command> [arguments]"},
		{name: "-h", args: []string{"-h"}, stdout: "  report   write a report\n"},
		{name: "help", args: []string{"help"}, stdout: "  explain  explain a rule"},
		{name: "rules --help", args: []string{"rules", "--help"}, stdout: "-severity string"},
		{name: "version", args: []string{"version"}, stdout: "1.2.3\n"},
		{name: "--version", args: []string{"--version"}, stdout: "1.2.3\n"},
		{name: "unknown command", args: []string{"list"}, code: 2, stderr: "unknown command \"list\"\n\ndemo-pack 1.2.3",
			noStdout: true},
		{name: "unknown flag", args: []string{"--bogus"}, code: 2, stderr: "Usage: demo-pack <command>", noStdout: true},
		{name: "a tag is no address", args: []string{"cis:2.3.1"}, code: 2, stderr: `unknown command "cis:2.3.1"`, noStdout: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			code, out, errOut := runCLI(t, []Command{report}, tt.args...)
			assert.Equal(t, tt.code, code)
			assert.Contains(t, out, tt.stdout)
			assert.Contains(t, errOut, tt.stderr)
			if tt.noStdout {
				assert.Empty(t, out)
			}
		})
	}
}

func TestExtraCommands(t *testing.T) {
	t.Parallel()
	var gotArgs []string
	var gotInput string
	report := Command{Name: "report", Summary: "write a report",
		Run: func(args []string, stdin io.Reader, stdout, _ io.Writer) int {
			gotArgs = args
			in, _ := io.ReadAll(stdin)
			gotInput = string(in)
			_, _ = io.WriteString(stdout, "reported\n")
			return 3
		}}
	shadow := Command{Name: "version", Summary: "the build's version", Run: func(_ []string, _ io.Reader, stdout, _ io.Writer) int {
		_, _ = io.WriteString(stdout, "1.2.3 (built today)\n")
		return 0
	}}
	var out, errOut bytes.Buffer
	code := run(cliPack(), []Command{report, shadow}, []string{"report", "--format", "sarif"}, strings.NewReader("stack"), &out, &errOut)
	assert.Equal(t, 3, code)
	assert.Equal(t, []string{"--format", "sarif"}, gotArgs)
	assert.Equal(t, "stack", gotInput)
	assert.Equal(t, "reported\n", out.String())

	for _, arg := range []string{"version", "--version"} {
		code, stdout, _ := runCLI(t, []Command{shadow}, arg)
		assert.Equal(t, 0, code)
		assert.Equal(t, "1.2.3 (built today)\n", stdout)
	}
	_, help, _ := runCLI(t, []Command{shadow}, "help")
	assert.Equal(t, 1, strings.Count(help, "  version "), "a command shadowing a built-in is listed once")
}

func TestLaunchedByEngine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want bool
	}{
		{args: nil, want: true},
		{args: []string{"127.0.0.1:43567"}, want: true},
		{args: []string{"localhost:43567"}, want: true},
		{args: []string{"[::1]:43567"}, want: true},
		{args: []string{"--logtostderr", "-v=9", "--tracing", "http://127.0.0.1:9411", "127.0.0.1:43567"}, want: true},
		{args: []string{"list"}},
		{args: []string{"cis:2.3.1"}},
		{args: []string{"127.0.0.1:0"}},
		{args: []string{"127.0.0.1:70000"}},
		{args: []string{"127.0.0.1"}},
		{args: []string{""}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, launchedByEngine(tt.args), "%q", tt.args)
	}
}
