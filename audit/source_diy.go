package audit

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/pulumi/pulumi/pkg/v3/backend"
	"github.com/pulumi/pulumi/pkg/v3/backend/diy"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
)

// diySource is a DIY backend (file://, s3://, gs://, azblob://) read through the Pulumi SDK's own
// backend package, so every layout and storage the CLI reads is read the same way.
type diySource struct {
	url  string
	be   diy.Backend
	keys keys
	refs map[StackID]backend.StackReference
}

func newDIYSource(ctx context.Context, backendURL string, k keys) (*diySource, error) {
	if !diy.IsDIYBackendURL(backendURL) {
		return nil, fmt.Errorf("--backend %q is not a DIY backend URL (file://, s3://, gs://, azblob://)", redactURL(backendURL))
	}
	sink := diag.DefaultSink(io.Discard, io.Discard, diag.FormatOptions{Color: colors.Never})
	be, err := diy.New(ctx, sink, backendURL, nil)
	if err != nil {
		return nil, fmt.Errorf("opening the backend %s: %w", redactURL(backendURL), err)
	}
	return &diySource{url: backendURL, be: be, keys: k}, nil
}

func (s *diySource) Describe() string { return "DIY backend " + redactURL(s.url) }

// List lists the stacks' names only: the backend's ListStacks would read every stack's state
// and fail whole on one that it cannot read.
func (s *diySource) List(ctx context.Context) ([]StackID, error) {
	s.refs = map[StackID]backend.StackReference{}
	var ids []StackID
	var token backend.ContinuationToken
	for {
		refs, next, err := s.be.ListStackNames(ctx, backend.ListStackNamesFilter{}, token)
		if err != nil {
			return nil, fmt.Errorf("listing the stacks of %s: %w", redactURL(s.url), err)
		}
		for _, ref := range refs {
			id := diyStackID(ref)
			s.refs[id] = ref
			ids = append(ids, id)
		}
		if next == nil {
			return ids, nil
		}
		token = next
	}
}

// diyStackID names a DIY stack: its fully qualified name is organization/project/stack, where
// the organization is always "organization"; a legacy (project-less) store has no project.
func diyStackID(ref backend.StackReference) StackID {
	id := StackID{Stack: ref.Name().String()}
	if project, ok := ref.Project(); ok {
		id.Project = project.String()
	}
	if parts := strings.Split(ref.FullyQualifiedName().String(), "/"); len(parts) == 3 {
		id.Org = parts[0]
	}
	return id
}

func (s *diySource) Load(ctx context.Context, id StackID) (*Stack, error) {
	ref, ok := s.refs[id]
	if !ok {
		return nil, fmt.Errorf("not listed by the backend")
	}
	stk, err := s.be.GetStack(ctx, ref)
	if err != nil {
		return nil, err
	}
	if stk == nil {
		return nil, fmt.Errorf("the stack no longer exists")
	}
	untyped, err := s.be.ExportDeployment(ctx, stk)
	if err != nil {
		return nil, err
	}
	st := &Stack{ID: id, Deployment: *untyped, Tags: map[string]string{}}
	for k, v := range stk.Tags() {
		st.Tags[k] = v
	}
	st.Decrypter, st.Encrypted = s.keys.stateDecrypter(untyped.Deployment)
	return st, nil
}

// redactURL drops a URL's user information and query, where credentials may be.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(a URL that does not parse)"
	}
	u.User = nil
	u.RawQuery = ""
	return u.String()
}
