package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy/iampolicytest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Bucket tokens: aws:s3/bucket:Bucket is v6's legacy bucket and v7's bucket; BucketV2 exists in both.
const (
	s3Bucket   = "aws:s3/bucket:Bucket"
	s3BucketV2 = "aws:s3/bucketV2:BucketV2"
)

// s3BucketOutputs are a bucket's outputs with its name and id (S3 bucket ids are their names).
func s3BucketOutputs(name string, props packtest.Props) packtest.Props {
	return packtest.With(packtest.Props{"bucket": name, "id": name, "arn": "arn:aws:s3:::" + name}, props)
}

// side makes a side resource whose bucket input was computed from the bucket (property dependency).
func s3Side(typ, name string, bucket plugin.AnalyzerResource, props packtest.Props) plugin.AnalyzerStackResource {
	return packtest.DependsOn(packtest.Resource(typ, name, props), "bucket", bucket)
}

// alone makes a stack resource without property dependencies.
func s3Alone(r plugin.AnalyzerResource) plugin.AnalyzerStackResource {
	return packtest.StackResource(r, nil)
}

func TestS3BucketPublicAccessBlock(t *testing.T) {
	const block = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	data := packtest.Resource(s3BucketV2, "data", s3BucketOutputs("data-1a2b", nil))
	logs := packtest.Resource(s3Bucket, "logs", s3BucketOutputs("logs-3c4d", nil))
	flags := packtest.Props{"bucket": "data-1a2b", "blockPublicAcls": true, "blockPublicPolicy": true,
		"ignorePublicAcls": true, "restrictPublicBuckets": true}
	packtest.Run(t, Policies(), "aws-s3-bucket-public-access-block", []packtest.Case{
		{Name: "bucket without a block", Want: packtest.Violation,
			Message: "bucket data has no public access block: add a BucketPublicAccessBlock",
			Stack:   packtest.Stack(data)},
		{Name: "block joined through its bucket dependency", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), s3Side(block, "data", data, flags)}},
		{Name: "block joined by bucket name (state without dependencies)", Want: packtest.Pass,
			Stack: packtest.Stack(data, packtest.Resource(block, "data", flags))},
		{Name: "block for another bucket", Want: packtest.Violation, Count: 1, Message: "bucket logs",
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), s3Alone(logs), s3Side(block, "data", data, flags)}},
		{Name: "v6/v7 Bucket token without a block", Want: packtest.Violation, Message: "bucket logs",
			Stack: packtest.Stack(logs)},
		{Name: "account-level block covers every bucket", Want: packtest.Pass,
			Stack: packtest.Stack(data, logs, packtest.Resource("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",
				"account", packtest.Props{"blockPublicAcls": true}))},
		{Name: "block with an unknown bucket traced to the bucket", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{s3Alone(data),
				s3Side(block, "data", data, packtest.Props{"bucket": packtest.Unknown})}},
		{Name: "block with an unknown, untraced bucket may be anyone's", Want: packtest.NotApplicable,
			Message: "data: " + packtest.UnknownDuringPreview + ": bucket",
			Stack:   packtest.Stack(data, packtest.Resource(block, "b", packtest.Props{"bucket": packtest.Unknown}))},
		{Name: "unknown bucket name and id: joined through the dependency", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{
				s3Alone(packtest.Resource(s3BucketV2, "new", packtest.Props{"bucket": packtest.Unknown, "id": packtest.Unknown})),
				s3Side(block, "new", packtest.Resource(s3BucketV2, "new", nil), flags)}},
		{Name: "no bucket in the stack", Want: packtest.NotApplicable, Message: "the stack has no resources of its types",
			Stack: packtest.Stack(packtest.Resource(block, "b", flags))},
	})
}

