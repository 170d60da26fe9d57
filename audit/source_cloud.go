package audit

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/pulumi/pulumi/pkg/v3/backend/httpstate/client"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
)

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

// cloudSource is a Pulumi Cloud organization, read through its REST API with the SDK's own
// client (pkg/v3/backend/httpstate/client), which the CLI uses:
//
//   - GET /api/user/stacks?organization=ORG[&continuationToken=T] lists the stacks
//     (apitype.ListStacksResponse: stacks[].orgName/projectName/stackName, continuationToken);
//   - GET /api/stacks/ORG/PROJECT/STACK returns the stack with its tags (apitype.Stack);
//   - GET /api/stacks/ORG/PROJECT/STACK/export returns its state (apitype.UntypedDeployment),
//     secrets encrypted by the stack's secrets provider.
//
// The token goes in "Authorization: token <PULUMI_ACCESS_TOKEN>".
type cloudSource struct {
	api, org string
	client   *client.Client
	keys     keys
}

func newCloudSource(api, token, org string, k keys) *cloudSource {
	sink := diag.DefaultSink(io.Discard, io.Discard, diag.FormatOptions{Color: colors.Never})
	c := client.NewClient(api, token, false, sink).WithHTTPClient(&http.Client{})
	return &cloudSource{api: api, org: org, client: c, keys: k}
}

func (s *cloudSource) Describe() string {
	return fmt.Sprintf("Pulumi Cloud organization %s (%s)", s.org, RedactURL(s.api))
}

func (s *cloudSource) List(ctx context.Context) ([]StackID, error) {
	org := s.org
	var ids []StackID
	var token *string
	for page := 0; ; page++ {
		stacks, next, err := s.client.ListStacks(ctx, client.ListStacksFilter{Organization: &org}, token)
		if err != nil {
			return nil, fmt.Errorf("listing the stacks of %s: %w", s.org, err)
		}
		for _, st := range stacks {
			ids = append(ids, StackID{Org: st.OrgName, Project: st.ProjectName, Stack: st.StackName})
		}
		if next == nil || *next == "" {
			return ids, nil
		}
		if page >= maxPages {
			return nil, fmt.Errorf("listing the stacks of %s: more than %d pages", s.org, maxPages)
		}
		token = next
	}
}

// maxPages bounds the listing, against a server that always answers with a continuation token.
const maxPages = 10000

func (s *cloudSource) Load(ctx context.Context, id StackID) (*Stack, error) {
	name, err := tokens.ParseStackName(id.Stack)
	if err != nil {
		return nil, err
	}
	sid := client.StackIdentifier{Owner: id.Org, Project: id.Project, Stack: name}
	info, err := s.client.GetStack(ctx, sid)
	if err != nil {
		return nil, fmt.Errorf("reading the stack's tags: %w", err)
	}
	untyped, err := s.client.ExportStackDeployment(ctx, sid, nil)
	if err != nil {
		return nil, fmt.Errorf("exporting the stack: %w", err)
	}
	st := &Stack{ID: id, Deployment: untyped, Tags: map[string]string{}}
	for k, v := range info.Tags {
		st.Tags[k] = v
	}
	st.Decrypter, st.Encrypted = s.keys.stateDecrypter(untyped.Deployment)
	return st, nil
}
