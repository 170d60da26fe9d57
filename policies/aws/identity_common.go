package aws

import (
	"regexp"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Helpers the AWS identity, key, audit and compute rules share (iam.go, kms.go,
// lambda.go, ecr.go, ecs.go, ...).

// quotedFromValue renders a string read out of src (an action, a container name) for a message:
// quoted when src is plain, [secret] when src is a secret, so that no part of a secret document
// shows.
func quotedFromValue(src pack.Value, s string) string {
	return pack.Redact(property.New(s).WithSecret(src.Secret()))
}

// iamEveryResourcePattern matches resource patterns that cover every resource: "*", or an ARN
// pattern whose every field after "arn:" is a wildcard or a partition name ("arn:aws:*",
// "arn:*:*:*:*:*"). In IAM, "*" also matches ":", so "arn:aws:*" covers every ARN of the
// partition.
var iamEveryResourcePattern = regexp.MustCompile(`^(\*|arn(:(\*|aws|aws-cn|aws-us-gov|aws-iso[a-z-]*))?(:\*)+)$`)

// iamCoversEveryResource reports whether a statement applies to every resource: Resource "*" (or a
// pattern as wide), or NotResource, which excludes a few resources and grants all the others.
func iamCoversEveryResource(s iampolicy.Statement) bool {
	for _, r := range s.Resources {
		if iamEveryResourcePattern.MatchString(strings.TrimSpace(r)) {
			return true
		}
	}
	if len(s.NotResources) == 0 {
		return false
	}
	for _, r := range s.NotResources {
		if iamEveryResourcePattern.MatchString(strings.TrimSpace(r)) {
			return false // NotResource "*" excludes everything: the statement grants nothing
		}
	}
	return true
}
