package gcp

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

const gcsBucket = "gcp:storage/bucket:Bucket"

func TestGCSUniformAccess(t *testing.T) {
	packtest.Run(t, Policies(), "gcp-storage-bucket-uniform-access", []packtest.Case{
		{Name: "unset", Want: packtest.Violation, Message: "bucket assets does not set uniformBucketLevelAccess",
			Resource: packtest.Resource(gcsBucket, "assets", packtest.Props{"location": "EU"})},
		{Name: "false", Want: packtest.Violation,
			Resource: packtest.Resource(gcsBucket, "assets", packtest.Props{"uniformBucketLevelAccess": false})},
		{Name: "true", Want: packtest.Pass, Resource: packtest.Resource(gcsBucket, "assets", packtest.Props{"uniformBucketLevelAccess": true})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: uniformBucketLevelAccess",
			Resource: packtest.Resource(gcsBucket, "assets", packtest.Props{"uniformBucketLevelAccess": packtest.Unknown})},
	})
}

func TestGCSPublicAccessPrevention(t *testing.T) {
	packtest.Run(t, Policies(), "gcp-storage-bucket-public-access-prevention", []packtest.Case{
		{Name: "unset is inherited", Want: packtest.Violation, Message: "bucket assets leaves publicAccessPrevention unset",
			Resource: packtest.Resource(gcsBucket, "assets", packtest.Props{})},
		{Name: "inherited", Want: packtest.Violation, Message: `publicAccessPrevention "inherited"`,
			Resource: packtest.Resource(gcsBucket, "assets", packtest.Props{"publicAccessPrevention": "inherited"})},
		{Name: "enforced", Want: packtest.Pass,
			Resource: packtest.Resource(gcsBucket, "assets", packtest.Props{"publicAccessPrevention": "enforced"})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: publicAccessPrevention",
			Resource: packtest.Resource(gcsBucket, "assets", packtest.Props{"publicAccessPrevention": packtest.Unknown})},
	})
}