func TestS3BucketKMSEncryption(t *testing.T) {
	const (
		configV6 = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
		configV7 = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
		cmkARN   = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	)
	// v6 BucketV2: lists of one all the way down.
	v2Inline := func(apply packtest.Props) plugin.AnalyzerResource {
		return packtest.Resource(s3BucketV2, "data", s3BucketOutputs("data-1a2b", packtest.Props{
			"serverSideEncryptionConfigurations": []any{packtest.Props{"rules": []any{packtest.Props{
				"applyServerSideEncryptionByDefaults": []any{apply}, "bucketKeyEnabled": true}}}}}))
	}
	// v6 legacy Bucket and v7 Bucket: objects.
	objectInline := func(apply any) plugin.AnalyzerResource {
		return packtest.Resource(s3Bucket, "data", s3BucketOutputs("data-1a2b", packtest.Props{
			"serverSideEncryptionConfiguration": packtest.Props{"rule": packtest.Props{
				"applyServerSideEncryptionByDefault": apply}}}))
	}
	configFor := func(bucket, apply any) packtest.Props {
		return packtest.Props{"bucket": bucket, "rules": []any{
			packtest.Props{"applyServerSideEncryptionByDefault": apply, "bucketKeyEnabled": true}}}
	}
	config := func(apply any) packtest.Props { return configFor("data-1a2b", apply) }
	kms := packtest.Props{"sseAlgorithm": "aws:kms", "kmsMasterKeyId": cmkARN}
	kmsDefaultKey := packtest.Props{"sseAlgorithm": "aws:kms"}
	sseS3 := packtest.Props{"sseAlgorithm": "AES256"}
	bare := packtest.Resource(s3BucketV2, "data", s3BucketOutputs("data-1a2b", nil))
	requireCMK := map[string]any{"requireCustomerManagedKey": true}
	packtest.Run(t, Policies(), "aws-s3-bucket-kms-encryption", []packtest.Case{
		{Name: "v6 BucketV2 inline KMS", Want: packtest.Pass, Stack: packtest.Stack(v2Inline(kms))},
		{Name: "v6 BucketV2 inline SSE-S3 (what S3 reports by default)", Want: packtest.Violation,
			Message: `bucket data encrypts with sseAlgorithm "AES256" (SSE-S3, keys S3 manages), not KMS`,
			Stack:   packtest.Stack(v2Inline(sseS3))},
		{Name: "v7 Bucket inline KMS", Want: packtest.Pass, Stack: packtest.Stack(objectInline(kms))},
		{Name: "v6 legacy / v7 Bucket inline SSE-S3", Want: packtest.Violation, Message: "not KMS",
			Stack: packtest.Stack(objectInline(sseS3))},
		{Name: "DSSE-KMS", Want: packtest.Pass,
			Stack: packtest.Stack(objectInline(packtest.Props{"sseAlgorithm": "aws:kms:dsse"}))},
		{Name: "no encryption configured anywhere", Want: packtest.Violation,
			Message: "bucket data sets no default encryption, so S3 encrypts new objects with SSE-S3",
			Stack:   packtest.Stack(bare)},
		{Name: "v6 configuration resource with KMS", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{s3Alone(bare), s3Side(configV6, "data", bare, config(kms))}},
		{Name: "v7 configuration resource with KMS joined by name", Want: packtest.Pass,
			Stack: packtest.Stack(bare, packtest.Resource(configV7, "data", config(kmsDefaultKey)))},
		{Name: "configuration resource decides over the bucket's SSE-S3 output", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{s3Alone(v2Inline(sseS3)), s3Side(configV7, "data", bare, config(kms))}},
		{Name: "configuration resource with SSE-S3", Want: packtest.Violation, Message: `"AES256"`,
			Stack: []plugin.AnalyzerStackResource{s3Alone(v2Inline(kms)), s3Side(configV6, "data", bare, config(sseS3))}},
		{Name: "configuration resource without a default rule", Want: packtest.Violation,
			Message: "sets no default encryption",
			Stack: []plugin.AnalyzerStackResource{s3Alone(bare), s3Side(configV7, "data", bare, packtest.Props{
				"bucket": "data-1a2b", "rules": []any{packtest.Props{"bucketKeyEnabled": true}}})}},
		{Name: "any KMS key passes by default", Want: packtest.Pass, Stack: packtest.Stack(v2Inline(kmsDefaultKey))},
		{Name: "customer managed key required: AWS managed key by omission", Want: packtest.Violation,
			Config: requireCMK, Message: "encrypts with the AWS managed key aws/s3",
			Stack: packtest.Stack(v2Inline(kmsDefaultKey))},
		{Name: "customer managed key required: aws/s3 alias", Want: packtest.Violation, Config: requireCMK,
			Message: "AWS managed key",
			Stack:   packtest.Stack(objectInline(packtest.Props{"sseAlgorithm": "aws:kms", "kmsMasterKeyId": "alias/aws/s3"}))},
		{Name: "customer managed key required: aws/s3 alias ARN", Want: packtest.Violation, Config: requireCMK,
			Stack: []plugin.AnalyzerStackResource{s3Alone(bare), s3Side(configV7, "data", bare, config(packtest.Props{
				"sseAlgorithm": "aws:kms", "kmsMasterKeyId": "arn:aws:kms:eu-west-1:111122223333:alias/aws/s3"}))}},
		{Name: "customer managed key required and given", Want: packtest.Pass, Config: requireCMK,
			Stack: packtest.Stack(v2Inline(kms))},
		{Name: "customer managed alias", Want: packtest.Pass, Config: requireCMK,
			Stack: packtest.Stack(v2Inline(packtest.Props{"sseAlgorithm": "aws:kms", "kmsMasterKeyId": "alias/data"}))},
		{Name: "one bucket unknown, another unencrypted", Want: packtest.Violation, Count: 1, Message: "bucket logs",
			Stack: packtest.Stack(
				packtest.Resource(s3BucketV2, "new", packtest.Props{"bucket": "new-1", "serverSideEncryptionConfigurations": packtest.Unknown}),
				packtest.Resource(s3BucketV2, "logs", s3BucketOutputs("logs-1", nil)))},
		{Name: "unknown inline configuration (new BucketV2 in preview)", Want: packtest.NotApplicable,
			Message: "data: " + packtest.UnknownDuringPreview + ": serverSideEncryptionConfigurations",
			Stack: packtest.Stack(packtest.Resource(s3BucketV2, "data", s3BucketOutputs("data-1a2b", packtest.Props{
				"serverSideEncryptionConfigurations": packtest.Unknown})))},
		{Name: "unknown inline rule (v7 Bucket)", Want: packtest.NotApplicable,
			Message: packtest.UnknownDuringPreview + ": serverSideEncryptionConfiguration.rule",
			Stack: packtest.Stack(packtest.Resource(s3Bucket, "data", s3BucketOutputs("data-1a2b", packtest.Props{
				"serverSideEncryptionConfiguration": packtest.Props{"rule": packtest.Unknown}})))},
		{Name: "unknown algorithm", Want: packtest.NotApplicable,
			Message: packtest.UnknownDuringPreview + ": serverSideEncryptionConfiguration.rule.applyServerSideEncryptionByDefault.sseAlgorithm",
			Stack:   packtest.Stack(objectInline(packtest.Props{"sseAlgorithm": packtest.Unknown}))},
		{Name: "unknown rules of the configuration resource", Want: packtest.NotApplicable,
			Message: packtest.UnknownDuringPreview + ": rules",
			Stack: []plugin.AnalyzerStackResource{s3Alone(bare),
				s3Side(configV6, "data", bare, packtest.Props{"bucket": "data-1a2b", "rules": packtest.Unknown})}},
		{Name: "unknown key with a customer managed key required", Want: packtest.NotApplicable, Config: requireCMK,
			Message: packtest.UnknownDuringPreview + ": rules[0].applyServerSideEncryptionByDefault.kmsMasterKeyId",
			Stack: []plugin.AnalyzerStackResource{s3Alone(bare), s3Side(configV7, "data", bare, config(packtest.Props{
				"sseAlgorithm": "aws:kms", "kmsMasterKeyId": packtest.Unknown}))}},
		{Name: "unknown key is not read when any key passes", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{s3Alone(bare), s3Side(configV7, "data", bare, config(packtest.Props{
				"sseAlgorithm": "aws:kms", "kmsMasterKeyId": packtest.Unknown}))}},
		{Name: "configuration with an unknown, untraced bucket", Want: packtest.NotApplicable,
			Message: packtest.UnknownDuringPreview + ": bucket",
			Stack:   packtest.Stack(bare, packtest.Resource(configV7, "c", configFor(packtest.Unknown, kms)))},
	})
}

