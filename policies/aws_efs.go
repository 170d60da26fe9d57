package policies

import "github.com/pulumi-securely/pulumi-securely/pack"

// EFS rules. pulumi-aws v6 and v7 share the token and inputs.

const efsFileSystemType = "aws:efs/fileSystem:FileSystem"

func init() { register(efsEncrypted) }

var efsEncrypted = pack.Policy{
	Name:        "aws-efs-encrypted",
	DisplayName: "EFS file systems are encrypted",
	Description: "EFS file systems set encrypted: true. The EFS API (and so the provider) creates an " +
		"unencrypted file system when it is unset, and encryption cannot be turned on afterwards.",
	Severity:  pack.High,
	Framework: fsbp("EFS.1"),
	Tags:      []string{"aws", "efs", "encryption", "cis:2.4.1"},
	Remediation: "Set encrypted: true (with kmsKeyId for a customer managed key; the AWS managed key " +
		"aws/elasticfilesystem is used otherwise). An existing file system must be replaced: create an " +
		"encrypted one and copy the data, for example with AWS DataSync.",
	Types:    []string{efsFileSystemType},
	Resource: checkEFSEncrypted,
}

func checkEFSEncrypted(c *pack.Check, r *pack.Resource) {
	encrypted := r.Get("encrypted")
	switch {
	case !encrypted.Exists():
		c.Violatef("file system %s does not set encrypted, so it is created unencrypted; set encrypted: true",
			r.Name)
	case !encrypted.Bool(false):
		c.Violatef("file system %s sets encrypted: false; set encrypted: true", r.Name)
	}
}