func TestGCSNotPublic(t *testing.T) {
	member := func(m any) packtest.Props {
		return packtest.Props{"bucket": "assets", "role": "roles/storage.objectViewer", "member": m}
	}
	packtest.Run(t, Policies(), "gcp-storage-bucket-not-public", []packtest.Case{
		{Name: "iam member allUsers", Want: packtest.Violation,
			Message:  `bucket IAM member public grants access to "allUsers" (anyone on the internet) in member`,
			Resource: packtest.Resource("gcp:storage/bucketIAMMember:BucketIAMMember", "public", member("allUsers"))},
		{Name: "iam member allAuthenticatedUsers", Want: packtest.Violation, Message: "anyone with a Google account",
			Resource: packtest.Resource("gcp:storage/bucketIAMMember:BucketIAMMember", "public", member("allAuthenticatedUsers"))},
		{Name: "iam member a group", Want: packtest.Pass,
			Resource: packtest.Resource("gcp:storage/bucketIAMMember:BucketIAMMember", "team", member("group:team@example.com"))},
		{Name: "iam binding with allUsers", Want: packtest.Violation, Message: "in members",
			Resource: packtest.Resource("gcp:storage/bucketIAMBinding:BucketIAMBinding", "viewers", packtest.Props{
				"bucket": "assets", "role": "roles/storage.objectViewer", "members": []any{"user:a@example.com", "allUsers"}})},
		{Name: "iam binding of named users", Want: packtest.Pass,
			Resource: packtest.Resource("gcp:storage/bucketIAMBinding:BucketIAMBinding", "viewers", packtest.Props{
				"bucket": "assets", "role": "roles/storage.objectViewer", "members": []any{"user:a@example.com"}})},
		{Name: "iam policy document with allUsers", Want: packtest.Violation, Message: "in policyData",
			Resource: packtest.Resource("gcp:storage/bucketIAMPolicy:BucketIAMPolicy", "policy", packtest.Props{"bucket": "assets",
				"policyData": `{"bindings":[{"role":"roles/storage.objectViewer","members":["allUsers"]}]}`})},
		{Name: "iam policy document without public members", Want: packtest.Pass,
			Resource: packtest.Resource("gcp:storage/bucketIAMPolicy:BucketIAMPolicy", "policy", packtest.Props{"bucket": "assets",
				"policyData": `{"bindings":[{"role":"roles/storage.admin","members":["group:ops@example.com"]}]}`})},
		{Name: "bucket access control for allUsers", Want: packtest.Violation, Message: "bucket access control public",
			Resource: packtest.Resource("gcp:storage/bucketAccessControl:BucketAccessControl", "public",
				packtest.Props{"bucket": "assets", "entity": "allUsers", "role": "READER"})},
		{Name: "default object access control for allAuthenticatedUsers", Want: packtest.Violation,
			Resource: packtest.Resource("gcp:storage/defaultObjectAccessControl:DefaultObjectAccessControl", "public",
				packtest.Props{"bucket": "assets", "entity": "allAuthenticatedUsers", "role": "READER"})},
		{Name: "object access control for a user", Want: packtest.Pass,
			Resource: packtest.Resource("gcp:storage/objectAccessControl:ObjectAccessControl", "one",
				packtest.Props{"bucket": "assets", "object": "a.txt", "entity": "user-a@example.com", "role": "READER"})},
		{Name: "bucket acl publicRead", Want: packtest.Violation, Message: `bucket ACL acl applies the predefined ACL "publicRead"`,
			Resource: packtest.Resource("gcp:storage/bucketACL:BucketACL", "acl", packtest.Props{"bucket": "assets", "predefinedAcl": "publicRead"})},
		{Name: "object acl authenticatedRead", Want: packtest.Violation, Message: "anyone with a Google account",
			Resource: packtest.Resource("gcp:storage/objectACL:ObjectACL", "acl", packtest.Props{
				"bucket": "assets", "object": "a.txt", "predefinedAcl": "authenticatedRead"})},
		{Name: "bucket acl private", Want: packtest.Pass,
			Resource: packtest.Resource("gcp:storage/bucketACL:BucketACL", "acl", packtest.Props{"bucket": "assets", "predefinedAcl": "projectPrivate"})},
		{Name: "default object acl role entity for allUsers", Want: packtest.Violation, Message: `"READER:allUsers"`,
			Resource: packtest.Resource("gcp:storage/defaultObjectACL:DefaultObjectACL", "acl", packtest.Props{
				"bucket": "assets", "roleEntities": []any{"OWNER:project-owners-123", "READER:allUsers"}})},
		{Name: "role entities of named principals", Want: packtest.Pass,
			Resource: packtest.Resource("gcp:storage/bucketACL:BucketACL", "acl", packtest.Props{
				"bucket": "assets", "roleEntities": []any{"OWNER:project-owners-123", "READER:group-team@example.com"}})},
		{Name: "unknown member", Want: packtest.NotApplicable, Message: "value unknown during preview: member",
			Resource: packtest.Resource("gcp:storage/bucketIAMMember:BucketIAMMember", "m", member(packtest.Unknown))},
		{Name: "unknown members", Want: packtest.NotApplicable, Message: "value unknown during preview: members",
			Resource: packtest.Resource("gcp:storage/bucketIAMBinding:BucketIAMBinding", "b", packtest.Props{"members": packtest.Unknown})},
		{Name: "unknown policy document", Want: packtest.NotApplicable, Message: "value unknown during preview: policyData",
			Resource: packtest.Resource("gcp:storage/bucketIAMPolicy:BucketIAMPolicy", "p", packtest.Props{"policyData": packtest.Unknown})},
		{Name: "unknown entity", Want: packtest.NotApplicable, Message: "value unknown during preview: entity",
			Resource: packtest.Resource("gcp:storage/bucketAccessControl:BucketAccessControl", "e", packtest.Props{"entity": packtest.Unknown})},
		{Name: "unknown predefined acl", Want: packtest.NotApplicable, Message: "value unknown during preview: predefinedAcl",
			Resource: packtest.Resource("gcp:storage/bucketACL:BucketACL", "acl", packtest.Props{"predefinedAcl": packtest.Unknown})},
		{Name: "unknown role entities", Want: packtest.NotApplicable, Message: "value unknown during preview: roleEntities",
			Resource: packtest.Resource("gcp:storage/bucketACL:BucketACL", "acl", packtest.Props{"roleEntities": packtest.Unknown})},
	})
}

