package pack_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// analyzeWith runs one resource policy over one resource and returns the response.
func analyzeWith(t *testing.T, check func(*pack.Check, *pack.Resource), r plugin.AnalyzerResource) plugin.AnalyzeResponse {
	t.Helper()
	a := newAnalyzer(t, pack.Pack{Name: "p", Version: "1.0.0", Policies: []pack.Policy{{
		Name: "rule", DisplayName: "The rule", Description: "d", Severity: pack.High, Resource: check,
	}}})
	resp, err := a.Analyze(t.Context(), r)
	require.NoError(t, err)
	return resp
}

func messages(resp plugin.AnalyzeResponse) []string {
	var out []string
	for _, d := range resp.Diagnostics {
		out = append(out, d.Message)
	}
	return out
}

// TestWhatACheckReportsAfterReadingASecretIsWithheld shows the first line of the pack's secret
// handling: whatever a check reads from a secret, and however it formats it, its message does not
// carry it, nor any fact it derived from it.
func TestWhatACheckReportsAfterReadingASecretIsWithheld(t *testing.T) {
	const withheld = `r fails "The rule"; the details are withheld because the check read secret values`
	for name, tc := range map[string]struct {
		props packtest.Props
		check func(*pack.Check, *pack.Resource)
		want  string
	}{
		"a secret number, formatted": {
			packtest.Props{"maxPasswordAge": packtest.Secret(31337.0)},
			func(c *pack.Check, r *pack.Resource) {
				c.Violatef("passwords live %d days", r.Get("maxPasswordAge").Int(0))
			},
			withheld + " (maxPasswordAge)",
		},
		"a fact derived from a secret string": {
			packtest.Props{"engine": packtest.Secret("mariadb")},
			func(c *pack.Check, r *pack.Resource) {
				advice := "turn on IAM authentication"
				if r.Get("engine").Text("") == "mariadb" {
					advice = "upgrade to 10.6 first"
				}
				c.Violatef("%s", advice)
			},
			withheld + " (engine)",
		},
		"a key inside a secret object": {
			packtest.Props{"tags": packtest.Secret(map[string]any{"CNRY-KEY": "x"})},
			func(c *pack.Check, r *pack.Resource) {
				for k := range r.Get("tags").Entries() {
					c.Violatef("tag %s", k)
				}
			},
			withheld + " (tags)",
		},
		"a secret boolean": {
			packtest.Props{"public": packtest.Secret(true)},
			func(c *pack.Check, r *pack.Resource) {
				c.Violatef("public is %t", r.Get("public").Bool(false))
			},
			withheld + " (public)",
		},
		"the length of a secret list": {
			packtest.Props{"ingress": packtest.Secret([]any{"a", "b", "c"})},
			func(c *pack.Check, r *pack.Resource) {
				c.Violatef("%d rules", len(r.Get("ingress").Items()))
			},
			withheld + " (ingress)",
		},
		"whether a key exists inside a secret": {
			packtest.Props{"policy": packtest.Secret(`{"Statement":[]}`)},
			func(c *pack.Check, r *pack.Resource) {
				if !r.Get("policy").JSON().Get("Condition").Exists() {
					c.Violatef("no condition")
				}
			},
			withheld + " (policy)",
		},
		"a plain value is reported as written": {
			packtest.Props{"maxPasswordAge": 31337.0, "password": packtest.Secret("hunter22")},
			func(c *pack.Check, r *pack.Resource) {
				if r.Get("password").Secret() {
					c.Violatef("passwords live %d days", r.Get("maxPasswordAge").Int(0))
				}
			},
			"passwords live 31337 days",
		},
	} {
		t.Run(name, func(t *testing.T) {
			resp := analyzeWith(t, tc.check, packtest.Resource("x:y:Z", "r", tc.props))
			require.Len(t, resp.Diagnostics, 1)
			msg := resp.Diagnostics[0].Message
			assert.True(t, strings.HasPrefix(msg, tc.want), "got %q, want it to start with %q", msg, tc.want)
		})
	}
}

