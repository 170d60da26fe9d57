package policies

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/Masterminds/semver/v3"
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// defaultApprovedPackages are the major clouds and the common utility packages, any version.
var defaultApprovedPackages = []string{
	"aws", "aws-native", "awsx", "eks", "azure-native", "azure", "azuread", "gcp", "google-native", "kubernetes",
	"random", "tls", "command", "time", "pulumiservice", "docker", "docker-build",
}

// dynamicProviderPackages are the packages of dynamic providers, whose code is the program's.
var dynamicProviderPackages = map[string]bool{"pulumi-nodejs": true, "pulumi-python": true}

type packageSettings struct {
	// Packages maps each approved package to a version range its provider version must be in ("" for
	// any), written as in npm or Cargo: ">=6.0.0 <8.0.0", "^6.0.0", "~6.2", "6.x", "^6 || ^7", "6.0.0 - 7.2.0".
	Packages map[string]string `json:"packages"`
	// AllowAll approves every package; with it, Packages only constrains versions.
	AllowAll bool `json:"allowAll"`
	// AllowDynamicProviders approves dynamic providers, which run the program's own code.
	AllowDynamicProviders bool `json:"allowDynamicProviders"`

	ranges map[string]*semver.Constraints
}

// rangeExamples shows valid version ranges in errors.
const rangeExamples = `">=6.0.0 <8.0.0", "^6.0.0", "~6.2", "6.x", "^6 || ^7" or "6.0.0 - 7.2.0"`

func (s *packageSettings) Prepare() error {
	s.ranges = map[string]*semver.Constraints{}
	for _, pkg := range slices.Sorted(maps.Keys(s.Packages)) {
		if want := strings.TrimSpace(s.Packages[pkg]); want != "" && want != "*" {
			r, err := semver.NewConstraint(want)
			if err != nil {
				return fmt.Errorf("packages.%s: version range %q is not valid (%w): write a range such as %s, "+
					"or \"\" for any version", pkg, want, err, rangeExamples)
			}
			s.ranges[pkg] = r
		}
	}
	if s.AllowAll && len(s.ranges) == 0 {
		return pack.TurnsRuleOff("allowAll", "true approves every package, and packages gives no version range "+
			"to check", `give packages version ranges to hold every provider to (such as {"aws": "^7.0.0"})`)
	}
	return nil
}

func init() {
	defaults := make(map[string]string, len(defaultApprovedPackages))
	for _, pkg := range defaultApprovedPackages {
		defaults[pkg] = ""
	}
	register(pack.Policy{
		Name:        "approved-packages",
		DisplayName: "Resources come from approved provider packages",
		Description: "Every resource is managed by a provider package on the allowlist, at a version in its " +
			"approved range: a supply-chain control over which code runs with your cloud credentials.",
		Severity:  pack.High,
		Framework: frameworks.UsingPulumiSecurely("supply chain: approve providers and pin their versions"),
		Tags:      []string{"supply-chain", "governance"},
		Remediation: "Use an approved package, move the provider to a version in the approved range (pin it " +
			"in the program's dependencies), or ask the platform team to add the package to the packages setting.",
		Config: pack.Schema{Properties: map[string]pack.JSONSchema{
			"packages": pack.StringMap("The approved packages, each with a version range its provider version must "+
				"be in (\"\" for any version), written as in npm or Cargo: {\"aws\": \">=6.0.0 <8.0.0\"}, \"^6.0.0\", "+
				"\"~6.2\", \"6.x\", \"^6 || ^7\" or \"6.0.0 - 7.2.0\". Setting it replaces the default list: "+
				strings.Join(defaultApprovedPackages, ", ")+". An empty object approves nothing.", defaults),
			"allowAll": pack.Boolean("Approve every package; the version ranges in packages still apply, and "+
				"at least one must be given.", false),
			"allowDynamicProviders": pack.Boolean("Approve dynamic providers (pulumi-nodejs, pulumi-python), "+
				"which run the program's own code rather than a package's.", true),
		}},
		Settings:   func() any { return &packageSettings{} },
		Resource:   checkApprovedPackage,
		InputsOnly: true, // about what the program declares, not the deployed resource
	})
}

func checkApprovedPackage(c *pack.Check, r *pack.Resource) {
	if r.Provider == nil || r.IsProvider() {
		c.Skip("judged through the custom resources a provider manages; components and the stack have no provider")
		return
	}
	s := pack.SettingsOf[packageSettings](c)
	pkg := r.Package()
	if dynamicProviderPackages[pkg] && s.AllowDynamicProviders {
		c.Skip("dynamic providers run the program's own code (the allowDynamicProviders setting)")
		return
	}
	if _, approved := s.Packages[pkg]; !approved && !s.AllowAll {
		c.Violatef("package %q (resource type %s) is not approved: approved packages are %s", pkg, r.Type,
			approvedList(s.Packages))
		return
	}
	want, constrained := s.ranges[pkg]
	if !constrained {
		return
	}
	if strings.TrimSpace(r.Provider.Get("version").Text("")) == "" {
		c.Skip(fmt.Sprintf("the %s provider does not declare its version, so the approved range %s cannot be checked",
			pkg, s.Packages[pkg]))
		return
	}
	v, ok := r.Provider.Version()
	if !ok {
		c.Violatef("the %s provider version %v is not a semantic version, so it cannot be in the approved range %s",
			pkg, r.Provider.Get("version"), s.Packages[pkg])
		return
	}
	// A prerelease is judged as the release it leads to: 8.0.0-alpha.1 is not "<8.0.0".
	release := semver.New(v.Major, v.Minor, v.Patch, "", "")
	if !want.Check(release) {
		c.Violatef("the %s provider is at version %s, outside the approved range %s", pkg, v, s.Packages[pkg])
	}
}

func approvedList(packages map[string]string) string {
	if len(packages) == 0 {
		return "none"
	}
	return strings.Join(slices.Sorted(maps.Keys(packages)), ", ")
}
