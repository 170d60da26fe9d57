package policies

import (
	"regexp"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Helpers the AWS identity, key, audit and compute rules share (aws_iam.go, aws_kms.go,
// aws_lambda.go, aws_ecr.go, aws_ecs.go, ...).

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
func iamCoversEveryResource(s statement) bool {
	for _, r := range s.resources {
		if iamEveryResourcePattern.MatchString(strings.TrimSpace(r)) {
			return true
		}
	}
	if len(s.notResources) == 0 {
		return false
	}
	for _, r := range s.notResources {
		if iamEveryResourcePattern.MatchString(strings.TrimSpace(r)) {
			return false // NotResource "*" excludes everything: the statement grants nothing
		}
	}
	return true
}

// iamAllowsAnyone reports whether an Allow statement of a resource policy (key policy, repository
// policy, trust policy) lets anyone in: its principal is "*" (or {"AWS": "*"}, or any account's
// root), or it names the principals it does not apply to (NotPrincipal, which lets every other
// principal in), and no condition ties it to a known account, organization, source or network.
// Condition keys in ignored do not count as narrowing (sts:ExternalId on a trust policy: the
// external id is no secret).
func iamAllowsAnyone(s statement, ignored ...string) bool {
	if !s.allows() {
		return false
	}
	public := s.notPrincipal.Exists()
	for _, p := range s.principals() {
		if p == "*" || p == "arn:aws:iam::*:root" {
			public = true
		}
	}
	return public && !iamNarrowedByConditionExcept(s, ignored)
}

// iamNarrowedByConditionExcept is statement.narrowedByCondition without the ignored keys.
func iamNarrowedByConditionExcept(s statement, ignored []string) bool {
	for _, keys := range s.condition.Entries() {
		for key := range keys.Entries() {
			if containsFoldString(ignored, key) {
				continue
			}
			if containsFoldString(narrowingConditionKeys, key) {
				return true
			}
		}
	}
	return false
}

// containsFoldString reports whether list holds s, ignoring case.
func containsFoldString(list []string, s string) bool {
	for _, item := range list {
		if strings.EqualFold(item, s) {
			return true
		}
	}
	return false
}
