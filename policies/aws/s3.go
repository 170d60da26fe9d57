package aws

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy"
	"github.com/pulumi-securely/pulumi-securely/policies/joins"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// S3 type tokens, pulumi-aws v6 and v7.
//
// aws:s3/bucket:Bucket is the legacy bucket in v6 (inline blocks as objects: versioning,
// serverSideEncryptionConfiguration; but loggings as a list) and the current bucket in v7
// (versioning, serverSideEncryptionConfiguration, logging as objects). aws:s3/bucketV2:BucketV2
// exists in v6 and, deprecated, in v7, with its inline blocks as lists (versionings,
// serverSideEncryptionConfigurations, loggings). The side resources carry a V2 suffix in v6; v7
// drops it and keeps the V2 tokens as deprecated resources with the same inputs. Directory buckets
// (aws:s3/directoryBucket) are left out: S3 always blocks public access to them and encrypts them.
var (
	s3BucketTypes     = []string{"aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"}
	s3ACLTypes        = []string{"aws:s3/bucketAclV2:BucketAclV2", "aws:s3/bucketAcl:BucketAcl"}
	s3VersioningTypes = []string{"aws:s3/bucketVersioningV2:BucketVersioningV2",
		"aws:s3/bucketVersioning:BucketVersioning"}
	s3LoggingTypes    = []string{"aws:s3/bucketLoggingV2:BucketLoggingV2", "aws:s3/bucketLogging:BucketLogging"}
	s3EncryptionTypes = []string{
		"aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
		"aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
	}
	s3ObjectTypes = []string{"aws:s3/bucketObject:BucketObject", "aws:s3/bucketObjectv2:BucketObjectv2",
		"aws:s3/objectCopy:ObjectCopy"}
)

const (
	s3BucketV2Type                 = "aws:s3/bucketV2:BucketV2"
	s3BucketPolicyType             = "aws:s3/bucketPolicy:BucketPolicy"
	s3BucketPublicAccessBlockType  = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	s3AccountPublicAccessBlockType = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"
	s3AccessPointType              = "aws:s3/accessPoint:AccessPoint"
	s3MultiRegionAccessPointType   = "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint"
	s3OwnershipControlsType        = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
)

// Stack rules: what a bucket's own inputs do not show, because pulumi-aws splits a bucket's
// configuration across side resources (versioning, logging, encryption, policy, public access
// block) that name the bucket in their bucket input.

func init() {
	register(s3BucketPublicAccessBlock, s3BucketKMSEncryption, s3BucketVersioning, s3BucketLogging, s3BucketSSLOnly,
		s3BucketACLsDisabled)
}

// s3BucketKey joins a bucket's side resources to it: their bucket input holds the bucket's id or
// its bucket name.
var s3BucketKey = joins.OnName("bucket", "id", "bucket")

// s3Inline reads a bucket's inline configuration block, named in the singular on Bucket (v6
// legacy and v7) and in the plural, as a list of one, on BucketV2: e.g. versioning/versionings.
func s3Inline(b *pack.Resource, singular, plural string) pack.Value {
	if b.Type == s3BucketV2Type {
		return b.Get(plural)
	}
	return b.Get(singular)
}

// s3SideResourceHint tells, in messages, how pulumi-aws v6 names the side resources.
const s3SideResourceHint = "(the V2-suffixed resource in pulumi-aws v6)"

var s3BucketPublicAccessBlock = pack.Policy{
	Name:        "aws-s3-bucket-public-access-block",
	DisplayName: "S3 buckets have a public access block",
	Description: "Every S3 bucket has a BucketPublicAccessBlock whose bucket input is that bucket, unless the " +
		"stack declares an account-level AccountPublicAccessBlock. AWS turns the block on for buckets created " +
		"since April 2023, but only a declared block keeps it on when the setting is changed outside the " +
		"program, and older or imported buckets have none. The flags themselves are judged by " +
		"aws-s3-public-access-block-disabled.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("S3.8"),
	Tags:      []string{"aws", "s3", "public-access", "cis:2.1.4"},
	Remediation: "Add an aws.s3.BucketPublicAccessBlock with bucket set to the bucket's id and blockPublicAcls, " +
		"blockPublicPolicy, ignorePublicAcls and restrictPublicBuckets set to true, or an " +
		"aws.s3.AccountPublicAccessBlock for the whole account.",
	Types: s3BucketTypes,
	Stack: checkS3BucketPublicAccessBlock,
}

