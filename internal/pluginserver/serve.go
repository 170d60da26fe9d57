// Package pluginserver serves a gRPC service as a Pulumi plugin does: on a free local port, written on
// the first line of stdout for the engine to read, until the engine stops the process.
package pluginserver

import (
	"context"
	"fmt"
	"io"
	"time"

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

// WatchEngine checks every interval that the engine at addr still answers, with the health check
// the SDK's providers use, and calls gone once when it does not: a plugin whose engine was killed
// has no one left to serve and must not live on.
func WatchEngine(addr string, every time.Duration, gone func()) error {
	ctx, cancel := context.WithCancel(context.Background())
	if err := rpcutil.Healthcheck(ctx, addr, every, cancel); err != nil {
		cancel()
		return err
	}
	go func() {
		<-ctx.Done()
		gone()
	}()
	return nil
}
