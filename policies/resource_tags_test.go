package policies

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestRequiredResourceTags(t *testing.T) {
	owned := packtest.Props{"owner": "team-a", "environment": "dev"}
	bucket := func(tags any) packtest.Props {
		p := packtest.Props{"bucket": "b"}
		if tags != nil {
			p["tags"] = tags
		}
		return p
	}
	withDefaults := func(tags any, defaultTags any) packtest.Case {
		r := packtest.Resource("aws:s3/bucket:Bucket", "b", bucket(tags))
		return packtest.Case{Resource: packtest.WithProvider(r, "aws", packtest.Props{"region": "us-east-1", "defaultTags": defaultTags})}
	}
	packtest.Run(t, All(), "required-resource-tags", []packtest.Case{
		{Name: "v7 bucket with both tags", Want: packtest.Pass,
			Resource: packtest.Resource("aws:s3/bucket:Bucket", "b", bucket(owned))},
		{Name: "v6 BucketV2 without tags", Want: packtest.Violation,
			Message:  "b is missing the tags environment, owner: add them to tags or the provider's defaultTags",
			Resource: packtest.Resource("aws:s3/bucketV2:BucketV2", "b", bucket(nil))},
		{Name: "keys match whatever their case", Want: packtest.Pass,
			Resource: packtest.Resource("aws:s3/bucket:Bucket", "b", bucket(packtest.Props{"Owner": "a", "Environment": "dev"}))},
		{Name: "case-sensitive keys", Want: packtest.Violation, Message: "missing the tags environment, owner",
			Config:   map[string]any{"caseSensitive": true},
			Resource: packtest.Resource("aws:s3/bucket:Bucket", "b", bucket(packtest.Props{"Owner": "a", "Environment": "dev"}))},
		{Name: "missing one tag", Want: packtest.Violation, Message: "missing the tag owner",
			Resource: packtest.Resource("aws:ec2/instance:Instance", "vm", packtest.Props{"tags": packtest.Props{"environment": "dev"}})},
		packtest.Named(withDefaults(packtest.Props{"environment": "dev"}, packtest.Props{"tags": packtest.Props{"owner": "a"}}),
			"provider default tags count", packtest.Pass, ""),
		packtest.Named(withDefaults(nil, `{"tags":{"owner":"a","environment":"dev"}}`),
			"provider default tags as JSON", packtest.Pass, ""),
		packtest.Named(withDefaults(nil, packtest.Unknown), "default tags unknown", packtest.NotApplicable,
			"value unknown during preview: defaultTags"),
		{Name: "tags unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: tags",
			Resource: packtest.Resource("aws:s3/bucket:Bucket", "b", bucket(packtest.Unknown))},
		{Name: "value not allowed", Want: packtest.Violation, Message: `tag environment is "qa", not one of dev, prod`,
			Config:   map[string]any{"tags": map[string]any{"environment": map[string]any{"allowed": []any{"dev", "prod"}}}},
			Resource: packtest.Resource("aws:s3/bucket:Bucket", "b", bucket(packtest.Props{"environment": "qa"}))},
		{Name: "autoscaling group tag list", Want: packtest.Pass,
			Resource: packtest.Resource("aws:autoscaling/group:Group", "asg", packtest.Props{"tags": []any{
				packtest.Props{"key": "owner", "value": "a", "propagateAtLaunch": true},
				packtest.Props{"key": "environment", "value": "dev", "propagateAtLaunch": true}}})},
		{Name: "untaggable AWS resource", Want: packtest.NotApplicable, Message: "does not take tags",
			Resource: packtest.Resource("aws:s3/bucketPolicy:BucketPolicy", "p", packtest.Props{"bucket": "b"})},
		{Name: "Google bucket without labels", Want: packtest.Violation, Message: "missing the labels environment, owner",
			Resource: packtest.Resource("gcp:storage/bucket:Bucket", "b", packtest.Props{"location": "EU"})},
		{Name: "Google default labels count", Want: packtest.Pass,
			Resource: packtest.WithProvider(packtest.Resource("gcp:storage/bucket:Bucket", "b",
				packtest.Props{"labels": packtest.Props{"owner": "a"}}), "gcp",
				packtest.Props{"defaultLabels": packtest.Props{"environment": "dev"}})},
		{Name: "Azure tracked resource without tags", Want: packtest.Violation, Message: "missing the tags",
			Resource: packtest.Resource("azure-native:storage:StorageAccount", "sa",
				packtest.Props{"location": "westeurope", "resourceGroupName": "rg"})},
		{Name: "Azure child resource without location", Want: packtest.NotApplicable, Message: "does not take tags",
			Resource: packtest.Resource("azure-native:storage:BlobContainer", "c", packtest.Props{"accountName": "sa"})},
		{Name: "ignored type", Want: packtest.NotApplicable, Config: map[string]any{"ignoreTypes": []any{"aws:s3/bucket:Bucket"}},
			Message: "is in the ignoreTypes setting", Resource: packtest.Resource("aws:s3/bucket:Bucket", "b", bucket(nil))},
		{Name: "other clouds", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource("kubernetes:core/v1:Namespace", "ns", nil)},
	})
}
