package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestEBSVolumeEncrypted(t *testing.T) {
	const volume = "aws:ebs/volume:Volume"
	trust := map[string]any{"trustEncryptionByDefault": true}
	packtest.Run(t, Policies(), "aws-ebs-volume-encrypted", []packtest.Case{
		{Name: "encrypted", Want: packtest.Pass,
			Resource: packtest.Resource(volume, "data", packtest.Props{"availabilityZone": "eu-west-1a", "size": 40,
				"encrypted": true})},
		{Name: "encrypted with a customer managed key", Want: packtest.Pass,
			Resource: packtest.Resource(volume, "data", packtest.Props{"encrypted": true,
				"kmsKeyId": "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"})},
		{Name: "encrypted: false", Want: packtest.Violation,
			Message:  "volume data sets encrypted: false: its data is stored unencrypted unless the account encrypts by default",
			Resource: packtest.Resource(volume, "data", packtest.Props{"encrypted": false})},
		{Name: "encrypted: false is flagged even when trusting the account default", Want: packtest.Violation,
			Config: trust, Message: "sets encrypted: false",
			Resource: packtest.Resource(volume, "data", packtest.Props{"encrypted": false})},
		{Name: "unset: depends on the account default", Want: packtest.Violation,
			Message: "volume data does not set encrypted: it is encrypted only if EBS encryption by default is on " +
				"in its account and region; set encrypted: true",
			Resource: packtest.Resource(volume, "data", packtest.Props{"availabilityZone": "eu-west-1a", "size": 40})},
		{Name: "unset, restored from a snapshot", Want: packtest.Violation, Message: "does not set encrypted",
			Resource: packtest.Resource(volume, "data", packtest.Props{"snapshotId": "snap-0123456789abcdef0"})},
		{Name: "unset, with the account default trusted", Want: packtest.Pass, Config: trust,
			Resource: packtest.Resource(volume, "data", packtest.Props{"size": 40})},
		{Name: "unknown encrypted", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": encrypted",
			Resource: packtest.Resource(volume, "data", packtest.Props{"encrypted": packtest.Unknown})},
	})
}

func TestEBSEncryptionByDefault(t *testing.T) {
	const typ = "aws:ebs/encryptionByDefault:EncryptionByDefault"
	packtest.Run(t, Policies(), "aws-ebs-encryption-by-default", []packtest.Case{
		{Name: "enabled", Want: packtest.Pass, Resource: packtest.Resource(typ, "ebs", packtest.Props{"enabled": true})},
		{Name: "unset defaults to enabled", Want: packtest.Pass, Resource: packtest.Resource(typ, "ebs", packtest.Props{})},
		{Name: "disabled", Want: packtest.Violation,
			Message: "EBS encryption by default ebs sets enabled: false, so new EBS volumes in its account and " +
				"region may be created unencrypted",
			Resource: packtest.Resource(typ, "ebs", packtest.Props{"enabled": false})},
		{Name: "unknown enabled", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": enabled",
			Resource: packtest.Resource(typ, "ebs", packtest.Props{"enabled": packtest.Unknown})},
	})
}

func TestEBSSnapshotBlockPublicAccess(t *testing.T) {
	const typ = "aws:ebs/snapshotBlockPublicAccess:SnapshotBlockPublicAccess"
	packtest.Run(t, Policies(), "aws-ebs-snapshot-block-public-access", []packtest.Case{
		{Name: "block all sharing", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "snapshots", packtest.Props{"state": "block-all-sharing"})},
		{Name: "block new sharing", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "snapshots", packtest.Props{"state": "block-new-sharing"})},
		{Name: "unblocked", Want: packtest.Violation,
			Message: `snapshot block public access snapshots sets state "unblocked": snapshots of its account and ` +
				"region can be shared publicly",
			Resource: packtest.Resource(typ, "snapshots", packtest.Props{"state": "unblocked"})},
		{Name: "unknown state", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": state",
			Resource: packtest.Resource(typ, "snapshots", packtest.Props{"state": packtest.Unknown})},
	})
}

func TestEBSSnapshotCopyEncrypted(t *testing.T) {
	copyOf := func(props packtest.Props) packtest.Props {
		props["sourceSnapshotId"], props["sourceRegion"] = "snap-1", "us-west-2"
		return props
	}
	packtest.Run(t, Policies(), "aws-ebs-snapshot-copy-encrypted", []packtest.Case{
		{Name: "unset", Want: packtest.Violation, Message: "snapshot copy dr does not set encrypted: true",
			Resource: packtest.Resource(ebsSnapshotCopyType, "dr", copyOf(packtest.Props{}))},
		{Name: "false", Want: packtest.Violation, Resource: packtest.Resource(ebsSnapshotCopyType, "dr", copyOf(packtest.Props{"encrypted": false}))},
		{Name: "encrypted", Want: packtest.Pass, Resource: packtest.Resource(ebsSnapshotCopyType, "dr", copyOf(packtest.Props{"encrypted": true}))},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: encrypted",
			Resource: packtest.Resource(ebsSnapshotCopyType, "dr", copyOf(packtest.Props{"encrypted": packtest.Unknown}))},
	})
}
