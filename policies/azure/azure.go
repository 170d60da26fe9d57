// Package azure holds the rules of pulumi-securely for Microsoft Azure (azure-native and the classic azure provider), one file per
// domain, each registering its rules in an init function.
package azure

import "github.com/pulumi-securely/pulumi-securely/pack"

var rules pack.Registry

func register(p ...pack.Policy) { rules.Add(p...) }

// Policies returns the Azure rules, sorted by name.
func Policies() []pack.Policy { return rules.Policies() }
