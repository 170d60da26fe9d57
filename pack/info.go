package pack

import (
	"context"

	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

// GetAnalyzerInfo describes the pack and every policy in it. It needs no stack: `pulumi policy
// publish` and `pulumi policy analyze --file` call it without ConfigureStack.
func (a *Analyzer) GetAnalyzerInfo(context.Context) (plugin.AnalyzerInfo, error) {
	cfg := a.config.Load()
	info := plugin.AnalyzerInfo{
		Name:           a.pack.Name,
		DisplayName:    a.pack.DisplayName,
		Version:        a.pack.Version,
		SupportsConfig: true,
		Description:    a.pack.Description,
		Readme:         a.pack.Readme,
		Provider:       a.pack.Provider,
		Tags:           a.pack.Tags,
		Repository:     a.pack.Repository,
		Policies:       make([]plugin.AnalyzerPolicyInfo, len(a.policies)),
	}
	for i, p := range a.policies {
		info.Policies[i] = plugin.AnalyzerPolicyInfo{
			Name:             p.Name,
			DisplayName:      p.DisplayName,
			Description:      p.Description,
			EnforcementLevel: cfg.levels[p.index],
			ConfigSchema:     p.configSchema(),
			Type:             p.policyType(),
			Severity:         p.Severity,
			Framework:        p.framework(),
			Tags:             p.Tags,
			RemediationSteps: p.Remediation,
			URL:              p.url,
		}
	}
	return info, nil
}

func (p *registered) configSchema() *plugin.AnalyzerPolicyConfigSchema {
	if len(p.Config.Properties) == 0 {
		return nil
	}
	props := make(map[string]plugin.JSONSchema, len(p.Config.Properties))
	for k, v := range p.Config.Properties {
		props[k] = v
	}
	return &plugin.AnalyzerPolicyConfigSchema{Properties: props, Required: p.Config.Required}
}

// policyType is the kind the engine counts a policy's passes under. A policy with both functions
// is a resource policy: it decides on Analyze and reports from AnalyzeStack only when configured to.
func (p *registered) policyType() plugin.AnalyzerPolicyType {
	if p.Resource == nil {
		return plugin.AnalyzerPolicyTypeStack
	}
	return plugin.AnalyzerPolicyTypeResource
}

func (p *registered) framework() *plugin.AnalyzerPolicyComplianceFramework {
	if p.Framework == nil {
		return nil
	}
	return &plugin.AnalyzerPolicyComplianceFramework{
		Name:          p.Framework.Name,
		Version:       p.Framework.Version,
		Reference:     p.Framework.Reference,
		Specification: p.Framework.Specification,
	}
}
