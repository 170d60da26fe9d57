package gcp

import (
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

var gcsBucketTypes = []string{"gcp:storage/bucket:Bucket"}

// Resources that grant access to a bucket or its objects, and how each names the grantees.
var (
	gcsIAMTypes = []string{"gcp:storage/bucketIAMMember:BucketIAMMember",
		"gcp:storage/bucketIAMBinding:BucketIAMBinding", "gcp:storage/bucketIAMPolicy:BucketIAMPolicy"}
	gcsEntityTypes = []string{"gcp:storage/bucketAccessControl:BucketAccessControl",
		"gcp:storage/defaultObjectAccessControl:DefaultObjectAccessControl",
		"gcp:storage/objectAccessControl:ObjectAccessControl"}
	gcsACLTypes = []string{"gcp:storage/bucketACL:BucketACL", "gcp:storage/defaultObjectACL:DefaultObjectACL",
		"gcp:storage/objectACL:ObjectACL"}
)

var gcsUniformAccess = pack.Policy{
	Name:        "gcp-storage-bucket-uniform-access",
	DisplayName: "Cloud Storage buckets use uniform bucket-level access",
	Description: "Cloud Storage buckets turn on uniform bucket-level access, so that IAM alone decides who can " +
		"read their objects and no object ACL can make one public.",
	Severity:    pack.Medium,
	Framework:   frameworks.CISGCP("5.2"),
	Tags:        []string{"gcp", "storage", "identity"},
	Remediation: "Set uniformBucketLevelAccess: true and grant access with IAM roles instead of ACLs.",
	Types:       gcsBucketTypes,
	Resource:    checkGCSUniformAccess,
}

var gcsPublicAccessPrevention = pack.Policy{
	Name:        "gcp-storage-bucket-public-access-prevention",
	DisplayName: "Cloud Storage buckets enforce public access prevention",
	Description: "Cloud Storage buckets set public access prevention to enforced, so that neither IAM nor ACLs " +
		"can grant allUsers or allAuthenticatedUsers access to them.",
	Severity:  pack.Medium,
	Framework: frameworks.CISGCP("5.1"),
	Tags:      []string{"gcp", "storage", "public-access"},
	Remediation: "Set publicAccessPrevention: \"enforced\" (\"inherited\", the default, only prevents public " +
		"access where the storage.publicAccessPrevention organization policy is enforced).",
	Types:    gcsBucketTypes,
	Resource: checkGCSPublicAccessPrevention,
}

var gcsNotPublic = pack.Policy{
	Name:        "gcp-storage-bucket-not-public",
	DisplayName: "Cloud Storage buckets and objects are not public",
	Description: "No IAM binding or ACL grants allUsers (anyone on the internet) or allAuthenticatedUsers " +
		"(anyone with a Google account) access to a Cloud Storage bucket or its objects.",
	Severity:  pack.Critical,
	Framework: frameworks.CISGCP("5.1"),
	Tags:      []string{"gcp", "storage", "public-access"},
	Remediation: "Remove allUsers and allAuthenticatedUsers from the IAM members and ACL entities, and do not " +
		"use the publicRead, publicReadWrite or authenticatedRead predefined ACLs. Grant access to named " +
		"principals, or share objects with signed URLs.",
	Types:    slices.Concat(gcsIAMTypes, gcsEntityTypes, gcsACLTypes),
	Resource: checkGCSNotPublic,
}

var gcsVersioning = pack.Policy{
	Name:        "gcp-storage-bucket-versioning",
	DisplayName: "Cloud Storage buckets keep object versions",
	Description: "Cloud Storage buckets turn on object versioning, so that overwritten and deleted objects can " +
		"be restored.",
	Severity:  pack.Medium,
	Framework: frameworks.NIST80053Rev5("CP-9"),
	Tags:      []string{"gcp", "storage", "backup"},
	Remediation: "Set versioning: { enabled: true }, with lifecycleRules that delete noncurrent versions after " +
		"the retention you need.",
	Types:    gcsBucketTypes,
	Resource: checkGCSVersioning,
}

var gcsLogging = pack.Policy{
	Name:        "gcp-storage-bucket-logging",
	DisplayName: "Cloud Storage buckets log access",
	Description: "Cloud Storage buckets deliver usage logs of the requests made on them to a log bucket.",
	Severity:    pack.Medium,
	Framework:   frameworks.NIST80053Rev5("AU-12"),
	Tags:        []string{"gcp", "storage", "logging"},
	Remediation: "Set logging: { logBucket: <a bucket that receives the logs> }, or turn on Data Access audit " +
		"logs for Cloud Storage and disable this rule.",
	Types:    gcsBucketTypes,
	Resource: checkGCSLogging,
}

func init() {
	register(gcsUniformAccess, gcsPublicAccessPrevention, gcsNotPublic, gcsVersioning, gcsLogging, gcsCORSNoWildcardWrites)
}

func checkGCSUniformAccess(c *pack.Check, r *pack.Resource) {
	if !r.Get("uniformBucketLevelAccess").Bool(false) {
		c.Violatef("bucket %s does not set uniformBucketLevelAccess: object ACLs can grant access, and make "+
			"objects public, apart from the bucket's IAM policy; set uniformBucketLevelAccess: true", r.Name)
	}
}

func checkGCSPublicAccessPrevention(c *pack.Check, r *pack.Resource) {
	v := r.Get("publicAccessPrevention")
	if strings.EqualFold(v.Text("inherited"), "enforced") {
		return
	}
	if !v.Exists() {
		c.Violatef("bucket %s leaves publicAccessPrevention unset (inherited): it can be made public unless an "+
			"organization policy prevents it; set publicAccessPrevention: \"enforced\"", r.Name)
		return
	}
	c.Violatef("bucket %s has publicAccessPrevention %v: it can be made public unless an organization policy "+
		"prevents it; set publicAccessPrevention: \"enforced\"", r.Name, v)
}

// gcsPublicPredefinedACLs are the predefined ACLs that grant everyone access.
var gcsPublicPredefinedACLs = map[string]string{
	"publicread":        "anyone on the internet",
	"publicreadwrite":   "anyone on the internet",
	"authenticatedread": "anyone with a Google account",
}

// gcsGrantKinds names the kinds of grants in messages.
var gcsGrantKinds = map[string]string{
	"gcp:storage/bucketIAMMember:BucketIAMMember":                       "bucket IAM member",
	"gcp:storage/bucketIAMBinding:BucketIAMBinding":                     "bucket IAM binding",
	"gcp:storage/bucketIAMPolicy:BucketIAMPolicy":                       "bucket IAM policy",
	"gcp:storage/bucketAccessControl:BucketAccessControl":               "bucket access control",
	"gcp:storage/defaultObjectAccessControl:DefaultObjectAccessControl": "default object access control",
	"gcp:storage/objectAccessControl:ObjectAccessControl":               "object access control",
	"gcp:storage/bucketACL:BucketACL":                                   "bucket ACL",
	"gcp:storage/defaultObjectACL:DefaultObjectACL":                     "default object ACL",
	"gcp:storage/objectACL:ObjectACL":                                   "object ACL",
}

func checkGCSNotPublic(c *pack.Check, r *pack.Resource) {
	kind := gcsGrantKinds[r.Type]
	report := func(principal pack.Value, who, property string) {
		c.Violatef("%s %s grants access to %v (%s) in %s: grant access to named principals instead",
			kind, r.Name, principal, who, property)
	}
	switch t := r.Type; {
	case slices.Contains(gcsIAMTypes, t):
		grant, _, _ := gcpIAMGrantOf(t)
		gcpPublicIAMMembers(r, grant, report)
	case slices.Contains(gcsEntityTypes, t):
		if who, ok := gcpPublicPrincipal(r.Get("entity").Text("")); ok {
			report(r.Get("entity"), who, "entity")
		}
	case slices.Contains(gcsACLTypes, t):
		if acl := r.Get("predefinedAcl"); acl.Exists() {
			if who, ok := gcsPublicPredefinedACLs[strings.ToLower(acl.Text(""))]; ok {
				c.Violatef("%s %s applies the predefined ACL %v, which grants access to %s: use a private ACL "+
					"and grant access to named principals", kind, r.Name, acl, who)
			}
		}
		for _, re := range r.Get("roleEntities").Items() {
			_, entity, _ := strings.Cut(re.Text(""), ":")
			if who, ok := gcpPublicPrincipal(entity); ok {
				report(re, who, "roleEntities")
			}
		}
	}
}

func checkGCSVersioning(c *pack.Check, r *pack.Resource) {
	if !r.Get("versioning", "enabled").Bool(false) {
		c.Violatef("bucket %s does not keep object versions: an overwritten or deleted object is lost once the "+
			"soft delete period ends; set versioning: { enabled: true }", r.Name)
	}
}

func checkGCSLogging(c *pack.Check, r *pack.Resource) {
	if strings.TrimSpace(r.Get("logging", "logBucket").Text("")) == "" {
		c.Violatef("bucket %s does not log the requests made on it: set logging: { logBucket: <log bucket> }", r.Name)
	}
}

// gcsWriteMethods are the HTTP methods that change a bucket's objects; "*" allows them all.
var gcsWriteMethods = []string{"PUT", "POST", "DELETE", "PATCH", "*"}

var gcsCORSNoWildcardWrites = pack.Policy{
	Name:        "gcp-storage-bucket-cors-no-wildcard-writes",
	DisplayName: "Cloud Storage buckets do not allow writes from every origin",
	Description: "No CORS rule of a Cloud Storage bucket (cors[], the same in pulumi-gcp v8 and v9) lets every " +
		"origin (\"*\") send requests that change objects (PUT, POST, DELETE, PATCH or \"*\"): scripts on any " +
		"website could then write or delete objects with the credentials or signed URLs a visitor's browser holds.",
	Severity:  pack.Medium,
	Framework: frameworks.NIST80053Rev5("AC-4"),
	Tags:      []string{"gcp", "storage", "network", "public-access"},
	Remediation: "List the origins of your web applications in cors[].origins, or limit the rule with origin " +
		"\"*\" to GET and HEAD.",
	Types:    gcsBucketTypes,
	Resource: checkGCSCORSNoWildcardWrites,
}

func checkGCSCORSNoWildcardWrites(c *pack.Check, r *pack.Resource) {
	for _, rule := range known.ValuesFirst(r.Get("cors").Items()) {
		if !slices.Contains(rule.Get("origins").Strings(), "*") {
			continue
		}
		var writes []string
		for _, m := range rule.Get("methods").Strings() {
			if slices.Contains(gcsWriteMethods, strings.ToUpper(strings.TrimSpace(m))) {
				writes = append(writes, strings.ToUpper(strings.TrimSpace(m)))
			}
		}
		if len(writes) > 0 {
			c.Violatef("bucket %s: CORS rule %s lets every origin (\"*\") send %s: any website's scripts can "+
				"change its objects; list your origins instead", r.Name, rule.Path(), strings.Join(writes, ", "))
		}
	}
}
