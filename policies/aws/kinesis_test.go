package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestKinesisStreamEncrypted(t *testing.T) {
	stream := packtest.ResourceCase(kinesisStreamType, "clicks")
	packtest.Run(t, Policies(), "aws-kinesis-stream-encrypted", []packtest.Case{
		packtest.Named(stream(packtest.Props{"shardCount": 1}), "unset defaults to NONE", packtest.Violation,
			"Kinesis stream clicks does not set encryptionType (it defaults to \"NONE\"): its records are stored "+
				"unencrypted; set encryptionType: \"KMS\" with a kmsKeyId"),
		packtest.Named(stream(packtest.Props{"encryptionType": "NONE"}), "NONE", packtest.Violation,
			"Kinesis stream clicks sets encryptionType \"NONE\": its records are stored unencrypted"),
		packtest.Named(stream(packtest.Props{"encryptionType": "KMS", "kmsKeyId": "alias/aws/kinesis"}),
			"the Kinesis managed key", packtest.Pass, ""),
		packtest.Named(stream(packtest.Props{"encryptionType": "KMS", "kmsKeyId": "arn:aws:kms:us-east-1:1:key/k"}),
			"a customer managed key", packtest.Pass, ""),
		packtest.Named(stream(packtest.Props{"kmsKeyId": "alias/aws/kinesis"}), "a key without encryptionType",
			packtest.Violation, "does not set encryptionType"),
		packtest.Named(stream(packtest.Props{"encryptionType": "KMS"}), "KMS without a key", packtest.Violation,
			"Kinesis stream clicks sets encryptionType \"KMS\" but no kmsKeyId"),
		packtest.Named(stream(packtest.Props{"encryptionType": "KMS", "kmsKeyId": ""}), "KMS with an empty key", packtest.Violation,
			"but no kmsKeyId"),
		packtest.Named(stream(packtest.Props{"encryptionType": packtest.Unknown}), "unknown", packtest.NotApplicable,
			packtest.UnknownDuringPreview),
		packtest.Named(stream(packtest.Props{"encryptionType": "KMS", "kmsKeyId": packtest.Unknown}), "unknown key",
			packtest.NotApplicable, packtest.UnknownDuringPreview+": kmsKeyId"),
		{Name: "video streams are another type", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource("aws:kinesis/videoStream:VideoStream", "camera", packtest.Props{})},
	})
}
