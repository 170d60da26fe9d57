package decisionlog

import (
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strconv"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// The environment variables that configure the decision log.
const (
	// EnvLog turns the log on: file:///path/decisions.jsonl (with optional ?maxBytes=&keep=),
	// or an http:// or https:// endpoint.
	EnvLog = "PULUMI_SECURELY_DECISION_LOG"
	// EnvFormat is the HTTP shape: "webhook" (the default) or "splunk-hec".
	EnvFormat = "PULUMI_SECURELY_DECISION_LOG_FORMAT"
	// EnvToken is the HTTP endpoint's token: sent as "Splunk <token>" to Splunk HEC, as
	// "Bearer <token>" to a webhook.
	EnvToken = "PULUMI_SECURELY_DECISION_LOG_TOKEN"
)

// defaultMaxBytes is the size at which the file sink rotates its file unless maxBytes says.
const defaultMaxBytes = 64 << 20

// FromEnv returns the decision log the environment asks for, or nil when EnvLog is unset. The
// pack's name and version go in every record; the sinks report their failures on stderr. An
// invalid setting is an error that names the variable, never the token or the URL's secrets.
func FromEnv(packName, version string, lookup func(string) (string, bool), stderr io.Writer) (pack.DecisionLog, error) {
	raw, ok := lookup(EnvLog)
	if !ok || raw == "" {
		return nil, nil
	}
	s, err := newSink(raw, lookup, stderr)
	if err != nil {
		return nil, err
	}
	return newLog(packName, version, detectOrigin(lookup), s), nil
}

func newSink(raw string, lookup func(string) (string, bool), stderr io.Writer) (sink, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%s is not a URL (file:///path/to/log.jsonl or https://endpoint)", EnvLog)
	}
	switch u.Scheme {
	case "file":
		return newFileSinkFromURL(u, stderr)
	case "http", "https":
		format, _ := lookup(EnvFormat)
		if format != "" && format != Webhook && format != SplunkHEC {
			return nil, fmt.Errorf("%s is %q: want %q or %q", EnvFormat, format, Webhook, SplunkHEC)
		}
		if u.Host == "" {
			return nil, fmt.Errorf("%s has no host", EnvLog)
		}
		token, _ := lookup(EnvToken)
		return newHTTPSink(raw, httpOptions{format: format, token: token}, stderr), nil
	default:
		return nil, fmt.Errorf("%s has scheme %q: want file, http or https", EnvLog, u.Scheme)
	}
}

func newFileSinkFromURL(u *url.URL, stderr io.Writer) (sink, error) {
	p := u.Path
	if len(p) > 2 && p[0] == '/' && p[2] == ':' && filepath.Separator == '\\' {
		p = p[1:] // file:///C:/logs/decisions.jsonl on Windows
	}
	path := filepath.FromSlash(p)
	if u.Host != "" && u.Host != "localhost" || !filepath.IsAbs(path) {
		return nil, fmt.Errorf("%s must name an absolute path: file:///path/to/log.jsonl", EnvLog)
	}
	q := u.Query()
	maxBytes, keep := int64(defaultMaxBytes), 0
	if v := q.Get("maxBytes"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("%s: maxBytes=%q is not a size in bytes (0 turns rotation off)", EnvLog, v)
		}
		maxBytes = n
	}
	if v := q.Get("keep"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("%s: keep=%q is not a number of files (0 keeps every rotated file)", EnvLog, v)
		}
		keep = n
	}
	return newFileSink(path, maxBytes, keep, stderr), nil
}
