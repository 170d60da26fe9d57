package aws

import (
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy"
)

// Rules that keep S3 data from being opened to everyone: public ACLs on buckets and objects,
// public bucket policies, and public access blocks or access points that turn the block off.
// They judge a resource's own inputs, so a violation stops it before it is created or changed.

func init() {
	register(s3BucketPublicACL, s3ObjectPublicACL, s3PublicAccessBlockDisabled, s3AccessPointPublicAccessBlock,
		s3BucketPolicyPublic)
}

// s3PublicCannedACLs are the canned ACLs that open a bucket to everyone, with what they allow.
var s3PublicCannedACLs = map[string]string{
	"public-read":        "anyone on the internet can list and read its objects",
	"public-read-write":  "anyone on the internet can list, upload, overwrite and delete its objects",
	"authenticated-read": "anyone with an AWS account can list and read its objects",
}

// s3PublicObjectACLs are the canned ACLs that open an object to everyone.
var s3PublicObjectACLs = map[string]string{
	"public-read":        "anyone on the internet can read it",
	"public-read-write":  "anyone on the internet can read it",
	"authenticated-read": "anyone with an AWS account can read it",
}

// s3PublicGrantees are the ACL grantee groups that stand for everyone.
var s3PublicGrantees = map[string]string{
	"http://acs.amazonaws.com/groups/global/allusers":           "anyone on the internet",
	"http://acs.amazonaws.com/groups/global/authenticatedusers": "anyone with an AWS account",
}

// s3PublicGrantee says who a grantee group URI stands for, or "" if it is not a public group.
func s3PublicGrantee(uri string) string {
	return s3PublicGrantees[strings.ToLower(strings.TrimSpace(uri))]
}

// s3GrantedPermissions renders the permissions of a grant for a message. A grant to a public
// group is public whatever it grants, so an unknown permission does not stop the check.
func s3GrantedPermissions(v pack.Value) string {
	if v.Unknown() || v.Secret() {
		return "permissions"
	}
	return strings.Join(v.Strings(), ", ")
}

var s3BucketPublicACL = pack.Policy{
	Name:        "aws-s3-bucket-public-acl",
	DisplayName: "S3 bucket ACLs do not grant access to everyone",
	Description: "S3 buckets and their ACL resources do not use the canned ACLs public-read, public-read-write " +
		"or authenticated-read, nor grant any permission to the AllUsers or AuthenticatedUsers groups.",
	Severity:  pack.Critical,
	Framework: frameworks.FSBP("S3.2"),
	Tags:      []string{"aws", "s3", "public-access"},
	Remediation: "Set acl to \"private\" (or remove it) and remove grants to the AllUsers and AuthenticatedUsers " +
		"groups. To share objects, grant named principals in a bucket policy or serve them through CloudFront " +
		"with origin access control. Buckets created since April 2023 have ACLs disabled by default " +
		"(object ownership BucketOwnerEnforced); keeping them disabled is the simplest fix.",
	Types:      append(append([]string{}, s3BucketTypes...), s3ACLTypes...),
	Supersedes: []string{"aws-s3-bucket-acls-disabled"},
	Resource:   checkS3BucketPublicACL,
}

func checkS3BucketPublicACL(c *pack.Check, r *pack.Resource) {
	noun := "bucket"
	if slices.Contains(s3ACLTypes, r.Type) {
		noun = "bucket ACL"
	}
	acl := r.Get("acl")
	if what, public := s3PublicCannedACLs[strings.ToLower(acl.Text(""))]; public {
		c.ViolateAt(acl.Path(), "%s %s has acl %v: %s; set acl to \"private\" or remove it", noun, r.Name, acl, what)
	}
	// Inline grants of Bucket and BucketV2 name the grantee group in uri.
	for i, g := range r.Get("grants").Items() {
		if who := s3PublicGrantee(g.Get("uri").Text("")); who != "" {
			c.ViolateAt(g.Path(), "bucket %s grants %s to %s (grants[%d]); remove that grant", r.Name,
				s3GrantedPermissions(g.Get("permissions")), who, i)
		}
	}
	// BucketAcl and BucketAclV2 name it in accessControlPolicy.grants[].grantee.uri.
	for i, g := range r.Get("accessControlPolicy", "grants").Items() {
		if who := s3PublicGrantee(g.Get("grantee", "uri").Text("")); who != "" {
			c.ViolateAt(g.Path(), "bucket ACL %s grants %s to %s (accessControlPolicy.grants[%d]); remove that grant", r.Name,
				s3GrantedPermissions(g.Get("permission")), who, i)
		}
	}
}

var s3ObjectPublicACL = pack.Policy{
	Name:        "aws-s3-object-public-acl",
	DisplayName: "S3 objects are not public through their ACL",
	Description: "S3 objects (BucketObject, BucketObjectv2, ObjectCopy) do not use the canned ACLs public-read, " +
		"public-read-write or authenticated-read, nor grant any permission to the AllUsers or " +
		"AuthenticatedUsers groups.",
	Severity:  pack.Critical,
	Framework: frameworks.WellArchitected("SEC08-BP04"),
	Tags:      []string{"aws", "s3", "public-access"},
	Remediation: "Remove acl (objects are private by default) or set it to \"private\", and remove grants to the " +
		"AllUsers and AuthenticatedUsers groups. Serve public content through CloudFront with origin access " +
		"control instead of public objects.",
	Types:    s3ObjectTypes,
	Resource: checkS3ObjectPublicACL,
}

