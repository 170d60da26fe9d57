package gcp

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestCloudFunctionsNotPublic(t *testing.T) {
	const (
		member   = "gcp:cloudfunctions/functionIamMember:FunctionIamMember"
		binding  = "gcp:cloudfunctions/functionIamBinding:FunctionIamBinding"
		policy   = "gcp:cloudfunctions/functionIamPolicy:FunctionIamPolicy"
		member2  = "gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember"
		binding2 = "gcp:cloudfunctionsv2/functionIamBinding:FunctionIamBinding"
		policy2  = "gcp:cloudfunctionsv2/functionIamPolicy:FunctionIamPolicy"
	)
	hook := map[string]any{"publicFunctions": []any{"hook"}}
	invoker := func(fn, m any) packtest.Props {
		return packtest.Props{"cloudFunction": fn, "region": "europe-west1", "role": "roles/cloudfunctions.invoker", "member": m}
	}
	packtest.Run(t, Policies(), "gcp-cloud-functions-not-public", []packtest.Case{
		{Name: "1st gen member allUsers", Want: packtest.Violation,
			Message: `Cloud Functions IAM member invoker grants access to "allUsers" (anyone on the internet) in member: ` +
				"grant the invoker role to named principals, or list it in publicFunctions if it is meant to be public",
			Resource: packtest.Resource(member, "invoker", invoker("resize", "allUsers"))},
		{Name: "1st gen member service account", Want: packtest.Pass,
			Resource: packtest.Resource(member, "invoker", invoker("resize", "serviceAccount:c@p.iam.gserviceaccount.com"))},
		{Name: "1st gen member allowed by config", Want: packtest.Pass, Config: hook,
			Resource: packtest.Resource(member, "invoker", invoker("projects/p/locations/europe-west1/functions/hook", "allUsers"))},
		{Name: "another function than the allowed one", Want: packtest.Violation, Config: hook,
			Resource: packtest.Resource(member, "invoker", invoker("resize", "allAuthenticatedUsers"))},
		{Name: "1st gen binding with allAuthenticatedUsers", Want: packtest.Violation,
			Message: `Cloud Functions IAM binding invokers grants access to "allAuthenticatedUsers" (anyone with a Google account) in members`,
			Resource: packtest.Resource(binding, "invokers", packtest.Props{"cloudFunction": "resize",
				"role": "roles/cloudfunctions.invoker", "members": []any{"allAuthenticatedUsers"}})},
		{Name: "1st gen policy with allUsers", Want: packtest.Violation, Message: "Cloud Functions IAM policy policy grants access",
			Resource: packtest.Resource(policy, "policy", packtest.Props{"cloudFunction": "resize",
				"policyData": `{"bindings":[{"role":"roles/cloudfunctions.viewer","members":["allUsers"]}]}`})},
		{Name: "2nd gen member allUsers", Want: packtest.Violation, Message: `"allUsers" (anyone on the internet) in member`,
			Resource: packtest.Resource(member2, "invoker", packtest.Props{"cloudFunction": "resize", "location": "europe-west1",
				"role": "roles/cloudfunctions.invoker", "member": "allUsers"})},
		{Name: "2nd gen binding of a group", Want: packtest.Pass,
			Resource: packtest.Resource(binding2, "invokers", packtest.Props{"cloudFunction": "resize",
				"role": "roles/cloudfunctions.invoker", "members": []any{"group:team@example.com"}})},
		{Name: "2nd gen policy allowed by config", Want: packtest.Pass, Config: hook,
			Resource: packtest.Resource(policy2, "policy", packtest.Props{"cloudFunction": "hook",
				"policyData": `{"bindings":[{"role":"roles/cloudfunctions.invoker","members":["allUsers"]}]}`})},
		{Name: "unknown member", Want: packtest.NotApplicable, Message: "value unknown during preview: member",
			Resource: packtest.Resource(member2, "m", packtest.Props{"cloudFunction": "resize", "member": packtest.Unknown})},
		{Name: "unknown function with an allow-list", Want: packtest.NotApplicable, Message: "value unknown during preview: cloudFunction",
			Config: hook, Resource: packtest.Resource(member, "m", invoker(packtest.Unknown, "allUsers"))},
		{Name: "unknown function without an allow-list", Want: packtest.Violation,
			Resource: packtest.Resource(member, "m", invoker(packtest.Unknown, "allUsers"))},
		{Name: "unknown binding members", Want: packtest.NotApplicable, Message: "value unknown during preview: members",
			Resource: packtest.Resource(binding, "b", packtest.Props{"cloudFunction": "resize", "members": packtest.Unknown})},
		{Name: "unknown policy document", Want: packtest.NotApplicable, Message: "value unknown during preview: policyData",
			Resource: packtest.Resource(policy2, "p", packtest.Props{"cloudFunction": "resize", "policyData": packtest.Unknown})},
	})
}
