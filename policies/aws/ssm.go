package aws

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// AWS Systems Manager rules. The type token is the same in pulumi-aws v6 (v6.83.4) and v7;
// Document.permissions is a map of strings passed to the provider as written: "type" and
// "account_ids" (a comma-separated list of account ids, or "All"). Some Pulumi docs spell the
// latter "accountIds"; both are read.
const ssmDocumentType = "aws:ssm/document:Document"

func init() {
	register(pack.Policy{
		Name:        "aws-ssm-document-not-public",
		DisplayName: "SSM documents are not shared with everyone",
		Description: "SSM documents are not shared publicly (permissions { type: \"Share\", account_ids: \"All\" }): " +
			"every AWS account could then read and run the document, and learn from its content the commands, " +
			"parameters, paths and account details it holds.",
		Severity:  pack.Critical,
		Framework: frameworks.FSBP("SSM.4"),
		Tags:      []string{"aws", "ssm", "public-access"},
		Remediation: "Set permissions.account_ids to the comma-separated ids of the accounts that need the document, " +
			"or remove permissions; turn on the account's block public sharing setting for documents (an " +
			"aws.ssm.ServiceSetting for /ssm/documents/console/public-sharing-permission set to \"Disable\").",
		Types: []string{ssmDocumentType},
		Resource: func(c *pack.Check, r *pack.Resource) {
			permissions := r.Get("permissions")
			for _, key := range []string{"account_ids", "accountIds"} {
				ids := permissions.Get(key)
				for _, id := range strings.Split(ids.Text(""), ",") {
					if strings.EqualFold(strings.TrimSpace(id), "All") {
						c.Violatef("SSM document %s is shared with every AWS account (permissions.%s %v): set %s to "+
							"the ids of the accounts that need it, or remove permissions", r.Name, key, ids, key)
						return
					}
				}
			}
		},
	})
}
