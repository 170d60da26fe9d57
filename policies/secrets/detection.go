// Package secrets finds plaintext secrets: names that hold secrets (passwords, tokens, keys),
// values that look like one (private keys, cloud keys, known token formats, connection strings),
// secrets assigned in scripts, and a walker that reports where in a resource's inputs they are.
// Scans of one value are bounded (MaxScanBytes, MaxScanWindows).
//
// The kinds and reasons the functions return never quote the value they judged, so that they
// can go into messages.
package secrets

import (
	"bytes"
	"math"
	"regexp"
	"strings"
	"unicode"
)

// The secret detector recognises secrets by the name they are stored under and by the shape of
// the value. It is shared by the config and the inputs rules, runs on every string of every
// resource, and so is built for speed: names are matched by substring after normalising, and
// each value pattern runs only when a literal it needs is present.

// secretNameParts are the fragments of a normalised name (lower case, letters and digits only)
// that say its value is a secret.
var secretNameParts = []string{
	"password", "passwd", "passphrase", "secret", "token", "apikey", "accesskey", "secretkey", "privatekey",
	"credential", "connectionstring", "connstr", "authkey", "sastoken", "accountkey", "kubeconfig",
	"masterkey", "signingkey", "encryptionkey", "clientcert", "sharedkey", "licensekey",
}

// secretNameExact are whole normalised names that are secrets though too short to search for.
var secretNameExact = map[string]bool{"pwd": true, "pass": true, "psk": true, "auth": true}

// notSecretNameSuffixes end names that refer to a secret, describe one, or switch one on, rather
// than hold one: dbPasswordArn, tokenUrl, secretName, passwordLength, tokenExpiry.
var notSecretNameSuffixes = []string{
	"id", "ids", "arn", "arns", "name", "names", "length", "policy", "url", "uri", "endpoint", "path", "file",
	"type", "types", "version", "enabled", "enable", "expiry", "expiration", "expires", "expiresat", "count",
	"rotation", "ttl", "lifetime", "format", "mode", "required", "reference", "ref", "location", "hash", "sha",
	"keyvault", "vault", "header", "headername", "parameter", "prefix", "source", "sources", "provider",
	"issuer", "audience", "scope", "scopes", "duration", "days", "seconds", "minutes", "hours", "period",
	"strategy", "policies", "requirements", "complexity", "reuse", "age", "validity", "set", "kind", "label",
	"selector", "algorithm", "spec", "template", "store", "manager", "arnlist", "mount", "mountpath",
}

// notSecretNameExact are whole normalised names that contain a secret's word but name a setting:
// httpTokens is EC2's instance metadata mode ("required" for IMDSv2).
var notSecretNameExact = map[string]bool{"httptokens": true}

// notSecretNamePrefixes start names of switches and limits about a secret: manageMasterUserPassword,
// enableTokenAuth, minimumPasswordLength.
var notSecretNamePrefixes = []string{
	"manage", "enable", "disable", "require", "allow", "generate", "rotate", "minimum", "maximum", "skip", "create",
}

// normalizeName lower-cases a name and keeps only its letters and digits.
func normalizeName(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + ('a' - 'A'))
		}
	}
	return b.String()
}

// SensitiveName reports whether a property, config key or variable name says its value is a
// secret: dbPassword, DB_PASSWORD, apiKey, clientSecret, authToken; not passwordLength,
// secretArn, tokenUrl or kmsKeyId.
func SensitiveName(name string) bool {
	n := normalizeName(name)
	if secretNameExact[n] {
		return true
	}
	found := false
	for _, part := range secretNameParts {
		if strings.Contains(n, part) {
			found = true
			break
		}
	}
	if !found || notSecretNameExact[n] {
		return false
	}
	for _, suffix := range notSecretNameSuffixes {
		if strings.HasSuffix(n, suffix) {
			return false
		}
	}
	for _, prefix := range notSecretNamePrefixes {
		if strings.HasPrefix(n, prefix) {
			return false
		}
	}
	return true
}

// referencePrefixes start values that point at a secret kept elsewhere rather than hold one:
// ARNs, Secret Manager and Key Vault references, CloudFormation and ESC interpolations.
var referencePrefixes = []string{
	"arn:", "projects/", "https://", "{{resolve:", "${", "ref+", "secretref:", "@microsoft.keyvault(",
}

// IsReference reports whether a value refers to a secret kept elsewhere rather than holds one:
// an ARN, a Secret Manager path ("projects/..."), a Key Vault reference, an interpolation
// ("${...}", "{{resolve:...}}"), an https URL without credentials in it.
func IsReference(s string) bool {
	t := strings.ToLower(strings.TrimSpace(s))
	for _, p := range referencePrefixes {
		if strings.HasPrefix(t, p) {
			// A URL with credentials in it holds a secret.
			return p != "https://" || !strings.Contains(t, "@")
		}
	}
	return false
}

