package policies

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies/aws"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// deliberateOverlaps are the pairs of rules that may report the same resource and property, each
// with the reason both findings are worth showing. Keys are "rule-a rule-b", sorted. Rules that
// say the same thing instead declare Supersedes.
var deliberateOverlaps = map[string]string{
	"kubernetes-pod-capabilities-drop-all kubernetes-pod-no-dangerous-capabilities": "both judge " +
		"securityContext.capabilities.add against different lists: the baseline rule flags the dangerous " +
		"capabilities (beyond its allowedCapabilities setting), the restricted one every capability but " +
		"NET_BIND_SERVICE; each lists the values it judges, so neither finding says all the other does",
}

// exports are the stack exports every rule runs over: the examples, and the real-world exports
// written outside this project when they are present.
func exports(t *testing.T) map[string]func(t *testing.T) string {
	t.Helper()
	files, err := filepath.Glob("../examples/stacks/*.json")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	out := map[string]func(t *testing.T) string{}
	for _, f := range files {
		out[filepath.Base(f)] = func(*testing.T) string { return f }
	}
	for _, name := range []string{"opa-fixtures.export.json", "azure-classic-private-rmq.export.json",
		"azure-native-networked-vm.export.json", "kubernetes-kloudlib.export.json", "aws-rds-instance.export.json"} {
		out[name] = func(t *testing.T) string { return packtest.RealWorld(t, name) }
	}
	return out
}

// findingsOf runs every rule of policies over a stack export, as `pulumi policy analyze --file`
// does; d, when not nil, describes the stack (so that the stack-context rules run too).
func findingsOf(t *testing.T, policies []pack.Policy, file string, d *pack.Deployment) []pack.Finding {
	t.Helper()
	a, err := pack.NewAnalyzer(pack.Pack{Name: Name, Version: "0.0.1", Policies: policies})
	require.NoError(t, err)
	if d != nil {
		a.ConfigureStack(d)
	}
	export := packtest.LoadExport(t, file)
	inputs := make([]plugin.AnalyzerResource, len(export))
	for i, r := range export {
		inputs[i] = r.Resource()
	}
	return a.Findings(inputs, export.Stack())
}

// laptopProduction is a production stack updated from a laptop, in which every stack-context rule runs.
func laptopProduction() *pack.Deployment {
	return pack.NewDeployment("acme", "shop", "production", false, map[string]string{"environment": "production"},
		map[string]string{}, nil)
}

// overlaps lists the places (resource and property) that several rules report, as
// "<urn> <path>: rule-a rule-b". Findings about a resource as a whole name no property, and are
// not compared.
func overlaps(findings []pack.Finding) map[string][]string {
	by := map[string][]string{}
	for _, f := range findings {
		if f.Path == "" {
			continue
		}
		at := fmt.Sprintf("%s %s", f.URN, f.Path)
		if !slices.Contains(by[at], f.Policy) {
			by[at] = append(by[at], f.Policy)
		}
	}
	for at, rules := range by {
		if len(rules) < 2 {
			delete(by, at)
			continue
		}
		slices.Sort(rules)
	}
	return by
}

// No two rules report the same problem: the same resource and property. Where one rule's finding
// makes another's redundant, the stronger declares Supersedes; where both are worth showing, the
// pair is listed in deliberateOverlaps with the reason.
func TestNoTwoRulesReportOneProblem(t *testing.T) {
	for name, path := range exports(t) {
		t.Run(name, func(t *testing.T) {
			for at, rules := range overlaps(findingsOf(t, All(), path(t), laptopProduction())) {
				for i := range rules {
					for _, other := range rules[i+1:] {
						pair := rules[i] + " " + other
						assert.Contains(t, deliberateOverlaps, pair,
							"%s and %s both report %s: make one supersede the other, or list the pair with a reason",
							rules[i], other, at)
					}
				}
			}
		})
	}
}

// Each declared pair does meet in the examples when supersession is off: the stronger rule's
// findings name the same resource and property as the weaker one's, so supersession works.
func TestSupersededRulesMeetTheirSupersedersInTheInsecureExample(t *testing.T) {
	var bare []pack.Policy
	var pairs []string
	for _, p := range All() {
		for _, weaker := range p.Supersedes {
			pairs = append(pairs, strings.Join(slices.Sorted(slices.Values([]string{p.Name, weaker})), " "))
		}
		p.Supersedes = nil
		bare = append(bare, p)
	}
	require.NotEmpty(t, pairs)
	var met []string
	for _, rules := range overlaps(findingsOf(t, bare, "../examples/stacks/insecure.json", nil)) {
		met = append(met, strings.Join(rules, " "))
	}
	for _, pair := range pairs {
		assert.Contains(t, met, pair, "the insecure example shows no overlap of %s", pair)
	}
	for _, rules := range overlaps(findingsOf(t, All(), "../examples/stacks/insecure.json", nil)) {
		t.Errorf("with supersession on, %s still overlap", strings.Join(rules, " and "))
	}
}

// The secure twin of the insecure example reports nothing at all, advisory findings included, as
// `pulumi policy analyze --file` runs it (without a stack context).
func TestSecureExampleReportsNothing(t *testing.T) {
	assert.Empty(t, findingsOf(t, All(), "../examples/stacks/secure.json", nil))
}