func checkS3BucketPublicAccessBlock(c *pack.Check, s *pack.Stack) {
	if s.Has(s3AccountPublicAccessBlockType) {
		return // the account-level block covers every bucket of the account
	}
	blocks := joins.Sides(s, []string{s3BucketPublicAccessBlockType}, s3BucketKey)
	c.ForEach(s.OfType(s3BucketTypes...), func(b *pack.Resource) {
		if len(blocks.Of(b)) == 0 {
			c.Report(pack.Violation{URN: b.URN, Message: fmt.Sprintf("bucket %s has no public access block: add a "+
				"BucketPublicAccessBlock with bucket set to it and all four flags true (or an "+
				"AccountPublicAccessBlock), so that public access stays blocked whatever changes outside the program",
				b.Name)})
		}
	})
}

type s3EncryptionSettings struct {
	RequireCustomerManagedKey bool `json:"requireCustomerManagedKey"`
}

var s3BucketKMSEncryption = pack.Policy{
	Name:        "aws-s3-bucket-kms-encryption",
	DisplayName: "S3 buckets encrypt with KMS keys",
	Description: "S3 buckets encrypt new objects by default with AWS KMS (sseAlgorithm aws:kms or aws:kms:dsse), " +
		"set inline or by a BucketServerSideEncryptionConfiguration resource. S3 already encrypts every bucket " +
		"with SSE-S3 (keys S3 manages) since January 2023; KMS adds key policies, audit of every use in " +
		"CloudTrail, and the ability to revoke access (Security Hub control S3.17).",
	Severity:  pack.Medium,
	Framework: frameworks.WellArchitected("SEC08-BP01"),
	Tags:      []string{"aws", "s3", "encryption"},
	Remediation: "Add an aws.s3.BucketServerSideEncryptionConfiguration (BucketServerSideEncryptionConfigurationV2 " +
		"in pulumi-aws v6) for the bucket with a rule whose applyServerSideEncryptionByDefault sets sseAlgorithm " +
		"\"aws:kms\" and kmsMasterKeyId to a customer managed key, and bucketKeyEnabled true to keep KMS costs down.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"requireCustomerManagedKey": pack.Boolean("Also require kmsMasterKeyId to name a customer managed key, "+
			"not the AWS managed key aws/s3 that KMS encryption uses when no key is given. Default false: any "+
			"KMS key passes.", false),
	}},
	Settings: func() any { return &s3EncryptionSettings{} },
	Types:    s3BucketTypes,
	Stack:    checkS3BucketKMSEncryption,
}

func checkS3BucketKMSEncryption(c *pack.Check, s *pack.Stack) {
	requireCMK := pack.SettingsOf[s3EncryptionSettings](c).RequireCustomerManagedKey
	configs := joins.Sides(s, s3EncryptionTypes, s3BucketKey)
	c.ForEach(s.OfType(s3BucketTypes...), func(b *pack.Resource) {
		// A configuration resource decides over the bucket's inline block, whose outputs show what S3
		// reported when the bucket was read.
		var defaults []pack.Value
		if side := configs.Of(b); len(side) > 0 {
			for _, cfg := range side {
				for _, rule := range cfg.Get("rules").Items() {
					defaults = append(defaults, rule.Get("applyServerSideEncryptionByDefault").Items()...)
				}
			}
		} else {
			for _, cfg := range s3Inline(b, "serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations").Items() {
				for _, rule := range cfg.Get("rule").Items() {
					defaults = append(defaults, rule.Get("applyServerSideEncryptionByDefault").Items()...)
				}
				for _, rule := range cfg.Get("rules").Items() {
					defaults = append(defaults, rule.Get("applyServerSideEncryptionByDefaults").Items()...)
				}
			}
		}
		problem := "sets no default encryption, so S3 encrypts new objects with SSE-S3 (keys S3 manages)"
		for i, d := range defaults {
			p := s3KMSProblem(d, requireCMK)
			if p == "" {
				return
			}
			if i == 0 {
				problem = p
			}
		}
		c.Report(pack.Violation{URN: b.URN, Message: fmt.Sprintf("bucket %s %s: set sseAlgorithm \"aws:kms\" "+
			"with kmsMasterKeyId naming a customer managed key in a BucketServerSideEncryptionConfiguration %s",
			b.Name, problem, s3SideResourceHint)})
	})
}

