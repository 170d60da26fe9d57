// Package pluginserver serves a gRPC service as a Pulumi plugin does: on a free local port, written on
// the first line of stdout for the engine to read, until the engine stops the process.
package pluginserver

import (
	"fmt"
	"io"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"google.golang.org/grpc"
)

// Serve registers the plugin's services, listens, writes the port to out and serves, with the
// given server options.
func Serve(out io.Writer, register func(*grpc.Server), opts ...grpc.ServerOption) error {
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(srv *grpc.Server) error {
			register(srv)
			return nil
		},
		Options: opts,
	})
	if err != nil {
		return fmt.Errorf("serving the plugin: %w", err)
	}
	if _, err := fmt.Fprintf(out, "%d\n", handle.Port); err != nil {
		return err
	}
	return <-handle.Done
}
