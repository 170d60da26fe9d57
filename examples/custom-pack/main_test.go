package main

import (
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The pack holds what main says it keeps, and nothing it leaves out.
func TestGuardrailsHoldTheChosenRules(t *testing.T) {
	p, err := guardrails()
	require.NoError(t, err)
	assert.Equal(t, "acme-guardrails", p.Name)
	assert.Equal(t, "1.0.0", p.Version, "from PulumiPolicy.yaml")
	var names []string
	for _, pol := range p.Policies {
		names = append(names, pol.Name)
	}
	for _, want := range []string{"acme-widget-size", "acme-iam-role-trusts-own-accounts", "acme-one-vpc-per-stack",
		"approved-packages", "no-plaintext-secrets-in-inputs", "aws-s3-bucket-public-acl",
		"kubernetes-rbac-no-cluster-admin-binding", "required-resource-tags"} {
		assert.Contains(t, names, want)
	}
	for _, left := range []string{"production-updates-from-pipelines", "aws-s3-bucket-versioning", "azure-storage-https-only"} {
		assert.NotContains(t, names, left)
	}
	// Beside Acme's own rules, the tagging rule and the CIS Kubernetes rules, only high and
	// critical rules are in.
	for _, pol := range p.Policies {
		cis := pol.Framework != nil && pol.Framework.Name == "CIS Kubernetes Benchmark"
		if !strings.HasPrefix(pol.Name, "acme-") && pol.Name != "required-resource-tags" && !cis {
			assert.Contains(t, []pack.Severity{pack.High, pack.Critical}, pol.Severity, pol.Name)
		}
	}
}

// A built-in rule runs in the custom pack as it does in pulumi-securely.
func TestBuiltInRulesRunInTheCustomPack(t *testing.T) {
	p, err := guardrails()
	require.NoError(t, err)
	packtest.Run(t, p.Policies, "no-plaintext-secrets-in-inputs", []packtest.Case{
		{Name: "plaintext SecureString", Want: packtest.Violation, Message: "input value of api-key",
			Resource: packtest.Resource("aws:ssm/parameter:Parameter", "api-key",
				packtest.Props{"type": "SecureString", "value": "hunter2-hunter2"})},
		{Name: "secret SecureString", Want: packtest.Pass,
			Resource: packtest.Resource("aws:ssm/parameter:Parameter", "api-key",
				packtest.Props{"type": "SecureString", "value": packtest.Secret("hunter2-hunter2")})},
	})
}

// The reference pages are Acme's own rules' (under its DocsURL); the index links the built-in
// rules to pulumi-securely's pages.
func TestReferencePagesAreAcmes(t *testing.T) {
	p, err := guardrails()
	require.NoError(t, err)
	pages, err := p.ReferencePages("acme-guardrails docs")
	require.NoError(t, err)
	var names []string
	for name := range pages {
		names = append(names, name)
	}
	assert.ElementsMatch(t, []string{"README.md", "acme-widget-size.md", "acme-iam-role-trusts-own-accounts.md",
		"acme-one-vpc-per-stack.md"}, names)
	assert.Contains(t, string(pages["README.md"]),
		"[`approved-packages`](https://github.com/pulumi-securely/pulumi-securely/blob/main/docs/rules/approved-packages.md)")
}
