// Package acme holds Acme's own rules, one file per domain, each registering its rules in an
// init function, as pulumi-securely's own packages do.
package acme

import "github.com/pulumi-securely/pulumi-securely/pack"

var rules pack.Registry

func register(p ...pack.Policy) { rules.Add(p...) }

// Policies returns Acme's rules, sorted by name.
func Policies() []pack.Policy { return rules.Policies() }
