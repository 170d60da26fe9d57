package gcp

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestCloudRunNotPublic(t *testing.T) {
	const (
		member   = "gcp:cloudrun/iamMember:IamMember"
		binding  = "gcp:cloudrun/iamBinding:IamBinding"
		policy   = "gcp:cloudrun/iamPolicy:IamPolicy"
		member2  = "gcp:cloudrunv2/serviceIamMember:ServiceIamMember"
		binding2 = "gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding"
		policy2  = "gcp:cloudrunv2/serviceIamPolicy:ServiceIamPolicy"
		service  = "gcp:cloudrunv2/service:Service"
	)
	web := map[string]any{"publicServices": []any{"web"}}
	v1Member := func(service, m any) packtest.Props {
		return packtest.Props{"service": service, "location": "europe-west1", "role": "roles/run.invoker", "member": m}
	}
	v2Member := func(name, m any) packtest.Props {
		return packtest.Props{"name": name, "location": "europe-west1", "role": "roles/run.invoker", "member": m}
	}
	packtest.Run(t, Policies(), "gcp-cloud-run-not-public", []packtest.Case{
		{Name: "v1 member allUsers", Want: packtest.Violation,
			Message: `Cloud Run IAM member invoker grants access to "allUsers" (anyone on the internet) in member: ` +
				"grant the invoker role to named principals, or list it in publicServices if it is meant to be public",
			Resource: packtest.Resource(member, "invoker", v1Member("api", "allUsers"))},
		{Name: "v1 member service account", Want: packtest.Pass,
			Resource: packtest.Resource(member, "invoker", v1Member("api", "serviceAccount:caller@p.iam.gserviceaccount.com"))},
		{Name: "v1 member allowed by config", Want: packtest.Pass, Config: web,
			Resource: packtest.Resource(member, "invoker", v1Member("web", "allUsers"))},
		{Name: "v1 member allowed by full id", Want: packtest.Pass, Config: web,
			Resource: packtest.Resource(member, "invoker", v1Member("projects/p/locations/europe-west1/services/web", "allUsers"))},
		{Name: "v1 member another service than the allowed one", Want: packtest.Violation, Config: web,
			Resource: packtest.Resource(member, "invoker", v1Member("api", "allUsers"))},
		{Name: "v1 binding with allAuthenticatedUsers", Want: packtest.Violation,
			Message: `Cloud Run IAM binding invokers grants access to "allAuthenticatedUsers" (anyone with a Google account) in members`,
			Resource: packtest.Resource(binding, "invokers", packtest.Props{"service": "api", "role": "roles/run.invoker",
				"members": []any{"group:team@example.com", "allAuthenticatedUsers"}})},
		{Name: "v1 policy with allUsers for another role", Want: packtest.Violation, Message: "Cloud Run IAM policy policy grants access",
			Resource: packtest.Resource(policy, "policy", packtest.Props{"service": "api",
				"policyData": `{"bindings":[{"role":"roles/run.viewer","members":["allUsers"]}]}`})},
		{Name: "v2 member allUsers", Want: packtest.Violation,
			Message:  `Cloud Run service IAM member invoker grants access to "allUsers" (anyone on the internet) in member`,
			Resource: packtest.Resource(member2, "invoker", v2Member("api", "allUsers"))},
		{Name: "v2 member allowed by config", Want: packtest.Pass, Config: web,
			Resource: packtest.Resource(member2, "invoker", v2Member("web", "allUsers"))},
		{Name: "v2 binding of named users", Want: packtest.Pass,
			Resource: packtest.Resource(binding2, "invokers", packtest.Props{"name": "api", "role": "roles/run.invoker",
				"members": []any{"user:a@example.com"}})},
		{Name: "v2 binding with allUsers", Want: packtest.Violation, Message: "Cloud Run service IAM binding invokers",
			Resource: packtest.Resource(binding2, "invokers", packtest.Props{"name": "api", "role": "roles/run.invoker",
				"members": []any{"allUsers"}})},
		{Name: "v2 policy with allUsers", Want: packtest.Violation, Message: `"allUsers" (anyone on the internet) in policyData`,
			Resource: packtest.Resource(policy2, "policy", packtest.Props{"name": "api",
				"policyData": `{"bindings":[{"role":"roles/run.invoker","members":["allUsers"]}]}`})},
		{Name: "v2 policy of a service account", Want: packtest.Pass,
			Resource: packtest.Resource(policy2, "policy", packtest.Props{"name": "api",
				"policyData": `{"bindings":[{"role":"roles/run.invoker","members":["serviceAccount:c@p.iam.gserviceaccount.com"]}]}`})},
		{Name: "service without IAM check", Want: packtest.Violation,
			Message: "Cloud Run service api sets invokerIamDisabled: anyone on the internet can invoke it without an IAM check; " +
				"remove invokerIamDisabled and grant roles/run.invoker to named principals, or list it in publicServices if it is meant to be public",
			Resource: packtest.Resource(service, "api", packtest.Props{"location": "europe-west1", "invokerIamDisabled": true})},
		{Name: "service with IAM check by default", Want: packtest.Pass,
			Resource: packtest.Resource(service, "api", packtest.Props{"location": "europe-west1"})},
		{Name: "service without IAM check allowed by name", Want: packtest.Pass, Config: web,
			Resource: packtest.Resource(service, "frontend", packtest.Props{"name": "web", "invokerIamDisabled": true})},
		{Name: "service without IAM check allowed by resource name", Want: packtest.Pass, Config: web,
			Resource: packtest.Resource(service, "web", packtest.Props{"invokerIamDisabled": true})},
		{Name: "unknown member", Want: packtest.NotApplicable, Message: "value unknown during preview: member",
			Resource: packtest.Resource(member, "m", v1Member("api", packtest.Unknown))},
		{Name: "unknown service with no allow-list", Want: packtest.Violation,
			Resource: packtest.Resource(member, "m", v1Member(packtest.Unknown, "allUsers"))},
		{Name: "unknown service with an allow-list", Want: packtest.NotApplicable, Message: "value unknown during preview: service",
			Config: web, Resource: packtest.Resource(member, "m", v1Member(packtest.Unknown, "allUsers"))},
		{Name: "unknown v2 name with an allow-list", Want: packtest.NotApplicable, Message: "value unknown during preview: name",
			Config: web, Resource: packtest.Resource(member2, "m", v2Member(packtest.Unknown, "allUsers"))},
		{Name: "unknown binding members", Want: packtest.NotApplicable, Message: "value unknown during preview: members",
			Resource: packtest.Resource(binding2, "b", packtest.Props{"name": "api", "members": packtest.Unknown})},
		{Name: "unknown policy document", Want: packtest.NotApplicable, Message: "value unknown during preview: policyData",
			Resource: packtest.Resource(policy, "p", packtest.Props{"service": "api", "policyData": packtest.Unknown})},
		{Name: "unknown invokerIamDisabled", Want: packtest.NotApplicable, Message: "value unknown during preview: invokerIamDisabled",
			Resource: packtest.Resource(service, "api", packtest.Props{"invokerIamDisabled": packtest.Unknown})},
	})
}
