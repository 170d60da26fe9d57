// Package e2e runs the pack the way users meet it: the real Pulumi CLI loading the pack binary
// during preview and up of Automation API inline programs, over a local file backend, with real
// stack tags and encrypted config, and `pulumi policy analyze --file` over bundled stack exports.
package e2e

import (
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/internal/cli"
	"github.com/pulumi-securely/pulumi-securely/internal/engine"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/require"
)

// The tools every test shares, set up once by TestMain.
var (
	root       string // the repository
	pulumiCLI  string // the real pulumi CLI
	packBinary string // the pack, built as users build it
	pluginDir  string // the fixture provider, installed as pulumi-resource-<package>
)

// fixturePackages are the provider packages the fixture provider stands in for. The stand-in Go
// language host (internal/testlanguage) is installed beside them as pulumi-language-go.
var fixturePackages = []string{"aws", "acmecloud", "pulumiservice", "kubernetes"}

func TestMain(m *testing.M) {
	os.Exit(setUp(m))
}

func setUp(m *testing.M) int {
	ctx := context.Background()
	wd, err := os.Getwd()
	if err == nil {
		root, err = cli.Root(wd)
	}
	if err == nil {
		pulumiCLI, err = cli.Ensure(ctx, root, os.Stderr)
	}
	tmp, terr := os.MkdirTemp("", "pulumi-securely-e2e-")
	if err == nil {
		err = terr
		defer os.RemoveAll(tmp)
	}
	if err == nil {
		packBinary, err = engine.Build(ctx, root, filepath.Join(tmp, "pack"), "pulumi-securely")
	}
	if err == nil {
		pluginDir = filepath.Join(tmp, "plugins")
		err = installFixtureProvider(ctx, pluginDir)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e set-up:", err)
		return 1
	}
	return m.Run()
}

func installFixtureProvider(ctx context.Context, dir string) error {
	bin, err := engine.Build(ctx, filepath.Join(root, "internal", "testprovider", "cmd", "testprovider"), dir, "testprovider")
	if err != nil {
		return err
	}
	for _, pkg := range fixturePackages {
		if err := os.Link(bin, filepath.Join(dir, "pulumi-resource-"+pkg)); err != nil {
			return err
		}
	}
	_, err = engine.Build(ctx, filepath.Join(root, "internal", "testlanguage", "cmd", "testlanguage"), dir,
		"pulumi-language-go")
	return err
}

// env is the environment every CLI run gets: a file backend and plugin home of the test's own, a
// passphrase for secrets, the fixture provider on PATH, and no CI variables unless a test sets them.
func env(t *testing.T, home string) map[string]string {
	return map[string]string{
		"PULUMI_BACKEND_URL":                          "file://" + filepath.ToSlash(filepath.Join(home, "state")),
		"PULUMI_HOME":                                 filepath.Join(home, "pulumi-home"),
		"PULUMI_CONFIG_PASSPHRASE":                    "e2e-passphrase",
		"PULUMI_SKIP_UPDATE_CHECK":                    "true",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
		"PATH": pluginDir + string(os.PathListSeparator) + os.Getenv("PATH"),
	}
}

// newStack creates stack "dev" of project "app" around an inline program.
func newStack(t *testing.T, program pulumi.RunFunc) auto.Stack {
	t.Helper()
	home := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(home, "state"), 0o755))
	cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: filepath.Dir(filepath.Dir(pulumiCLI))})
	require.NoError(t, err)
	ctx := t.Context()
	s, err := auto.UpsertStackInlineSource(ctx, "dev", "app", program,
		auto.Pulumi(cmd), auto.WorkDir(home), auto.EnvVars(env(t, home)),
		auto.Project(workspace.Project{Name: "app", Runtime: workspace.NewProjectRuntimeInfo("go", nil)}))
	require.NoError(t, err)
	return s
}

// result is what a preview or an update showed: its output and the policy violations it reported.
type result struct {
	output     string
	violations []apitype.PolicyEvent
	err        error
}

// has reports whether a violation of the policy was reported, at the level ("mandatory",
// "advisory"), on a resource whose URN ends with the given name ("" for any).
func (r result) has(policy, level, resource string) bool {
	for _, v := range r.violations {
		if v.PolicyName == policy && (level == "" || v.EnforcementLevel == level) &&
			(resource == "" || strings.HasSuffix(v.ResourceURN, "::"+resource)) {
			return true
		}
	}
	return false
}

func (r result) policies() []string {
	var out []string
	for _, v := range r.violations {
		out = append(out, v.PolicyName+"("+v.EnforcementLevel+")")
	}
	return out
}

// collector gathers the policy violations from an engine event stream.
type collector struct {
	ch   chan events.EngineEvent
	done sync.WaitGroup
	got  []apitype.PolicyEvent
}

func collect() *collector {
	c := &collector{ch: make(chan events.EngineEvent)}
	c.done.Go(func() {
		for e := range c.ch {
			if e.PolicyEvent != nil {
				c.got = append(c.got, *e.PolicyEvent)
			}
		}
	})
	return c
}

func (c *collector) wait() []apitype.PolicyEvent {
	c.done.Wait()
	return c.got
}

// preview runs `pulumi preview --policy-pack <binary>` with optional policy pack config files.
func preview(t *testing.T, s auto.Stack, configs ...string) result {
	t.Helper()
	c := collect()
	opts := []optpreview.Option{optpreview.PolicyPacks(packBinary), optpreview.EventStreams(c.ch)}
	if len(configs) > 0 {
		opts = append(opts, optpreview.PolicyPackConfigs(configs...))
	}
	res, err := s.Preview(t.Context(), opts...)
	out := res.StdOut
	if err != nil {
		out += err.Error()
	}
	return result{output: out, violations: c.wait(), err: err}
}

// up runs `pulumi up --policy-pack <binary>`.
func up(t *testing.T, s auto.Stack, configs ...string) result {
	t.Helper()
	c := collect()
	opts := []optup.Option{optup.PolicyPacks(packBinary), optup.EventStreams(c.ch)}
	if len(configs) > 0 {
		opts = append(opts, optup.PolicyPackConfigs(configs...))
	}
	res, err := s.Up(t.Context(), opts...)
	out := res.StdOut
	if err != nil {
		out += err.Error()
	}
	return result{output: out, violations: c.wait(), err: err}
}

// runCLI runs the pulumi CLI in dir with the test environment and returns its combined output.
func runCLI(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	return runCLIWith(t, dir, nil, args...)
}

// runCLIWith is runCLI with more environment variables, which win over the test environment's.
func runCLIWith(t *testing.T, dir string, extra map[string]string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.CommandContext(t.Context(), pulumiCLI, args...)
	cmd.Dir = dir
	vars := env(t, dir)
	maps.Copy(vars, extra)
	cmd.Env = os.Environ()
	for k, v := range vars {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// resourceState is a fixture resource registered by an inline program.
type resourceState struct {
	pulumi.CustomResourceState
	Arn pulumi.StringOutput `pulumi:"arn"`
}

// register declares a resource of any type with the given inputs.
func register(ctx *pulumi.Context, typ, name string, inputs pulumi.Map, opts ...pulumi.ResourceOption) (*resourceState, error) {
	var r resourceState
	err := ctx.RegisterResource(typ, name, inputs, &r, opts...)
	return &r, err
}
