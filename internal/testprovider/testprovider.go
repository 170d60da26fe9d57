// Package testprovider is a stand-in for a cloud provider in the end-to-end tests: installed as
// pulumi-resource-<package> on a test-only PATH, it accepts any resource type, returns the inputs as
// outputs, and in preview leaves what a real provider computes (id, arn) unknown. It stands in for
// the cloud, not for anything under test.
package testprovider

import (
	"context"
	"fmt"
	"io"
	"sync/atomic"

	"github.com/pulumi-securely/pulumi-securely/internal/pluginserver"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// Version is the version the provider reports for itself.
const Version = "7.0.0"

// Provider accepts any resource and echoes its inputs.
type Provider struct {
	plugin.UnimplementedProvider
	next atomic.Int64
}

// computed are the outputs a real provider would compute on create.
var computed = []string{"arn", "id"}

// filledIn are the outputs a real provider fills in on create where the inputs leave them unset,
// per type: an instance launched in a default subnet gets a public IP.
var filledIn = map[string]map[string]property.Value{
	"aws:ec2/instance:Instance": {
		"associatePublicIpAddress": property.New(true),
		"publicIp":                 property.New("203.0.113.7"),
	},
}

func (p *Provider) outputs(typ, name string, inputs property.Map, preview bool) (resource.ID, property.Map) {
	id := resource.ID(fmt.Sprintf("%s-%d", name, p.next.Add(1)))
	out := inputs
	for _, k := range computed {
		if preview {
			out = out.Set(k, property.New(property.Computed))
		} else {
			out = out.Set(k, property.New(fmt.Sprintf("arn:test:%s:%s", typ, id)))
		}
	}
	if preview {
		return "", out
	}
	for k, v := range filledIn[typ] {
		if !out.Get(k).IsNull() {
			continue
		}
		out = out.Set(k, v)
	}
	return id, out
}

// GetPluginInfo reports Version.
func (p *Provider) GetPluginInfo(context.Context) (plugin.PluginInfo, error) {
	v := semver.MustParse(Version)
	return plugin.PluginInfo{Version: &v}, nil
}

// CheckConfig accepts any provider config.
func (p *Provider) CheckConfig(_ context.Context, req plugin.CheckConfigRequest) (plugin.CheckConfigResponse, error) {
	return plugin.CheckConfigResponse{Properties: req.News}, nil
}

// DiffConfig reports no change that needs a new provider.
func (p *Provider) DiffConfig(context.Context, plugin.DiffConfigRequest) (plugin.DiffConfigResponse, error) {
	return plugin.DiffResult{Changes: plugin.DiffNone}, nil
}

// Configure accepts any configuration.
func (p *Provider) Configure(context.Context, plugin.ConfigureRequest) (plugin.ConfigureResponse, error) {
	return plugin.ConfigureResponse{}, nil
}

// Check accepts the inputs as they are.
func (p *Provider) Check(_ context.Context, req plugin.CheckRequest) (plugin.CheckResponse, error) {
	return plugin.CheckResponse{Properties: req.NewInputs}, nil
}

// Diff reports a change when the inputs changed.
func (p *Provider) Diff(_ context.Context, req plugin.DiffRequest) (plugin.DiffResponse, error) {
	if req.NewInputs.Equals(req.OldInputs) {
		return plugin.DiffResult{Changes: plugin.DiffNone}, nil
	}
	return plugin.DiffResult{Changes: plugin.DiffSome}, nil
}

// Create echoes the inputs, with computed outputs.
func (p *Provider) Create(_ context.Context, req plugin.CreateRequest) (plugin.CreateResponse, error) {
	id, out := p.outputs(string(req.Type), req.Name, req.Properties, req.Preview)
	return plugin.CreateResponse{ID: id, Properties: out, Status: resource.StatusOK}, nil
}

// Update echoes the new inputs over the old computed outputs.
func (p *Provider) Update(_ context.Context, req plugin.UpdateRequest) (plugin.UpdateResponse, error) {
	out := req.NewInputs
	for _, k := range computed {
		out = out.Set(k, req.OldOutputs.Get(k))
	}
	return plugin.UpdateResponse{Properties: out, Status: resource.StatusOK}, nil
}

// Read returns what the state holds.
func (p *Provider) Read(_ context.Context, req plugin.ReadRequest) (plugin.ReadResponse, error) {
	inputs, state := req.Inputs, req.State
	return plugin.ReadResponse{ReadResult: plugin.ReadResult{ID: req.ID, Inputs: &inputs, Outputs: &state},
		Status: resource.StatusOK}, nil
}

// Delete forgets the resource.
func (p *Provider) Delete(context.Context, plugin.DeleteRequest) (plugin.DeleteResponse, error) {
	return plugin.DeleteResponse{Status: resource.StatusOK}, nil
}

// SignalCancellation has nothing to cancel.
func (p *Provider) SignalCancellation(context.Context) error { return nil }

// Close releases nothing.
func (p *Provider) Close() error { return nil }

// Serve serves the provider to the engine, writing the port to out.
func Serve(out io.Writer) error {
	return pluginserver.Serve(out, func(srv *grpc.Server) {
		pulumirpc.RegisterResourceProviderServer(srv, plugin.NewProviderServer(&Provider{}))
	})
}