func TestS3BucketVersioning(t *testing.T) {
	const (
		versioningV6 = "aws:s3/bucketVersioningV2:BucketVersioningV2"
		versioningV7 = "aws:s3/bucketVersioning:BucketVersioning"
	)
	v2 := func(enabled any) plugin.AnalyzerResource {
		return packtest.Resource(s3BucketV2, "data", s3BucketOutputs("data-1a2b", packtest.Props{
			"versionings": []any{packtest.Props{"enabled": enabled, "mfaDelete": false}}}))
	}
	object := func(enabled any) plugin.AnalyzerResource {
		return packtest.Resource(s3Bucket, "data", s3BucketOutputs("data-1a2b", packtest.Props{
			"versioning": packtest.Props{"enabled": enabled}}))
	}
	status := func(s any) packtest.Props {
		return packtest.Props{"bucket": "data-1a2b", "versioningConfiguration": packtest.Props{"status": s}}
	}
	bare := packtest.Resource(s3BucketV2, "data", s3BucketOutputs("data-1a2b", nil))
	packtest.Run(t, Policies(), "aws-s3-bucket-versioning", []packtest.Case{
		{Name: "v6 BucketV2 inline versionings enabled", Want: packtest.Pass, Stack: packtest.Stack(v2(true))},
		{Name: "v6 BucketV2 inline versionings disabled", Want: packtest.Violation,
			Message: "bucket data does not enable versioning: add a BucketVersioning (the V2-suffixed resource in " +
				"pulumi-aws v6) with versioningConfiguration.status \"Enabled\", or set versionings[0].enabled to true",
			Stack: packtest.Stack(v2(false))},
		{Name: "v6 legacy / v7 Bucket inline versioning enabled", Want: packtest.Pass, Stack: packtest.Stack(object(true))},
		{Name: "v6 legacy / v7 Bucket inline versioning disabled", Want: packtest.Violation,
			Message: "or set versioning.enabled to true", Stack: packtest.Stack(object(false))},
		{Name: "nothing configured", Want: packtest.Violation, Message: "bucket data does not enable versioning",
			Stack: packtest.Stack(bare)},
		{Name: "v6 BucketVersioningV2 Enabled decides over the bucket's output", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{s3Alone(v2(false)), s3Side(versioningV6, "data", bare, status("Enabled"))}},
		{Name: "v7 BucketVersioning Enabled joined by name", Want: packtest.Pass,
			Stack: packtest.Stack(bare, packtest.Resource(versioningV7, "data", status("Enabled")))},
		{Name: "v7 BucketVersioning Suspended", Want: packtest.Violation,
			Message: `bucket data has versioning status "Suspended": set versioningConfiguration.status to "Enabled"`,
			Stack:   []plugin.AnalyzerStackResource{s3Alone(object(true)), s3Side(versioningV7, "data", bare, status("Suspended"))}},
		{Name: "BucketVersioning Disabled", Want: packtest.Violation, Message: `status "Disabled"`,
			Stack: []plugin.AnalyzerStackResource{s3Alone(bare), s3Side(versioningV6, "data", bare, status("Disabled"))}},
		{Name: "unknown inline versionings", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": versionings",
			Stack: packtest.Stack(packtest.Resource(s3BucketV2, "data", s3BucketOutputs("data-1a2b",
				packtest.Props{"versionings": packtest.Unknown})))},
		{Name: "unknown inline versioning.enabled", Want: packtest.NotApplicable,
			Message: packtest.UnknownDuringPreview + ": versioning.enabled", Stack: packtest.Stack(object(packtest.Unknown))},
		{Name: "unknown status", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": versioningConfiguration.status",
			Stack: []plugin.AnalyzerStackResource{s3Alone(bare), s3Side(versioningV7, "data", bare, status(packtest.Unknown))}},
		{Name: "unknown bucket of an untraced versioning resource", Want: packtest.NotApplicable,
			Message: packtest.UnknownDuringPreview + ": bucket",
			Stack: packtest.Stack(bare, packtest.Resource(versioningV7, "v", packtest.Props{"bucket": packtest.Unknown,
				"versioningConfiguration": packtest.Props{"status": "Enabled"}}))},
	})
}

