// Package kubernetes holds the rules of pulumi-securely for Kubernetes (pulumi-kubernetes), one file per
// domain, each registering its rules in an init function.
package kubernetes

import "github.com/pulumi-securely/pulumi-securely/pack"

var rules pack.Registry

func register(p ...pack.Policy) { rules.Add(p...) }

// Policies returns the Kubernetes rules, sorted by name.
func Policies() []pack.Policy { return rules.Policies() }
