package aws

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// AWS Transfer Family rules. The type token and protocols are the same in pulumi-aws v6 (v6.83.4)
// and v7.
const transferServerType = "aws:transfer/server:Server"

func init() {
	register(pack.Policy{
		Name:        "aws-transfer-server-no-ftp",
		DisplayName: "Transfer Family servers do not accept plain FTP",
		Description: "Transfer Family servers do not list FTP in protocols: FTP sends user names, passwords and " +
			"files unencrypted. SFTP (the default when protocols is unset), FTPS and AS2 encrypt them.",
		Severity:  pack.High,
		Framework: frameworks.FSBP("Transfer.2"),
		Tags:      []string{"aws", "transfer", "encryption", "tls"},
		Remediation: "Replace \"FTP\" in protocols with \"SFTP\", or with \"FTPS\" and a certificate (an ACM " +
			"certificate ARN) for clients that only speak FTP over TLS.",
		Types: []string{transferServerType},
		Resource: func(c *pack.Check, r *pack.Resource) {
			for _, protocol := range r.Get("protocols").Items() {
				if strings.EqualFold(strings.TrimSpace(protocol.Text("")), "FTP") {
					c.Violatef("Transfer Family server %s accepts FTP (protocols includes \"FTP\"): credentials "+
						"and files cross the network unencrypted; use \"SFTP\" or \"FTPS\" instead", r.Name)
					return
				}
			}
		},
	})
}