func TestS3BucketLogging(t *testing.T) {
	const (
		loggingV6 = "aws:s3/bucketLoggingV2:BucketLoggingV2"
		loggingV7 = "aws:s3/bucketLogging:BucketLogging"
	)
	data := packtest.Resource(s3BucketV2, "data", s3BucketOutputs("data-1a2b", nil))
	logs := packtest.Resource(s3Bucket, "logs", s3BucketOutputs("logs-3c4d", nil))
	logging := packtest.Props{"bucket": "data-1a2b", "targetBucket": "logs-3c4d", "targetPrefix": "data/"}
	toLogs := func(r plugin.AnalyzerResource) plugin.AnalyzerStackResource {
		return packtest.StackResource(r, map[string][]resource.URN{"bucket": {data.URN}, "targetBucket": {logs.URN}})
	}
	packtest.Run(t, Policies(), "aws-s3-bucket-logging", []packtest.Case{
		{Name: "v6 BucketV2 inline loggings", Want: packtest.Pass,
			Stack: packtest.Stack(packtest.Resource(s3BucketV2, "data", s3BucketOutputs("data-1a2b", packtest.Props{
				"loggings": []any{packtest.Props{"targetBucket": "elsewhere", "targetPrefix": "data/"}}})))},
		{Name: "v6 legacy Bucket inline loggings", Want: packtest.Pass,
			Stack: packtest.Stack(packtest.Resource(s3Bucket, "data", s3BucketOutputs("data-1a2b", packtest.Props{
				"loggings": []any{packtest.Props{"targetBucket": "elsewhere"}}})))},
		{Name: "v7 Bucket inline logging object", Want: packtest.Pass,
			Stack: packtest.Stack(packtest.Resource(s3Bucket, "data", s3BucketOutputs("data-1a2b", packtest.Props{
				"logging": packtest.Props{"targetBucket": "elsewhere"}})))},
		{Name: "no logging", Want: packtest.Violation, Count: 1,
			Message: "bucket data has no server access logging: add a BucketLogging (the V2-suffixed resource in " +
				"pulumi-aws v6) with targetBucket set to a log bucket",
			Stack: packtest.Stack(data)},
		{Name: "empty loggings list (what BucketV2 reports without logging)", Want: packtest.Violation,
			Stack: packtest.Stack(packtest.Resource(s3BucketV2, "data", s3BucketOutputs("data-1a2b",
				packtest.Props{"loggings": []any{}})))},
		{Name: "v6 BucketLoggingV2 to a log bucket of the stack: the log bucket is exempt", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), s3Alone(logs), toLogs(packtest.Resource(loggingV6, "data", logging))}},
		{Name: "v7 BucketLogging joined and targeted by name", Want: packtest.Pass,
			Stack: packtest.Stack(data, logs, packtest.Resource(loggingV7, "data", logging))},
		{Name: "inline loggings traced to the log bucket", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{s3Alone(logs), packtest.DependsOn(
				packtest.Resource(s3BucketV2, "data", s3BucketOutputs("data-1a2b", packtest.Props{
					"loggings": []any{packtest.Props{"targetBucket": packtest.Unknown}}})),
				"loggings", logs)}},
		{Name: "log bucket exempt, a third bucket is not", Want: packtest.Violation, Count: 1, Message: "bucket other",
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), s3Alone(logs), toLogs(packtest.Resource(loggingV7, "data", logging)),
				s3Alone(packtest.Resource(s3BucketV2, "other", s3BucketOutputs("other-5e6f", nil)))}},
		{Name: "unknown inline loggings", Want: packtest.NotApplicable, Message: "data: " + packtest.UnknownDuringPreview + ": loggings",
			Stack: packtest.Stack(packtest.Resource(s3BucketV2, "data", s3BucketOutputs("data-1a2b",
				packtest.Props{"loggings": packtest.Unknown})))},
		{Name: "unknown inline logging target (v7)", Want: packtest.NotApplicable,
			Message: packtest.UnknownDuringPreview + ": logging.targetBucket",
			Stack: packtest.Stack(packtest.Resource(s3Bucket, "data", s3BucketOutputs("data-1a2b",
				packtest.Props{"logging": packtest.Props{"targetBucket": packtest.Unknown}})))},
		{Name: "logging resource with an unknown, untraced target: the other bucket may be it", Want: packtest.NotApplicable,
			Message: "logs: " + packtest.UnknownDuringPreview + ": targetBucket",
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), s3Alone(logs), s3Side(loggingV7, "data", data,
				packtest.Props{"bucket": "data-1a2b", "targetBucket": packtest.Unknown})}},
		{Name: "logging resource with an unknown target traced elsewhere", Want: packtest.Violation, Message: "bucket logs",
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), s3Alone(logs), packtest.StackResource(
				packtest.Resource(loggingV7, "data", packtest.Props{"bucket": "data-1a2b", "targetBucket": packtest.Unknown}),
				map[string][]resource.URN{"bucket": {data.URN}, "targetBucket": {packtest.URN(s3Bucket, "central")}})}},
	})
}

