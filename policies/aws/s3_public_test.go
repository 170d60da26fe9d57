package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy/iampolicytest"
)

const (
	s3AllUsers           = "http://acs.amazonaws.com/groups/global/AllUsers"
	s3AuthenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
	s3LogDelivery        = "http://acs.amazonaws.com/groups/s3/LogDelivery"
)

func TestS3BucketPublicACL(t *testing.T) {
	const (
		legacyOrV7 = "aws:s3/bucket:Bucket"
		v2         = "aws:s3/bucketV2:BucketV2"
		aclV6      = "aws:s3/bucketAclV2:BucketAclV2"
		aclV7      = "aws:s3/bucketAcl:BucketAcl"
	)
	policyGrant := func(uri any, permission string) packtest.Props {
		return packtest.Props{"accessControlPolicy": packtest.Props{
			"owner":  packtest.Props{"id": "owner-canonical-id"},
			"grants": []any{packtest.Props{"permission": permission, "grantee": packtest.Props{"type": "Group", "uri": uri}}},
		}}
	}
	packtest.Run(t, Policies(), "aws-s3-bucket-public-acl", []packtest.Case{
		{Name: "Bucket public-read", Want: packtest.Violation, Count: 1,
			Message:  `bucket site has acl "public-read": anyone on the internet can list and read its objects`,
			Resource: packtest.Resource(legacyOrV7, "site", packtest.Props{"acl": "public-read"})},
		{Name: "BucketV2 public-read-write", Want: packtest.Violation,
			Message:  `acl "public-read-write": anyone on the internet can list, upload, overwrite and delete`,
			Resource: packtest.Resource(v2, "site", packtest.Props{"acl": "public-read-write"})},
		{Name: "Bucket authenticated-read", Want: packtest.Violation,
			Message:  "anyone with an AWS account can list and read its objects",
			Resource: packtest.Resource(legacyOrV7, "site", packtest.Props{"acl": "authenticated-read"})},
		{Name: "private ACL", Want: packtest.Pass,
			Resource: packtest.Resource(legacyOrV7, "site", packtest.Props{"acl": "private"})},
		{Name: "log-delivery-write ACL", Want: packtest.Pass,
			Resource: packtest.Resource(v2, "logs", packtest.Props{"acl": "log-delivery-write"})},
		{Name: "no ACL", Want: packtest.Pass, Resource: packtest.Resource(v2, "site", packtest.Props{})},
		{Name: "inline grant to AllUsers", Want: packtest.Violation, Count: 1,
			Message: "bucket site grants READ, READ_ACP to anyone on the internet (grants[1])",
			Resource: packtest.Resource(v2, "site", packtest.Props{"grants": []any{
				packtest.Props{"type": "CanonicalUser", "id": "abc", "permissions": []any{"FULL_CONTROL"}},
				packtest.Props{"type": "Group", "uri": s3AllUsers, "permissions": []any{"READ", "READ_ACP"}},
			}})},
		{Name: "inline grant to AuthenticatedUsers", Want: packtest.Violation, Message: "anyone with an AWS account",
			Resource: packtest.Resource(legacyOrV7, "site", packtest.Props{"grants": []any{
				packtest.Props{"type": "Group", "uri": s3AuthenticatedUsers, "permissions": []any{"WRITE"}},
			}})},
		{Name: "public ACL and public grant both reported", Want: packtest.Violation, Count: 2,
			Resource: packtest.Resource(legacyOrV7, "site", packtest.Props{"acl": "public-read", "grants": []any{
				packtest.Props{"type": "Group", "uri": s3AllUsers, "permissions": []any{"READ"}},
			}})},
		{Name: "inline grant to the log delivery group", Want: packtest.Pass,
			Resource: packtest.Resource(v2, "logs", packtest.Props{"grants": []any{
				packtest.Props{"type": "Group", "uri": s3LogDelivery, "permissions": []any{"WRITE", "READ_ACP"}},
			}})},
		{Name: "v6 BucketAclV2 public-read", Want: packtest.Violation, Message: `bucket ACL acl has acl "public-read"`,
			Resource: packtest.Resource(aclV6, "acl", packtest.Props{"bucket": "site", "acl": "public-read"})},
		{Name: "v7 BucketAcl private", Want: packtest.Pass,
			Resource: packtest.Resource(aclV7, "acl", packtest.Props{"bucket": "site", "acl": "private"})},
		{Name: "v7 BucketAcl grant to AuthenticatedUsers", Want: packtest.Violation,
			Message:  "bucket ACL acl grants READ to anyone with an AWS account (accessControlPolicy.grants[0])",
			Resource: packtest.Resource(aclV7, "acl", policyGrant(s3AuthenticatedUsers, "READ"))},
		{Name: "v6 BucketAclV2 grant to AllUsers", Want: packtest.Violation, Message: "anyone on the internet",
			Resource: packtest.Resource(aclV6, "acl", policyGrant(s3AllUsers, "FULL_CONTROL"))},
		{Name: "BucketAcl grant to the log delivery group", Want: packtest.Pass,
			Resource: packtest.Resource(aclV7, "acl", policyGrant(s3LogDelivery, "WRITE"))},
		{Name: "BucketAcl grant to a canonical user", Want: packtest.Pass,
			Resource: packtest.Resource(aclV7, "acl", packtest.Props{"accessControlPolicy": packtest.Props{
				"owner": packtest.Props{"id": "owner"},
				"grants": []any{packtest.Props{"permission": "FULL_CONTROL",
					"grantee": packtest.Props{"type": "CanonicalUser", "id": "owner"}}},
			}})},
		{Name: "unknown acl", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": acl",
			Resource: packtest.Resource(v2, "site", packtest.Props{"acl": packtest.Unknown})},
		{Name: "unknown grants", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": grants",
			Resource: packtest.Resource(v2, "site", packtest.Props{"grants": packtest.Unknown})},
		{Name: "unknown grant uri", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": grants[0].uri",
			Resource: packtest.Resource(legacyOrV7, "site", packtest.Props{"grants": []any{
				packtest.Props{"type": "Group", "uri": packtest.Unknown, "permissions": []any{"READ"}},
			}})},
		{Name: "unknown permissions of a public grant: public whatever they are", Want: packtest.Violation,
			Message: "bucket site grants permissions to anyone on the internet (grants[0])",
			Resource: packtest.Resource(legacyOrV7, "site", packtest.Props{"grants": []any{
				packtest.Props{"type": "Group", "uri": s3AllUsers, "permissions": packtest.Unknown},
			}})},
		{Name: "unknown access control policy", Want: packtest.NotApplicable,
			Message:  packtest.UnknownDuringPreview + ": accessControlPolicy",
			Resource: packtest.Resource(aclV7, "acl", packtest.Props{"accessControlPolicy": packtest.Unknown})},
		{Name: "unknown grantee uri", Want: packtest.NotApplicable,
			Message:  packtest.UnknownDuringPreview + ": accessControlPolicy.grants[0].grantee.uri",
			Resource: packtest.Resource(aclV6, "acl", policyGrant(packtest.Unknown, "READ"))},
		{Name: "unknown permission of a public grant", Want: packtest.Violation,
			Message: "bucket ACL acl grants permissions to anyone on the internet",
			Resource: packtest.Resource(aclV6, "acl", packtest.Props{"accessControlPolicy": packtest.Props{
				"grants": []any{packtest.Props{"permission": packtest.Unknown, "grantee": packtest.Props{"uri": s3AllUsers}}},
			}})},
		{Name: "other resource types", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource("aws:s3/bucketPolicy:BucketPolicy", "p", packtest.Props{})},
	})
}

