// Package pulumicloud holds the rules of pulumi-securely for Pulumi Cloud itself (the pulumiservice provider), one file per
// domain, each registering its rules in an init function.
package pulumicloud

import "github.com/pulumi-securely/pulumi-securely/pack"

var rules pack.Registry

func register(p ...pack.Policy) { rules.Add(p...) }

// Policies returns the Pulumi Cloud rules, sorted by name.
func Policies() []pack.Policy { return rules.Policies() }
