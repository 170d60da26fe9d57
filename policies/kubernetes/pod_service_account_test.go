package kubernetes

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// serviceAccount is a core/v1 ServiceAccount named name in namespace (none when ""), with the
// given fields.
func serviceAccount(name, namespace string, fields props) plugin.AnalyzerResource {
	metadata := props{"name": name}
	if namespace != "" {
		metadata["namespace"] = namespace
	}
	return packtest.Resource("kubernetes:core/v1:ServiceAccount", name+"-sa", packtest.With(props{"metadata": metadata}, fields))
}

// workloadIn is a Deployment named web in namespace (none when "") with the given pod spec.
func workloadIn(namespace string, spec props) plugin.AnalyzerResource {
	d := deployment(packtest.With(containers(hardenedContainer("app")), spec))
	if namespace != "" {
		d.Properties = packtest.Map(props{"metadata": props{"name": "web", "namespace": namespace},
			"spec": props{"template": props{"spec": packtest.With(containers(hardenedContainer("app")), spec)}}})
	}
	return d
}

func TestPodServiceAccountTokenNotMounted(t *testing.T) {
	const rule = "kubernetes-pod-service-account-token-not-mounted"
	named := func(name any) props { return props{"serviceAccountName": name} }
	optOut := props{"automountServiceAccountToken": false}
	optIn := props{"automountServiceAccountToken": true}
	api := serviceAccount("api", "shop", nil)
	apiOff := serviceAccount("api", "shop", optOut)
	webOfAPI := workloadIn("shop", named("api"))
	allowAPI := map[string]any{"allowedServiceAccounts": []any{"api"}}

	packtest.Run(t, Policies(), rule, []packtest.Case{
		// The pod spec's own setting decides, whatever the account.
		{Name: "the pod spec opts out", Want: packtest.Pass, Stack: packtest.Stack(workloadIn("shop", optOut))},
		{Name: "the pod spec opts out though its account mounts", Want: packtest.Pass,
			Stack: packtest.Stack(api, workloadIn("shop", packtest.With(named("api"), optOut)))},
		{Name: "the pod spec opts in", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: spec.template.spec.automountServiceAccountToken is true: every container gets ` +
				`a token of ServiceAccount "api" with which it acts on the Kubernetes API; set it to false, or allow the ` +
				`account in allowedServiceAccounts`,
			Stack: packtest.Stack(apiOff, workloadIn("shop", packtest.With(named("api"), optIn)))},
		{Name: "the pod spec opts in for an allowed account", Want: packtest.Pass, Config: allowAPI,
			Stack: packtest.Stack(workloadIn("shop", packtest.With(named("api"), optIn)))},

		// The account decides when the pod spec does not: joined by name and namespace.
		{Name: "its ServiceAccount opts out", Want: packtest.Pass, Stack: packtest.Stack(apiOff, webOfAPI)},
		{Name: "its ServiceAccount leaves mounting on", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: its ServiceAccount "api" (ServiceAccount api-sa) does not set ` +
				`automountServiceAccountToken: false, nor does spec.template.spec: every container gets a token with ` +
				`which it acts on the Kubernetes API as that account; set automountServiceAccountToken: false on the ` +
				`ServiceAccount or in the pod spec, or allow the account in allowedServiceAccounts`,
			Stack: packtest.Stack(api, webOfAPI)},
		{Name: "its ServiceAccount opts in", Want: packtest.Violation,
			Message: `its ServiceAccount "api" (ServiceAccount api-sa) sets automountServiceAccountToken: true`,
			Stack:   packtest.Stack(serviceAccount("api", "shop", optIn), webOfAPI)},
		{Name: "an allowed account", Want: packtest.Pass, Config: allowAPI, Stack: packtest.Stack(api, webOfAPI)},
		{Name: "an account allowed in its namespace", Want: packtest.Pass,
			Config: map[string]any{"allowedServiceAccounts": []any{"shop/api"}}, Stack: packtest.Stack(api, webOfAPI)},
		{Name: "an account allowed in another namespace", Want: packtest.Violation,
			Config: map[string]any{"allowedServiceAccounts": []any{"kube-system/api"}}, Stack: packtest.Stack(api, webOfAPI)},
		{Name: "an account allowed by its Pulumi name", Want: packtest.Pass,
			Config: map[string]any{"allowedServiceAccounts": []any{"api-sa"}}, Stack: packtest.Stack(api, webOfAPI)},
		{Name: "the deprecated serviceAccount field names it", Want: packtest.Violation,
			Message: `its ServiceAccount "api" (ServiceAccount api-sa)`,
			Stack:   packtest.Stack(api, workloadIn("shop", props{"serviceAccount": "api"}))},
		{Name: "serviceAccountName wins over serviceAccount", Want: packtest.Pass,
			Stack: packtest.Stack(serviceAccount("legacy", "shop", nil), apiOff, workloadIn("shop",
				props{"serviceAccountName": "api", "serviceAccount": "legacy"}))},

		// Through property dependencies, while names are unknown during preview.
		{Name: "its ServiceAccount opts out, joined by dependency", Want: packtest.Pass,
			Stack: append(packtest.Stack(apiOff), packtest.DependsOn(workloadIn("shop", named(packtest.Unknown)), "spec",
				apiOff))},
		{Name: "its ServiceAccount mounts, joined by dependency", Want: packtest.Violation,
			Message: `its ServiceAccount "api" (ServiceAccount api-sa) does not set`,
			Stack: append(packtest.Stack(api), packtest.DependsOn(workloadIn("shop", named(packtest.Unknown)), "spec",
				api))},
		{Name: "an allowed account joined by dependency goes by its own name", Want: packtest.Pass, Config: allowAPI,
			Stack: append(packtest.Stack(api), packtest.DependsOn(workloadIn("shop", named(packtest.Unknown)), "spec",
				api))},
		{Name: "a dependency on an account the pod spec does not name", Want: packtest.Violation,
			Message: `its ServiceAccount "other" of namespace "shop" is not in the stack`,
			Stack: append(packtest.Stack(apiOff), packtest.DependsOn(workloadIn("shop", named("other")), "spec",
				apiOff))},
		{Name: "a dependency on an account of another namespace", Want: packtest.Violation,
			Message: `its ServiceAccount "api" of namespace "prod" is not in the stack`,
			Stack: append(packtest.Stack(apiOff), packtest.DependsOn(workloadIn("prod", named("api")), "spec",
				apiOff))},

		// The account is not in the stack: Kubernetes mounts the token unless the pod spec says not to.
		{Name: "its ServiceAccount belongs to another namespace", Want: packtest.Violation,
			Message: `Deployment web: spec.template.spec.automountServiceAccountToken is unset and its ServiceAccount ` +
				`"api" of namespace "prod" is not in the stack, so Kubernetes mounts the account's token`,
			Stack: packtest.Stack(apiOff, workloadIn("prod", named("api")))},
		{Name: "its ServiceAccount is not in the stack", Want: packtest.Violation,
			Message: `its ServiceAccount "default" of namespace "default" is not in the stack`,
			Stack:   packtest.Stack(workloadIn("", nil))},
		{Name: "an account not in the stack but allowed", Want: packtest.Pass,
			Config: map[string]any{"allowedServiceAccounts": []any{"default"}}, Stack: packtest.Stack(workloadIn("", nil))},
		{Name: "a workload whose account is not in the stack, beside one whose account is", Want: packtest.Violation,
			Count: 2, Message: `Deployment web: its ServiceAccount "api"`,
			Stack: packtest.Stack(api, webOfAPI, packtest.Resource("kubernetes:core/v1:Pod", "job",
				props{"spec": containers(hardenedContainer("app"))}))},

		// The namespace's default account, its namespace from the provider, patches.
		{Name: "the default account of the provider's namespace, patched to opt out", Want: packtest.Pass,
			Stack: packtest.Stack(
				packtest.Resource("kubernetes:core/v1:ServiceAccountPatch", "no-token", props{
					"metadata": props{"name": "default", "namespace": "shop"}, "automountServiceAccountToken": false}),
				packtest.WithProvider(workloadIn("", nil), "kubernetes", props{"namespace": "shop"}))},
		{Name: "a patch of the account that leaves the setting to the cluster", Want: packtest.NotApplicable,
			Message: `web: its ServiceAccount "default" is changed by ServiceAccountPatch labels, which does not set ` +
				`automountServiceAccountToken: the cluster's value applies`,
			Stack: packtest.Stack(
				packtest.Resource("kubernetes:core/v1:ServiceAccountPatch", "labels", props{
					"metadata": props{"name": "default", "labels": props{"team": "shop"}}}),
				workloadIn("", nil))},

		// Every workload kind, through the walker.
		{Name: "a Pod", Want: packtest.Violation, Message: `Pod web: its ServiceAccount "default" (ServiceAccount default-sa)`,
			Stack: packtest.Stack(serviceAccount("default", "", nil), pod(containers(hardenedContainer("app"))))},
		{Name: "a CronJob", Want: packtest.Violation,
			Message: `CronJob nightly: spec.jobTemplate.spec.template.spec.automountServiceAccountToken is true`,
			Stack:   packtest.Stack(cronJob("kubernetes:batch/v1:CronJob", packtest.With(containers(hardenedContainer("app")), optIn)))},
		{Name: "a PodTemplate joined by dependency under template", Want: packtest.Pass,
			Stack: append(packtest.Stack(apiOff), packtest.StackResource(packtest.Resource("kubernetes:core/v1:PodTemplate",
				"tpl", props{"metadata": props{"namespace": "shop"}, "template": props{"spec": named(packtest.Unknown)}}),
				map[string][]resource.URN{"template": {apiOff.URN}}))},

		// Unknown values during preview.
		{Name: "unknown pod setting", Want: packtest.NotApplicable,
			Message: packtest.UnknownDuringPreview + ": spec.template.spec.automountServiceAccountToken",
			Stack:   packtest.Stack(api, workloadIn("shop", props{"automountServiceAccountToken": packtest.Unknown}))},
		{Name: "unknown account setting", Want: packtest.NotApplicable,
			Message: packtest.UnknownDuringPreview + ": automountServiceAccountToken",
			Stack:   packtest.Stack(serviceAccount("api", "shop", props{"automountServiceAccountToken": packtest.Unknown}), webOfAPI)},
		{Name: "unknown account name, untraced", Want: packtest.NotApplicable,
			Message: packtest.UnknownDuringPreview + ": spec.template.spec.serviceAccountName",
			Stack:   packtest.Stack(api, workloadIn("shop", named(packtest.Unknown)))},
		{Name: "unknown namespace", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": metadata.namespace",
			Stack: packtest.Stack(api, packtest.Resource("kubernetes:apps/v1:Deployment", "web", props{
				"metadata": props{"namespace": packtest.Unknown},
				"spec":     props{"template": props{"spec": named("api")}}}))},
		{Name: "unknown pod spec", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": spec.template.spec",
			Stack: packtest.Stack(api, packtest.Resource("kubernetes:apps/v1:Deployment", "web", props{
				"spec": props{"template": props{"spec": packtest.Unknown}}}))},
		{Name: "a stack without workloads", Want: packtest.NotApplicable, Message: "the stack has no resources of its types",
			Stack: packtest.Stack(api)},
	})
}

func TestPodServiceAccountTokenAmbiguousAccounts(t *testing.T) {
	// Two accounts of the stack the pod spec was computed from, while its serviceAccountName is
	// unknown: they disagree, so the update decides.
	on := serviceAccount("a", "shop", nil)
	off := serviceAccount("b", "shop", props{"automountServiceAccountToken": false})
	web := packtest.StackResource(workloadIn("shop", props{"serviceAccountName": packtest.Unknown}),
		map[string][]resource.URN{"spec": {on.URN, off.URN}})
	packtest.Run(t, Policies(), "kubernetes-pod-service-account-token-not-mounted", []packtest.Case{
		{Name: "accounts that disagree", Want: packtest.NotApplicable,
			Message: `web: its ServiceAccount "a" may be any of 2 ServiceAccounts and patches of the stack, which do ` +
				`not agree on automountServiceAccountToken`,
			Stack: append(packtest.Stack(on, off), web)},
	})
}
