package pack

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
)

func TestRedact(t *testing.T) {
	long := strings.Repeat("a", 100)
	for name, tc := range map[string]struct {
		in   property.Value
		want string
	}{
		"secret string":           {property.New("hunter2").WithSecret(true), Redacted},
		"object holding a secret": {property.New(property.NewMap(map[string]property.Value{"p": property.New("x").WithSecret(true)})), Redacted},
		"unknown":                 {property.New(property.Computed), "[unknown]"},
		"secret unknown":          {property.New(property.Computed).WithSecret(true), Redacted},
		"string":                  {property.New("public-read"), `"public-read"`},
		"long string is cut":      {property.New(long), `"` + long[:maxQuoted] + `…"`},
		"bool":                    {property.New(false), "false"},
		"number":                  {property.New(22.0), "22"},
		"null":                    {property.Value{}, "null"},
		"list":                    {property.New([]property.Value{property.New("a")}), "a list of 1"},
		"object":                  {property.New(property.NewMap(map[string]property.Value{"a": property.New("b")})), "an object with 1 keys"},
	} {
		assert.Equal(t, tc.want, Redact(tc.in), name)
	}
}

func TestScrubberRemovesSecretsFromMessages(t *testing.T) {
	var s scrubber
	s.addResource(&Resource{
		Properties: property.NewMap(map[string]property.Value{
			"password": property.New("s3cr3t-pass").WithSecret(true),
			"nested": property.New(property.NewMap(map[string]property.Value{
				"token": property.New("tok-abc-123"),
			})).WithSecret(true),
			"short":  property.New("ab").WithSecret(true),
			"public": property.New("visible-value"),
		}),
		Provider: &Provider{Properties: property.NewMap(map[string]property.Value{
			"secretKey": property.New("provider-key-xyz").WithSecret(true),
		})},
	})
	s.addDeployment(NewDeployment("o", "p", "s", true, nil,
		map[string]string{"app:db": "config-secret-999", "app:plain": "plain-config"}, []string{"app:db"}))

	msg := s.scrub("s3cr3t-pass tok-abc-123 provider-key-xyz config-secret-999 visible-value plain-config ab", "")
	assert.Equal(t, "[secret] [secret] [secret] [secret] visible-value plain-config ab", msg)
}

func TestScrubberRemovesTheLongerOfOverlappingSecrets(t *testing.T) {
	var s scrubber
	s.add("abcd")
	s.add("abcdefgh")
	assert.Equal(t, "key [secret]", s.scrub("key abcdefgh", ""))
}

func TestScrubberRemovesOverlappingAndAdjacentSecretsWhole(t *testing.T) {
	var s scrubber
	s.add("zabc")
	s.add("abcdef")
	s.add("ghij")
	for msg, want := range map[string]string{
		"x zabcdef y":     "x [secret] y",
		"x abcdefghij y":  "x [secret] y",
		"zabc, abcdef":    "[secret], [secret]",
		"abcdeabcdef":     "abcde[secret]",
		"nothing secret":  "nothing secret",
		"ghi":             "ghi",
		"abcdefabcdef-ok": "[secret]-ok",
	} {
		assert.Equal(t, want, s.scrub(msg, ""), msg)
	}
}