// s3KMSProblem says how a default encryption rule falls short of KMS, or "" if it does not.
func s3KMSProblem(d pack.Value, requireCMK bool) string {
	algorithm := d.Get("sseAlgorithm")
	switch strings.ToLower(algorithm.Text("")) {
	case "aws:kms", "aws:kms:dsse":
	case "aes256":
		return fmt.Sprintf("encrypts with sseAlgorithm %v (SSE-S3, keys S3 manages), not KMS", algorithm)
	default:
		return fmt.Sprintf("encrypts with sseAlgorithm %v, not KMS", algorithm)
	}
	if requireCMK && !namesCustomerManagedKey(d.Get("kmsMasterKeyId"), "s3") {
		return "encrypts with the AWS managed key aws/s3 (no customer managed kmsMasterKeyId)"
	}
	return ""
}

var s3BucketVersioning = pack.Policy{
	Name:        "aws-s3-bucket-versioning",
	DisplayName: "S3 buckets keep object versions",
	Description: "Every S3 bucket has versioning enabled, inline (versioning.enabled; versionings on BucketV2) " +
		"or by a BucketVersioning resource with status Enabled, so that overwritten and deleted objects can be " +
		"recovered (Security Hub control S3.14).",
	Severity:  pack.Medium,
	Framework: frameworks.WellArchitected("SEC08-BP04"),
	Tags:      []string{"aws", "s3", "backup"},
	Remediation: "Add an aws.s3.BucketVersioning (BucketVersioningV2 in pulumi-aws v6) for the bucket with " +
		"versioningConfiguration.status \"Enabled\", and a lifecycle rule that expires noncurrent versions to " +
		"bound the cost.",
	Types: s3BucketTypes,
	Stack: checkS3BucketVersioning,
}

func checkS3BucketVersioning(c *pack.Check, s *pack.Stack) {
	configs := joins.Sides(s, s3VersioningTypes, s3BucketKey)
	c.ForEach(s.OfType(s3BucketTypes...), func(b *pack.Resource) {
		side := configs.Of(b)
		if len(side) == 0 {
			if !s3Inline(b, "versioning", "versionings").Get("enabled").Bool(false) {
				inline := "versioning.enabled"
				if b.Type == s3BucketV2Type {
					inline = "versionings[0].enabled"
				}
				c.Report(pack.Violation{URN: b.URN, Message: fmt.Sprintf("bucket %s does not enable versioning: "+
					"add a BucketVersioning %s with versioningConfiguration.status \"Enabled\", or set %s "+
					"to true", b.Name, s3SideResourceHint, inline)})
			}
			return
		}
		var status pack.Value
		for _, v := range side {
			status = v.Get("versioningConfiguration", "status")
			if strings.EqualFold(status.Text(""), "Enabled") {
				return
			}
		}
		c.Report(pack.Violation{URN: b.URN, Message: fmt.Sprintf("bucket %s has versioning status %v: set "+
			"versioningConfiguration.status to \"Enabled\" in its BucketVersioning", b.Name, status)})
	})
}

