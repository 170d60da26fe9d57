package aws

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// Amazon WorkSpaces rules. The token and the inputs (rootVolumeEncryptionEnabled,
// userVolumeEncryptionEnabled, volumeEncryptionKey) are the same in pulumi-aws v6 (v6.83) and v7 (7.48).

const workspacesWorkspaceType = "aws:workspaces/workspace:Workspace"

func init() { register(workspacesVolumesEncrypted) }

var workspacesVolumesEncrypted = pack.Policy{
	Name:        "aws-workspaces-volumes-encrypted",
	DisplayName: "WorkSpaces encrypt their root and user volumes",
	Description: "WorkSpaces encrypt their user volume (userVolumeEncryptionEnabled, FSBP WorkSpaces.1) and root " +
		"volume (rootVolumeEncryptionEnabled, FSBP WorkSpaces.2), both false by default, with the KMS key in " +
		"volumeEncryptionKey.",
	Severity:  pack.High,
	Framework: frameworks.FSBP("WorkSpaces.1"),
	Tags:      []string{"aws", "workspaces", "encryption", "fsbp:WorkSpaces.2"},
	Remediation: "Set userVolumeEncryptionEnabled: true, rootVolumeEncryptionEnabled: true and volumeEncryptionKey " +
		"(alias/aws/workspaces or a customer managed key). Encryption cannot be turned on for an existing " +
		"WorkSpace: create a new one.",
	Types:    []string{workspacesWorkspaceType},
	Resource: checkWorkspacesVolumesEncrypted,
}

func checkWorkspacesVolumesEncrypted(c *pack.Check, r *pack.Resource) {
	var plain []string
	for _, volume := range []string{"userVolumeEncryptionEnabled", "rootVolumeEncryptionEnabled"} {
		if !r.Get(volume).Bool(false) {
			plain = append(plain, volume)
		}
	}
	if len(plain) > 0 {
		c.Violatef("WorkSpace %s does not encrypt its volumes (%s not true): set them to true with "+
			"volumeEncryptionKey", r.Name, strings.Join(plain, ", "))
	}
}