// TestReasonsUnderASecretNameOnlyTheSecret shows that a check stopped by a secret value of the
// wrong shape says which secret, never what is inside it (keys, kind, length).
func TestReasonsUnderASecretNameOnlyTheSecret(t *testing.T) {
	check := func(c *pack.Check, r *pack.Resource) {
		for _, s := range r.Get("policy").JSON().Get("Statement").Items() {
			for k := range s.Get("Condition").Entries() {
				_ = s.Get("Condition", k, "aws:SecureTransport").Text("")
			}
		}
	}
	doc := `{"Statement":[{"Condition":{"CNRY-SECRET-KEY":7}}]}`
	resp := analyzeWith(t, check, packtest.Resource("x:y:Z", "r", packtest.Props{"policy": packtest.Secret(doc)}))
	require.Len(t, resp.NotApplicable, 1)
	assert.Equal(t, "policy is a secret value of a shape this policy cannot read", resp.NotApplicable[0].Reason)

	resp = analyzeWith(t, check, packtest.Resource("x:y:Z", "r", packtest.Props{"policy": doc}))
	require.Len(t, resp.NotApplicable, 1)
	assert.Equal(t, "policy.Statement[0].Condition.CNRY-SECRET-KEY is a number, not an object",
		resp.NotApplicable[0].Reason, "plain documents are described as before")
}

// TestScrubberCatchesWhatAChecksFormatsFromPlainCopiesOfSecrets shows the second line: a secret
// that reaches a message without being read through a Value (the same text in a plain input,
// a secret config value reused as a tag) is removed in every form a message shows it.
func TestScrubberCatchesWhatAChecksFormatsFromPlainCopiesOfSecrets(t *testing.T) {
	long := "CNRY-" + strings.Repeat("0123456789", 7) + "-END" // 79 bytes: quoted values are cut at 64
	quoted := `CNRYENV"x\y`
	for name, tc := range map[string]struct {
		secret, plain any
		format        string
		leaked        string
	}{
		"a long secret cut by Redact":  {long, long, "%v", long[:40]},
		"an escaped secret":            {quoted, quoted, "%v", `CNRYENV\"x`},
		"a secret number":              {31337.0, 31337.0, "%v", "31337"},
		"a secret number, grouped":     {31337.0, "31,337", "%s", "31,337"},
		"a long secret, lower-cased":   {strings.ToUpper(long), long, "%v", long[:40]},
		"a long secret within a plain": {long, "prefix-" + long + "-suffix", "%v", long[16:50]},
	} {
		t.Run(name, func(t *testing.T) {
			check := func(c *pack.Check, r *pack.Resource) {
				v := r.Get("plain").Raw()
				if v.IsString() {
					c.Violatef(tc.format, v.AsString())
					return
				}
				c.Violatef(tc.format, v.AsNumber())
			}
			resp := analyzeWith(t, check, packtest.Resource("x:y:Z", "r",
				packtest.Props{"secret": packtest.Secret(tc.secret), "plain": tc.plain}))
			require.Len(t, resp.Diagnostics, 1)
			assert.NotContains(t, resp.Diagnostics[0].Message, tc.leaked)
			assert.Contains(t, resp.Diagnostics[0].Message, pack.Redacted)
		})
	}
}

// TestScrubberLeavesOtherNumbersAndTheResourceNameAlone keeps the second line from blanking
// what is not secret: digits next to a secret number's digits, and the resource's own name inside
// a long secret (a connection string that names its database).
func TestScrubberLeavesOtherNumbersAndTheResourceNameAlone(t *testing.T) {
	name := "orders-database-primary"
	check := func(c *pack.Check, r *pack.Resource) { c.Violatef("%s listens on 131337 and 313370", r.Name) }
	resp := analyzeWith(t, check, packtest.Resource("x:y:Z", name, packtest.Props{
		"port": packtest.Secret(31337.0),
		"url":  packtest.Secret("postgres://app:pw@" + name + ".internal/app"),
	}))
	require.Len(t, resp.Diagnostics, 1)
	assert.Equal(t, name+" listens on 131337 and 313370", resp.Diagnostics[0].Message)
}

