package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestSSMDocumentNotPublic(t *testing.T) {
	document := func(permissions any) packtest.Props {
		props := packtest.Props{"documentType": "Command", "content": `{"schemaVersion":"2.2","mainSteps":[]}`}
		if permissions != nil {
			props["permissions"] = permissions
		}
		return props
	}
	packtest.Run(t, Policies(), "aws-ssm-document-not-public", []packtest.Case{
		{Name: "shared with all", Want: packtest.Violation,
			Message: "SSM document patch is shared with every AWS account (permissions.account_ids \"All\")",
			Resource: packtest.Resource(ssmDocumentType, "patch",
				document(map[string]any{"type": "Share", "account_ids": "All"}))},
		{Name: "all among account ids, spelled accountIds", Want: packtest.Violation,
			Message: "permissions.accountIds",
			Resource: packtest.Resource(ssmDocumentType, "patch",
				document(map[string]any{"type": "Share", "accountIds": "111122223333, all"}))},
		{Name: "shared with two accounts", Want: packtest.Pass,
			Resource: packtest.Resource(ssmDocumentType, "patch",
				document(map[string]any{"type": "Share", "account_ids": "111122223333,444455556666"}))},
		{Name: "not shared", Want: packtest.Pass, Resource: packtest.Resource(ssmDocumentType, "patch", document(nil))},
		{Name: "unknown account ids", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(ssmDocumentType, "patch",
				document(map[string]any{"type": "Share", "account_ids": packtest.Unknown}))},
		{Name: "unknown permissions", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(ssmDocumentType, "patch", document(packtest.Unknown))},
	})
}
