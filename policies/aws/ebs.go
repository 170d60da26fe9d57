package aws

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// EBS rules: volumes encrypted, account-level default encryption left on, snapshots not opened to
// the public. pulumi-aws v6 and v7 share these tokens and inputs.
//
// EC2 instance and launch template block devices belong to the EC2 rules, not these.
// aws:ec2/snapshotCreateVolumePermission cannot make a snapshot public: the provider sends its
// accountId as a user id (never the group "all"), so no rule judges it.

const (
	ebsVolumeType                    = "aws:ebs/volume:Volume"
	ebsEncryptionByDefaultType       = "aws:ebs/encryptionByDefault:EncryptionByDefault"
	ebsSnapshotBlockPublicAccessType = "aws:ebs/snapshotBlockPublicAccess:SnapshotBlockPublicAccess"
	ebsSnapshotCopyType              = "aws:ebs/snapshotCopy:SnapshotCopy"
)

func init() {
	register(ebsVolumeEncrypted, ebsEncryptionByDefault, ebsSnapshotBlockPublicAccess, ebsSnapshotCopyEncrypted)
}

type ebsVolumeSettings struct {
	TrustEncryptionByDefault bool `json:"trustEncryptionByDefault"`
}

var ebsVolumeEncrypted = pack.Policy{
	Name:        "aws-ebs-volume-encrypted",
	DisplayName: "EBS volumes are encrypted",
	Description: "EBS volumes set encrypted: true. A volume that leaves encrypted unset is encrypted only if EBS " +
		"encryption by default is on in its account and region (or its snapshot is encrypted), which the " +
		"program does not show; encryption cannot be turned on after the volume is created.",
	Severity:  pack.High,
	Framework: frameworks.FSBP("EC2.3"),
	Tags:      []string{"aws", "ebs", "encryption"},
	Remediation: "Set encrypted: true, and kmsKeyId to a customer managed key if you need control over the key. " +
		"An existing unencrypted volume must be replaced: snapshot it, copy the snapshot with encryption, and " +
		"create the volume from the copy.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"trustEncryptionByDefault": pack.Boolean("Pass volumes that leave encrypted unset, because EBS "+
			"encryption by default is on in every account and region the stacks deploy to. Default false: such "+
			"volumes are flagged. Volumes that set encrypted: false are flagged either way.", false),
	}},
	Settings: func() any { return &ebsVolumeSettings{} },
	Types:    []string{ebsVolumeType},
	Resource: checkEBSVolumeEncrypted,
}

func checkEBSVolumeEncrypted(c *pack.Check, r *pack.Resource) {
	encrypted := r.Get("encrypted")
	switch {
	case encrypted.Exists():
		if !encrypted.Bool(false) {
			c.Violatef("volume %s sets encrypted: false: its data is stored unencrypted unless the account "+
				"encrypts by default; set encrypted: true", r.Name)
		}
	case !pack.SettingsOf[ebsVolumeSettings](c).TrustEncryptionByDefault:
		c.Violatef("volume %s does not set encrypted: it is encrypted only if EBS encryption by default is on in "+
			"its account and region; set encrypted: true", r.Name)
	}
}

var ebsEncryptionByDefault = pack.Policy{
	Name:        "aws-ebs-encryption-by-default",
	DisplayName: "EBS encryption by default stays on",
	Description: "An aws:ebs/encryptionByDefault:EncryptionByDefault resource does not set enabled: false (the " +
		"provider defaults it to true). Turning it off lets every new volume and snapshot copy in the region be " +
		"created unencrypted.",
	Severity:    pack.High,
	Framework:   frameworks.FSBP("EC2.7"),
	Tags:        []string{"aws", "ebs", "encryption", "cis:2.2.1"},
	Remediation: "Remove enabled or set it to true; set the default key with aws.ebs.DefaultKmsKey if needed.",
	Types:       []string{ebsEncryptionByDefaultType},
	Resource:    checkEBSEncryptionByDefault,
}

func checkEBSEncryptionByDefault(c *pack.Check, r *pack.Resource) {
	if !r.Get("enabled").Bool(true) {
		c.Violatef("EBS encryption by default %s sets enabled: false, so new EBS volumes in its account and "+
			"region may be created unencrypted; set enabled: true", r.Name)
	}
}

var ebsSnapshotBlockPublicAccess = pack.Policy{
	Name:        "aws-ebs-snapshot-block-public-access",
	DisplayName: "EBS snapshot public sharing stays blocked",
	Description: "An aws:ebs/snapshotBlockPublicAccess:SnapshotBlockPublicAccess resource does not set state " +
		"\"unblocked\", which lets anyone in the region be given the right to create volumes from the " +
		"account's snapshots.",
	Severity:    pack.High,
	Framework:   frameworks.FSBP("EC2.1"),
	Tags:        []string{"aws", "ebs", "public-access"},
	Remediation: "Set state to \"block-all-sharing\" (or \"block-new-sharing\" while existing public snapshots are made private).",
	Types:       []string{ebsSnapshotBlockPublicAccessType},
	Resource:    checkEBSSnapshotBlockPublicAccess,
}

func checkEBSSnapshotBlockPublicAccess(c *pack.Check, r *pack.Resource) {
	if state := r.Get("state"); strings.EqualFold(state.Text(""), "unblocked") {
		c.Violatef("snapshot block public access %s sets state %v: snapshots of its account and region can be "+
			"shared publicly; set state \"block-all-sharing\"", r.Name, state)
	}
}

var ebsSnapshotCopyEncrypted = pack.Policy{
	Name:        "aws-ebs-snapshot-copy-encrypted",
	DisplayName: "EBS snapshot copies are encrypted",
	Description: "EBS snapshot copies (aws.ebs.SnapshotCopy) set encrypted: true. Unset or false, a copy keeps its " +
		"source's encryption, so a copy of an unencrypted snapshot stays unencrypted (unless EBS encryption by " +
		"default is on in the destination region); encrypted: true encrypts it in every case, at no cost when " +
		"the source already is.",
	Severity:    pack.High,
	Framework:   frameworks.WellArchitected("SEC08-BP02"),
	Tags:        []string{"aws", "ebs", "encryption"},
	Remediation: "Set encrypted: true (and kmsKeyId for a customer managed key) on the snapshot copy.",
	Types:       []string{ebsSnapshotCopyType},
	Resource:    checkEBSSnapshotCopyEncrypted,
}

func checkEBSSnapshotCopyEncrypted(c *pack.Check, r *pack.Resource) {
	if !r.Get("encrypted").Bool(false) {
		c.Violatef("snapshot copy %s does not set encrypted: true, so it is unencrypted whenever its source "+
			"snapshot is; set encrypted: true", r.Name)
	}
}
