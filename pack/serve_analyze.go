package pack

import (
	"context"
	"strings"

	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/slice"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/propertyrpc"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/structpb"
)

// adapter is the SDK's adapter with a cheaper reading of Analyze's request. The adapter decodes a
// resource's properties and then copies the whole tree through plugin.FilterProperties, which
// for an analyzer (unknowns and secrets kept, internal keys dropped) changes only dependency
// metadata, resource references and "__" keys; most resources have none. adapter copies only the
// trees that need it, then hands the resource to the adapter's own call, which builds the
// response as before.
type adapter struct {
	pulumirpc.AnalyzerServer
}

func newAdapter(a *Analyzer) adapter { return adapter{plugin.NewAnalyzerServer(planned{a})} }

// resourceKey carries the resource adapter read into planned.Analyze.
type resourceKey struct{}

// Analyze reads the request's resource and runs the adapter's Analyze on it.
func (ad adapter) Analyze(ctx context.Context, req *pulumirpc.AnalyzeRequest) (*pulumirpc.AnalyzeResponse, error) {
	r, err := readResource(req)
	if err != nil {
		return nil, err
	}
	return ad.AnalyzerServer.Analyze(context.WithValue(ctx, resourceKey{}, &r), &pulumirpc.AnalyzeRequest{})
}

// readResource converts an Analyze request as the adapter does.
func readResource(req *pulumirpc.AnalyzeRequest) (plugin.AnalyzerResource, error) {
	props, err := readProperties(req.GetProperties())
	if err != nil {
		return plugin.AnalyzerResource{}, err
	}
	r := plugin.AnalyzerResource{
		URN:        resource.URN(req.GetUrn()),
		Type:       tokens.Type(req.GetType()),
		Name:       req.GetName(),
		Properties: props,
		Options:    readOptions(req.GetOptions()),
	}
	if p := req.GetProvider(); p != nil {
		props, err := readProperties(p.GetProperties())
		if err != nil {
			return plugin.AnalyzerResource{}, err
		}
		r.Provider = &plugin.AnalyzerProviderResource{
			URN: resource.URN(p.GetUrn()), Type: tokens.Type(p.GetType()), Name: p.GetName(), Properties: props,
		}
	}
	return r, nil
}

var analyzerFilter = plugin.FilterOptions{KeepUnknowns: true, KeepSecrets: true, SkipInternalKeys: true}

// readProperties decodes properties as the adapter does, filtering only a tree the filter changes.
func readProperties(s *structpb.Struct) (property.Map, error) {
	m, err := propertyrpc.Unmarshal(s)
	if err != nil || !filterChanges(property.New(m)) {
		return m, err
	}
	return plugin.FilterProperties(m, analyzerFilter)
}

// filterChanges reports whether analyzerFilter would change anything in v: dependency metadata,
// a resource reference or an internal key, at any depth.
func filterChanges(v property.Value) bool {
	switch {
	case len(v.Dependencies()) > 0 || v.IsResourceReference():
		return true
	case v.IsArray():
		for _, e := range v.AsArray().All {
			if filterChanges(e) {
				return true
			}
		}
	case v.IsMap():
		for k, e := range v.AsMap().All {
			if strings.HasPrefix(k, "__") || filterChanges(e) {
				return true
			}
		}
	}
	return false
}

// readOptions converts resource options as the adapter does.
func readOptions(opts *pulumirpc.AnalyzerResourceOptions) plugin.AnalyzerResourceOptions {
	if opts == nil {
		return plugin.AnalyzerResourceOptions{}
	}
	var deleteBeforeReplace *bool
	if opts.GetDeleteBeforeReplace() {
		b := true
		deleteBeforeReplace = &b
	}
	var timeouts resource.CustomTimeouts
	if t := opts.GetCustomTimeouts(); t != nil {
		timeouts = resource.CustomTimeouts{Create: t.GetCreate(), Update: t.GetUpdate(), Delete: t.GetDelete(),
			Read: t.GetRead()}
	}
	return plugin.AnalyzerResourceOptions{
		Protect:             opts.GetProtect(),
		IgnoreChanges:       opts.GetIgnoreChanges(),
		DeleteBeforeReplace: deleteBeforeReplace,
		AdditionalSecretOutputs: slice.Map(opts.GetAdditionalSecretOutputs(), func(k string) resource.PropertyKey {
			return resource.PropertyKey(k)
		}),
		AliasURNs:      slice.Map(opts.GetAliases(), func(u string) resource.URN { return resource.URN(u) }),
		CustomTimeouts: timeouts,
		Parent:         resource.URN(opts.GetParent()),
	}
}