// TestFindingsPerResourceAreCapped keeps one resource from flooding the engine.
func TestFindingsPerResourceAreCapped(t *testing.T) {
	check := func(c *pack.Check, r *pack.Resource) {
		for i := range 100_000 {
			c.Violatef("container %d is privileged", i)
		}
	}
	resp := analyzeWith(t, check, packtest.Resource("x:y:Z", "r", nil))
	require.Len(t, resp.Diagnostics, 21)
	assert.Equal(t, "container 19 is privileged", resp.Diagnostics[19].Message)
	assert.Equal(t, "r has 99980 more findings of this policy, not shown (at most 20 are listed per resource)",
		resp.Diagnostics[20].Message)
	assert.Equal(t, pack.High, resp.Diagnostics[20].Severity)

	long := func(c *pack.Check, r *pack.Resource) { c.Violatef("%s", strings.Repeat("x", 1<<20)) }
	resp = analyzeWith(t, long, packtest.Resource("x:y:Z", "r", nil))
	require.Len(t, resp.Diagnostics, 1)
	assert.Less(t, len(resp.Diagnostics[0].Message), 5000, "messages are bounded")
}

// TestStackChecksWithholdPerResource shows that ForEach scopes the withholding: a secret read
// while judging one resource withholds that resource's findings, not the others', and whatever
// the check reports after the loop.
func TestStackChecksWithholdPerResource(t *testing.T) {
	a := newAnalyzer(t, pack.Pack{Name: "p", Version: "1.0.0", Policies: []pack.Policy{{
		Name: "stack-rule", DisplayName: "The stack rule", Description: "d", Severity: pack.High,
		Stack: func(c *pack.Check, s *pack.Stack) {
			var sizes []string
			c.ForEach(s.Resources, func(r *pack.Resource) {
				size := r.Get("size").Text("")
				sizes = append(sizes, size)
				c.Report(pack.Violation{URN: r.URN, Message: r.Name + " has size " + size})
			})
			c.Violatef("sizes: %s", strings.Join(sizes, ", "))
		},
	}}})
	resp, err := a.AnalyzeStack(t.Context(), packtest.Stack(
		packtest.Resource("x:y:Z", "open", packtest.Props{"size": "7"}),
		packtest.Resource("x:y:Z", "hidden", packtest.Props{"size": packtest.Secret("CNRY")}),
		packtest.Resource("x:y:Z", "after", packtest.Props{"size": "9"}),
	))
	require.NoError(t, err)
	got := messages(resp)
	require.Len(t, got, 4)
	assert.Equal(t, "open has size 7", got[0])
	assert.True(t, strings.HasPrefix(got[1], `hidden fails "The stack rule"; the details are withheld`), got[1])
	assert.Equal(t, "after has size 9", got[2], "the next resource starts afresh")
	assert.True(t, strings.HasPrefix(got[3], `the stack fails "The stack rule"; the details are withheld`), got[3])
	for _, m := range got {
		assert.NotContains(t, m, "CNRY")
	}
}

// TestFailuresAfterReadingASecretDoNotQuoteThePanic keeps a rule's crash from carrying a secret
// it had read into the failure diagnostic.
func TestFailuresAfterReadingASecretDoNotQuoteThePanic(t *testing.T) {
	check := func(c *pack.Check, r *pack.Resource) {
		panic(fmt.Sprintf("bad value %d", r.Get("n").Int(0)))
	}
	resp := analyzeWith(t, check, packtest.Resource("x:y:Z", "r", packtest.Props{"n": packtest.Secret(7.0)}))
	require.Len(t, resp.Diagnostics, 1)
	assert.NotContains(t, resp.Diagnostics[0].Message, "bad value")
	assert.Contains(t, resp.Diagnostics[0].Message, "withheld")
}

// TestPeekNeverStopsAndRecordsSecretReads shows Resource.Peek, the probe joins use: it never
// stops the check, and what it reads from a secret withholds the finding like Get.
func TestPeekNeverStopsAndRecordsSecretReads(t *testing.T) {
	r := packtest.Resource("x:y:Z", "r", packtest.Props{
		"name":   packtest.Secret("CNRY-bucket-name"),
		"spec":   "a string, not an object",
		"status": packtest.Unknown,
	})
	resp := analyzeWith(t, func(c *pack.Check, r *pack.Resource) {
		assert.False(t, r.Peek("spec", "size").Exists())
		assert.True(t, r.Peek("status", "ready").Unknown())
		c.Violatef("joined by %s", r.Peek("name").Text(""))
	}, r)
	require.Len(t, resp.Diagnostics, 1)
	assert.True(t, strings.HasPrefix(resp.Diagnostics[0].Message, `r fails "The rule"; the details are withheld`),
		resp.Diagnostics[0].Message)
}