var s3BucketLogging = pack.Policy{
	Name:        "aws-s3-bucket-logging",
	DisplayName: "S3 buckets log access",
	Description: "Every S3 bucket has server access logging, inline (logging in v7, loggings on the v6 Bucket " +
		"and on BucketV2) or by a BucketLogging resource. Buckets that receive another bucket's access logs in " +
		"the same stack are exempt, as Security Hub advises for S3.9.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("S3.9"),
	Tags:      []string{"aws", "s3", "logging"},
	Remediation: "Add an aws.s3.BucketLogging (BucketLoggingV2 in pulumi-aws v6) for the bucket with " +
		"targetBucket set to a log bucket in the same region, and targetPrefix to tell the sources apart.",
	Types: s3BucketTypes,
	Stack: checkS3BucketLogging,
}

func checkS3BucketLogging(c *pack.Check, s *pack.Stack) {
	configs := joins.Sides(s, s3LoggingTypes, s3BucketKey)
	targets := findS3LogTargets(s)
	c.ForEach(s.OfType(s3BucketTypes...), func(b *pack.Resource) {
		if len(configs.Of(b)) > 0 {
			return
		}
		// v6's legacy Bucket and BucketV2 list loggings; v7's Bucket has one logging object.
		if len(b.Get("loggings").Items()) > 0 || b.Get("logging", "targetBucket").Text("") != "" {
			return
		}
		if targets.receives(b) {
			return
		}
		c.Report(pack.Violation{URN: b.URN, Message: fmt.Sprintf("bucket %s has no server access logging: add a "+
			"BucketLogging %s with targetBucket set to a log bucket", b.Name, s3SideResourceHint)})
	})
}

// s3LogTargets are the buckets of a stack that receive server access logs.
type s3LogTargets struct {
	urns  map[pack.URN]bool
	names map[string]bool
	// unresolved is a targetBucket that is unknown and not traced to any resource, if any.
	unresolved *pack.Value
}

// findS3LogTargets collects the buckets named as targetBucket by logging resources and by the
// buckets' inline logging blocks: through property dependencies, or by a known name. Unknown
// values are skipped: they cannot name a bucket of the stack without a property dependency.
func findS3LogTargets(s *pack.Stack) s3LogTargets {
	t := s3LogTargets{urns: map[pack.URN]bool{}, names: map[string]bool{}}
	add := func(r *pack.Resource, property string, targets ...pack.Value) {
		for _, urn := range r.PropertyDependencies[property] {
			t.urns[urn] = true
		}
		for _, v := range targets {
			if name, ok := known.Text(v); ok {
				t.names[name] = true
			} else if v.Unknown() && len(r.PropertyDependencies[property]) == 0 {
				t.unresolved = &v
			}
		}
	}
	for _, r := range s.OfType(s3LoggingTypes...) {
		add(r, "targetBucket", r.Get("targetBucket"))
	}
	for _, b := range s.OfType(s3BucketTypes...) {
		for _, property := range []string{"loggings", "logging"} {
			block := b.Get(property)
			var targets []pack.Value
			// An unknown inline block is a computed output the program did not set (a set one
			// would be known, or traced to its source): it will show the bucket's logging
			// resource, whose own target is collected above.
			if !block.Unknown() && (block.Raw().IsArray() || block.Raw().IsMap()) {
				for _, item := range block.Items() {
					targets = append(targets, item.Get("targetBucket"))
				}
			}
			add(b, property, targets...)
		}
	}
	return t
}

// receives reports whether bucket b receives access logs of a bucket of the stack. When it does
// not seem to, but some logging target is unknown and untraced, it stops the check: that target
// may be b.
func (t s3LogTargets) receives(b *pack.Resource) bool {
	if t.urns[b.URN] {
		return true
	}
	if name, ok := known.Text(b.Get("bucket")); ok && t.names[name] {
		return true
	}
	if t.unresolved != nil {
		t.unresolved.Text("") // unknown: stops the check, deferring the decision on b
	}
	return false
}

