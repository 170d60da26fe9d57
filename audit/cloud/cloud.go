// Package cloud lets `audit --org ORG` read a Pulumi Cloud organization. Importing it registers
// its opener with package audit (see audit.RegisterCloudOpener); the pulumi-securely-audit binary
// imports it, the pack's binary does not, as the SDK's Pulumi Cloud client adds some 11 MB to a
// binary every preview launches.
package cloud

import (
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/pulumi-securely/pulumi-securely/audit"
	"github.com/pulumi/pulumi/pkg/v3/backend/httpstate/client"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
)

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
	keys     audit.StateKeys
}

func init() { audit.RegisterCloudOpener(Open) }

// Open opens the Pulumi Cloud organization org at the API api, authenticated with token, as an
// audit source whose stacks' secrets keys decrypts.
func Open(api, token, org string, keys audit.StateKeys) audit.Source {
	sink := diag.DefaultSink(io.Discard, io.Discard, diag.FormatOptions{Color: colors.Never})
	c := client.NewClient(api, token, false, sink).WithHTTPClient(&http.Client{})
	return &cloudSource{api: api, org: org, client: c, keys: keys}
}

func (s *cloudSource) Describe() string {
	return fmt.Sprintf("Pulumi Cloud organization %s (%s)", s.org, audit.RedactURL(s.api))
}

func (s *cloudSource) List(ctx context.Context) ([]audit.StackID, error) {
	org := s.org
	var ids []audit.StackID
	var token *string
	for page := 0; ; page++ {
		stacks, next, err := s.client.ListStacks(ctx, client.ListStacksFilter{Organization: &org}, token)
		if err != nil {
			return nil, fmt.Errorf("listing the stacks of %s: %w", s.org, err)
		}
		for _, st := range stacks {
			ids = append(ids, audit.StackID{Org: st.OrgName, Project: st.ProjectName, Stack: st.StackName})
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

func (s *cloudSource) Load(ctx context.Context, id audit.StackID) (*audit.Stack, error) {
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
	st := &audit.Stack{ID: id, Deployment: untyped, Tags: map[string]string{}}
	for k, v := range info.Tags {
		st.Tags[k] = v
	}
	st.Decrypter, st.Encrypted = s.keys(untyped.Deployment)
	return st, nil
}