func TestS3BucketSSLOnly(t *testing.T) {
	const denyHTTP = `{"Version":"2012-10-17","Statement":[{"Sid":"AllowSSLRequestsOnly","Effect":"Deny",
		"Principal":"*","Action":"s3:*","Resource":["arn:aws:s3:::data-1a2b","arn:aws:s3:::data-1a2b/*"],
		"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`
	data := packtest.Resource(s3BucketV2, "data", s3BucketOutputs("data-1a2b", nil))
	withPolicy := func(doc any) plugin.AnalyzerStackResource {
		return s3Side("aws:s3/bucketPolicy:BucketPolicy", "data", data, packtest.Props{"bucket": "data-1a2b", "policy": doc})
	}
	inline := func(doc any) plugin.AnalyzerResource {
		return packtest.Resource(s3BucketV2, "data", s3BucketOutputs("data-1a2b", packtest.Props{"policy": doc}))
	}
	packtest.Run(t, Policies(), "aws-s3-bucket-ssl-only", []packtest.Case{
		{Name: "bucket policy denies plain HTTP", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), withPolicy(denyHTTP)}},
		{Name: "no policy", Want: packtest.Violation,
			Message: `bucket data accepts requests over plain HTTP: no statement of its bucket policy denies "s3:*" ` +
				`to Principal "*" when aws:SecureTransport is "false"`,
			Stack: packtest.Stack(data)},
		{Name: "inline policy on the bucket (v6 BucketV2 input or reported output)", Want: packtest.Pass,
			Stack: packtest.Stack(inline(denyHTTP))},
		{Name: "inline policy on a v7 Bucket given as an object", Want: packtest.Pass,
			Stack: packtest.Stack(packtest.Resource(s3Bucket, "data", s3BucketOutputs("data-1a2b", packtest.Props{
				"policy": packtest.Props{"Statement": []any{packtest.Props{"Effect": "Deny",
					"Principal": packtest.Props{"AWS": "*"}, "Action": []any{"*"}, "Resource": "*",
					"Condition": packtest.Props{"Bool": packtest.Props{"aws:SecureTransport": []any{"false"}}}}}}})))},
		{Name: "BoolIfExists", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), withPolicy(iampolicytest.DocText(`{"Effect":"Deny","Principal":"*",
				"Action":"s3:*","Resource":"*","Condition":{"BoolIfExists":{"aws:SecureTransport":"false"}}}`))}},
		{Name: "bucket policy resource replaces the inline policy", Want: packtest.Violation,
			Stack: []plugin.AnalyzerStackResource{s3Alone(inline(denyHTTP)), withPolicy(iampolicytest.DocText(
				`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"*"}`))}},
		{Name: "deny of some actions only", Want: packtest.Violation,
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), withPolicy(iampolicytest.DocText(`{"Effect":"Deny","Principal":"*",
				"Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`))}},
		{Name: "deny for one principal only", Want: packtest.Violation,
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), withPolicy(iampolicytest.DocText(`{"Effect":"Deny",
				"Principal":{"AWS":"arn:aws:iam::111122223333:role/app"},"Action":"s3:*","Resource":"*",
				"Condition":{"Bool":{"aws:SecureTransport":"false"}}}`))}},
		{Name: "allow over TLS is not a deny of plain HTTP", Want: packtest.Violation,
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), withPolicy(iampolicytest.DocText(`{"Effect":"Allow",
				"Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:*","Resource":"*",
				"Condition":{"Bool":{"aws:SecureTransport":"true"}}}`))}},
		{Name: "policy joined by bucket name", Want: packtest.Pass,
			Stack: packtest.Stack(data, packtest.Resource("aws:s3/bucketPolicy:BucketPolicy", "p",
				packtest.Props{"bucket": "data-1a2b", "policy": denyHTTP}))},
		{Name: "secret policy document", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), withPolicy(packtest.Secret(denyHTTP))}},
		{Name: "unknown policy of the policy resource", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": policy",
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), withPolicy(packtest.Unknown)}},
		{Name: "unknown inline policy", Want: packtest.NotApplicable, Message: "data: " + packtest.UnknownDuringPreview + ": policy",
			Stack: packtest.Stack(inline(packtest.Unknown))},
	})
}

