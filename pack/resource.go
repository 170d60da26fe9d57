package pack

import (
	"strings"

	"github.com/blang/semver"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// URN identifies a resource in a stack.
type URN = resource.URN

// Resource is what a check sees of one resource: inputs in Analyze (before the resource is
// created or changed), outputs in a stack check.
type Resource struct {
	URN        URN
	Type       string
	Name       string
	Properties property.Map
	// Provider is the provider resource that manages this resource, when the engine knows it.
	Provider *Provider
	Options  Options

	// Parent, Dependencies and PropertyDependencies are set in stack checks only.
	Parent       URN
	Dependencies []URN
	// PropertyDependencies lists, per input property, the resources its value came from: the
	// way to join a side resource (a bucket's versioning) to its subject while ids are unknown.
	PropertyDependencies map[string][]URN

	reads *secretReads
}

// Options are the resource options the program set.
type Options struct {
	Protect                 bool
	IgnoreChanges           []string
	DeleteBeforeReplace     bool
	AdditionalSecretOutputs []string
	Aliases                 []URN
}

// Provider is the provider resource (pulumi:providers:<package>) behind a resource, with the
// inputs the program gave it (region, credentials, default tags, version).
type Provider struct {
	reads      *secretReads
	URN        URN
	Type       string
	Name       string
	Properties property.Map
}

// Get reads a property of the resource; see Value for how unknowns and shapes are handled.
func (r *Resource) Get(keys ...string) Value {
	return Value{v: property.New(r.Properties), reads: r.reads}.Get(keys...)
}

// Peek reads the value at a path without ever stopping the check, for join keys and probes: a
// value unknown on the way is unknown, one that is not an object on the way reads as unset, and
// what lies in a secret is secret (and recorded as read, like any Value, when its content is).
// Unlike Get it does not look through lists.
func (r *Resource) Peek(keys ...string) Value {
	v := Value{v: property.New(r.Properties), reads: r.reads}
	for _, k := range keys {
		switch {
		case v.v.IsComputed():
			v = v.child(k, v.v)
		case v.v.IsMap():
			v = v.child(k, v.v.AsMap().Get(k))
		default:
			v = v.child(k, property.Value{})
		}
	}
	return v
}

// Package is the provider package the resource's type belongs to ("aws" for
// "aws:s3/bucket:Bucket"; "aws" also for the provider resource "pulumi:providers:aws").
func (r *Resource) Package() string { return PackageOf(r.Type) }

// IsProvider reports whether the resource is itself a provider resource.
func (r *Resource) IsProvider() bool { return strings.HasPrefix(r.Type, providerTypePrefix) }

// Get reads a property of the provider's inputs.
func (p *Provider) Get(keys ...string) Value {
	return Value{v: property.New(p.Properties), reads: p.reads}.Get(keys...)
}

// Version is the provider's version, from the "version" input the engine gives provider
// resources ("7.2.0"), and whether there is one that reads as a semantic version. An unknown
// version stops the check like any unknown value.
func (p *Provider) Version() (semver.Version, bool) {
	text := strings.TrimSpace(p.Get("version").Text(""))
	if text == "" {
		return semver.Version{}, false
	}
	v, err := semver.ParseTolerant(text)
	return v, err == nil
}

// Package is the provider's package name ("aws" for "pulumi:providers:aws").
func (p *Provider) Package() string { return PackageOf(p.Type) }

const providerTypePrefix = "pulumi:providers:"

// PackageOf returns the package of a type token: the part before the first colon, or the
// package a provider resource token names.
func PackageOf(typ string) string {
	if pkg, ok := strings.CutPrefix(typ, providerTypePrefix); ok {
		return pkg
	}
	pkg, _, _ := strings.Cut(typ, ":")
	return pkg
}

// nameOf is the resource name a URN ends with, or "" for an empty or malformed URN (whose Name
// method panics).
func nameOf(urn URN) string {
	if !urn.IsValid() {
		return ""
	}
	return urn.Name()
}
