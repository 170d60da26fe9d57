// Package export reads `pulumi stack export` files into the resources that `pulumi policy analyze
// --file` hands a policy pack (pulumi/pkg's deploy.AnalyzeSnapshot): Analyze sees each resource's
// inputs, AnalyzeStack every resource's outputs.
package export

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/providers"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Resource is one resource of a stack export.
type Resource struct {
	URN  resource.URN
	Type tokens.Type
	// Name is the name part of the URN.
	Name string
	// Inputs and Outputs leave out the engine's internal keys (those starting with "__"), which
	// the engine strips before it calls an analyzer. Secrets are secret values: decrypted when the
	// export was read with a Decrypter that could, Secret("[secret]") otherwise, as the engine
	// analyzes with secrets redacted when it has no passphrase.
	Inputs  property.Map
	Outputs property.Map
	// Provider is the resource's provider (pulumi:providers:<pkg>) with the provider's inputs; nil
	// when the export does not hold it.
	Provider             *plugin.AnalyzerProviderResource
	Protect              bool
	Parent               resource.URN
	Dependencies         []resource.URN
	PropertyDependencies map[resource.PropertyKey][]resource.URN
}

// Resource is the resource as Analyze receives it: its inputs.
func (r Resource) Resource() plugin.AnalyzerResource {
	return plugin.AnalyzerResource{URN: r.URN, Type: r.Type, Name: r.Name, Properties: r.Inputs,
		Options: plugin.AnalyzerResourceOptions{Protect: r.Protect, Parent: r.Parent}, Provider: r.Provider}
}

// StackResource is the resource as AnalyzeStack receives it: its outputs and dependencies.
func (r Resource) StackResource() plugin.AnalyzerStackResource {
	sr := plugin.AnalyzerStackResource{AnalyzerResource: r.Resource(), Parent: r.Parent,
		Dependencies: r.Dependencies, PropertyDependencies: r.PropertyDependencies}
	sr.Properties = r.Outputs
	return sr
}

// Export is the resources of a stack export, in its order.
type Export []Resource

// Named returns the first resource named name, or the zero Resource.
func (e Export) Named(name string) Resource {
	for _, r := range e {
		if r.Name == name {
			return r
		}
	}
	return Resource{}
}

// Stack is the whole stack as AnalyzeStack receives it.
func (e Export) Stack() []plugin.AnalyzerStackResource {
	out := make([]plugin.AnalyzerStackResource, len(e))
	for i, r := range e {
		out[i] = r.StackResource()
	}
	return out
}

// Decrypter decrypts the ciphertext of a secret in an export (config.Decrypter has this method).
type Decrypter interface {
	DecryptValue(ctx context.Context, ciphertext string) (string, error)
}

// Read reads a `pulumi stack export` file; its encrypted secrets are redacted.
func Read(path string) (Export, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var untyped apitype.UntypedDeployment
	if err := json.Unmarshal(data, &untyped); err != nil {
		return nil, JSONError(err)
	}
	e, _, err := FromDeployment(context.Background(), untyped, nil)
	return e, err
}

// FromDeployment reads a stack export ({"version": 3, "deployment": {"resources": [...]}}) and
// returns its resources as `pulumi policy analyze --file` sends them: resources pending deletion
// left out, provider references joined to their provider resources. Encrypted secrets are
// decrypted with dec when it is not nil; those it cannot decrypt, and all of them without dec,
// are redacted, and their count is returned.
func FromDeployment(ctx context.Context, untyped apitype.UntypedDeployment, dec Decrypter) (Export, int, error) {
	if untyped.Version != 3 {
		return nil, 0, fmt.Errorf("stack export version %d: only version 3 is read", untyped.Version)
	}
	var deployment apitype.DeploymentV3
	if err := json.Unmarshal(untyped.Deployment, &deployment); err != nil {
		return nil, 0, fmt.Errorf("deployment: %w", JSONError(err))
	}
	rd := &reader{ctx: ctx, dec: dec}

	providerInputs := map[resource.URN]property.Map{}
	for _, r := range deployment.Resources {
		if providers.IsProviderType(r.Type) {
			inputs, err := rd.properties(r.Inputs)
			if err != nil {
				return nil, rd.redacted, fmt.Errorf("%s inputs: %w", r.URN, err)
			}
			providerInputs[r.URN] = inputs
		}
	}

	var out Export
	for _, r := range deployment.Resources {
		if r.Delete {
			continue
		}
		if !r.URN.IsValid() {
			return nil, rd.redacted, fmt.Errorf("invalid URN %q", r.URN)
		}
		er := Resource{URN: r.URN, Type: r.Type, Name: r.URN.Name(), Protect: r.Protect, Parent: r.Parent,
			Dependencies: r.Dependencies, PropertyDependencies: r.PropertyDependencies}
		var err error
		if er.Inputs, err = rd.properties(r.Inputs); err != nil {
			return nil, rd.redacted, fmt.Errorf("%s inputs: %w", r.URN, err)
		}
		if er.Outputs, err = rd.properties(r.Outputs); err != nil {
			return nil, rd.redacted, fmt.Errorf("%s outputs: %w", r.URN, err)
		}
		// A provider reference is the provider's URN, "::", and its id.
		if r.Provider != "" {
			ref, err := providers.ParseReference(r.Provider)
			if err != nil {
				return nil, rd.redacted, fmt.Errorf("%s: %w", r.URN, err)
			}
			if inputs, ok := providerInputs[ref.URN()]; ok {
				er.Provider = &plugin.AnalyzerProviderResource{URN: ref.URN(), Type: ref.URN().Type(),
					Name: ref.URN().Name(), Properties: inputs}
			}
		}
		out = append(out, er)
	}
	return out, rd.redacted, nil
}