// secretPattern is a shape of secret value, tried only when one of its literals is present.
type secretPattern struct {
	kind     string
	literals []string
	re       *regexp.Regexp
}

var secretPatterns = []secretPattern{
	{"a private key", []string{"PRIVATE KEY"},
		regexp.MustCompile(`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----`)},
	{"an AWS access key", []string{"AKIA", "ASIA"},
		regexp.MustCompile(`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`)},
	{"a GitHub token", []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"},
		regexp.MustCompile(`\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{22,})\b`)},
	{"a GitLab token", []string{"glpat-"}, regexp.MustCompile(`\bglpat-[A-Za-z0-9_-]{20,}`)},
	{"a Slack token", []string{"xox"}, regexp.MustCompile(`\bxox[abprs]-[A-Za-z0-9-]{10,}`)},
	{"a Slack webhook", []string{"hooks.slack.com"},
		regexp.MustCompile(`hooks\.slack\.com/services/T[A-Za-z0-9]+/B[A-Za-z0-9]+/[A-Za-z0-9]+`)},
	{"a Stripe key", []string{"_live_"}, regexp.MustCompile(`\b[rs]k_live_[A-Za-z0-9]{20,}`)},
	{"a Google API key", []string{"AIza"}, regexp.MustCompile(`\bAIza[0-9A-Za-z_-]{35}`)},
	{"a Pulumi access token", []string{"pul-"}, regexp.MustCompile(`\bpul-[a-f0-9]{40}\b`)},
	{"an npm token", []string{"npm_"}, regexp.MustCompile(`\bnpm_[A-Za-z0-9]{36}\b`)},
	{"an OpenAI or Anthropic key", []string{"sk-"},
		regexp.MustCompile(`\bsk-(?:ant-|proj-|svcacct-|admin-)[A-Za-z0-9_-]{20,}`)},
	{"a SendGrid key", []string{"SG."}, regexp.MustCompile(`\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}`)},
	{"a JSON web token", []string{"eyJ"},
		regexp.MustCompile(`\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}`)},
	{"an Azure account key", []string{"AccountKey=", "SharedAccessKey="},
		regexp.MustCompile(`(?:AccountKey|SharedAccessKey)=[A-Za-z0-9+/]{20,}`)},
	{"a shared access signature", []string{"sig="}, regexp.MustCompile(`[?&]sig=[A-Za-z0-9%+/=]{20,}`)},
	{"a connection string with a password", []string{"://"},
		regexp.MustCompile(`\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@$]+:[^\s@/${}]+@[^\s/]`)},
	{"a connection string with a password", []string{"assword=", "wd="},
		regexp.MustCompile(`(?i)(?:^|;)\s*(?:password|pwd)\s*=\s*[^;\s${}]+`)},
}

// minSecretValue is the shortest value worth testing against the patterns.
const minSecretValue = 8

// Values longer than WindowedScan are not handed whole to the regular expressions, whose cost
// grows with the text (a 50 MB user data script took half a minute): the scan looks for each
// pattern's literals, which is fast, and runs the pattern only on a window of text around each
// one, where any match of it lies. MaxScanWindows bounds the windows of one value, and
// MaxScanBytes the text searched for literals (far more than any cloud accepts as user data or
// a startup script: 16 KB on EC2, 256 KB on Compute Engine); a value with more candidates or
// more text than that (a hostile or generated one) is scanned only in part, and the scan says so.
const (
	WindowedScan   = 64 << 10
	MaxScanWindows = 1000
	MaxScanBytes   = 8 << 20
	windowBefore   = 256
	windowAfter    = 1024
)

// scan is the work budget of scanning one value.
type scan struct {
	windows int
	partial bool
}

// window returns the text around s[i:j] a pattern is run on, or false when the budget is spent.
func (sc *scan) window(s string, i, j int) (string, bool) {
	if sc.windows == MaxScanWindows {
		sc.partial = true
		return "", false
	}
	sc.windows++
	return s[max(0, i-windowBefore):min(len(s), j+windowAfter)], true
}

// ValueKind says what kind of secret a value looks like ("a private key", "an AWS access
// key", "a connection string with a password"), or "". Values shorter than 8 bytes are none.
func ValueKind(s string) string {
	kind, _ := ValueScan(s)
	return kind
}