func TestS3ObjectPublicACL(t *testing.T) {
	packtest.Run(t, Policies(), "aws-s3-object-public-acl", []packtest.Case{
		{Name: "v6/v7 BucketObjectv2 public-read", Want: packtest.Violation,
			Message: `object index has acl "public-read": anyone on the internet can read it`,
			Resource: packtest.Resource("aws:s3/bucketObjectv2:BucketObjectv2", "index",
				packtest.Props{"bucket": "site", "key": "index.html", "acl": "public-read"})},
		{Name: "BucketObject authenticated-read", Want: packtest.Violation, Message: "anyone with an AWS account",
			Resource: packtest.Resource("aws:s3/bucketObject:BucketObject", "index",
				packtest.Props{"bucket": "site", "acl": "authenticated-read"})},
		{Name: "ObjectCopy public-read-write", Want: packtest.Violation, Message: `acl "public-read-write"`,
			Resource: packtest.Resource("aws:s3/objectCopy:ObjectCopy", "copy",
				packtest.Props{"bucket": "site", "key": "k", "source": "src/k", "acl": "public-read-write"})},
		{Name: "ObjectCopy grant to AllUsers", Want: packtest.Violation,
			Message: "object copy grants READ to anyone on the internet (grants[0])",
			Resource: packtest.Resource("aws:s3/objectCopy:ObjectCopy", "copy", packtest.Props{"grants": []any{
				packtest.Props{"type": "Group", "uri": s3AllUsers, "permissions": []any{"READ"}},
			}})},
		{Name: "ObjectCopy grant to a canonical user", Want: packtest.Pass,
			Resource: packtest.Resource("aws:s3/objectCopy:ObjectCopy", "copy", packtest.Props{"grants": []any{
				packtest.Props{"type": "CanonicalUser", "id": "abc", "permissions": []any{"READ"}},
			}})},
		{Name: "private object", Want: packtest.Pass,
			Resource: packtest.Resource("aws:s3/bucketObjectv2:BucketObjectv2", "o", packtest.Props{"acl": "private"})},
		{Name: "bucket-owner-full-control object", Want: packtest.Pass,
			Resource: packtest.Resource("aws:s3/bucketObject:BucketObject", "o",
				packtest.Props{"acl": "bucket-owner-full-control"})},
		{Name: "no acl", Want: packtest.Pass,
			Resource: packtest.Resource("aws:s3/bucketObjectv2:BucketObjectv2", "o", packtest.Props{"key": "k"})},
		{Name: "unknown acl", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": acl",
			Resource: packtest.Resource("aws:s3/bucketObjectv2:BucketObjectv2", "o", packtest.Props{"acl": packtest.Unknown})},
		{Name: "unknown grants", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": grants",
			Resource: packtest.Resource("aws:s3/objectCopy:ObjectCopy", "o", packtest.Props{"grants": packtest.Unknown})},
		{Name: "unknown grant uri", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": grants[0].uri",
			Resource: packtest.Resource("aws:s3/objectCopy:ObjectCopy", "o", packtest.Props{"grants": []any{
				packtest.Props{"type": "Group", "uri": packtest.Unknown, "permissions": []any{"READ"}},
			}})},
		{Name: "unknown permissions of a public grant", Want: packtest.Violation, Message: "grants permissions to",
			Resource: packtest.Resource("aws:s3/objectCopy:ObjectCopy", "o", packtest.Props{"grants": []any{
				packtest.Props{"type": "Group", "uri": s3AllUsers, "permissions": packtest.Unknown},
			}})},
	})
}

