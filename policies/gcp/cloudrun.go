package gcp

import (
	"slices"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

const cloudRunV2Service = "gcp:cloudrunv2/service:Service"

// The IAM resources of Cloud Run services: the v1 Admin API resources name their service in
// "service", the v2 ones in "name".
var (
	cloudRunV1IAMTypes = []string{"gcp:cloudrun/iamMember:IamMember", "gcp:cloudrun/iamBinding:IamBinding",
		"gcp:cloudrun/iamPolicy:IamPolicy"}
	cloudRunV2IAMTypes = []string{"gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
		"gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding", "gcp:cloudrunv2/serviceIamPolicy:ServiceIamPolicy"}
)

type cloudRunPublicSettings struct {
	PublicServices []string `json:"publicServices"`
}

var cloudRunNotPublic = pack.Policy{
	Name:        "gcp-cloud-run-not-public",
	DisplayName: "Cloud Run services are not invokable by everyone",
	Description: "No IAM binding grants allUsers (anyone on the internet) or allAuthenticatedUsers (anyone with a " +
		"Google account) a role on a Cloud Run service, and no service turns off the invoker IAM check " +
		"(invokerIamDisabled), unless the service is listed as meant to be public.",
	Severity:  pack.High,
	Framework: frameworks.NIST80053Rev5("AC-3"),
	Tags:      []string{"gcp", "cloudrun", "public-access"},
	Remediation: "Grant roles/run.invoker to the service accounts, groups or users that call the service instead " +
		"of allUsers or allAuthenticatedUsers, and leave invokerIamDisabled unset; put Identity-Aware Proxy " +
		"(iapEnabled) in front of user-facing services. List services that are public on purpose (websites, " +
		"public APIs, webhooks) in publicServices.",
	Types: slices.Concat([]string{cloudRunV2Service}, cloudRunV1IAMTypes, cloudRunV2IAMTypes),
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"publicServices": pack.StringList("Names of the Cloud Run services meant to be public (websites, public APIs, " +
			"webhooks), matched against the service (v1) or name (v2) of IAM resources and the name of services " +
			"(their Pulumi resource name when unset); a full id matches by its last part. Default: none."),
	}},
	Settings: func() any { return &cloudRunPublicSettings{} },
	Resource: checkCloudRunNotPublic,
}

func init() { register(cloudRunNotPublic) }

func checkCloudRunNotPublic(c *pack.Check, r *pack.Resource) {
	allowed := pack.SettingsOf[cloudRunPublicSettings](c).PublicServices
	if r.Type != cloudRunV2Service {
		service, nameProperty := "Cloud Run", "service"
		if slices.Contains(cloudRunV2IAMTypes, r.Type) {
			service, nameProperty = "Cloud Run service", "name"
		}
		gcpPublicInvokers(c, r, service, nameProperty, "publicServices", allowed)
		return
	}
	if !r.Get("invokerIamDisabled").Bool(false) {
		return
	}
	if len(allowed) > 0 {
		name := r.Name
		if v := r.Get("name"); v.Exists() {
			name = v.Text("")
		}
		if pack.ContainsFold(allowed, gcpShortName(name)) {
			return
		}
	}
	c.Violatef("Cloud Run service %s sets invokerIamDisabled: anyone on the internet can invoke it without an IAM "+
		"check; remove invokerIamDisabled and grant roles/run.invoker to named principals, or list it in "+
		"publicServices if it is meant to be public", r.Name)
}
