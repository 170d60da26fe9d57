package gcp

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// cloudFunctionsIAMTypes are the IAM resources of Cloud Functions (1st and 2nd gen); all name their
// function in "cloudFunction".
var cloudFunctionsIAMTypes = []string{
	"gcp:cloudfunctions/functionIamMember:FunctionIamMember",
	"gcp:cloudfunctions/functionIamBinding:FunctionIamBinding",
	"gcp:cloudfunctions/functionIamPolicy:FunctionIamPolicy",
	"gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember",
	"gcp:cloudfunctionsv2/functionIamBinding:FunctionIamBinding",
	"gcp:cloudfunctionsv2/functionIamPolicy:FunctionIamPolicy",
}

type cloudFunctionsPublicSettings struct {
	PublicFunctions []string `json:"publicFunctions"`
}

var cloudFunctionsNotPublic = pack.Policy{
	Name:        "gcp-cloud-functions-not-public",
	DisplayName: "Cloud Functions are not invokable by everyone",
	Description: "No IAM binding grants allUsers (anyone on the internet) or allAuthenticatedUsers (anyone with a " +
		"Google account) a role on a Cloud Function (1st or 2nd gen), unless the function is listed as meant to " +
		"be public.",
	Severity:  pack.High,
	Framework: frameworks.NIST80053Rev5("AC-3"),
	Tags:      []string{"gcp", "cloudfunctions", "public-access"},
	Remediation: "Grant roles/cloudfunctions.invoker (1st gen) or roles/run.invoker on the underlying Cloud Run " +
		"service (2nd gen) to the service accounts, groups or users that call the function instead of allUsers " +
		"or allAuthenticatedUsers. List functions that are public on purpose (webhooks, public HTTP endpoints) " +
		"in publicFunctions.",
	Types: cloudFunctionsIAMTypes,
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"publicFunctions": pack.StringList("Names of the Cloud Functions meant to be public (webhooks, public HTTP " +
			"endpoints), matched against the cloudFunction of IAM resources; a full id matches by its last part. " +
			"Default: none."),
	}},
	Settings: func() any { return &cloudFunctionsPublicSettings{} },
	Resource: func(c *pack.Check, r *pack.Resource) {
		gcpPublicInvokers(c, r, "Cloud Functions", "cloudFunction",
			"publicFunctions", pack.SettingsOf[cloudFunctionsPublicSettings](c).PublicFunctions)
	},
}

func init() { register(cloudFunctionsNotPublic) }
