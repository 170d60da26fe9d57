package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy/iampolicytest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

func TestEFSEncrypted(t *testing.T) {
	const fs = "aws:efs/fileSystem:FileSystem"
	packtest.Run(t, Policies(), "aws-efs-encrypted", []packtest.Case{
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
		{Name: "unknown encrypted", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": encrypted",
			Resource: packtest.Resource(fs, "shared", packtest.Props{"encrypted": packtest.Unknown})},
	})
}

// The BackupPolicy token and its fileSystemId and backupPolicy.status are the same in pulumi-aws
// v6 and v7.
func TestEFSBackupEnabled(t *testing.T) {
	// A file system as a stack check sees it: its outputs, with availabilityZoneName empty for a
	// Regional file system.
	fs := func(name string, props packtest.Props) plugin.AnalyzerResource {
		return packtest.Resource(efsFileSystemType, name, packtest.With(packtest.Props{"id": "fs-" + name,
			"availabilityZoneName": "", "encrypted": true}, props))
	}
	shared := fs("shared", nil)
	other := fs("other", nil)
	policy := func(status, fileSystemID any) plugin.AnalyzerResource {
		return packtest.Resource(efsBackupPolicyType, "backups", packtest.Props{
			"fileSystemId": fileSystemID, "backupPolicy": packtest.Props{"status": status}})
	}
	covers := func(status any, target plugin.AnalyzerResource) plugin.AnalyzerStackResource {
		return packtest.DependsOn(policy(status, "fs-"+target.Name), "fileSystemId", target)
	}
	packtest.Run(t, Policies(), "aws-efs-backup-enabled", []packtest.Case{
		{Name: "no backup policy", Want: packtest.Violation, Count: 1,
			Message: `EFS file system shared has no automatic backups (the EFS API leaves them off for a Regional ` +
				`file system): add an aws.efs.BackupPolicy with fileSystemId set to its id and ` +
				`backupPolicy.status "ENABLED"`,
			Stack: packtest.Stack(shared)},
		{Name: "backup policy enabled, joined through fileSystemId", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(shared, nil), covers("ENABLED", shared)}},
		{Name: "backup policy disabled", Want: packtest.Violation, Count: 1,
			Message: `EFS file system shared has automatic backups turned off (its BackupPolicy has ` +
				`backupPolicy.status "DISABLED"): set the status to "ENABLED"`,
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(shared, nil), covers("DISABLED", shared)}},
		{Name: "the backup policy is another file system's", Want: packtest.Violation, Count: 1,
			Message: "EFS file system shared has no automatic backups",
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(shared, nil), packtest.StackResource(other, nil),
				covers("ENABLED", other)}},
		{Name: "policy naming the file system by id (old state without dependencies)", Want: packtest.Pass,
			Stack: packtest.Stack(shared, policy("ENABLED", "fs-shared"))},
		{Name: "policy naming another file system by id", Want: packtest.Violation, Count: 1,
			Message: "EFS file system shared has no automatic backups",
			Stack:   packtest.Stack(shared, policy("ENABLED", "fs-elsewhere"))},
		{Name: "status as a one-element list", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(shared, nil),
				packtest.DependsOn(packtest.Resource(efsBackupPolicyType, "backups", packtest.Props{
					"fileSystemId": "fs-shared", "backupPolicy": []any{packtest.Props{"status": "ENABLED"}}}),
					"fileSystemId", shared)}},
		{Name: "One Zone file system: backups on by default", Want: packtest.Pass,
			Stack: packtest.Stack(fs("shared", packtest.Props{"availabilityZoneName": "eu-west-1a"}))},
		{Name: "One Zone file system with backups turned off", Want: packtest.Violation,
			Message: "has automatic backups turned off",
			Stack: []plugin.AnalyzerStackResource{
				packtest.StackResource(fs("shared", packtest.Props{"availabilityZoneName": "eu-west-1a"}), nil),
				covers("DISABLED", shared)}},
		{Name: "unknown status", Want: packtest.NotApplicable, Message: "shared: " + packtest.UnknownDuringPreview,
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(shared, nil), covers(packtest.Unknown, shared)}},
		{Name: "unknown zone of a new file system without a policy", Want: packtest.NotApplicable,
			Message: "shared: " + packtest.UnknownDuringPreview,
			Stack:   packtest.Stack(fs("shared", packtest.Props{"availabilityZoneName": packtest.Unknown}))},
		{Name: "a policy for an unknown file system", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Stack: packtest.Stack(shared, policy("ENABLED", packtest.Unknown))},
		{Name: "one undecided file system does not hide another", Want: packtest.Violation, Count: 1,
			Message: "EFS file system other has no automatic backups",
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(shared, nil), packtest.StackResource(other, nil),
				covers(packtest.Unknown, shared)}},
		{Name: "no file system in the stack", Want: packtest.NotApplicable, Message: "no resources of its types",
			Stack: packtest.Stack(policy("ENABLED", "fs-1"))},
	})
}

func TestEFSPolicyNotPublic(t *testing.T) {
	viaMount := map[string]any{"Bool": map[string]any{"elasticfilesystem:AccessedViaMountTarget": "true"}}
	doc := func(principal any, condition map[string]any) packtest.Props {
		return packtest.Props{"fileSystemId": "fs-1", "policy": iampolicytest.Doc(iampolicytest.AllowPrincipal(
			[]any{"elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"}, principal, condition))}
	}
	packtest.Run(t, Policies(), "aws-efs-policy-not-public", []packtest.Case{
		{Name: "anyone", Want: packtest.Violation, Message: "file system policy fsp lets anyone in (statement 1",
			Resource: packtest.Resource(efsPolicyType, "fsp", doc("*", nil))},
		{Name: "AWS star", Want: packtest.Violation,
			Resource: packtest.Resource(efsPolicyType, "fsp", doc(map[string]any{"AWS": "*"}, nil))},
		{Name: "through mount targets", Want: packtest.Pass,
			Resource: packtest.Resource(efsPolicyType, "fsp", doc("*", viaMount))},
		{Name: "organization", Want: packtest.Pass, Resource: packtest.Resource(efsPolicyType, "fsp",
			doc("*", map[string]any{"StringEquals": map[string]any{"aws:PrincipalOrgID": "o-abc"}}))},
		{Name: "named role", Want: packtest.Pass, Resource: packtest.Resource(efsPolicyType, "fsp",
			doc(map[string]any{"AWS": "arn:aws:iam::123456789012:role/app"}, nil))},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: policy",
			Resource: packtest.Resource(efsPolicyType, "fsp", packtest.Props{"policy": packtest.Unknown})},
	})
}
