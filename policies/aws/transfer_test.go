package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestTransferServerNoFTP(t *testing.T) {
	server := func(protocols any) packtest.Props {
		props := packtest.Props{"endpointType": "VPC", "identityProviderType": "SERVICE_MANAGED"}
		if protocols != nil {
			props["protocols"] = protocols
		}
		return props
	}
	packtest.Run(t, Policies(), "aws-transfer-server-no-ftp", []packtest.Case{
		{Name: "FTP among protocols", Want: packtest.Violation,
			Message:  "Transfer Family server files accepts FTP (protocols includes \"FTP\")",
			Resource: packtest.Resource(transferServerType, "files", server([]any{"SFTP", "FTP"}))},
		{Name: "FTP given as one string", Want: packtest.Violation, Message: "accepts FTP",
			Resource: packtest.Resource(transferServerType, "files", server("ftp"))},
		{Name: "SFTP and FTPS", Want: packtest.Pass,
			Resource: packtest.Resource(transferServerType, "files", server([]any{"SFTP", "FTPS"}))},
		{Name: "unset defaults to SFTP", Want: packtest.Pass,
			Resource: packtest.Resource(transferServerType, "files", server(nil))},
		{Name: "unknown protocols", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(transferServerType, "files", server(packtest.Unknown))},
		{Name: "unknown protocol", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(transferServerType, "files", server([]any{packtest.Unknown}))},
	})
}
