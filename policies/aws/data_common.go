package aws

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// Helpers the AWS storage and data rules (S3, EBS, EFS, DynamoDB) share.

// isServiceManagedKey reports whether a KMS key reference names the AWS managed key of a service
// (the alias "alias/aws/s3", or an alias ARN ending in ":alias/aws/s3" for service "s3"). Such a
// key is KMS, but its policy and rotation belong to AWS, not to the account's key owners.
func isServiceManagedKey(key, service string) bool {
	key = strings.ToLower(strings.TrimSpace(key))
	alias := "alias/aws/" + service
	return key == alias || strings.HasSuffix(key, ":"+alias)
}

// namesCustomerManagedKey reports whether a KMS key input names a key other than the service's AWS
// managed key; unset or blank means the service's default key.
func namesCustomerManagedKey(key pack.Value, service string) bool {
	k := strings.TrimSpace(key.Text(""))
	return k != "" && !isServiceManagedKey(k, service)
}