// ValueScan is ValueKind, and whether the scan covered all of the value: a value longer than
// WindowedScan is searched in windows, at most MaxScanWindows of them in its first MaxScanBytes.
func ValueScan(s string) (kind string, complete bool) {
	if len(s) < minSecretValue {
		return "", true
	}
	if len(s) <= WindowedScan {
		for _, p := range secretPatterns {
			for _, lit := range p.literals {
				if strings.Contains(s, lit) {
					if p.re.MatchString(s) {
						return p.kind, true
					}
					break
				}
			}
		}
		return "", true
	}
	var sc scan
	if len(s) > MaxScanBytes {
		s, sc.partial = s[:MaxScanBytes], true
	}
	for _, p := range secretPatterns {
		for _, lit := range p.literals {
			if matchAround(&sc, s, lit, p.re) {
				return p.kind, true
			}
		}
	}
	return "", !sc.partial
}

// matchAround reports whether re matches in the window around an occurrence of lit in s.
func matchAround(sc *scan, s, lit string, re *regexp.Regexp) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], lit)
		if i < 0 {
			return false
		}
		i += from
		w, ok := sc.window(s, i, i+len(lit))
		if !ok {
			return false
		}
		if re.MatchString(w) {
			return true
		}
		from = i + len(lit)
	}
}

// scriptAssignment finds VAR=value and key: value assignments of secret-named variables in
// scripts (user data, startup scripts), skipping values that refer to something else ($VAR,
// ${...}, command substitution).
var scriptAssignment = regexp.MustCompile(
	`(?i)\b([A-Z0-9_.-]*(?:PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY)[A-Z0-9_]*)` +
		`["']?\s*[:=]\s*["']?([^\s"'$\x60{}]{4,})`)

// scriptKeywords are the lower-case words every match of scriptAssignment holds.
var scriptKeywords = []string{
	"passw", "secret", "token", "apikey", "api_key", "accesskey", "access_key", "privatekey", "private_key",
}

// ScriptKind says whether a script assigns a literal to a secret-named variable ("a literal
// assigned to DB_PASSWORD"), or holds a value of a known secret shape (ValueKind); "" otherwise.
// Assignments of variables ($VAR, ${...}, $(command)) are no secret.
func ScriptKind(script string) string {
	kind, _ := ScriptScan(script)
	return kind
}

// ScriptScan is ScriptKind, and whether the scan covered all of the script.
func ScriptScan(script string) (kind string, complete bool) {
	kind, complete = ValueScan(script)
	if kind != "" {
		return kind, true
	}
	if len(script) <= WindowedScan {
		return scriptAssignmentIn(script), complete
	}
	var sc scan
	if len(script) > MaxScanBytes {
		script, sc.partial = script[:MaxScanBytes], true
	}
	lower := asciiLower(script)
	for _, word := range scriptKeywords {
		for from := 0; ; {
			i := bytes.Index(lower[from:], []byte(word))
			if i < 0 {
				break
			}
			i += from
			w, ok := sc.window(script, i, i+len(word))
			if !ok {
				return "", false
			}
			if kind := scriptAssignmentIn(w); kind != "" {
				return kind, true
			}
			from = i + len(word)
		}
	}
	return "", complete && !sc.partial
}

// scriptAssignmentIn finds the first assignment of a literal to a secret-named variable.
func scriptAssignmentIn(script string) string {
	for _, m := range scriptAssignment.FindAllStringSubmatch(script, -1) {
		if SensitiveName(m[1]) {
			return "a literal assigned to " + m[1]
		}
	}
	return ""
}

// asciiLower lower-cases the ASCII letters of s, keeping every byte where it is.
func asciiLower(s string) []byte {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + ('a' - 'A')
		}
	}
	return b
}

// Thresholds of the high-entropy test: long enough to be a generated credential, random enough
// (bits per character) that it is not a word, an id or a hex digest.
const (
	minEntropyLength = 20
	maxEntropyLength = 512
	minEntropy       = 4.2
)

// HighEntropy reports whether a value looks like a generated credential: long, without spaces,
// mixing at least three character classes, and with high Shannon entropy. Hex digests, UUIDs,
// URLs, ARNs and paths do not qualify.
func HighEntropy(s string) bool {
	if len(s) < minEntropyLength || len(s) > maxEntropyLength || strings.ContainsAny(s, " \t\n/:@") {
		return false
	}
	var upper, lower, digit, other bool
	var counts [256]int
	for i := 0; i < len(s); i++ {
		c := s[i]
		counts[c]++
		switch {
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= 'a' && c <= 'z':
			lower = true
		case c >= '0' && c <= '9':
			digit = true
		case c < unicode.MaxASCII:
			other = true
		}
	}
	classes := 0
	for _, has := range []bool{upper, lower, digit, other} {
		if has {
			classes++
		}
	}
	if classes < 3 || !upper || !lower {
		return false
	}
	entropy := 0.0
	n := float64(len(s))
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			entropy -= p * math.Log2(p)
		}
	}
	return entropy >= minEntropy
}