func TestGCSVersioning(t *testing.T) {
	packtest.Run(t, Policies(), "gcp-storage-bucket-versioning", []packtest.Case{
		{Name: "unset", Want: packtest.Violation, Message: "bucket assets does not keep object versions",
			Resource: packtest.Resource(gcsBucket, "assets", packtest.Props{})},
		{Name: "disabled", Want: packtest.Violation,
			Resource: packtest.Resource(gcsBucket, "assets", packtest.Props{"versioning": packtest.Props{"enabled": false}})},
		{Name: "enabled", Want: packtest.Pass,
			Resource: packtest.Resource(gcsBucket, "assets", packtest.Props{"versioning": packtest.Props{"enabled": true}})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "versioning.enabled",
			Resource: packtest.Resource(gcsBucket, "assets", packtest.Props{"versioning": packtest.Props{"enabled": packtest.Unknown}})},
	})
}

func TestGCSLogging(t *testing.T) {
	packtest.Run(t, Policies(), "gcp-storage-bucket-logging", []packtest.Case{
		{Name: "no logging", Want: packtest.Violation, Message: "bucket assets does not log the requests made on it",
			Resource: packtest.Resource(gcsBucket, "assets", packtest.Props{})},
		{Name: "logging", Want: packtest.Pass,
			Resource: packtest.Resource(gcsBucket, "assets", packtest.Props{"logging": packtest.Props{"logBucket": "logs"}})},
		{Name: "unknown log bucket", Want: packtest.NotApplicable, Message: "logging.logBucket",
			Resource: packtest.Resource(gcsBucket, "assets", packtest.Props{"logging": packtest.Props{"logBucket": packtest.Unknown}})},
	})
}

func TestGCSCORSNoWildcardWrites(t *testing.T) {
	cors := func(rules ...any) packtest.Props { return packtest.Props{"name": "assets", "cors": rules} }
	rule := func(origins, methods any) map[string]any {
		return map[string]any{"origins": origins, "methods": methods}
	}
	packtest.Run(t, Policies(), "gcp-storage-bucket-cors-no-wildcard-writes", []packtest.Case{
		{Name: "any origin may put", Want: packtest.Violation,
			Message:  `bucket assets: CORS rule cors[1] lets every origin ("*") send PUT, DELETE`,
			Resource: packtest.Resource(gcsBucket, "assets", cors(rule([]any{"https://app.example.com"}, []any{"PUT"}), rule([]any{"*"}, []any{"GET", "put", "DELETE"})))},
		{Name: "any method", Want: packtest.Violation, Message: "send *",
			Resource: packtest.Resource(gcsBucket, "assets", cors(rule([]any{"*"}, []any{"*"})))},
		{Name: "any origin may read", Want: packtest.Pass,
			Resource: packtest.Resource(gcsBucket, "assets", cors(rule([]any{"*"}, []any{"GET", "HEAD"})))},
		{Name: "named origin may write", Want: packtest.Pass,
			Resource: packtest.Resource(gcsBucket, "assets", cors(rule([]any{"https://app.example.com"}, []any{"PUT", "POST"})))},
		{Name: "no cors", Want: packtest.Pass, Resource: packtest.Resource(gcsBucket, "assets", packtest.Props{})},
		{Name: "known rule judged before an unknown one", Want: packtest.Violation, Message: "cors[1]",
			Resource: packtest.Resource(gcsBucket, "assets", cors(packtest.Unknown, rule([]any{"*"}, []any{"POST"})))},
		{Name: "unknown origins", Want: packtest.NotApplicable, Message: "cors[0].origins",
			Resource: packtest.Resource(gcsBucket, "assets", cors(rule(packtest.Unknown, []any{"PUT"})))},
		{Name: "unknown methods", Want: packtest.NotApplicable, Message: "cors[0].methods",
			Resource: packtest.Resource(gcsBucket, "assets", cors(rule([]any{"*"}, packtest.Unknown)))},
	})
}