var s3BucketSSLOnly = pack.Policy{
	Name:        "aws-s3-bucket-ssl-only",
	DisplayName: "S3 buckets refuse plain HTTP",
	Description: "Every S3 bucket has a bucket policy (a BucketPolicy resource, or the bucket's policy input) " +
		"with a statement that denies all S3 actions (s3:* or *) to every principal when aws:SecureTransport " +
		"is false, so that no client can read or write its data without TLS.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("S3.5"),
	Tags:      []string{"aws", "s3", "encryption", "cis:2.1.1"},
	Remediation: "Add to the bucket's policy a statement {Effect: \"Deny\", Principal: \"*\", Action: \"s3:*\", " +
		"Resource: [bucket ARN, bucket ARN + \"/*\"], Condition: {Bool: {\"aws:SecureTransport\": \"false\"}}}.",
	Types: s3BucketTypes,
	Stack: checkS3BucketSSLOnly,
}

func checkS3BucketSSLOnly(c *pack.Check, s *pack.Stack) {
	bucketPolicies := joins.Sides(s, []string{s3BucketPolicyType}, s3BucketKey)
	c.ForEach(s.OfType(s3BucketTypes...), func(b *pack.Resource) {
		// A BucketPolicy replaces the bucket's policy; without one, the bucket's own input (or
		// output, which shows the policy S3 reported) is the policy.
		var documents []pack.Value
		for _, p := range bucketPolicies.Of(b) {
			documents = append(documents, p.Get("policy"))
		}
		if len(documents) == 0 {
			documents = append(documents, b.Get("policy"))
		}
		for _, doc := range documents {
			for _, st := range iampolicy.Read(doc) {
				if deniesPlainHTTP(st) {
					return
				}
			}
		}
		c.Report(pack.Violation{URN: b.URN, Message: fmt.Sprintf("bucket %s accepts requests over plain HTTP: no "+
			"statement of its bucket policy denies \"s3:*\" to Principal \"*\" when aws:SecureTransport is "+
			"\"false\"; add one", b.Name)})
	})
}

// deniesPlainHTTP reports whether a bucket policy statement denies every S3 action to everyone
// over plain HTTP. Unlike statement.deniesInsecureTransport it also accepts the BoolIfExists
// operator (aws:SecureTransport is present in every S3 request, so both mean the same), and it
// requires the statement to cover every principal and every S3 action: a deny of s3:GetObject
// alone still lets objects be written over HTTP.
func deniesPlainHTTP(st iampolicy.Statement) bool {
	if !strings.EqualFold(st.Effect, "Deny") || !slices.Contains(st.Principals(), "*") {
		return false
	}
	if !slices.ContainsFunc(st.Actions, func(a string) bool { return a == "*" || strings.EqualFold(a, "s3:*") }) {
		return false
	}
	for op, keys := range st.Condition.Entries() {
		if !strings.EqualFold(op, "Bool") && !strings.EqualFold(op, "BoolIfExists") {
			continue
		}
		for key, value := range keys.Entries() {
			if strings.EqualFold(key, "aws:SecureTransport") &&
				slices.ContainsFunc(value.Strings(), func(v string) bool { return strings.EqualFold(v, "false") }) {
				return true
			}
		}
	}
	return false
}

var s3BucketACLsDisabled = pack.Policy{
	Name:        "aws-s3-bucket-acls-disabled",
	DisplayName: "S3 buckets do not manage access with ACLs",
	Description: "No S3 bucket turns ACLs back on or grants access with them: no BucketOwnershipControls for " +
		"it sets rule.objectOwnership to ObjectWriter or BucketOwnerPreferred, and neither the bucket's " +
		"inline acl and grants nor a BucketAcl for it grant anything beyond the owner's full control. Since " +
		"April 2023 new buckets have ACLs disabled (BucketOwnerEnforced), so a bucket without ownership " +
		"controls passes. A public grant is reported once, more severely, by aws-s3-bucket-public-acl.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("S3.12"),
	Tags:      []string{"aws", "s3", "identity"},
	Remediation: "Grant access with the bucket policy and IAM policies instead, then set the " +
		"BucketOwnershipControls' rule.objectOwnership to \"BucketOwnerEnforced\" (or remove it) and remove the " +
		"bucket's acl and grants and its BucketAcl " + s3SideResourceHint + ". S3 server access logging to the " +
		"bucket works with a bucket policy for logging.s3.amazonaws.com.",
	Types: s3BucketTypes,
	Stack: checkS3BucketACLsDisabled,
}

