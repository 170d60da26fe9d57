package aws

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// Amazon Kinesis Data Streams rules. pulumi-aws v6 and v7 share the token and the inputs the rule
// reads.

const kinesisStreamType = "aws:kinesis/stream:Stream"

func init() { register(kinesisStreamEncrypted) }

var kinesisStreamEncrypted = pack.Policy{
	Name:        "aws-kinesis-stream-encrypted",
	DisplayName: "Kinesis data streams are encrypted at rest",
	Description: "Kinesis data streams encrypt their records at rest with a KMS key: encryptionType \"KMS\" (the " +
		"provider defaults it to \"NONE\", which stores records unencrypted) and the key in kmsKeyId, without " +
		"which Kinesis has no key to encrypt with.",
	Severity:  pack.High,
	Framework: frameworks.FSBP("Kinesis.1"),
	Tags:      []string{"aws", "kinesis", "encryption"},
	Remediation: "Set encryptionType: \"KMS\" and kmsKeyId to a customer managed key, or to alias/aws/kinesis for " +
		"the key Kinesis manages. An existing stream is encrypted in place, for the records written from then on.",
	Types:    []string{kinesisStreamType},
	Resource: checkKinesisStreamEncrypted,
}

func checkKinesisStreamEncrypted(c *pack.Check, r *pack.Resource) {
	if what := textSettingShortfall(r, "encryptionType", "KMS", "NONE"); what != "" {
		c.Violatef("Kinesis stream %s %s: its records are stored unencrypted; set encryptionType: \"KMS\" with a "+
			"kmsKeyId", r.Name, what)
		return
	}
	if !textIsSet(r.Get("kmsKeyId")) {
		c.Violatef("Kinesis stream %s sets encryptionType \"KMS\" but no kmsKeyId: Kinesis encrypts only with the key "+
			"it is given, so its records are not encrypted; set kmsKeyId to a customer managed key, or to "+
			"\"alias/aws/kinesis\" for the key Kinesis manages", r.Name)
	}
}
