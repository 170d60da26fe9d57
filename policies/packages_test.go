package policies

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
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
		named(bucket("7.2.0"), "default list approves aws", packtest.Pass, ""),
		{Name: "unapproved package", Want: packtest.Violation,
			Message:  `package "acmecloud" (resource type acmecloud:index:Thing) is not approved: approved packages are aws, aws-native`,
			Resource: packtest.WithProvider(packtest.Resource("acmecloud:index:Thing", "t", nil), "acmecloud", nil)},
		named(configure(bucket("7.2.0"), ranged), "version in range", packtest.Pass, ""),
		named(configure(bucket("5.42.0"), ranged), "version below range", packtest.Violation,
			"the aws provider is at version 5.42.0, outside the approved range >=6.0.0 <8.0.0"),
		named(configure(bucket("8.0.0-alpha.1"), ranged), "prerelease above range", packtest.Violation,
			"outside the approved range"),
		named(configure(bucket(nil), ranged), "version not declared", packtest.NotApplicable,
			"does not declare its version"),
		named(configure(bucket("latest"), ranged), "version not semver", packtest.Violation,
			"is not a semantic version"),
		named(configure(bucket("6.0.0"), map[string]any{"packages": map[string]any{"aws": ""}}),
			"package missing from a configured list", packtest.Pass, ""),
		named(configure(bucket("6.0.0"), map[string]any{"packages": map[string]any{}}),
			"empty list approves nothing", packtest.Violation, "approved packages are none"),
		{Name: "allowAll approves any package", Want: packtest.Pass, Config: map[string]any{"allowAll": true},
			Resource: packtest.WithProvider(packtest.Resource("acmecloud:index:Thing", "t", nil), "acmecloud", nil)},
		named(configure(bucket("5.0.0"), map[string]any{"allowAll": true, "packages": map[string]any{"aws": ">=6.0.0"}}),
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
