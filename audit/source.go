package audit

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/internal/export"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
)

// StackID names a stack: its organization (empty where the source has none), project and name.
type StackID struct {
	Org     string `json:"organization,omitempty"`
	Project string `json:"project"`
	Stack   string `json:"stack"`
}

// String is org/project/stack, leaving out an empty organization or project.
func (id StackID) String() string {
	s := id.Stack
	if id.Project != "" {
		s = id.Project + "/" + s
	}
	if id.Org != "" {
		s = id.Org + "/" + s
	}
	return s
}

// Stack is one stack a source loaded: its export and what describes it.
type Stack struct {
	ID         StackID
	Deployment apitype.UntypedDeployment
	// Tags are the stack's tags; nil when the source cannot tell them.
	Tags map[string]string
	// Decrypter decrypts the export's secrets; nil when no key is at hand (they are redacted), and
	// Encrypted then says why.
	Decrypter export.Decrypter
	Encrypted string
	// Origin is where the stack was read from when it is a file (a folder of exports).
	Origin string
	// Notes say what the source could not provide, for the report.
	Notes []string
}

// Source lists a fleet's stacks and loads each.
type Source interface {
	// Describe names the source for the report; it holds no credential.
	Describe() string
	// List returns the stacks of the fleet.
	List(ctx context.Context) ([]StackID, error)
	// Load reads one stack's export and tags.
	Load(ctx context.Context, id StackID) (*Stack, error)
}

// StateKeys returns the decrypter of a stack export's secrets from the secrets provider its
// deployment names, or nil and the reason they stay encrypted (redacted in the analysis). The
// reason never holds key material.
type StateKeys func(deployment json.RawMessage) (export.Decrypter, string)

// BackendOpener opens the DIY backend at url (file://, s3://, gs://, azblob://) as a Source whose
// stacks are decrypted with keys. Its errors name the URL only as RedactURL writes it.
type BackendOpener func(ctx context.Context, url string, keys StateKeys) (Source, error)

// backendOpener is what --backend opens; nil in a binary that does not import package audit/diy.
var backendOpener BackendOpener

// RegisterBackendOpener sets what --backend opens. Package audit/diy calls it from its init, so
// a binary audits DIY backends exactly when it imports that package: the backend's storage SDKs
// (AWS, Google Cloud, Azure) stay out of the pack's binary, which every preview starts.
func RegisterBackendOpener(open BackendOpener) { backendOpener = open }

// CloudOpener opens the Pulumi Cloud organization org at the API api, authenticated with token, as
// a Source whose stacks are decrypted with keys. Neither its errors nor Describe hold the token.
type CloudOpener func(api, token, org string, keys StateKeys) Source

// cloudOpener is what --org opens; nil in a binary that does not import package audit/cloud.
var cloudOpener CloudOpener

// RegisterCloudOpener sets what --org opens. Package audit/cloud calls it from its init, so a
// binary audits Pulumi Cloud organizations exactly when it imports that package: the SDK's
// Pulumi Cloud client stays out of the pack's binary.
func RegisterCloudOpener(open CloudOpener) { cloudOpener = open }

// defaultAPI is Pulumi Cloud's API.
const defaultAPI = "https://api.pulumi.com"

// apiURL picks the API to call: the flag, else PULUMI_BACKEND_URL when it is an http(s) URL (a
// self-hosted Pulumi Cloud), else Pulumi Cloud's.
func apiURL(flagValue, backendURL string) string {
	switch {
	case flagValue != "":
		return strings.TrimSuffix(flagValue, "/")
	case strings.HasPrefix(backendURL, "https://") || strings.HasPrefix(backendURL, "http://"):
		return strings.TrimSuffix(backendURL, "/")
	}
	return defaultAPI
}

// RedactURL drops a URL's user information and query, where credentials may be.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(a URL that does not parse)"
	}
	u.User = nil
	u.RawQuery = ""
	return u.String()
}
