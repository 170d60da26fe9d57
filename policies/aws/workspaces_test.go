package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestWorkspacesVolumesEncrypted(t *testing.T) {
	ws := func(user, root any) packtest.Props {
		return packtest.Props{"userVolumeEncryptionEnabled": user, "rootVolumeEncryptionEnabled": root,
			"volumeEncryptionKey": "alias/aws/workspaces"}
	}
	packtest.Run(t, Policies(), "aws-workspaces-volumes-encrypted", []packtest.Case{
		{Name: "unset", Want: packtest.Violation,
			Message:  "WorkSpace desk does not encrypt its volumes (userVolumeEncryptionEnabled, rootVolumeEncryptionEnabled not true)",
			Resource: packtest.Resource(workspacesWorkspaceType, "desk", packtest.Props{})},
		{Name: "root only", Want: packtest.Violation, Message: "(userVolumeEncryptionEnabled not true)",
			Resource: packtest.Resource(workspacesWorkspaceType, "desk", ws(false, true))},
		{Name: "user only", Want: packtest.Violation, Message: "(rootVolumeEncryptionEnabled not true)",
			Resource: packtest.Resource(workspacesWorkspaceType, "desk", ws(true, false))},
		{Name: "both", Want: packtest.Pass, Resource: packtest.Resource(workspacesWorkspaceType, "desk", ws(true, true))},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: rootVolumeEncryptionEnabled",
			Resource: packtest.Resource(workspacesWorkspaceType, "desk", ws(true, packtest.Unknown))},
	})
}