func TestS3PublicAccessBlockDisabled(t *testing.T) {
	const (
		bucketBlock  = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
		accountBlock = "aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock"
	)
	all := func(overrides packtest.Props) packtest.Props {
		return packtest.With(packtest.Props{"bucket": "data", "blockPublicAcls": true, "blockPublicPolicy": true,
			"ignorePublicAcls": true, "restrictPublicBuckets": true}, overrides)
	}
	cases := []packtest.Case{
		{Name: "all four flags true", Want: packtest.Pass, Resource: packtest.Resource(bucketBlock, "data", all(nil))},
		{Name: "one flag false", Want: packtest.Violation, Count: 1,
			Message:  "public access block data lets public access through: blockPublicPolicy is false",
			Resource: packtest.Resource(bucketBlock, "data", all(packtest.Props{"blockPublicPolicy": false}))},
		{Name: "nothing set: every flag defaults to false", Want: packtest.Violation, Count: 1,
			Message: "blockPublicAcls is not set (it defaults to false), blockPublicPolicy is not set (it defaults " +
				"to false), ignorePublicAcls is not set (it defaults to false), restrictPublicBuckets is not set",
			Resource: packtest.Resource(bucketBlock, "data", packtest.Props{"bucket": "data"})},
		{Name: "one flag left unset", Want: packtest.Violation, Message: "restrictPublicBuckets is not set",
			Resource: packtest.Resource(bucketBlock, "data", all(packtest.Props{"restrictPublicBuckets": nil}))},
		{Name: "account block with a false flag", Want: packtest.Violation,
			Message:  "account public access block account lets public access through: ignorePublicAcls is false",
			Resource: packtest.Resource(accountBlock, "account", all(packtest.Props{"ignorePublicAcls": false}))},
		{Name: "account block all true", Want: packtest.Pass,
			Resource: packtest.Resource(accountBlock, "account", all(packtest.Props{"bucket": nil}))},
	}
	for _, flag := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
		cases = append(cases, packtest.Case{Name: "unknown " + flag, Want: packtest.NotApplicable,
			Message:  packtest.UnknownDuringPreview + ": " + flag,
			Resource: packtest.Resource(bucketBlock, "data", all(packtest.Props{flag: packtest.Unknown}))})
	}
	packtest.Run(t, Policies(), "aws-s3-public-access-block-disabled", cases)
}

