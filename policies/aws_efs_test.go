package policies

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestEFSEncrypted(t *testing.T) {
	const fs = "aws:efs/fileSystem:FileSystem"
	packtest.Run(t, All(), "aws-efs-encrypted", []packtest.Case{
		{Name: "encrypted", Want: packtest.Pass, Resource: packtest.Resource(fs, "shared", packtest.Props{"encrypted": true})},
		{Name: "encrypted with a customer managed key", Want: packtest.Pass,
			Resource: packtest.Resource(fs, "shared", packtest.Props{"encrypted": true, "kmsKeyId": "arn:aws:kms:eu-west-1:1:key/k"})},
		{Name: "unset: the API creates it unencrypted", Want: packtest.Violation,
			Message:  "file system shared does not set encrypted, so it is created unencrypted; set encrypted: true",
			Resource: packtest.Resource(fs, "shared", packtest.Props{"performanceMode": "generalPurpose"})},
		{Name: "encrypted: false", Want: packtest.Violation, Message: "file system shared sets encrypted: false",
			Resource: packtest.Resource(fs, "shared", packtest.Props{"encrypted": false})},
		{Name: "a key without encrypted: true is not encryption", Want: packtest.Violation, Message: "does not set encrypted",
			Resource: packtest.Resource(fs, "shared", packtest.Props{"kmsKeyId": "arn:aws:kms:eu-west-1:1:key/k"})},
		{Name: "unknown encrypted", Want: packtest.NotApplicable, Message: unknownDuringPreview + ": encrypted",
			Resource: packtest.Resource(fs, "shared", packtest.Props{"encrypted": packtest.Unknown})},
	})
}
