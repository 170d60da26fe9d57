// Package diy lets `audit --backend URL` read a DIY backend (file://, s3://, gs://, azblob://).
// Importing it registers its opener with package audit (see audit.RegisterBackendOpener); the
// pulumi-securely-audit binary imports it, the pack's binary does not, as the backend's storage
// SDKs (AWS, Google Cloud, Azure) would add some 60 MB to a binary every preview launches.
package diy

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/audit"
	"github.com/pulumi/pulumi/pkg/v3/backend"
	diybackend "github.com/pulumi/pulumi/pkg/v3/backend/diy"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
)

func init() { audit.RegisterBackendOpener(Open) }

// diySource is a DIY backend (file://, s3://, gs://, azblob://) read through the Pulumi SDK's own
// backend package, so every layout and storage the CLI reads is read the same way.
type diySource struct {
	url  string
	be   diybackend.Backend
	keys audit.StateKeys
	refs map[audit.StackID]backend.StackReference
}

// Open opens the DIY backend at backendURL as an audit source whose stacks' secrets keys decrypts.
func Open(ctx context.Context, backendURL string, keys audit.StateKeys) (audit.Source, error) {
	if !diybackend.IsDIYBackendURL(backendURL) {
		return nil, fmt.Errorf("--backend %q is not a DIY backend URL (file://, s3://, gs://, azblob://)", audit.RedactURL(backendURL))
	}
	sink := diag.DefaultSink(io.Discard, io.Discard, diag.FormatOptions{Color: colors.Never})
	be, err := diybackend.New(ctx, sink, backendURL, nil)
	if err != nil {
		return nil, fmt.Errorf("opening the backend %s: %w", audit.RedactURL(backendURL), err)
	}
	return &diySource{url: backendURL, be: be, keys: keys}, nil
}

func (s *diySource) Describe() string { return "DIY backend " + audit.RedactURL(s.url) }

// List lists the stacks' names only: the backend's ListStacks would read every stack's state
// and fail whole on one that it cannot read.
func (s *diySource) List(ctx context.Context) ([]audit.StackID, error) {
	s.refs = map[audit.StackID]backend.StackReference{}
	var ids []audit.StackID
	var token backend.ContinuationToken
	for {
		refs, next, err := s.be.ListStackNames(ctx, backend.ListStackNamesFilter{}, token)
		if err != nil {
			return nil, fmt.Errorf("listing the stacks of %s: %w", audit.RedactURL(s.url), err)
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
func diyStackID(ref backend.StackReference) audit.StackID {
	id := audit.StackID{Stack: ref.Name().String()}
	if project, ok := ref.Project(); ok {
		id.Project = project.String()
	}
	if parts := strings.Split(ref.FullyQualifiedName().String(), "/"); len(parts) == 3 {
		id.Org = parts[0]
	}
	return id
}

func (s *diySource) Load(ctx context.Context, id audit.StackID) (*audit.Stack, error) {
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
	st := &audit.Stack{ID: id, Deployment: *untyped, Tags: map[string]string{}}
	for k, v := range stk.Tags() {
		st.Tags[k] = v
	}
	st.Decrypter, st.Encrypted = s.keys(untyped.Deployment)
	return st, nil
}
