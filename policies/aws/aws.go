// Package aws holds the rules of pulumi-securely for Amazon Web Services (pulumi-aws v6 and v7), one file per
// domain, each registering its rules in an init function.
package aws

import "github.com/pulumi-securely/pulumi-securely/pack"

var rules pack.Registry

func register(p ...pack.Policy) { rules.Add(p...) }

// Policies returns the AWS rules, sorted by name.
func Policies() []pack.Policy { return rules.Policies() }
