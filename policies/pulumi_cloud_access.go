package policies

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// Type tokens of the pulumiservice provider: v1 "index" tokens, their v2 names, and the
// generated api/tokens resources of pulumiservice 1.3.0 (same description and admin inputs).
var (
	personalTokenTypes = []string{"pulumiservice:index:AccessToken", "pulumiservice:orgs/tokens:AccessToken",
		"pulumiservice:api/tokens:PersonalToken"}
	orgTokenTypes = []string{"pulumiservice:index:OrgAccessToken", "pulumiservice:orgs/tokens:OrgAccessToken",
		"pulumiservice:api/tokens:OrgToken"}
	teamTokenTypes = []string{"pulumiservice:index:TeamAccessToken", "pulumiservice:orgs/tokens:TeamAccessToken",
		"pulumiservice:api/tokens:TeamToken"}
	stackPermissionType = []string{
		"pulumiservice:index:TeamStackPermission", "pulumiservice:stacks/permissions:TeamStackPermission",
	}
)

// stackAdminPermission is the TeamStackPermissionScope of admin (101 read, 102 edit, 103 admin).
const stackAdminPermission = "103"

type cloudAccessSettings struct {
	// AdminTeams may hold admin permission on production stacks.
	AdminTeams []string `json:"adminTeams"`
	// ProductionStacks matches the names of production stacks.
	ProductionStacks string `json:"productionStacks"`
	// AllowAdminTokens lets organization tokens be admin tokens.
	AllowAdminTokens bool `json:"allowAdminTokens"`

	production *regexp.Regexp
}

func (s *cloudAccessSettings) Prepare() error {
	if strings.TrimSpace(s.ProductionStacks) == "" {
		return errors.New(`productionStacks: an empty pattern matches every stack name, so every stack would ` +
			`count as production; give a regular expression (RE2) of production stack names, such as "(^|-)prod$"`)
	}
	re, err := regexp.Compile(s.ProductionStacks)
	if err != nil {
		return fmt.Errorf("productionStacks: %w", pack.RegexpError(s.ProductionStacks, err))
	}
	s.production = re
	return nil
}

func init() {
	register(pack.Policy{
		Name:        "pulumi-cloud-access",
		DisplayName: "Pulumi Cloud access is least-privilege",
		Description: "Programs that manage Pulumi Cloud with the pulumiservice provider do not manage personal " +
			"access tokens (pipelines use team or organization tokens), give no team admin permission on " +
			"production stacks unless it is an approved admin team, do not create admin organization tokens, " +
			"and describe every access token.",
		Severity: pack.Medium,
		SeverityVaries: "personal and admin tokens and admin permissions are high; a token without a " +
			"description is low",
		Framework: frameworks.UsingPulumiSecurely("access: least-privilege tokens and stack permissions"),
		Tags:      []string{"pulumi-cloud", "identity", "access"},
		Remediation: "Replace personal access tokens with a TeamAccessToken or OrgAccessToken; grant teams " +
			"write (102) rather than admin (103) on production stacks, or add the team to adminTeams; give each " +
			"token a description of what uses it.",
		Types: slices.Concat(personalTokenTypes, orgTokenTypes, teamTokenTypes, stackPermissionType),
		Config: pack.Schema{Properties: map[string]pack.JSONSchema{
			"adminTeams": pack.StringList("Teams that may hold admin permission on production stacks."),
			"productionStacks": pack.String("A regular expression (RE2) matching production stack names.",
				`(?i)(^|[-_.])(prod|production|prd|live)([-_.]|$)`),
			"allowAdminTokens": pack.Boolean("Allow organization access tokens with admin rights.", false),
		}},
		Settings: func() any { return &cloudAccessSettings{} },
		Resource: checkCloudAccess,
	})
}

func checkCloudAccess(c *pack.Check, r *pack.Resource) {
	s := pack.SettingsOf[cloudAccessSettings](c)
	switch {
	case slices.Contains(personalTokenTypes, r.Type):
		c.Report(pack.Violation{Severity: pack.High, Message: r.Name + " is a personal access token managed as " +
			"code: it acts with its creator's full rights and leaves with them; give pipelines a team or " +
			"organization access token instead"})
		checkTokenDescription(c, r)
	case slices.Contains(orgTokenTypes, r.Type):
		if r.Get("admin").Bool(false) && !s.AllowAdminTokens {
			c.Report(pack.Violation{Severity: pack.High, Message: r.Name + " is an admin organization token: " +
				"create it without admin: true and grant what it needs through teams"})
		}
		checkTokenDescription(c, r)
	case slices.Contains(teamTokenTypes, r.Type):
		checkTokenDescription(c, r)
	default:
		checkStackPermission(c, r, s)
	}
}

func checkTokenDescription(c *pack.Check, r *pack.Resource) {
	if strings.TrimSpace(r.Get("description").Text("")) == "" {
		c.Report(pack.Violation{Severity: pack.Low, Message: r.Name + " has no description: say what uses the " +
			"token, so that it can be audited and rotated"})
	}
}

func checkStackPermission(c *pack.Check, r *pack.Resource, s *cloudAccessSettings) {
	level := r.Get("permission").Text("")
	if level != stackAdminPermission && !strings.EqualFold(level, "admin") {
		return
	}
	stack, team := r.Get("stack").Text(""), r.Get("team").Text("")
	if s.production.MatchString(stack) && !slices.Contains(s.AdminTeams, team) {
		c.Report(pack.Violation{Severity: pack.High, Message: "team " + team + " gets admin permission on " +
			"production stack " + stack + ": grant write (102) instead, or add the team to adminTeams"})
	}
}