func TestS3BucketACLsDisabled(t *testing.T) {
	const (
		ownership = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
		aclV6     = "aws:s3/bucketAclV2:BucketAclV2"
		aclV7     = "aws:s3/bucketAcl:BucketAcl"
		ownerID   = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
	)
	data := packtest.Resource(s3BucketV2, "data", s3BucketOutputs("data-1a2b", nil))
	logs := packtest.Resource(s3Bucket, "logs", s3BucketOutputs("logs-3c4d", nil))
	rule := func(objectOwnership any) packtest.Props {
		return packtest.Props{"bucket": "data-1a2b", "rule": packtest.Props{"objectOwnership": objectOwnership}}
	}
	ownerGrant := packtest.Props{"type": "CanonicalUser", "id": ownerID, "permissions": []any{"FULL_CONTROL"}}
	policy := func(grantees ...packtest.Props) packtest.Props {
		var grants []any
		for _, g := range grantees {
			grants = append(grants, packtest.Props{"grantee": g, "permission": "READ"})
		}
		return packtest.Props{"accessControlPolicy": packtest.Props{"owner": packtest.Props{"id": ownerID}, "grants": grants}}
	}
	packtest.Run(t, Policies(), "aws-s3-bucket-acls-disabled", []packtest.Case{
		{Name: "no ownership controls: ACLs disabled by default", Want: packtest.Pass, Stack: packtest.Stack(data, logs)},
		{Name: "BucketOwnerEnforced", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), s3Side(ownership, "data", data, rule("BucketOwnerEnforced"))}},
		{Name: "ObjectWriter turns ACLs on", Want: packtest.Violation, Count: 1,
			Message: `bucket data has ACLs enabled: its ownership controls data set rule.objectOwnership to "ObjectWriter"`,
			Stack:   []plugin.AnalyzerStackResource{s3Alone(data), s3Alone(logs), s3Side(ownership, "data", data, rule("ObjectWriter"))}},
		{Name: "BucketOwnerPreferred joined by name", Want: packtest.Violation, Message: `"BucketOwnerPreferred"`,
			Stack: packtest.Stack(data, packtest.Resource(ownership, "data", rule("BucketOwnerPreferred")))},
		{Name: "inline canned ACL", Want: packtest.Violation,
			Message: `bucket logs has an ACL that grants access (acl "log-delivery-write")`,
			Stack:   packtest.Stack(packtest.Resource(s3Bucket, "logs", s3BucketOutputs("logs-3c4d", packtest.Props{"acl": "log-delivery-write"})))},
		{Name: "inline grants list only the owner", Want: packtest.Pass,
			Stack: packtest.Stack(packtest.Resource(s3Bucket, "logs", s3BucketOutputs("logs-3c4d", packtest.Props{
				"acl": "private", "grants": []any{ownerGrant}})))},
		{Name: "inline grant to a group", Want: packtest.Violation, Message: `bucket logs has an ACL that grants the group "http://acs.amazonaws.com/groups/s3/LogDelivery"`,
			Stack: packtest.Stack(packtest.Resource(s3Bucket, "logs", s3BucketOutputs("logs-3c4d", packtest.Props{
				"grants": []any{ownerGrant, packtest.Props{"type": "Group", "uri": "http://acs.amazonaws.com/groups/s3/LogDelivery",
					"permissions": []any{"WRITE"}}}})))},
		{Name: "v6 BucketAclV2 with a canned ACL", Want: packtest.Violation,
			Message: `bucket data is given an ACL by data that grants access (acl "authenticated-read")`,
			Stack: []plugin.AnalyzerStackResource{s3Alone(data),
				s3Side(aclV6, "data", data, packtest.Props{"bucket": "data-1a2b", "acl": "authenticated-read"})}},
		{Name: "v7 BucketAcl granting another account", Want: packtest.Violation, Message: "grants an account other than the owner",
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), s3Side(aclV7, "data", data, packtest.With(packtest.Props{"bucket": "data-1a2b"},
				policy(packtest.Props{"type": "CanonicalUser", "id": ownerID}, packtest.Props{"type": "CanonicalUser", "id": "a1b2c3"})))}},
		{Name: "BucketAcl private", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), s3Side(aclV7, "data", data, packtest.Props{"bucket": "data-1a2b", "acl": "private"})}},
		{Name: "BucketAcl granting only the owner", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), s3Side(aclV6, "data", data, packtest.With(packtest.Props{"bucket": "data-1a2b"},
				policy(packtest.Props{"type": "CanonicalUser", "id": ownerID})))}},
		{Name: "object ownership unknown", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": rule.objectOwnership",
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), s3Side(ownership, "data", data, rule(packtest.Unknown))}},
		{Name: "ownership controls with an unknown, untraced bucket", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": bucket",
			Stack: packtest.Stack(data, packtest.Resource(ownership, "o", packtest.Props{"bucket": packtest.Unknown,
				"rule": packtest.Props{"objectOwnership": "ObjectWriter"}}))},
		{Name: "acl unknown", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": acl",
			Stack: []plugin.AnalyzerStackResource{s3Alone(data), s3Side(aclV6, "data", data, packtest.Props{"bucket": "data-1a2b", "acl": packtest.Unknown})}},
	})
}
