package policies

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// productionStack says which stacks are production: those whose environment tag (by default
// "environment") has one of the production values.
type productionStack struct {
	EnvironmentTag   string   `json:"environmentTag"`
	ProductionValues []string `json:"productionValues"`
}

// Prepare refuses settings under which no stack is production, which would turn the rule off.
func (p *productionStack) Prepare() error {
	if strings.TrimSpace(p.EnvironmentTag) == "" {
		return pack.TurnsRuleOff("environmentTag", "an empty tag name is never a stack tag, so no stack is "+
			"production", `name the stack tag that holds the environment (by default "environment")`)
	}
	if len(p.ProductionValues) == 0 {
		return pack.TurnsRuleOff("productionValues", "an empty list marks no stack as production",
			`list the environment tag values of production stacks (by default ["production", "prod", "prd", "live"])`)
	}
	return nil
}

// productionSchema is the schema of productionStack's settings, merged into a policy's schema.
func productionSchema(props map[string]pack.JSONSchema) map[string]pack.JSONSchema {
	props["environmentTag"] = pack.String("The stack tag that names the stack's environment.", "environment")
	props["productionValues"] = pack.StringList("Values of the environment tag that mark a production stack "+
		"(compared without regard to case).", "production", "prod", "prd", "live")
	return props
}

// isProduction reports whether the deployment is a production stack.
func (p productionStack) isProduction(d *pack.Deployment) bool {
	env := strings.TrimSpace(d.Tags[p.EnvironmentTag])
	for _, v := range p.ProductionValues {
		if strings.EqualFold(env, v) {
			return true
		}
	}
	return false
}

// skipUnlessProduction marks the check not applicable, and returns false, unless the stack is
// known to be production.
func (p productionStack) skipUnlessProduction(c *pack.Check) bool {
	d := c.Deployment()
	switch {
	case !d.Known:
		c.Skip("the engine did not send the stack's tags (pulumi policy analyze --file and publish do not)")
	case !p.isProduction(d):
		c.Skip("stack " + d.Stack + " is not production (its " + p.EnvironmentTag + " tag is not one of " +
			strings.Join(p.ProductionValues, ", ") + ")")
	default:
		return true
	}
	return false
}
