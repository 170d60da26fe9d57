// Package testlanguage stands in, in tests, for Pulumi's Go language host (pulumi-language-go),
// which is not on the Go module proxy: installed as pulumi-language-go on a test-only PATH, it runs a
// Go policy pack from its folder as the real host does, by building it with `go build` and
// running the binary. It lets the end-to-end tests use the folder form (`--policy-pack <dir>`) and
// `pulumi policy publish`.
package testlanguage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"

	"github.com/pulumi-securely/pulumi-securely/internal/pluginserver"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// Host is the stand-in language host.
type Host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
}

// Handshake accepts the engine.
func (h *Host) Handshake(context.Context, *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

// GetPluginInfo reports a version.
func (h *Host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: "3.274.1"}, nil
}

// RunPlugin builds the Go program in the plugin's folder and runs it, streaming its output and
// then its exit code, as pulumi-language-go does.
func (h *Host) RunPlugin(req *pulumirpc.RunPluginRequest, stream grpc.ServerStreamingServer[pulumirpc.RunPluginResponse]) error {
	dir := req.GetInfo().GetProgramDirectory()
	bin, err := os.CreateTemp("", "pulumi-go-plugin-")
	if err != nil {
		return err
	}
	bin.Close()
	defer os.Remove(bin.Name())
	build := exec.CommandContext(stream.Context(), "go", "build", "-o", bin.Name(), ".")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s: %w\n%s", dir, err, out)
	}
	cmd := exec.CommandContext(stream.Context(), bin.Name(), req.GetArgs()...)
	cmd.Dir = req.GetPwd()
	cmd.Env = req.GetEnv()
	cmd.Stdout = streamWriter(stream, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}}
	})
	cmd.Stderr = streamWriter(stream, func(b []byte) *pulumirpc.RunPluginResponse {
		return &pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}}
	})
	err = cmd.Run()
	var exit *exec.ExitError
	code := 0
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		return err
	}
	return stream.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Exitcode{Exitcode: int32(code)}})
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

func streamWriter(stream grpc.ServerStreamingServer[pulumirpc.RunPluginResponse],
	wrap func([]byte) *pulumirpc.RunPluginResponse,
) io.Writer {
	return writerFunc(func(b []byte) (int, error) {
		if err := stream.Send(wrap(append([]byte(nil), b...))); err != nil {
			return 0, err
		}
		return len(b), nil
	})
}

// Serve serves the host to the engine, writing the port to out.
func Serve(out io.Writer) error {
	return pluginserver.Serve(out, func(srv *grpc.Server) { pulumirpc.RegisterLanguageRuntimeServer(srv, &Host{}) })
}
