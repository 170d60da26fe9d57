package policies

import (
	"slices"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ownRule is a team's own rule, as a custom pack adds it.
var ownRule = pack.Policy{
	Name:        "acme-buckets-named-by-team",
	Description: "Bucket names start with the owning team.",
	Severity:    pack.Low,
	Types:       []string{"aws:s3/bucketV2:BucketV2"},
	Resource: func(c *pack.Check, r *pack.Resource) {
		if name := r.Get("bucket").Text(""); len(name) < 5 || name[:5] != "acme-" {
			c.Violatef("bucket %s is not named acme-*", r.Name)
		}
	},
}

func names(policies []pack.Policy) []string {
	out := make([]string, len(policies))
	for i, p := range policies {
		out[i] = p.Name
	}
	return out
}

func TestCustomPackKeepsEveryBuiltInRuleAndAddsItsOwn(t *testing.T) {
	p, err := NewPack("acme-guardrails").Version("1.2.0").DocsURL("https://wiki.acme.example/rules/").
		BuiltIn().Add(ownRule).Build()
	require.NoError(t, err)
	assert.Equal(t, "acme-guardrails", p.Name)
	assert.Equal(t, "1.2.0", p.Version)
	assert.Len(t, p.Policies, len(All())+1)
	for _, pol := range p.Policies {
		if pol.Name == ownRule.Name {
			assert.Equal(t, "https://wiki.acme.example/rules/acme-buckets-named-by-team.md", p.PolicyURL(&pol))
		} else {
			assert.Equal(t, DocsURL+"/"+pol.Name+".md", p.PolicyURL(&pol), "built-in rules link to their reference")
		}
	}
	packtest.Run(t, p.Policies, ownRule.Name, []packtest.Case{
		{Name: "team bucket", Want: packtest.Pass,
			Resource: packtest.Resource("aws:s3/bucketV2:BucketV2", "logs", packtest.Props{"bucket": "acme-logs"})},
		{Name: "stray bucket", Want: packtest.Violation, Message: "bucket logs is not named acme-*",
			Resource: packtest.Resource("aws:s3/bucketV2:BucketV2", "logs", packtest.Props{"bucket": "logs"})},
	})
}

func TestCustomPackSelectsBuiltInRules(t *testing.T) {
	catalog := Bare("0.0.0")
	build := func(b *Builder) []pack.Policy {
		t.Helper()
		p, err := b.Build()
		require.NoError(t, err)
		return p.Policies
	}
	t.Run("by cloud", func(t *testing.T) {
		got := build(NewPack("k8s").Version("1.0.0").BuiltIn(Clouds("kubernetes")))
		require.NotEmpty(t, got)
		for _, p := range got {
			assert.Contains(t, catalog.Clouds(&p), "kubernetes", p.Name)
		}
		assert.Contains(t, names(got), "kubernetes-pod-no-privileged-containers")
		assert.NotContains(t, names(got), "aws-s3-bucket-versioning")
	})
	t.Run("the rules about every cloud", func(t *testing.T) {
		got := names(build(NewPack("seed").Version("1.0.0").BuiltIn(Clouds(pack.AnyCloud))))
		assert.Contains(t, got, "approved-packages")
		assert.Contains(t, got, "no-plaintext-secrets-in-config")
		assert.NotContains(t, got, "required-resource-tags", "about AWS, Azure and Google Cloud")
		assert.NotContains(t, got, "required-stack-tags", "about Pulumi Cloud's stacks")
	})
	t.Run("filters of one selection all apply", func(t *testing.T) {
		got := build(NewPack("aws-high").Version("1.0.0").BuiltIn(Clouds("aws"), MinSeverity(pack.High)))
		require.NotEmpty(t, got)
		for _, p := range got {
			assert.Contains(t, catalog.Clouds(&p), "aws", p.Name)
			assert.Contains(t, []pack.Severity{pack.High, pack.Critical}, p.Severity, p.Name)
		}
	})
	t.Run("selections add up, Without takes away", func(t *testing.T) {
		got := names(build(NewPack("mix").Version("1.0.0").
			BuiltIn(Frameworks("CIS Kubernetes Benchmark")).
			BuiltIn(Names("approved-packages", "aws-s3-bucket-versioning")).
			Without("aws-s3-bucket-versioning")))
		assert.Contains(t, got, "approved-packages")
		assert.NotContains(t, got, "aws-s3-bucket-versioning")
		assert.Contains(t, got, "kubernetes-rbac-no-cluster-admin-binding")
		assert.True(t, slices.IsSorted(got), "sorted by name")
	})
	t.Run("a rule superseding one left out", func(t *testing.T) {
		got := build(NewPack("sg").Version("1.0.0").BuiltIn(Names("aws-iam-policy-no-admin-access")))
		require.Len(t, got, 1)
		assert.Empty(t, got[0].Supersedes)
		all := build(NewPack("all").Version("1.0.0").BuiltIn())
		i := slices.IndexFunc(all, func(p pack.Policy) bool { return p.Name == "aws-iam-policy-no-admin-access" })
		assert.Contains(t, all[i].Supersedes, "aws-iam-policy-no-kms-decrypt-all-keys")
	})
	t.Run("by framework citation, as rules -framework does", func(t *testing.T) {
		got := build(NewPack("cis").Version("1.0.0").BuiltIn(Frameworks("cis")))
		cited := map[string]bool{}
		for _, p := range got {
			require.NotNil(t, p.Framework, p.Name)
			assert.Contains(t, p.Framework.Name, "CIS", p.Name)
			cited[p.Framework.Name] = true
		}
		assert.Greater(t, len(cited), 3, "every CIS benchmark: %v", cited)
		one := names(build(NewPack("s3").Version("1.0.0").BuiltIn(Frameworks("Best Practices S3.8"))))
		assert.Equal(t, []string{"aws-s3-bucket-public-access-block", "aws-s3-public-access-block-disabled"}, one,
			"as `pulumi-securely rules -framework \"Best Practices S3.8\"` lists them")
	})
	t.Run("by tag", func(t *testing.T) {
		got := build(NewPack("enc").Version("1.0.0").BuiltIn(Tagged("encryption")))
		require.NotEmpty(t, got)
		for _, p := range got {
			assert.Contains(t, p.Tags, "encryption", p.Name)
		}
	})
}

func TestCustomPackRefusesMistakes(t *testing.T) {
	for _, tt := range []struct {
		name  string
		build *Builder
		want  []string
	}{
		{"mistyped cloud", NewPack("p").Version("1.0.0").BuiltIn(Clouds("awz")),
			[]string{`"awz" is not a cloud of pulumi-securely (did you mean "aws"?)`, "selects no rule"}},
		{"mistyped rule", NewPack("p").Version("1.0.0").BuiltIn(Names("approved-package")),
			[]string{`"approved-package" is not a built-in rule of pulumi-securely (did you mean "approved-packages"?)`}},
		{"unknown framework", NewPack("p").Version("1.0.0").BuiltIn(Frameworks("PCI DSS")),
			[]string{`"PCI DSS" is not a framework of pulumi-securely`}},
		{"unknown severity", NewPack("p").Version("1.0.0").BuiltIn(MinSeverity("severe")),
			[]string{`"severe" is not low, medium, high or critical`}},
		{"a selection that selects nothing", NewPack("p").Version("1.0.0").
			BuiltIn(Clouds("azure"), Frameworks("CIS Kubernetes Benchmark")),
			[]string{"BuiltIn selection 1 (Clouds(azure), Frameworks(CIS Kubernetes Benchmark)) selects no rule"}},
		{"mistyped Without", NewPack("p").Version("1.0.0").BuiltIn().Without("aws-s3-bucket-versionning"),
			[]string{`Without: "aws-s3-bucket-versionning" is not a built-in rule (did you mean "aws-s3-bucket-versioning"?)`}},
		{"no version", NewPack("p").BuiltIn(), []string{"the pack has no version"}},
		{"no rule", NewPack("p").Version("1.0.0"), []string{"the pack has no rule"}},
		{"an own rule named like a built-in one", NewPack("p").Version("1.0.0").BuiltIn(Names("approved-packages")).
			Add(pack.Policy{Name: "approved-packages", Description: "mine", Severity: pack.Low,
				Resource: func(*pack.Check, *pack.Resource) {}}),
			[]string{`policy "approved-packages" is defined twice`}},
		{"a name the engine refuses", NewPack("Acme Rules").Version("1.0.0").BuiltIn(), []string{"not kebab-case"}},
		{"a broken PulumiPolicy.yaml", NewPack("p").Project([]byte("runtime: go\n")).BuiltIn(),
			[]string{"PulumiPolicy.yaml has no version"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.build.Build()
			require.Error(t, err)
			for _, want := range tt.want {
				assert.Contains(t, err.Error(), want)
			}
		})
	}
}

func TestCustomPackTakesItsProject(t *testing.T) {
	p, err := NewPack("acme").Project([]byte("runtime: go\nversion: 2.1.0\ndescription: Acme's guardrails.\n")).
		BuiltIn(Names("approved-packages")).Build()
	require.NoError(t, err)
	assert.Equal(t, "2.1.0", p.Version)
	assert.Equal(t, "Acme's guardrails.", p.Description)
	assert.Equal(t, []string{"approved-packages"}, names(p.Policies))
}
