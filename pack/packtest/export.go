package packtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/providers"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/sig"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/require"
)

// ExportedResource is one resource of a `pulumi stack export` file, as `pulumi policy analyze
// --file` hands it to a policy pack (pulumi/pkg's deploy.AnalyzeSnapshot): Analyze sees its
// inputs, AnalyzeStack its outputs.
type ExportedResource struct {
	URN  resource.URN
	Type tokens.Type
	// Name is the name part of the URN.
	Name string
	// Inputs and Outputs leave out the engine's internal keys (those starting with "__"), which
	// the engine strips before it calls an analyzer. Encrypted secrets are Secret("[secret]"):
	// their passphrase is nobody's, and the engine then analyzes with secrets redacted.
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
func (r ExportedResource) Resource() plugin.AnalyzerResource {
	return plugin.AnalyzerResource{URN: r.URN, Type: r.Type, Name: r.Name, Properties: r.Inputs,
		Options: plugin.AnalyzerResourceOptions{Protect: r.Protect, Parent: r.Parent}, Provider: r.Provider}
}

// StackResource is the resource as AnalyzeStack receives it: its outputs and dependencies.
func (r ExportedResource) StackResource() plugin.AnalyzerStackResource {
	sr := plugin.AnalyzerStackResource{AnalyzerResource: r.Resource(), Parent: r.Parent,
		Dependencies: r.Dependencies, PropertyDependencies: r.PropertyDependencies}
	sr.Properties = r.Outputs
	return sr
}

// Export is the resources of a stack export, in its order.
type Export []ExportedResource

// Named returns the first resource named name, or the zero ExportedResource.
func (e Export) Named(name string) ExportedResource {
	for _, r := range e {
		if r.Name == name {
			return r
		}
	}
	return ExportedResource{}
}

// Stack is the whole stack as AnalyzeStack receives it.
func (e Export) Stack() []plugin.AnalyzerStackResource {
	out := make([]plugin.AnalyzerStackResource, len(e))
	for i, r := range e {
		out[i] = r.StackResource()
	}
	return out
}

// RealWorld returns the path of file in the stack exports written outside this project, kept in
// shared/realworld beside the module's root (../shared/realworld from the repository), and skips
// the test when the folder or the file is absent. The module's root is found from the test's
// package directory.
func RealWorld(t testing.TB, file string) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("no go.mod above the package directory")
		}
		dir = parent
	}
	path := filepath.Join(dir, "..", "shared", "realworld", file)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		t.Skipf("real-world stack export %s is absent", path)
	} else {
		require.NoError(t, err)
	}
	return path
}

// LoadExport reads a `pulumi stack export` file, failing the test if it cannot.
func LoadExport(t testing.TB, path string) Export {
	t.Helper()
	e, err := ReadExport(path)
	require.NoError(t, err, "reading stack export %s", path)
	return e
}

// ReadExport reads a `pulumi stack export` file ({"version": 3, "deployment": {"resources":
// [...]}}) and returns its resources as `pulumi policy analyze --file` sends them: resources
// pending deletion left out, provider references joined to their provider resources.
func ReadExport(path string) (Export, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var untyped apitype.UntypedDeployment
	if err := json.Unmarshal(data, &untyped); err != nil {
		return nil, err
	}
	if untyped.Version != 3 {
		return nil, fmt.Errorf("stack export version %d: only version 3 is read", untyped.Version)
	}
	var deployment apitype.DeploymentV3
	if err := json.Unmarshal(untyped.Deployment, &deployment); err != nil {
		return nil, err
	}

	providerInputs := map[resource.URN]property.Map{}
	for _, r := range deployment.Resources {
		if providers.IsProviderType(r.Type) {
			if providerInputs[r.URN], err = exportedProperties(r.Inputs); err != nil {
				return nil, fmt.Errorf("%s inputs: %w", r.URN, err)
			}
		}
	}

	var out Export
	for _, r := range deployment.Resources {
		if r.Delete {
			continue
		}
		if !r.URN.IsValid() {
			return nil, fmt.Errorf("invalid URN %q", r.URN)
		}
		er := ExportedResource{URN: r.URN, Type: r.Type, Name: r.URN.Name(), Protect: r.Protect, Parent: r.Parent,
			Dependencies: r.Dependencies, PropertyDependencies: r.PropertyDependencies}
		if er.Inputs, err = exportedProperties(r.Inputs); err != nil {
			return nil, fmt.Errorf("%s inputs: %w", r.URN, err)
		}
		if er.Outputs, err = exportedProperties(r.Outputs); err != nil {
			return nil, fmt.Errorf("%s outputs: %w", r.URN, err)
		}
		// A provider reference is the provider's URN, "::", and its id.
		if r.Provider != "" {
			ref, err := providers.ParseReference(r.Provider)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", r.URN, err)
			}
			if inputs, ok := providerInputs[ref.URN()]; ok {
				er.Provider = &plugin.AnalyzerProviderResource{URN: ref.URN(), Type: ref.URN().Type(),
					Name: ref.URN().Name(), Properties: inputs}
			}
		}
		out = append(out, er)
	}
	return out, nil
}

// exportedProperties converts an export's properties into a property map without the engine's
// internal keys, as the engine filters them for an analyzer.
func exportedProperties(props map[string]any) (property.Map, error) {
	v, err := exportedValue(props)
	if err != nil {
		return property.Map{}, err
	}
	pv, err := pack.PropertyValue(v)
	if err != nil {
		return property.Map{}, err
	}
	if pv.IsNull() {
		return property.Map{}, nil
	}
	return plugin.FilterProperties(pv.AsMap(),
		plugin.FilterOptions{KeepUnknowns: true, KeepSecrets: true, SkipInternalKeys: true})
}

// exportedValue turns a value of the export's JSON into plain data and property values: secrets
// become secret values, "[secret]" when encrypted.
func exportedValue(v any) (any, error) {
	switch v := v.(type) {
	case map[string]any:
		if kind, ok := v[sig.Key]; ok {
			return exportedSecret(kind, v)
		}
		out := make(map[string]any, len(v))
		for k, item := range v {
			pv, err := exportedValue(item)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", k, err)
			}
			out[k] = pv
		}
		return out, nil
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			pv, err := exportedValue(item)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			out[i] = pv
		}
		return out, nil
	}
	return v, nil
}

// exportedSecret reads a secret of the export: ciphertext nobody here can decrypt is redacted to
// "[secret]", as `pulumi policy analyze --file` does; plaintext (JSON) is kept, marked secret.
// Other signed values (assets, archives, resource references) do not occur in the exports this
// reads.
func exportedSecret(kind any, v map[string]any) (property.Value, error) {
	if kind != sig.Secret {
		return property.Value{}, fmt.Errorf("signed value of kind %v is not supported", kind)
	}
	if plaintext, ok := v["plaintext"].(string); ok {
		var decoded any
		if err := json.Unmarshal([]byte(plaintext), &decoded); err != nil {
			return property.Value{}, fmt.Errorf("secret plaintext: %w", err)
		}
		inner, err := exportedValue(decoded)
		if err != nil {
			return property.Value{}, err
		}
		pv, err := pack.PropertyValue(inner)
		if err != nil {
			return property.Value{}, err
		}
		return pv.WithSecret(true), nil
	}
	return Secret(pack.Redacted), nil
}
