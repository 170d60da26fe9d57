package pack

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestEngineAddress(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"127.0.0.1:4000"}, "127.0.0.1:4000"},
		{[]string{"--logtostderr", "-v=9", "--tracing", "file:/tmp/t", "127.0.0.1:4000"}, "127.0.0.1:4000"},
		{[]string{"--logtostderr"}, ""},
		{nil, ""},
	} {
		assert.Equal(t, tt.want, engineAddress(tt.args), "%q", tt.args)
	}
}

func TestRecoverCallsFailsTheCallAlone(t *testing.T) {
	var log bytes.Buffer
	intercept := recoverCalls("p", &log)
	info := &grpc.UnaryServerInfo{FullMethod: "/pulumirpc.Analyzer/Analyze"}
	_, err := intercept(t.Context(), nil, info, func(context.Context, any) (any, error) {
		panic("input value " + "canary-do-not-print")
	})
	require.Error(t, err)
	assert.Equal(t, codes.Internal, status.Code(err))
	assert.Contains(t, err.Error(), "policy pack p: internal error in /pulumirpc.Analyzer/Analyze")
	assert.Contains(t, log.String(), "p: internal error in /pulumirpc.Analyzer/Analyze (string) at ")
	assert.Contains(t, log.String(), "TestRecoverCallsFailsTheCallAlone")
	assert.NotContains(t, log.String()+err.Error(), "canary")

	resp, err := intercept(t.Context(), nil, info, func(context.Context, any) (any, error) { return "ok", nil })
	require.NoError(t, err)
	assert.Equal(t, "ok", resp)
}
