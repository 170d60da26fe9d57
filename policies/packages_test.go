package policies

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestApprovedPackages(t *testing.T) {
	bucket := func(version any) packtest.Case {
		props := packtest.Props{}
		if version != nil {
			props["version"] = version
		}
		return packtest.Case{Resource: packtest.WithProvider(packtest.Resource("aws:s3/bucket:Bucket", "b", nil), "aws", props)}
	}
	ranged := map[string]any{"packages": map[string]any{"aws": ">=6.0.0 <8.0.0", "random": ""}}
	packtest.Run(t, All(), "approved-packages", []packtest.Case{
		packtest.Named(bucket("7.2.0"), "default list approves aws", packtest.Pass, ""),
		{Name: "unapproved package", Want: packtest.Violation,
			Message:  `package "acmecloud" (resource type acmecloud:index:Thing) is not approved: approved packages are aws, aws-native`,
			Resource: packtest.WithProvider(packtest.Resource("acmecloud:index:Thing", "t", nil), "acmecloud", nil)},
		packtest.Named(packtest.Configured(bucket("7.2.0"), ranged), "version in range", packtest.Pass, ""),
		packtest.Named(packtest.Configured(bucket("5.42.0"), ranged), "version below range", packtest.Violation,
			"the aws provider is at version 5.42.0, outside the approved range >=6.0.0 <8.0.0"),
		packtest.Named(packtest.Configured(bucket("8.0.0-alpha.1"), ranged), "prerelease above range", packtest.Violation,
			"outside the approved range"),
		packtest.Named(packtest.Configured(bucket(nil), ranged), "version not declared", packtest.NotApplicable,
			"does not declare its version"),
		packtest.Named(packtest.Configured(bucket("latest"), ranged), "version not semver", packtest.Violation,
			"is not a semantic version"),
		packtest.Named(packtest.Configured(bucket("6.0.0"), map[string]any{"packages": map[string]any{"aws": ""}}),
			"package missing from a configured list", packtest.Pass, ""),
		packtest.Named(packtest.Configured(bucket("6.0.0"), map[string]any{"packages": map[string]any{}}),
			"empty list approves nothing", packtest.Violation, "approved packages are none"),
		{Name: "allowAll approves any package", Want: packtest.Pass,
			Config:   map[string]any{"allowAll": true, "packages": map[string]any{"aws": ">=6.0.0"}},
			Resource: packtest.WithProvider(packtest.Resource("acmecloud:index:Thing", "t", nil), "acmecloud", nil)},
		packtest.Named(packtest.Configured(bucket("5.0.0"), map[string]any{"allowAll": true, "packages": map[string]any{"aws": ">=6.0.0"}}),
			"allowAll keeps version ranges", packtest.Violation, "outside"),
		{Name: "dynamic providers run the program's code", Want: packtest.NotApplicable, Message: "dynamic providers",
			Resource: packtest.WithProvider(packtest.Resource("pulumi-nodejs:dynamic:Resource", "d", nil), "pulumi-nodejs", nil)},
		{Name: "dynamic providers can be refused", Want: packtest.Violation, Message: `package "pulumi-nodejs"`,
			Config:   map[string]any{"allowDynamicProviders": false},
			Resource: packtest.WithProvider(packtest.Resource("pulumi-nodejs:dynamic:Resource", "d", nil), "pulumi-nodejs", nil)},
		{Name: "components have no provider", Want: packtest.NotApplicable, Message: "components",
			Resource: packtest.Resource("acme:index:WebApp", "app", nil)},
		{Name: "provider resources are judged through their resources", Want: packtest.NotApplicable,
			Message: "judged through", Resource: packtest.WithProvider(packtest.Resource("pulumi:providers:acme", "p", nil), "x", nil)},
	})
}

// Every range form users write, npm and Cargo style as well as the forms the README and the
// example configs document, against the versions it admits and refuses.
func TestApprovedPackageRanges(t *testing.T) {
	for _, tc := range []struct {
		rng             string
		admits, refuses []string
	}{
		{">=6.0.0 <8.0.0", []string{"6.0.0", "7.2.0"}, []string{"5.42.0", "8.0.0"}}, // README, team.json
		{">=4.0.0", []string{"4.0.0", "4.18.0"}, []string{"3.30.0"}},                // README, team.json
		{">=6.0.0", []string{"6.0.0"}, []string{"5.0.0"}},                           // the example stacks' config
		{"^6.0.0", []string{"6.0.0", "6.83.4"}, []string{"5.42.0", "7.0.0"}},
		{"~6.2", []string{"6.2.0", "6.2.9"}, []string{"6.3.0"}},
		{"6.x", []string{"6.0.0", "6.83.4"}, []string{"7.0.0"}},
		{"^6 || ^7", []string{"6.1.0", "7.2.0"}, []string{"8.0.0"}},
		{"6.0.0 - 7.2.0", []string{"6.0.0", "7.2.0"}, []string{"7.2.1"}},
		{"=7.2.0", []string{"7.2.0"}, []string{"7.2.1"}},
		{"*", []string{"1.0.0"}, nil},
	} {
		config := map[string]any{"packages": map[string]any{"aws": tc.rng}}
		var cases []packtest.Case
		for _, v := range tc.admits {
			cases = append(cases, packtest.Named(packtest.Configured(awsBucketAt(v), config), tc.rng+" admits "+v, packtest.Pass, ""))
		}
		for _, v := range tc.refuses {
			cases = append(cases, packtest.Named(packtest.Configured(awsBucketAt(v), config), tc.rng+" refuses "+v, packtest.Violation,
				"outside the approved range "+tc.rng))
		}
		packtest.Run(t, All(), "approved-packages", cases)
	}
}

func awsBucketAt(version string) packtest.Case {
	return packtest.Case{Resource: packtest.WithProvider(packtest.Resource("aws:s3/bucket:Bucket", "b", nil), "aws",
		packtest.Props{"version": version})}
}

func TestApprovedPackageRangeErrorsShowAValidRange(t *testing.T) {
	s := &packageSettings{Packages: map[string]string{"aws": ">=six"}}
	err := s.Prepare()
	require.Error(t, err)
	assert.Contains(t, err.Error(), `packages.aws: version range ">=six" is not valid`)
	assert.Contains(t, err.Error(), `write a range such as ">=6.0.0 <8.0.0", "^6.0.0"`)
}
