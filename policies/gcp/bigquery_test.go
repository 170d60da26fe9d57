package gcp

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestBigQueryDatasetNotPublic(t *testing.T) {
	const (
		dataset = "gcp:bigquery/dataset:Dataset"
		access  = "gcp:bigquery/datasetAccess:DatasetAccess"
	)
	owner := packtest.Props{"role": "OWNER", "specialGroup": "projectOwners"}
	accesses := func(entries ...any) packtest.Props {
		return packtest.Props{"datasetId": "sales", "location": "EU", "accesses": entries}
	}
	member := func(m any) packtest.Props {
		return packtest.Props{"datasetId": "sales", "role": "roles/bigquery.dataViewer", "member": m}
	}
	packtest.Run(t, Policies(), "gcp-bigquery-dataset-not-public", []packtest.Case{
		{Name: "special group allAuthenticatedUsers", Want: packtest.Violation,
			Message: `dataset sales grants access to "allAuthenticatedUsers" (anyone with a Google account) in accesses[1].specialGroup: ` +
				"grant access to named principals instead",
			Resource: packtest.Resource(dataset, "sales", accesses(owner, packtest.Props{"role": "READER", "specialGroup": "allAuthenticatedUsers"}))},
		{Name: "iam member allUsers", Want: packtest.Violation, Message: `"allUsers" (anyone on the internet) in accesses[0].iamMember`,
			Resource: packtest.Resource(dataset, "sales", accesses(packtest.Props{"role": "READER", "iamMember": "allUsers"}, owner))},
		{Name: "two public entries", Want: packtest.Violation, Count: 2,
			Resource: packtest.Resource(dataset, "sales", accesses(packtest.Props{"role": "READER", "iamMember": "allUsers"},
				packtest.Props{"role": "READER", "specialGroup": "allAuthenticatedUsers"}))},
		{Name: "named principals", Want: packtest.Pass,
			Resource: packtest.Resource(dataset, "sales", accesses(owner, packtest.Props{"role": "READER", "groupByEmail": "analysts@example.com"},
				packtest.Props{"role": "READER", "domain": "example.com"}))},
		{Name: "no access entries", Want: packtest.Pass, Resource: packtest.Resource(dataset, "sales", packtest.Props{"datasetId": "sales"})},
		{Name: "public entry beside an unknown one", Want: packtest.Violation,
			Resource: packtest.Resource(dataset, "sales", accesses(packtest.Props{"role": "READER", "userByEmail": packtest.Unknown},
				packtest.Props{"role": "READER", "iamMember": "allUsers"}))},
		{Name: "dataset access for allAuthenticatedUsers", Want: packtest.Violation,
			Message:  `dataset access public grants access to "allAuthenticatedUsers" (anyone with a Google account) in specialGroup`,
			Resource: packtest.Resource(access, "public", packtest.Props{"datasetId": "sales", "role": "READER", "specialGroup": "allAuthenticatedUsers"})},
		{Name: "dataset access iam member allUsers", Want: packtest.Violation, Message: "in iamMember",
			Resource: packtest.Resource(access, "public", packtest.Props{"datasetId": "sales", "role": "READER", "iamMember": "allUsers"})},
		{Name: "dataset access for a user", Want: packtest.Pass,
			Resource: packtest.Resource(access, "one", packtest.Props{"datasetId": "sales", "role": "READER", "userByEmail": "a@example.com"})},
		{Name: "iam member allUsers", Want: packtest.Violation,
			Message:  `dataset IAM member public grants access to "allUsers" (anyone on the internet) in member`,
			Resource: packtest.Resource("gcp:bigquery/datasetIamMember:DatasetIamMember", "public", member("allUsers"))},
		{Name: "iam member a group", Want: packtest.Pass,
			Resource: packtest.Resource("gcp:bigquery/datasetIamMember:DatasetIamMember", "team", member("group:team@example.com"))},
		{Name: "iam binding with allAuthenticatedUsers", Want: packtest.Violation, Message: "in members",
			Resource: packtest.Resource("gcp:bigquery/datasetIamBinding:DatasetIamBinding", "viewers", packtest.Props{
				"datasetId": "sales", "role": "roles/bigquery.dataViewer", "members": []any{"user:a@example.com", "allAuthenticatedUsers"}})},
		{Name: "iam binding of named users", Want: packtest.Pass,
			Resource: packtest.Resource("gcp:bigquery/datasetIamBinding:DatasetIamBinding", "viewers", packtest.Props{
				"datasetId": "sales", "role": "roles/bigquery.dataViewer", "members": []any{"user:a@example.com"}})},
		{Name: "iam policy with allUsers", Want: packtest.Violation, Message: "dataset IAM policy policy grants access",
			Resource: packtest.Resource("gcp:bigquery/datasetIamPolicy:DatasetIamPolicy", "policy", packtest.Props{"datasetId": "sales",
				"policyData": `{"bindings":[{"role":"roles/bigquery.dataViewer","members":["allUsers"]}]}`})},
		{Name: "unknown special group", Want: packtest.NotApplicable, Message: "value unknown during preview: accesses[0].specialGroup",
			Resource: packtest.Resource(dataset, "sales", accesses(packtest.Props{"role": "READER", "specialGroup": packtest.Unknown}))},
		{Name: "unknown accesses", Want: packtest.NotApplicable, Message: "value unknown during preview: accesses",
			Resource: packtest.Resource(dataset, "sales", packtest.Props{"accesses": packtest.Unknown})},
		{Name: "unknown dataset access member", Want: packtest.NotApplicable, Message: "value unknown during preview: iamMember",
			Resource: packtest.Resource(access, "a", packtest.Props{"datasetId": "sales", "iamMember": packtest.Unknown})},
		{Name: "unknown iam member", Want: packtest.NotApplicable, Message: "value unknown during preview: member",
			Resource: packtest.Resource("gcp:bigquery/datasetIamMember:DatasetIamMember", "m", member(packtest.Unknown))},
		{Name: "unknown iam binding members", Want: packtest.NotApplicable, Message: "value unknown during preview: members",
			Resource: packtest.Resource("gcp:bigquery/datasetIamBinding:DatasetIamBinding", "b", packtest.Props{"members": packtest.Unknown})},
		{Name: "unknown policy document", Want: packtest.NotApplicable, Message: "value unknown during preview: policyData",
			Resource: packtest.Resource("gcp:bigquery/datasetIamPolicy:DatasetIamPolicy", "p", packtest.Props{"policyData": packtest.Unknown})},
	})
}