func checkS3ObjectPublicACL(c *pack.Check, r *pack.Resource) {
	acl := r.Get("acl")
	if what, public := s3PublicObjectACLs[strings.ToLower(acl.Text(""))]; public {
		c.Violatef("object %s has acl %v: %s; remove acl or set it to \"private\"", r.Name, acl, what)
	}
	// ObjectCopy grants name the grantee group in uri.
	for i, g := range r.Get("grants").Items() {
		if who := s3PublicGrantee(g.Get("uri").Text("")); who != "" {
			c.Violatef("object %s grants %s to %s (grants[%d]); remove that grant", r.Name,
				s3GrantedPermissions(g.Get("permissions")), who, i)
		}
	}
}

// s3BlockFlags are the four settings of an S3 public access block.
var s3BlockFlags = []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"}

var s3PublicAccessBlockDisabled = pack.Policy{
	Name:        "aws-s3-public-access-block-disabled",
	DisplayName: "S3 public access blocks block everything",
	Description: "Bucket-level and account-level S3 public access blocks set all four of blockPublicAcls, " +
		"blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true (the provider defaults each to " +
		"false when unset).",
	Severity:  pack.High,
	Framework: frameworks.FSBP("S3.8"),
	Tags:      []string{"aws", "s3", "public-access", "cis:2.1.4"},
	Remediation: "Set blockPublicAcls, blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets to true. " +
		"If a bucket must serve the public, serve it through CloudFront with origin access control instead, " +
		"or record an exception for that bucket.",
	Types:    []string{s3BucketPublicAccessBlockType, s3AccountPublicAccessBlockType},
	Resource: checkS3PublicAccessBlockDisabled,
}

func checkS3PublicAccessBlockDisabled(c *pack.Check, r *pack.Resource) {
	var off []string
	for _, flag := range s3BlockFlags {
		v := r.Get(flag)
		switch {
		case !v.Exists():
			off = append(off, flag+" is not set (it defaults to false)")
		case !v.Bool(false):
			off = append(off, flag+" is false")
		}
	}
	if len(off) == 0 {
		return
	}
	what := "public access block"
	if r.Type == s3AccountPublicAccessBlockType {
		what = "account public access block"
	}
	c.Violatef("%s %s lets public access through: %s; set all four flags to true", what, r.Name,
		strings.Join(off, ", "))
}

var s3AccessPointPublicAccessBlock = pack.Policy{
	Name:        "aws-s3-access-point-public-access-block",
	DisplayName: "S3 access points block public access",
	Description: "S3 access points and Multi-Region Access Points keep the four public access block settings " +
		"on (they default to true; a false one lets a public access point policy through).",
	Severity:  pack.High,
	Framework: frameworks.FSBP("S3.19"),
	Tags:      []string{"aws", "s3", "public-access"},
	Remediation: "Remove the false settings from publicAccessBlockConfiguration (access points) or " +
		"details.publicAccessBlock (Multi-Region Access Points), or set them to true. Both are fixed at " +
		"creation: changing them replaces the access point.",
	Types:    []string{s3AccessPointType, s3MultiRegionAccessPointType},
	Resource: checkS3AccessPointPublicAccessBlock,
}

func checkS3AccessPointPublicAccessBlock(c *pack.Check, r *pack.Resource) {
	path := []string{"publicAccessBlockConfiguration"}
	if r.Type == s3MultiRegionAccessPointType {
		path = []string{"details", "publicAccessBlock"}
	}
	block := r.Get(path...)
	var off []string
	for _, flag := range s3BlockFlags {
		if !block.Get(flag).Bool(true) {
			off = append(off, flag)
		}
	}
	if len(off) > 0 {
		c.Violatef("access point %s sets %s to false in %s: set them to true or remove them", r.Name,
			strings.Join(off, ", "), strings.Join(path, "."))
	}
}

var s3BucketPolicyPublic = pack.Policy{
	Name:        "aws-s3-bucket-policy-public",
	DisplayName: "S3 bucket policies do not allow everyone",
	Description: "S3 bucket policies (BucketPolicy resources and the policy input of buckets) do not allow the " +
		"principal \"*\" (or everyone but a NotPrincipal) without a condition that narrows the caller to an " +
		"account, organization, source, VPC or IP range.",
	Severity:  pack.Critical,
	Framework: frameworks.FSBP("S3.2"),
	Tags:      []string{"aws", "s3", "public-access", "identity"},
	Remediation: "Name the principals that need access (account, role or service principal ARNs), or add a " +
		"condition such as aws:PrincipalOrgID, aws:SourceVpce, aws:SourceAccount or aws:SourceArn. To serve " +
		"content publicly, put CloudFront with origin access control in front of a private bucket.",
	Types:    append([]string{s3BucketPolicyType}, s3BucketTypes...),
	Resource: checkS3BucketPolicyPublic,
}

func checkS3BucketPolicyPublic(c *pack.Check, r *pack.Resource) {
	for i, st := range iampolicy.Read(r.Get("policy")) {
		if !st.PublicPrincipal() {
			continue
		}
		who := "Principal \"*\""
		if st.NotPrincipal.Exists() {
			who = "everyone outside its NotPrincipal"
		}
		// The statement's actions are not quoted: the policy document may be a secret.
		c.Violatef("%s %s: statement %d of its policy allows %s with no condition narrowing the caller to an "+
			"account, organization, VPC or IP range; name the principals or add such a condition",
			s3PolicyHolder(r), r.Name, i+1, who)
	}
}

// s3PolicyHolder names what holds a bucket policy, for messages.
func s3PolicyHolder(r *pack.Resource) string {
	if r.Type == s3BucketPolicyType {
		return "bucket policy"
	}
	return "bucket"
}