func TestS3AccessPointPublicAccessBlock(t *testing.T) {
	const (
		accessPoint = "aws:s3/accessPoint:AccessPoint"
		mrap        = "aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint"
	)
	regions := []any{packtest.Props{"bucket": "data-eu"}, packtest.Props{"bucket": "data-us"}}
	packtest.Run(t, Policies(), "aws-s3-access-point-public-access-block", []packtest.Case{
		{Name: "access point without a block configuration (defaults to true)", Want: packtest.Pass,
			Resource: packtest.Resource(accessPoint, "ap", packtest.Props{"bucket": "data"})},
		{Name: "access point with all flags true", Want: packtest.Pass,
			Resource: packtest.Resource(accessPoint, "ap", packtest.Props{"publicAccessBlockConfiguration": packtest.Props{
				"blockPublicAcls": true, "blockPublicPolicy": true, "ignorePublicAcls": true, "restrictPublicBuckets": true}})},
		{Name: "access point with flags false", Want: packtest.Violation,
			Message: "access point ap sets blockPublicPolicy, restrictPublicBuckets to false in publicAccessBlockConfiguration",
			Resource: packtest.Resource(accessPoint, "ap", packtest.Props{"publicAccessBlockConfiguration": packtest.Props{
				"blockPublicPolicy": false, "restrictPublicBuckets": false}})},
		{Name: "multi-region access point with a false flag", Want: packtest.Violation,
			Message: "sets ignorePublicAcls to false in details.publicAccessBlock",
			Resource: packtest.Resource(mrap, "global", packtest.Props{"details": packtest.Props{"name": "global",
				"regions": regions, "publicAccessBlock": packtest.Props{"ignorePublicAcls": false}}})},
		{Name: "multi-region access point with defaults", Want: packtest.Pass,
			Resource: packtest.Resource(mrap, "global", packtest.Props{"details": packtest.Props{"name": "global",
				"regions": regions}})},
		{Name: "unknown block configuration", Want: packtest.NotApplicable,
			Message:  packtest.UnknownDuringPreview + ": publicAccessBlockConfiguration",
			Resource: packtest.Resource(accessPoint, "ap", packtest.Props{"publicAccessBlockConfiguration": packtest.Unknown})},
		{Name: "unknown flag", Want: packtest.NotApplicable,
			Message: packtest.UnknownDuringPreview + ": publicAccessBlockConfiguration.blockPublicAcls",
			Resource: packtest.Resource(accessPoint, "ap", packtest.Props{"publicAccessBlockConfiguration": packtest.Props{
				"blockPublicAcls": packtest.Unknown}})},
		{Name: "unknown details", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": details",
			Resource: packtest.Resource(mrap, "global", packtest.Props{"details": packtest.Unknown})},
		{Name: "unknown multi-region flag", Want: packtest.NotApplicable,
			Message: packtest.UnknownDuringPreview + ": details.publicAccessBlock.restrictPublicBuckets",
			Resource: packtest.Resource(mrap, "global", packtest.Props{"details": packtest.Props{
				"publicAccessBlock": packtest.Props{"restrictPublicBuckets": packtest.Unknown}}})},
	})
}

