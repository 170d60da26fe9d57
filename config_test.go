package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/internal/docs"
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies"
	"github.com/pulumi/pulumi/pkg/v3/resource/analyzer"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// configure does with a config file what `pulumi preview --policy-pack-config <file>` does: load
// it, reconcile it with the schemas the binary reports, validate, and send it to the pack.
func configure(t *testing.T, file string) error {
	t.Helper()
	a := launch(t, packBinary, nil)
	info, err := a.GetAnalyzerInfo(t.Context())
	require.NoError(t, err)
	loaded, err := analyzer.LoadPolicyPackConfigFile(file)
	if err != nil {
		return err
	}
	config, validationErrors, err := analyzer.ReconcilePolicyPackConfig(info.Policies, info.InitialConfig, loaded.Config)
	if err != nil {
		return err
	}
	if len(validationErrors) > 0 {
		sort.Strings(validationErrors)
		return &validationError{strings.Join(validationErrors, "; ")}
	}
	return a.Configure(t.Context(), config)
}

type validationError struct{ msg string }

func (e *validationError) Error() string { return "validating policy config: " + e.msg }

func TestExampleConfigsAreAccepted(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("examples/config/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			t.Parallel()
			assert.NoError(t, configure(t, f))
		})
	}
}

func TestTeamConfigCoversEverySeedPolicy(t *testing.T) {
	t.Parallel()
	loaded, err := analyzer.LoadPolicyPackConfigFile("examples/config/team.json")
	require.NoError(t, err)
	for _, name := range []string{
		"required-stack-tags", "approved-packages", "no-plaintext-secrets-in-config", "no-plaintext-secrets-in-inputs",
		"required-resource-tags", "production-protection", "production-updates-from-pipelines", "pulumi-cloud-access",
	} {
		assert.Contains(t, loaded.Config, name)
	}
}

func TestWrongConfigsAreRejectedNamingThePolicy(t *testing.T) {
	t.Parallel()
	for file, want := range map[string]string{
		"wrong-type.json":      "required-stack-tags: tags: Invalid type",
		"unknown-setting.json": `approved-packages: unknown setting "pakages"`,
		"unknown-policy.json":  `"required-stack-tag" is not a policy of pulumi-securely (did you mean "required-stack-tags"?)`,
		"bad-range.json":       `approved-packages: packages.aws: version range ">=six" is not valid`,
		"bad-regex.json":       "pulumi-cloud-access: productionStacks: \"(prod\" is not a regular expression",
		"empty-ports.json": "aws-security-group-admin-ports-open: ports: an empty list checks no port, which " +
			"turns the rule off; list the ports to watch (the explain command shows the rule's default list)",
		"empty-production-stacks.json": "pulumi-cloud-access: productionStacks: an empty pattern matches every " +
			"stack name",
		"no-required-tags.json": "required-stack-tags: tags: an empty object requires no tag of any stack, which " +
			`turns the rule off; name the tags to require (by default {"owner": {}, "environment": {}}), or set the ` +
			`rule's enforcementLevel to "disabled"`,
		"relative-host-path.json": `kubernetes-pod-no-host-path-volumes: allowedPathPrefixes: "var/log" is a ` +
			`relative path`,
		"huge-repeat.json": `required-stack-tags: tags.owner.pattern: "a{2000}" is not a regular expression ` +
			`the pack can use (RE2 syntax, repeat counts up to 1000`,
		"lone-operator-range.json": `approved-packages: packages.aws: version range ">" is not valid`,
		"misspelt-level.json":      `aws-s3-bucket-versioning: unknown setting "enforcmentLevel" (settings: none) (did you mean "enforcementLevel"?)`,
		"remediate-level.json":     `aws-s3-bucket-versioning: enforcement level "remediate" needs a policy that fixes what it finds`,
	} {
		t.Run(file, func(t *testing.T) {
			t.Parallel()
			err := configure(t, filepath.Join("testdata", "config", file))
			require.Error(t, err)
			assert.Contains(t, err.Error(), want)
			if strings.Contains(file, "range") {
				assert.Contains(t, err.Error(), `: write a range such as ">=6.0.0 <8.0.0", "^6.0.0"`)
			}
		})
	}
}

// TestEveryPolicySchemaValidatesItsDefaults proves that each policy's defaults pass its own
// schema with the engine's validator: an empty config file is valid.
func TestEveryPolicySchemaValidatesItsDefaults(t *testing.T) {
	t.Parallel()
	empty := filepath.Join(t.TempDir(), "empty.json")
	require.NoError(t, os.WriteFile(empty, []byte("{}"), 0o600))
	assert.NoError(t, configure(t, empty))
}

