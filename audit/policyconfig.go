package audit

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	engineconfig "github.com/pulumi/pulumi/pkg/v3/resource/analyzer"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

// loadPolicyConfig reads a policy pack config file (what `--policy-pack-config` takes) and
// resolves it as the engine does before it calls Configure: over the schema defaults, with
// "all" applied, validated against each policy's schema.
func loadPolicyConfig(p pack.Pack, path string) (map[string]plugin.AnalyzerPolicyConfig, error) {
	if path == "" {
		return nil, nil
	}
	given, err := engineconfig.LoadPolicyPackConfigFromFile(path)
	if err != nil {
		return nil, err
	}
	a, err := pack.NewAnalyzer(p)
	if err != nil {
		return nil, err
	}
	info, err := a.GetAnalyzerInfo(context.Background())
	if err != nil {
		return nil, err
	}
	merged, invalid, err := engineconfig.ReconcilePolicyPackConfig(info.Policies, info.InitialConfig, given)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(invalid) > 0 {
		return nil, fmt.Errorf("%s: %w", path, errors.New(strings.Join(invalid, "; ")))
	}
	// The pack checks what the engine does not: a policy or setting it does not have.
	if err := a.Configure(context.Background(), merged); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return merged, nil
}