// Every finding carries the severity its rule is registered with, unless the rule says why its
// severity varies; packtest checks the same of every rule's unit test cases.
func TestFindingsCarryTheRegisteredSeverity(t *testing.T) {
	registered := map[string]pack.Policy{}
	for _, p := range All() {
		registered[p.Name] = p
	}
	for name, path := range exports(t) {
		t.Run(name, func(t *testing.T) {
			for _, f := range findingsOf(t, All(), path(t), laptopProduction()) {
				if p := registered[f.Policy]; p.SeverityVaries == "" {
					assert.Equal(t, p.Severity, f.Severity, "%s on %s", f.Policy, f.URN)
				}
			}
		})
	}
}

// Each supersedes pair on the smallest case: the stronger rule's finding replaces the weaker's on
// the same resource and property, and the weaker still reports what the stronger does not.
func TestSupersededFindings(t *testing.T) {
	sg := func(name string, fromPort, toPort int) plugin.AnalyzerResource {
		return packtest.Resource(aws.NetSecurityGroupType, name, packtest.Props{"ingress": []any{packtest.Props{
			"protocol": "tcp", "fromPort": fromPort, "toPort": toPort, "cidrBlocks": []any{"0.0.0.0/0"}}}})
	}
	iamPolicy := func(name, action string) plugin.AnalyzerResource {
		return packtest.Resource("aws:iam/policy:Policy", name, packtest.Props{"policy": `{"Version":"2012-10-17",` +
			`"Statement":[{"Effect":"Allow","Action":"` + action + `","Resource":"*"}]}`})
	}
	bucket := packtest.Resource("aws:s3/bucketV2:BucketV2", "assets", packtest.Props{})
	acl := func(name, canned string) plugin.AnalyzerStackResource {
		return packtest.DependsOn(packtest.Resource("aws:s3/bucketAclV2:BucketAclV2", name,
			packtest.Props{"bucket": "assets", "acl": canned}), "bucket", bucket)
	}
	// pod is a pod whose only findings are about its volumes and its container's security context.
	pod := func(name string, securityContext, volume packtest.Props) plugin.AnalyzerResource {
		return packtest.Resource("kubernetes:core/v1:Pod", name, packtest.Props{"spec": packtest.Props{
			"automountServiceAccountToken": false,
			"securityContext": packtest.Props{"runAsNonRoot": true,
				"seccompProfile": packtest.Props{"type": "RuntimeDefault"}},
			"containers": []any{packtest.Props{"name": "c", "image": "busybox:1.37", "securityContext": packtest.With(
				packtest.Props{"readOnlyRootFilesystem": true, "capabilities": packtest.Props{"drop": []any{"ALL"}}},
				securityContext), "resources": packtest.Props{"limits": packtest.Props{"cpu": "1", "memory": "1Gi"}}}},
			"volumes": []any{volume}}})
	}
	unprivileged := packtest.Props{"allowPrivilegeEscalation": false}
	emptyDir := packtest.Props{"name": "tmp", "emptyDir": packtest.Props{}}
	for _, tc := range []struct {
		name  string
		stack []plugin.AnalyzerStackResource
		want  []string
	}{
		{"SSH from the internet", packtest.Stack(sg("ssh", 22, 22)),
			[]string{"aws-security-group-admin-ports-open ingress[0]"}},
		{"a web port beyond the allowed ones", packtest.Stack(sg("web", 8080, 8080)),
			[]string{"aws-security-group-ingress-unrestricted ingress[0]"}},
		{"every action", packtest.Stack(iamPolicy("admin", "*")),
			[]string{"aws-iam-policy-no-admin-access policy.Statement[0]"}},
		{"decrypt with every key", packtest.Stack(iamPolicy("reader", "kms:Decrypt")),
			[]string{"aws-iam-policy-no-kms-decrypt-all-keys policy.Statement[0]"}},
		{"a public ACL", append(packtest.Stack(bucket), acl("public", "public-read")),
			[]string{"aws-s3-bucket-public-acl acl"}},
		{"an ACL for the log delivery group", append(packtest.Stack(bucket), acl("logs", "log-delivery-write")),
			[]string{"aws-s3-bucket-acls-disabled acl"}},
		{"a hostPath volume", packtest.Stack(pod("agent", unprivileged, packtest.Props{"name": "sock",
			"hostPath": packtest.Props{"path": "/var/run/docker.sock"}})),
			[]string{"kubernetes-pod-no-host-path-volumes spec.volumes[0]"}},
		{"an nfs volume", packtest.Stack(pod("files", unprivileged, packtest.Props{"name": "share",
			"nfs": packtest.Props{"server": "nfs.internal", "path": "/share"}})),
			[]string{"kubernetes-pod-restricted-volume-types spec.volumes[0]"}},
		{"a privileged container", packtest.Stack(pod("root", packtest.Props{"privileged": true}, emptyDir)),
			[]string{"kubernetes-pod-no-privileged-containers spec.containers[0].securityContext.privileged"}},
		{"allowPrivilegeEscalation unset", packtest.Stack(pod("plain", packtest.Props{}, emptyDir)),
			[]string{"kubernetes-pod-no-privilege-escalation spec.containers[0].securityContext.allowPrivilegeEscalation"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, err := pack.NewAnalyzer(pack.Pack{Name: Name, Version: "0.0.1", Policies: All()})
			require.NoError(t, err)
			inputs := make([]plugin.AnalyzerResource, len(tc.stack))
			for i, r := range tc.stack {
				inputs[i] = r.AnalyzerResource
			}
			var got []string
			for _, f := range a.Findings(inputs, tc.stack) {
				if f.Path != "" {
					got = append(got, f.Policy+" "+f.Path)
				}
			}
			assert.ElementsMatch(t, tc.want, got)
		})
	}
}
