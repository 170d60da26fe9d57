package gcp

import (
	"strconv"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

type kmsRotationSettings struct {
	MaximumDays int `json:"maximumDays"`
}

var gcpKMSKeyRotation = pack.Policy{
	Name:        "gcp-kms-key-rotation",
	DisplayName: "Cloud KMS keys rotate automatically",
	Description: "Symmetric Cloud KMS encryption keys rotate automatically, at most every 90 days by default.",
	Severity:    pack.Medium,
	Framework:   frameworks.CISGCP("1.10"),
	Tags:        []string{"gcp", "kms", "encryption"},
	Remediation: "Set rotationPeriod, in seconds, to the maximum or less: \"7776000s\" for 90 days.",
	Types:       []string{"gcp:kms/cryptoKey:CryptoKey"},
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"maximumDays": pack.Integer("Longest rotation period allowed, in days. Default: 90.", 90, 1),
	}},
	Settings: func() any { return &kmsRotationSettings{} },
	Resource: checkGCPKMSKeyRotation,
}

func init() { register(gcpKMSKeyRotation) }

func checkGCPKMSKeyRotation(c *pack.Check, r *pack.Resource) {
	if purpose := r.Get("purpose"); !strings.EqualFold(purpose.Text("ENCRYPT_DECRYPT"), "ENCRYPT_DECRYPT") {
		c.Skip("only symmetric encryption keys (purpose ENCRYPT_DECRYPT) rotate automatically; this key's purpose is " +
			purpose.String())
		return
	}
	if r.Get("importOnly").Bool(false) {
		c.Skip("keys with imported versions only cannot rotate automatically")
		return
	}
	switch level := strings.ToUpper(r.Get("versionTemplate", "protectionLevel").Text("SOFTWARE")); level {
	case "EXTERNAL", "EXTERNAL_VPC":
		c.Skip("external (Cloud EKM) keys are rotated in the external key manager")
		return
	}
	maxDays := pack.SettingsOf[kmsRotationSettings](c).MaximumDays
	period := r.Get("rotationPeriod")
	if !period.Exists() {
		c.Violatef("crypto key %s never rotates: set rotationPeriod to %q or less", r.Name, rotationSeconds(maxDays))
		return
	}
	seconds, ok := parseKMSDuration(period.Text(""))
	if !ok {
		c.Skip("rotationPeriod " + period.String() + " is not a duration in seconds such as \"7776000s\"")
		return
	}
	if seconds > float64(maxDays)*86400 {
		c.Violatef("crypto key %s rotates every %v, longer than %s: set rotationPeriod to %q or less",
			r.Name, period, pack.Count(maxDays, "day"), rotationSeconds(maxDays))
	}
}

// parseKMSDuration reads a Cloud KMS duration: seconds with up to 9 fractional digits and an "s".
func parseKMSDuration(s string) (float64, bool) {
	num, ok := strings.CutSuffix(strings.TrimSpace(s), "s")
	if !ok {
		return 0, false
	}
	seconds, err := strconv.ParseFloat(num, 64)
	return seconds, err == nil && seconds >= 0
}

// rotationSeconds renders a number of days as a Cloud KMS duration.
func rotationSeconds(days int) string { return strconv.Itoa(days*86400) + "s" }
