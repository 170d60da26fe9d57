package aws

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy"
	"github.com/pulumi-securely/pulumi-securely/policies/joins"
)

// EFS rules. pulumi-aws v6 and v7 share the tokens and inputs: a BackupPolicy names its file
// system in fileSystemId and holds one backupPolicy object with a status (ENABLED or DISABLED).

const (
	efsFileSystemType   = "aws:efs/fileSystem:FileSystem"
	efsBackupPolicyType = "aws:efs/backupPolicy:BackupPolicy"
	efsPolicyType       = "aws:efs/fileSystemPolicy:FileSystemPolicy"
)

func init() { register(efsEncrypted, efsBackupEnabled, efsPolicyNotPublic) }

var efsEncrypted = pack.Policy{
	Name:        "aws-efs-encrypted",
	DisplayName: "EFS file systems are encrypted",
	Description: "EFS file systems set encrypted: true. The EFS API (and so the provider) creates an " +
		"unencrypted file system when it is unset, and encryption cannot be turned on afterwards.",
	Severity:  pack.High,
	Framework: frameworks.FSBP("EFS.1"),
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
	Framework: frameworks.FSBP("EFS.7"),
	Tags:      []string{"aws", "efs", "backup", "fsbp:EFS.2"},
	Remediation: "Add an aws.efs.BackupPolicy with fileSystemId set to the file system's id and backupPolicy: " +
		"{ status: \"ENABLED\" }. AWS Backup then backs it up daily into the vault aws/efs/automatic-backup-vault " +
		"and keeps each backup for 35 days (edit the plan aws/efs/automatic-backup-plan to change that).",
	Types: []string{efsFileSystemType},
	Stack: checkEFSBackupEnabled,
}

func checkEFSBackupEnabled(c *pack.Check, s *pack.Stack) {
	backups := joins.Sides(s, []string{efsBackupPolicyType}, joins.On("fileSystemId", "id"))
	c.ForEach(s.OfType(efsFileSystemType), func(fs *pack.Resource) {
		policies := backups.Matching(fs)
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
		backups.StopIfUntraced(fs) // a backup policy of an unknown file system could be this one's
		if textIsSet(fs.Get("availabilityZoneName")) {
			return // a One Zone file system: the EFS API turns automatic backups on unless told otherwise
		}
		c.Report(pack.Violation{URN: fs.URN, Message: fmt.Sprintf("EFS file system %s has no automatic backups "+
			"(the EFS API leaves them off for a Regional file system): add an aws.efs.BackupPolicy with "+
			"fileSystemId set to its id and backupPolicy.status \"ENABLED\"", fs.Name)})
	})
}

var efsPolicyNotPublic = pack.Policy{
	Name:        "aws-efs-policy-not-public",
	DisplayName: "EFS file system policies do not let anyone in",
	Description: "EFS file system policies (aws.efs.FileSystemPolicy) grant nothing to every principal (\"*\") " +
		"unless a condition ties the request to known callers (an account, an organization, a VPC endpoint) or " +
		"to the file system's own mount targets (elasticfilesystem:AccessedViaMountTarget true, which keeps " +
		"access inside the VPCs that reach them).",
	Severity:  pack.Critical,
	Framework: frameworks.WellArchitected("SEC03-BP07"),
	Tags:      []string{"aws", "efs", "public-access", "identity"},
	Remediation: "Name the roles or accounts that mount the file system in Principal, or keep \"*\" with the " +
		"condition Bool elasticfilesystem:AccessedViaMountTarget true, or aws:PrincipalOrgID.",
	Types:    []string{efsPolicyType},
	Resource: checkEFSPolicyNotPublic,
}

func checkEFSPolicyNotPublic(c *pack.Check, r *pack.Resource) {
	for i, s := range iampolicy.Read(r.Get("policy")) {
		if s.PublicPrincipal() && !efsViaMountTarget(s) {
			c.Violatef("file system policy %s lets anyone in (statement %d allows every principal with no condition "+
				"naming known callers or mount targets); name the principals or require "+
				"elasticfilesystem:AccessedViaMountTarget", r.Name, i+1)
			return
		}
	}
}

// efsViaMountTarget reports whether a statement applies only to requests through the file system's
// mount targets: the condition Bool elasticfilesystem:AccessedViaMountTarget true.
func efsViaMountTarget(s iampolicy.Statement) bool {
	for op, keys := range s.Condition.Entries() {
		if !strings.EqualFold(op, "Bool") {
			continue
		}
		for key, value := range keys.Entries() {
			if strings.EqualFold(key, "elasticfilesystem:AccessedViaMountTarget") &&
				slices.ContainsFunc(value.Strings(), func(v string) bool { return strings.EqualFold(v, "true") }) {
				return true
			}
		}
	}
	return false
}
