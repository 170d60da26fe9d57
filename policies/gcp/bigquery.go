package gcp

import (
	"slices"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

const (
	bigQueryDataset       = "gcp:bigquery/dataset:Dataset"
	bigQueryDatasetAccess = "gcp:bigquery/datasetAccess:DatasetAccess"
)

// bigQueryDatasetIAMTypes are the IAM resources of BigQuery datasets.
var bigQueryDatasetIAMTypes = []string{"gcp:bigquery/datasetIamMember:DatasetIamMember",
	"gcp:bigquery/datasetIamBinding:DatasetIamBinding", "gcp:bigquery/datasetIamPolicy:DatasetIamPolicy"}

// bigQueryGrantKinds names the kinds of grants that are not IAM resources in messages.
var bigQueryGrantKinds = map[string]string{bigQueryDataset: "dataset", bigQueryDatasetAccess: "dataset access"}

var bigQueryDatasetNotPublic = pack.Policy{
	Name:        "gcp-bigquery-dataset-not-public",
	DisplayName: "BigQuery datasets are not public",
	Description: "No access entry or IAM binding grants allUsers (anyone on the internet) or allAuthenticatedUsers " +
		"(anyone with a Google account) access to a BigQuery dataset.",
	Severity:  pack.Critical,
	Framework: frameworks.CISGCP("7.1"),
	Tags:      []string{"gcp", "bigquery", "public-access"},
	Remediation: "Remove the accesses entries whose specialGroup or iamMember is allAuthenticatedUsers or allUsers, " +
		"and allUsers and allAuthenticatedUsers from the dataset's IAM members. Grant access to named users, groups " +
		"or domains, or share query results through an authorized view.",
	Types:    slices.Concat([]string{bigQueryDataset, bigQueryDatasetAccess}, bigQueryDatasetIAMTypes),
	Resource: checkBigQueryDatasetNotPublic,
}

func init() { register(bigQueryDatasetNotPublic) }

func checkBigQueryDatasetNotPublic(c *pack.Check, r *pack.Resource) {
	grant, iamKind, iam := gcpIAMGrantOf(r.Type)
	kind := bigQueryGrantKinds[r.Type]
	if iam {
		kind = "dataset " + iamKind
	}
	report := func(principal pack.Value, who, property string) {
		c.Violatef("%s %s grants access to %v (%s) in %s: grant access to named principals instead",
			kind, r.Name, principal, who, property)
	}
	if iam {
		gcpPublicIAMMembers(r, grant, report)
		return
	}
	entries := []pack.Value{r.Get()}
	if r.Type == bigQueryDataset {
		// Entries with a value unknown during preview go last, so that the known ones are judged.
		entries = known.ValuesFirst(r.Get("accesses").Items())
	}
	for _, entry := range entries {
		for _, v := range known.ValuesFirst([]pack.Value{entry.Get("specialGroup"), entry.Get("iamMember")}) {
			if who, ok := gcpPublicPrincipal(v.Text("")); ok {
				report(v, who, v.Path())
			}
		}
	}
}