func TestS3BucketPolicyPublic(t *testing.T) {
	const publicRead = `{"Version":"2012-10-17","Statement":[
		{"Sid":"Owner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"*"},
		{"Sid":"Public","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"}]}`
	bucketPolicy := func(doc any) packtest.Props { return packtest.Props{"bucket": "site", "policy": doc} }
	const bp = "aws:s3/bucketPolicy:BucketPolicy"
	packtest.Run(t, Policies(), "aws-s3-bucket-policy-public", []packtest.Case{
		{Name: "public read", Want: packtest.Violation, Count: 1,
			Message:  `bucket policy site: statement 2 of its policy allows Principal "*" with no condition`,
			Resource: packtest.Resource(bp, "site", bucketPolicy(publicRead))},
		{Name: "AWS * principal", Want: packtest.Violation, Message: `allows Principal "*"`,
			Resource: packtest.Resource(bp, "site", bucketPolicy(iampolicytest.DocText(
				`{"Effect":"Allow","Principal":{"AWS":["*"]},"Action":["s3:PutObject"],"Resource":"*"}`)))},
		{Name: "public principal narrowed to a VPC endpoint", Want: packtest.Pass,
			Resource: packtest.Resource(bp, "site", bucketPolicy(iampolicytest.DocText(`{"Effect":"Allow","Principal":"*",
				"Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}`)))},
		{Name: "public principal narrowed to the organization", Want: packtest.Pass,
			Resource: packtest.Resource(bp, "site", bucketPolicy(iampolicytest.DocText(`{"Effect":"Allow","Principal":"*",
				"Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc"}}}`)))},
		{Name: "a TLS condition does not narrow the caller", Want: packtest.Violation,
			Resource: packtest.Resource(bp, "site", bucketPolicy(iampolicytest.DocText(`{"Effect":"Allow","Principal":"*",
				"Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}`)))},
		{Name: "deny for everyone", Want: packtest.Pass,
			Resource: packtest.Resource(bp, "site", bucketPolicy(iampolicytest.DocText(`{"Effect":"Deny","Principal":"*",
				"Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`)))},
		{Name: "named principals", Want: packtest.Pass,
			Resource: packtest.Resource(bp, "site", bucketPolicy(iampolicytest.DocText(`{"Effect":"Allow",
				"Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"*"}`)))},
		{Name: "allow everyone but a NotPrincipal", Want: packtest.Violation, Message: "everyone outside its NotPrincipal",
			Resource: packtest.Resource(bp, "site", bucketPolicy(iampolicytest.DocText(`{"Effect":"Allow",
				"NotPrincipal":{"AWS":"arn:aws:iam::111122223333:role/x"},"Action":"s3:GetObject","Resource":"*"}`)))},
		{Name: "v7 policy given as an object", Want: packtest.Violation,
			Resource: packtest.Resource(bp, "site", bucketPolicy(packtest.Props{"Version": "2012-10-17",
				"Statement": []any{packtest.Props{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
					"Resource": "*"}}}))},
		{Name: "secret policy: the finding is withheld", Want: packtest.Violation, Message: "the details are withheld because the check read secret values",
			Resource: packtest.Resource(bp, "site", bucketPolicy(packtest.Secret(publicRead)))},
		{Name: "inline policy on a v6 BucketV2", Want: packtest.Violation, Message: "bucket site: statement 2",
			Resource: packtest.Resource("aws:s3/bucketV2:BucketV2", "site", packtest.Props{"policy": publicRead})},
		{Name: "inline policy on a Bucket", Want: packtest.Violation,
			Resource: packtest.Resource("aws:s3/bucket:Bucket", "site", packtest.Props{"policy": publicRead})},
		{Name: "bucket without policy", Want: packtest.Pass,
			Resource: packtest.Resource("aws:s3/bucket:Bucket", "site", packtest.Props{"acl": "private"})},
		{Name: "unknown policy", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": policy",
			Resource: packtest.Resource(bp, "site", bucketPolicy(packtest.Unknown))},
		{Name: "malformed policy", Want: packtest.NotApplicable, Message: "policy is not valid JSON",
			Resource: packtest.Resource(bp, "site", bucketPolicy(`{"Statement": [`))},
	})
}
