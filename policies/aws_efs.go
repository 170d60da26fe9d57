package policies

import (
	"fmt"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// EFS rules. pulumi-aws v6 and v7 share the tokens and inputs: a BackupPolicy names its file
// system in fileSystemId and holds one backupPolicy object with a status (ENABLED or DISABLED).

const (
	efsFileSystemType   = "aws:efs/fileSystem:FileSystem"
	efsBackupPolicyType = "aws:efs/backupPolicy:BackupPolicy"
)

func init() { register(efsEncrypted, efsBackupEnabled) }

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

var efsBackupEnabled = pack.Policy{
	Name:        "aws-efs-backup-enabled",
	DisplayName: "EFS file systems are backed up automatically",
	Description: "Every EFS file system of the stack has automatic backups on: an aws.efs.BackupPolicy for it " +
		"with backupPolicy.status ENABLED. The EFS API leaves them off for a Regional file system created " +
		"without one, and turns them on by default only for One Zone file systems (availabilityZoneName set), " +
		"which pass unless a BackupPolicy turns them off. Automatic backups also put the file system in AWS " +
		"Backup's default plan, as Security Hub control EFS.2 asks; a file system only in a backup plan of " +
		"your own does not pass.",
	Severity:  pack.Medium,
	Framework: fsbp("EFS.7"),
	Tags:      []string{"aws", "efs", "backup", "fsbp:EFS.2"},
	Remediation: "Add an aws.efs.BackupPolicy with fileSystemId set to the file system's id and backupPolicy: " +
		"{ status: \"ENABLED\" }. AWS Backup then backs it up daily into the vault aws/efs/automatic-backup-vault " +
		"and keeps each backup for 35 days (edit the plan aws/efs/automatic-backup-plan to change that).",
	Types: []string{efsFileSystemType},
	Stack: checkEFSBackupEnabled,
}

func checkEFSBackupEnabled(c *pack.Check, s *pack.Stack) {
	backups := joinSides(s, []string{efsBackupPolicyType}, joinOn("fileSystemId", "id"))
	c.ForEach(s.OfType(efsFileSystemType), func(fs *pack.Resource) {
		policies := backups.matching(fs)
		var status pack.Value
		for _, p := range policies {
			status = p.Get("backupPolicy", "status")
			if strings.EqualFold(strings.TrimSpace(status.Text("")), "ENABLED") {
				return
			}
		}
		if len(policies) > 0 {
			c.Report(pack.Violation{URN: fs.URN, Message: fmt.Sprintf("EFS file system %s has automatic backups "+
				"turned off (its BackupPolicy has backupPolicy.status %v): set the status to \"ENABLED\"", fs.Name,
				status)})
			return
		}
		backups.stopIfUntraced(fs) // a backup policy of an unknown file system could be this one's
		if textIsSet(fs.Get("availabilityZoneName")) {
			return // a One Zone file system: the EFS API turns automatic backups on unless told otherwise
		}
		c.Report(pack.Violation{URN: fs.URN, Message: fmt.Sprintf("EFS file system %s has no automatic backups "+
			"(the EFS API leaves them off for a Regional file system): add an aws.efs.BackupPolicy with "+
			"fileSystemId set to its id and backupPolicy.status \"ENABLED\"", fs.Name)})
	})
}