func checkS3BucketACLsDisabled(c *pack.Check, s *pack.Stack) {
	ownerships := joins.Sides(s, []string{s3OwnershipControlsType}, s3BucketKey)
	acls := joins.Sides(s, s3ACLTypes, s3BucketKey)
	c.ForEach(s.OfType(s3BucketTypes...), func(b *pack.Resource) {
		for _, o := range ownerships.Of(b) {
			if ownership := o.Get("rule", "objectOwnership"); !netTextIs(ownership, "", "BucketOwnerEnforced") {
				c.Report(pack.Violation{URN: b.URN, Message: fmt.Sprintf("bucket %s has ACLs enabled: its ownership "+
					"controls %s set rule.objectOwnership to %v; set it to \"BucketOwnerEnforced\" and grant access "+
					"with the bucket policy", b.Name, o.Name, ownership)})
				return
			}
		}
		if problem, at := s3ACLGrantProblem(b.Get("acl"), b.Get("grants").Items(), nil); problem != "" {
			c.Report(pack.Violation{URN: b.URN, Path: at, Message: fmt.Sprintf("bucket %s %s: remove it and grant "+
				"access with the bucket policy", b.Name, problem)})
			return
		}
		// An ACL resource's finding is reported on it, where the fix goes (and where
		// aws-s3-bucket-public-acl reports a public grant, which supersedes this one).
		for _, a := range acls.Of(b) {
			acl := a.Get("acl")
			var grants []pack.Value
			var owner pack.Value
			if netBlank(acl) {
				grants, owner = a.Get("accessControlPolicy", "grants").Items(), a.Get("accessControlPolicy", "owner", "id")
			}
			if problem, at := s3ACLGrantProblem(acl, grants, &owner); problem != "" {
				c.Report(pack.Violation{URN: a.URN, Path: at, Message: fmt.Sprintf("bucket %s is given an ACL by %s "+
					"that %s: remove it and grant access with the bucket policy",
					b.Name, a.Name, strings.TrimPrefix(problem, "has an ACL that "))})
				return
			}
		}
	})
}

// s3ACLGrantProblem says how a canned acl or a list of grants gives access beyond the bucket owner's
// full control, or "", and the path of the acl or grant that does. Grants are a bucket's inline ones
// (type, id, uri) or a BucketAcl's (grantee.type, grantee.id, ...); owner, when given, is the owner's
// canonical id. A bucket's own grants carry no owner id, but list the owner's grant: a second
// canonical user is someone else.
func s3ACLGrantProblem(acl pack.Value, grants []pack.Value, owner *pack.Value) (problem, path string) {
	if !netTextIs(acl, "", "", "private") {
		return fmt.Sprintf("has an ACL that grants access (acl %v)", acl), acl.Path()
	}
	users := 0
	for _, g := range grants {
		grantee := g
		if g.Get("grantee").Exists() {
			grantee = g.Get("grantee")
		}
		switch grantee.Get("type").Text("") {
		case "Group":
			return fmt.Sprintf("has an ACL that grants the group %v", grantee.Get("uri")), g.Path()
		case "AmazonCustomerByEmail":
			return "has an ACL that grants an account by email", g.Path()
		case "CanonicalUser":
			users++
			if owner != nil && !owner.Unknown() && grantee.Get("id").Text("") != owner.Text("") {
				return "has an ACL that grants an account other than the owner", g.Path()
			}
		}
	}
	if owner == nil && users > 1 {
		return "has an ACL that grants accounts other than the owner", ""
	}
	return "", ""
}
