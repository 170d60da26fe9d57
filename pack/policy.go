package pack

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Severity ranks how bad a violation is. It is shown in the CLI and in Pulumi Cloud's findings.
type Severity = apitype.PolicySeverity

// The severities a policy or a violation may carry.
const (
	Low      = apitype.PolicySeverityLow
	Medium   = apitype.PolicySeverityMedium
	High     = apitype.PolicySeverityHigh
	Critical = apitype.PolicySeverityCritical
)

// SeverityRank orders severities from low (1) to critical (4); 0 is no severity the pack knows.
func SeverityRank(s Severity) int {
	switch s {
	case Low:
		return 1
	case Medium:
		return 2
	case High:
		return 3
	case Critical:
		return 4
	}
	return 0
}

// EnforcementLevel tells the engine what to do with a violation.
type EnforcementLevel = apitype.EnforcementLevel

// The enforcement levels a policy may run at.
const (
	Advisory  = apitype.Advisory
	Mandatory = apitype.Mandatory
	Remediate = apitype.Remediate
	Disabled  = apitype.Disabled
)

// Framework names the compliance control a policy implements, e.g. the AWS Foundational Security
// Best Practices control "S3.8" or CIS AWS Foundations "2.1.4".
type Framework struct {
	Name          string
	Version       string
	Reference     string
	Specification string
}

// Policy is one rule of the pack: its metadata, the resource types it applies to and the functions
// that judge them. Resource, Stack or both are set: a policy with both judges each resource before
// it changes and the whole stack afterwards, under one name and one configuration.
type Policy struct {
	// Name is the stable, kebab-case identifier users put in config files and exceptions.
	Name        string
	DisplayName string
	Description string
	// Severity also decides the default enforcement level: critical and high rules are mandatory,
	// medium and low rules advisory.
	Severity Severity
	// SeverityVaries, when set, says why some violations carry another severity than Severity
	// (Violation.Severity). Without it every violation must carry Severity; package packtest
	// holds a policy's test cases to that.
	SeverityVaries string
	// EnforcementLevel overrides the default that follows from Severity.
	EnforcementLevel EnforcementLevel
	Framework        *Framework
	Tags             []string
	// Remediation tells the user how to fix a violation.
	Remediation string
	// Supersedes names the policies whose finding on the same resource and property path this
	// policy's finding replaces: the weaker finding is dropped when both fire (see Violation.Path).
	Supersedes []string
	// URL links to the policy's documentation; when empty, the policy's page under the pack's
	// DocsURL (see Pack.PolicyURL).
	URL string

	// Config describes the policy's settings as JSON schema, defaults included.
	Config Schema
	// Settings returns a pointer to a new settings value that the resolved config is decoded into
	// (with encoding/json) each time the pack is configured. If it has a Prepare() error method,
	// that runs next, so that regular expressions and lookup tables are built once, not per check.
	// Checks read it with SettingsOf.
	Settings func() any

	// Types lists the type tokens the policy applies to; a trailing "*" matches a prefix
	// ("aws:*"). Empty means every resource. For other types the policy is reported as not
	// applicable. A stack policy whose types are absent from the stack is not applicable either.
	Types []string

	// Resource judges one resource's inputs before it is created or changed. The engine also runs
	// it on each resource's outputs in AnalyzeStack (see InputsOnly).
	Resource func(c *Check, r *Resource)
	// InputsOnly keeps a resource policy from judging the deployed state. By default the engine
	// also runs a resource policy, after all resources were processed, on each resource's outputs,
	// and reports what they show that the inputs did not (a value the provider filled in where the
	// program left it unset), once per policy and resource. Set it for a policy about what the
	// program declares (its inputs, options or provider) rather than about the resource.
	InputsOnly bool
	// Stack judges the whole stack's outputs after all resources were processed.
	Stack func(c *Check, s *Stack)
	// Remediate, for resource policies, returns the resource's fixed properties (and true) when
	// it can fix a violation. It runs only at the remediate enforcement level.
	Remediate func(c *Check, r *Resource) (property.Map, bool)
}

// policyNamePattern is the kebab-case shape of a policy name.
var policyNamePattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// DefaultEnforcementLevel is the level a policy runs at when nothing configures it, in a pack
// whose own default is packDefault.
func (p *Policy) DefaultEnforcementLevel(packDefault EnforcementLevel) EnforcementLevel {
	switch {
	case p.EnforcementLevel != "":
		return p.EnforcementLevel
	case p.Severity == Critical || p.Severity == High:
		return Mandatory
	case p.Severity == Medium || p.Severity == Low:
		return Advisory
	default:
		return packDefault
	}
}

// validate reports what is wrong with a policy definition.
func (p *Policy) validate() error {
	var errs []error
	if !policyNamePattern.MatchString(p.Name) {
		errs = append(errs, fmt.Errorf("name %q is not kebab-case", p.Name))
	}
	if p.Description == "" {
		errs = append(errs, errors.New("description is empty"))
	}
	switch p.Severity {
	case Low, Medium, High, Critical:
	default:
		errs = append(errs, fmt.Errorf("severity %q is not low, medium, high or critical", p.Severity))
	}
	if p.EnforcementLevel != "" && !p.EnforcementLevel.IsValid() {
		errs = append(errs, fmt.Errorf("enforcement level %q is not valid", p.EnforcementLevel))
	}
	if p.Resource == nil && p.Stack == nil {
		errs = append(errs, errors.New("neither Resource nor Stack is set"))
	}
	if p.Remediate != nil && p.Resource == nil {
		errs = append(errs, errors.New("only resource policies can remediate"))
	}
	if p.EnforcementLevel == Remediate && p.Remediate == nil {
		errs = append(errs, errors.New("remediate level without a Remediate function"))
	}
	if (len(p.Config.Properties) > 0) != (p.Settings != nil) {
		errs = append(errs, errors.New("a settings schema (Config) and a Settings type go together"))
	}
	if err := p.Config.validate(); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("policy %q: %w", p.Name, err)
	}
	return nil
}
