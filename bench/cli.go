package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pulumi-securely/pulumi-securely/internal/cli"
	"github.com/pulumi-securely/pulumi-securely/internal/engine"
	"github.com/pulumi-securely/pulumi-securely/internal/synth"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// cliResult is the wall time of the real CLI's preview and up of the same program without and with
// the pack: medians, and each run's ratio of with to without.
type cliResult struct {
	resources               int
	preview, previewPack    time.Duration
	up, upPack              time.Duration
	previewRatios, upRatios []float64
}

// measureCLI runs `pulumi preview` and `pulumi up` of an inline program declaring n synthetic
// resources, on the fixture provider (internal/testprovider) over a file backend, without and with
// the pack, alternating; each up creates the resources on a new stack. The order of the two
// flips from run to run.
func measureCLI(ctx context.Context, root, bin, packBinary string, n, runs int) (cliResult, error) {
	res := cliResult{resources: n}
	pulumiCLI, err := cli.Ensure(ctx, root, os.Stderr)
	if err != nil {
		return res, err
	}
	home, err := os.MkdirTemp("", "pulumi-securely-bench-cli-")
	if err != nil {
		return res, err
	}
	defer os.RemoveAll(home)
	plugins := filepath.Join(home, "plugins")
	if err := installFixtures(ctx, root, plugins); err != nil {
		return res, err
	}
	cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: filepath.Dir(filepath.Dir(pulumiCLI))})
	if err != nil {
		return res, err
	}
	env := map[string]string{
		"PULUMI_BACKEND_URL":                          "file://" + filepath.ToSlash(filepath.Join(home, "state")),
		"PULUMI_HOME":                                 filepath.Join(home, "pulumi-home"),
		"PULUMI_CONFIG_PASSPHRASE":                    "bench",
		"PULUMI_SKIP_UPDATE_CHECK":                    "true",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
		"PATH": plugins + string(os.PathListSeparator) + os.Getenv("PATH"),
	}
	if err := os.MkdirAll(filepath.Join(home, "state"), 0o755); err != nil {
		return res, err
	}
	// Every policy advisory, so that the runs with the pack do all the work of the runs without it
	// (a mandatory violation would stop the update early) while every rule still runs.
	advisory := filepath.Join(home, "advisory.json")
	if err := os.WriteFile(advisory, []byte(`{"all": "advisory"}`), 0o644); err != nil {
		return res, err
	}
	program := declare(n)
	stacks := 0
	newStack := func() (auto.Stack, error) {
		stacks++
		return auto.UpsertStackInlineSource(ctx, fmt.Sprintf("s%d", stacks), "bench", program,
			auto.Pulumi(cmd), auto.WorkDir(home), auto.EnvVars(env),
			auto.Project(workspace.Project{Name: "bench", Runtime: workspace.NewProjectRuntimeInfo("go", nil)}))
	}
	timed := func(withPack bool, op func(s auto.Stack, packs, configs []string) error) (time.Duration, error) {
		s, err := newStack()
		if err != nil {
			return 0, err
		}
		var packs, configs []string
		if withPack {
			packs, configs = []string{packBinary}, []string{advisory}
		}
		start := time.Now()
		err = op(s, packs, configs)
		return time.Since(start), err
	}
	preview := func(s auto.Stack, packs, configs []string) error {
		_, err := s.Preview(ctx, optpreview.PolicyPacks(packs...), optpreview.PolicyPackConfigs(configs...))
		return err
	}
	up := func(s auto.Stack, packs, configs []string) error {
		_, err := s.Up(ctx, optup.PolicyPacks(packs...), optup.PolicyPackConfigs(configs...))
		return err
	}
	var previews, previewsPack, ups, upsPack []float64
	for r := range runs {
		for _, withPack := range []bool{r%2 == 1, r%2 == 0} {
			fmt.Fprintf(os.Stderr, "real CLI, run %d of %d, pack %v\n", r+1, runs, withPack)
			p, err := timed(withPack, preview)
			if err != nil {
				return res, fmt.Errorf("preview: %w", err)
			}
			u, err := timed(withPack, up)
			if err != nil {
				return res, fmt.Errorf("up: %w", err)
			}
			if withPack {
				previewsPack, upsPack = append(previewsPack, float64(p)), append(upsPack, float64(u))
			} else {
				previews, ups = append(previews, float64(p)), append(ups, float64(u))
			}
		}
		res.previewRatios = append(res.previewRatios, previewsPack[r]/previews[r])
		res.upRatios = append(res.upRatios, upsPack[r]/ups[r])
	}
	res.preview, res.previewPack = time.Duration(median(previews)), time.Duration(median(previewsPack))
	res.up, res.upPack = time.Duration(median(ups)), time.Duration(median(upsPack))
	return res, nil
}

// installFixtures installs the fixture provider under the names of the synthetic stack's provider
// packages, and the stand-in Go language host the project's runtime names.
func installFixtures(ctx context.Context, root, dir string) error {
	provider, err := engine.Build(ctx, filepath.Join(root, "internal", "testprovider", "cmd", "testprovider"), dir,
		"testprovider")
	if err != nil {
		return err
	}
	for _, pkg := range []string{"aws", "kubernetes", "azure-native", "gcp"} {
		if err := os.Link(provider, filepath.Join(dir, "pulumi-resource-"+pkg)); err != nil {
			return err
		}
	}
	_, err = engine.Build(ctx, filepath.Join(root, "internal", "testlanguage", "cmd", "testlanguage"), dir,
		"pulumi-language-go")
	return err
}

// declare is a program registering the first n resources of the synthetic stack (providers left
// to the engine's defaults) with their inputs; unknown inputs are left out.
func declare(n int) pulumi.RunFunc {
	stack := synth.Stack(n, 42)
	return func(ctx *pulumi.Context) error {
		for _, r := range stack {
			if strings.HasPrefix(string(r.Type), "pulumi:providers:") {
				continue
			}
			inputs := pulumi.Map{}
			for k, v := range r.Properties.All {
				if in, ok := input(v); ok {
					inputs[k] = in
				}
			}
			var state pulumi.CustomResourceState
			if err := ctx.RegisterResource(string(r.Type), r.Name, inputs, &state); err != nil {
				return err
			}
		}
		return nil
	}
}

// input is a property value as a program's input: secrets marked secret at the top level.
func input(v property.Value) (pulumi.Input, bool) {
	plain, ok := plainValue(v)
	if !ok {
		return nil, false
	}
	if v.Secret() {
		return pulumi.ToSecret(pulumi.Any(plain)), true
	}
	return pulumi.Any(plain), true
}

func plainValue(v property.Value) (any, bool) {
	switch {
	case v.IsComputed():
		return nil, false
	case v.IsString():
		return v.AsString(), true
	case v.IsNumber():
		return v.AsNumber(), true
	case v.IsBool():
		return v.AsBool(), true
	case v.IsArray():
		var out []any
		for _, e := range v.AsArray().All {
			if p, ok := plainValue(e); ok {
				out = append(out, p)
			}
		}
		return out, true
	case v.IsMap():
		out := map[string]any{}
		for k, e := range v.AsMap().All {
			if p, ok := plainValue(e); ok {
				out[k] = p
			}
		}
		return out, true
	default:
		return nil, v.IsNull()
	}
}
