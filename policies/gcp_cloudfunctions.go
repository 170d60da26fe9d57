package policies

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
)

// The IAM resources of Cloud Functions (1st and 2nd gen), by shape; all name their function in
// "cloudFunction".
var cloudFunctionsIAM = map[string]gcpIAMGrant{
	"gcp:cloudfunctions/functionIamMember:FunctionIamMember":     gcpIAMMember,
	"gcp:cloudfunctions/functionIamBinding:FunctionIamBinding":   gcpIAMBinding,
	"gcp:cloudfunctions/functionIamPolicy:FunctionIamPolicy":     gcpIAMPolicy,
	"gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember":   gcpIAMMember,
	"gcp:cloudfunctionsv2/functionIamBinding:FunctionIamBinding": gcpIAMBinding,
	"gcp:cloudfunctionsv2/functionIamPolicy:FunctionIamPolicy":   gcpIAMPolicy,
}

// cloudFunctionsGrantKinds names the kinds of grants in messages.
var cloudFunctionsGrantKinds = map[string]string{
	"gcp:cloudfunctions/functionIamMember:FunctionIamMember":     "Cloud Functions IAM member",
	"gcp:cloudfunctions/functionIamBinding:FunctionIamBinding":   "Cloud Functions IAM binding",
	"gcp:cloudfunctions/functionIamPolicy:FunctionIamPolicy":     "Cloud Functions IAM policy",
	"gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember":   "Cloud Functions IAM member",
	"gcp:cloudfunctionsv2/functionIamBinding:FunctionIamBinding": "Cloud Functions IAM binding",
	"gcp:cloudfunctionsv2/functionIamPolicy:FunctionIamPolicy":   "Cloud Functions IAM policy",
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
	Framework: nist80053Rev5("AC-3"),
	Tags:      []string{"gcp", "cloudfunctions", "public-access"},
	Remediation: "Grant roles/cloudfunctions.invoker (1st gen) or roles/run.invoker on the underlying Cloud Run " +
		"service (2nd gen) to the service accounts, groups or users that call the function instead of allUsers " +
		"or allAuthenticatedUsers. List functions that are public on purpose (webhooks, public HTTP endpoints) " +
		"in publicFunctions.",
	Types: []string{"gcp:cloudfunctions/functionIamMember:FunctionIamMember",
		"gcp:cloudfunctions/functionIamBinding:FunctionIamBinding", "gcp:cloudfunctions/functionIamPolicy:FunctionIamPolicy",
		"gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember",
		"gcp:cloudfunctionsv2/functionIamBinding:FunctionIamBinding",
		"gcp:cloudfunctionsv2/functionIamPolicy:FunctionIamPolicy"},
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"publicFunctions": pack.StringList("Names of the Cloud Functions meant to be public (webhooks, public HTTP " +
			"endpoints), matched against the cloudFunction of IAM resources; a full id matches by its last part. " +
			"Default: none."),
	}},
	Settings: func() any { return &cloudFunctionsPublicSettings{} },
	Resource: func(c *pack.Check, r *pack.Resource) {
		gcpPublicInvokers(c, r, cloudFunctionsIAM[r.Type], cloudFunctionsGrantKinds[r.Type], "cloudFunction",
			"publicFunctions", pack.SettingsOf[cloudFunctionsPublicSettings](c).PublicFunctions)
	},
}

func init() { register(cloudFunctionsNotPublic) }
