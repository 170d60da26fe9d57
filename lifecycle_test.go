package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pulumi-securely/pulumi-securely/decisionlog"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/health"
	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/protobuf/types/known/structpb"
)

// fakeEngineVariable makes the test binary a stand-in engine (see fakeEngine).
const fakeEngineVariable = "PULUMI_SECURELY_FAKE_ENGINE"

// fakeEngine stands for the Pulumi engine: it serves gRPC health checks, launches the plugin with
// its address as the engine does, the plugin's stderr going to the file stderrFile, prints the
// plugin's process id once it serves, and waits to be killed.
func fakeEngine(plugin, stderrFile string) int {
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	srv := grpc.NewServer()
	healthgrpc.RegisterHealthServer(srv, health.NewServer())
	go func() { _ = srv.Serve(lis) }()
	log, err := os.Create(stderrFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	cmd := exec.Command(plugin, lis.Addr().String())
	cmd.Stderr = log
	out, err := cmd.StdoutPipe()
	if err == nil {
		err = cmd.Start()
	}
	if err == nil {
		_, err = bufio.NewReader(out).ReadString('\n') // the plugin's port: it is serving
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println(cmd.Process.Pid)
	select {}
}

// running reports whether a process exists and has not exited (a zombie has exited).
func running(pid int) bool {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return false
	}
	fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z"
}

// waitUntil polls cond until it holds or the bound passes.
func waitUntil(bound time.Duration, cond func() bool) bool {
	for deadline := time.Now().Add(bound); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if cond() {
			return true
		}
	}
	return cond()
}

// TestPluginExitsWhenTheEngineIsKilled kills the engine that launched the pack: the pack notices
// that the engine's address no longer answers, says so on stderr, and exits.
func TestPluginExitsWhenTheEngineIsKilled(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads process states from /proc")
	}
	t.Parallel()
	log := t.TempDir() + "/plugin.stderr"
	engine := exec.Command(os.Args[0], "-test.run=^$")
	engine.Env = append(os.Environ(), fakeEngineVariable+"="+packBinary+"\n"+log)
	out, err := engine.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, engine.Start())
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	pid, err := strconv.Atoi(strings.TrimSpace(line))
	require.NoError(t, err)
	t.Cleanup(func() { _ = syscall.Kill(pid, syscall.SIGKILL) })
	require.True(t, running(pid))

	require.NoError(t, engine.Process.Kill())
	_ = engine.Wait()

	require.True(t, waitUntil(time.Minute, func() bool { return !running(pid) }),
		"the plugin outlived its engine by a minute")
	stderr, err := os.ReadFile(log)
	require.NoError(t, err)
	assert.Contains(t, string(stderr), "pulumi-securely: the Pulumi engine at 127.0.0.1:")
	assert.Contains(t, string(stderr), "is gone; stopping")
}

// TestPluginSaysWhyItStops stops the pack as a CI runner stops a job: the last line on stderr,
// which the engine shows, says the run's results are incomplete.
func TestPluginSaysWhyItStops(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM")
	}
	t.Parallel()
	var stderr bytes.Buffer
	cmd := exec.Command(packBinary)
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	_, err = bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)

	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	require.Error(t, cmd.Wait())
	lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
	assert.Equal(t, `pulumi-securely: stopping on signal "terminated" before the engine was done with the pack: `+
		`the policy results of this run are incomplete`, lines[len(lines)-1])
}

// TestPluginFlushesItsDecisionLogWhenStopped stops the pack with SIGTERM right after it judged a
// resource, before the HTTP decision log's next periodic delivery: the decision still arrives.
func TestPluginFlushesItsDecisionLogWhenStopped(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM")
	}
	t.Parallel()
	var mu sync.Mutex
	var recs []decisionlog.Record
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		var batch []decisionlog.Record
		if err := json.NewDecoder(req.Body).Decode(&batch); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		recs = append(recs, batch...)
	}))
	defer srv.Close()

	cmd := exec.Command(packBinary)
	cmd.Env = append(os.Environ(), decisionlog.EnvLog+"="+srv.URL)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	port, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	conn, err := grpc.NewClient("127.0.0.1:"+strings.TrimSpace(port), grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	defer conn.Close()
	props, err := structpb.NewStruct(map[string]any{"type": "String", "value": "on"})
	require.NoError(t, err)
	_, err = pulumirpc.NewAnalyzerClient(conn).Analyze(t.Context(), &pulumirpc.AnalyzeRequest{
		Type: "aws:ssm/parameter:Parameter", Name: "flag", Properties: props,
		Urn: "urn:pulumi:dev::app::aws:ssm/parameter:Parameter::flag",
	})
	require.NoError(t, err)

	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	require.Error(t, cmd.Wait())
	mu.Lock()
	defer mu.Unlock()
	require.NotEmpty(t, recs, "the decisions made before the stop were delivered")
	assert.Equal(t, "urn:pulumi:dev::app::aws:ssm/parameter:Parameter::flag", recs[0].URN)
}
