package aws

import (
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// Helpers the AWS networking, compute and edge rules share (security groups, network ACLs, EC2,
// load balancers, CloudFront, API Gateway).

// netTextIs reports whether a value, read as text with def when unset, is one of the choices,
// ignoring case and surrounding spaces.
func netTextIs(v pack.Value, def string, choices ...string) bool {
	s := strings.TrimSpace(v.Text(def))
	return slices.ContainsFunc(choices, func(c string) bool { return strings.EqualFold(s, c) })
}

// netBlank reports whether a text value is unset or only spaces.
func netBlank(v pack.Value) bool { return strings.TrimSpace(v.Text("")) == "" }
