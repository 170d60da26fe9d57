// Package gcp holds the rules of pulumi-securely for Google Cloud (pulumi-gcp), one file per
// domain, each registering its rules in an init function.
package gcp

import "github.com/pulumi-securely/pulumi-securely/pack"

var rules pack.Registry

func register(p ...pack.Policy) { rules.Add(p...) }

// Policies returns the Google Cloud rules, sorted by name.
func Policies() []pack.Policy { return rules.Policies() }