func TestReferenceConfigIsUpToDate(t *testing.T) {
	t.Parallel()
	got, err := os.ReadFile("examples/config/reference.json")
	require.NoError(t, err)
	catalog := policies.Bare("0.0.0")
	want, err := catalog.ReferenceConfig()
	require.NoError(t, err)
	if string(got) != string(want) {
		t.Fatal("examples/config/reference.json is out of date: run `go run ./tools/docs`")
	}
	loaded, err := analyzer.LoadPolicyPackConfigFile("examples/config/reference.json")
	require.NoError(t, err)
	for _, p := range policies.All() {
		require.Contains(t, loaded.Config, p.Name)
		assert.Equal(t, p.DefaultEnforcementLevel(pack.Advisory), loaded.Config[p.Name].EnforcementLevel, p.Name)
	}
}

// The adopting config makes everything advisory but keeps the critical and high rules mandatory,
// as the engine resolves it: "all": "advisory" alone would downgrade them too.
func TestAdoptingConfigKeepsCriticalAndHighMandatory(t *testing.T) {
	t.Parallel()
	const file = "examples/config/adopting.json"
	got, err := os.ReadFile(file)
	require.NoError(t, err)
	catalog := policies.Bare("0.0.0")
	want, err := catalog.AdoptingConfig()
	require.NoError(t, err)
	require.Equal(t, string(want), string(got), "%s is out of date: run `go run ./tools/docs`", file)

	a, err := pack.NewAnalyzer(pack.Pack{Name: policies.Name, Version: "0.0.1", Policies: policies.All()})
	require.NoError(t, err)
	info, err := a.GetAnalyzerInfo(t.Context())
	require.NoError(t, err)
	loaded, err := analyzer.LoadPolicyPackConfigFile(file)
	require.NoError(t, err)
	config, validationErrors, err := analyzer.ReconcilePolicyPackConfig(info.Policies, info.InitialConfig, loaded.Config)
	require.NoError(t, err)
	require.Empty(t, validationErrors)
	for _, p := range policies.All() {
		level := pack.Advisory
		if p.Severity == pack.Critical || p.Severity == pack.High {
			level = pack.Mandatory
		}
		assert.Equal(t, level, config[p.Name].EnforcementLevel, "%s (%s)", p.Name, p.Severity)
	}
	assert.NoError(t, a.Configure(t.Context(), config))
}

func TestRuleReferenceIsUpToDate(t *testing.T) {
	t.Parallel()
	project, err := os.ReadFile("PulumiPolicy.yaml")
	require.NoError(t, err)
	p, err := policies.Pack(project, "")
	require.NoError(t, err)
	pages, err := p.ReferencePages("go run ./tools/docs")
	require.NoError(t, err)
	for _, pol := range p.Policies {
		require.Contains(t, pages, pack.ReferencePageName(pol.Name))
	}
	problems, err := docs.Drift(docs.Dir, pages)
	require.NoError(t, err)
	assert.Empty(t, problems, "the rule reference is out of date: run `go run ./tools/docs`")
}

// TestReadmeIsAGuide keeps the README a guide: the rule reference lives in docs/rules.
func TestReadmeIsAGuide(t *testing.T) {
	t.Parallel()
	info, err := os.Stat("README.md")
	require.NoError(t, err)
	assert.LessOrEqual(t, info.Size(), int64(40<<10), "README.md is over 40 KB: move reference material to docs/")
}

// TestDocsLinksLeadSomewhere checks the guide's contents list and the reference's index: every
// anchor names a heading of its page, every relative link an existing file.
func TestDocsLinksLeadSomewhere(t *testing.T) {
	t.Parallel()
	pages, err := filepath.Glob(filepath.Join(docs.Dir, "*.md"))
	require.NoError(t, err)
	others, err := filepath.Glob("docs/*.md")
	require.NoError(t, err)
	for _, page := range append(append([]string{"README.md", "examples/README.md", "examples/custom-pack/README.md"}, others...), pages...) {
		broken, err := docs.BrokenLinks(page)
		require.NoError(t, err)
		assert.Empty(t, broken)
	}
}

// TestConfigErrorsTheEngineRaises pins what the engine itself does with a config file before the
// pack sees it, as the README's "Config errors" section tells users: these never reach the pack,
// which so cannot name the rule or key.
func TestConfigErrorsTheEngineRaises(t *testing.T) {
	t.Parallel()
	for file, want := range map[string]string{
		"huge-number.json":     "json: cannot unmarshal number 1e400 into Go value of type float64",
		"top-level-array.json": "json: cannot unmarshal array into Go value of type map[string]interface {}",
	} {
		t.Run(file, func(t *testing.T) {
			_, err := analyzer.LoadPolicyPackConfigFile(filepath.Join("testdata", "config", file))
			require.Error(t, err)
			assert.Equal(t, want, err.Error())
		})
	}
	t.Run("a misspelt key of a version 2 file is ignored", func(t *testing.T) {
		loaded, err := analyzer.LoadPolicyPackConfigFile(filepath.Join("testdata", "config", "misspelt-v2-key.json"))
		require.NoError(t, err)
		assert.Empty(t, loaded.Config, "the engine reads only \"policies\" (and \"environments\", \"exceptions\")")
	})
}
