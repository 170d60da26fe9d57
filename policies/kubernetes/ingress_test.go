package kubernetes

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

// ingress is a networking.k8s.io/v1 Ingress named web with the given rules' hosts and tls entries.
func ingress(typ string, hosts []any, tls []any) plugin.AnalyzerResource {
	rules := make([]any, len(hosts))
	for i, h := range hosts {
		rule := props{"http": props{"paths": []any{props{"path": "/", "pathType": "Prefix",
			"backend": props{"service": props{"name": "web", "port": props{"number": 80}}}}}}}
		if h != nil {
			rule["host"] = h
		}
		rules[i] = rule
	}
	spec := props{"ingressClassName": "nginx", "rules": rules}
	if tls != nil {
		spec["tls"] = tls
	}
	return packtest.Resource(typ, "web", props{"metadata": props{"name": "web"}, "spec": spec})
}

func tlsEntry(hosts ...any) props {
	return props{"hosts": hosts, "secretName": "web-tls"}
}

func TestIngressTLS(t *testing.T) {
	const v1 = "kubernetes:networking.k8s.io/v1:Ingress"
	hosts := []any{"shop.example.com", "api.example.com"}
	packtest.Run(t, Policies(), "kubernetes-ingress-tls", []packtest.Case{
		{Name: "no tls at all", Want: packtest.Violation, Count: 1,
			Message: `Ingress web defines no spec.tls: it serves its hosts "shop.example.com", "api.example.com" over ` +
				`plain HTTP, readable and changeable by anyone on the path; add a spec.tls entry with the hosts and the ` +
				`Secret of their certificate`,
			Resource: ingress(v1, hosts, nil)},
		{Name: "no tls and no host", Want: packtest.Violation,
			Message:  `Ingress web defines no spec.tls: it serves its backends over plain HTTP`,
			Resource: ingress(v1, []any{nil}, nil)},
		{Name: "an empty tls list", Want: packtest.Violation, Message: "defines no spec.tls",
			Resource: ingress(v1, hosts, []any{})},
		{Name: "one host without tls", Want: packtest.Violation, Count: 1,
			Message: `Ingress web: host "api.example.com" (spec.rules[1].host) is in no spec.tls[].hosts: served over ` +
				`plain HTTP, readable and changeable by anyone on the path; list them in the hosts of a spec.tls entry ` +
				`with the Secret of their certificate`,
			Resource: ingress(v1, hosts, []any{tlsEntry("shop.example.com")})},
		{Name: "two hosts without tls", Want: packtest.Violation, Count: 1,
			Message:  `Ingress web: hosts "shop.example.com", "api.example.com" are in no spec.tls[].hosts`,
			Resource: ingress(v1, hosts, []any{tlsEntry("www.example.com")})},
		{Name: "a wildcard covers one label only", Want: packtest.Violation,
			Message:  `host "a.b.example.com" (spec.rules[0].host) is in no spec.tls[].hosts`,
			Resource: ingress(v1, []any{"a.b.example.com"}, []any{tlsEntry("*.example.com")})},
		{Name: "old API versions", Want: packtest.Violation, Message: "Ingress web defines no spec.tls",
			Resource: ingress("kubernetes:extensions/v1beta1:Ingress", hosts, nil)},
		{Name: "networking v1beta1", Want: packtest.Violation, Message: "Ingress web defines no spec.tls",
			Resource: ingress("kubernetes:networking.k8s.io/v1beta1:Ingress", hosts, nil)},

		{Name: "every host in tls", Want: packtest.Pass,
			Resource: ingress(v1, hosts, []any{tlsEntry("shop.example.com"), tlsEntry("API.example.com")})},
		{Name: "a wildcard certificate", Want: packtest.Pass,
			Resource: ingress(v1, hosts, []any{tlsEntry("*.example.com")})},
		{Name: "a wildcard rule host and certificate", Want: packtest.Pass,
			Resource: ingress(v1, []any{"*.example.com"}, []any{tlsEntry("*.example.com")})},
		{Name: "a tls entry without hosts takes the controller's default", Want: packtest.Pass,
			Resource: ingress(v1, hosts, []any{props{"secretName": "default-tls"}})},
		{Name: "a rule without host, with tls", Want: packtest.Pass,
			Resource: ingress(v1, []any{nil}, []any{tlsEntry("shop.example.com")})},
		{Name: "patches are not judged", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: ingress("kubernetes:networking.k8s.io/v1:IngressPatch", hosts, nil)},

		{Name: "unknown tls", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": spec.tls",
			Resource: packtest.Resource(v1, "web", props{"spec": props{"tls": packtest.Unknown}})},
		{Name: "unknown tls host that may cover", Want: packtest.NotApplicable,
			Message:  packtest.UnknownDuringPreview + ": spec.tls[1].hosts[0]",
			Resource: ingress(v1, hosts, []any{tlsEntry("shop.example.com"), tlsEntry(packtest.Unknown)})},
		{Name: "unknown tls hosts list", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": spec.tls[0].hosts",
			Resource: ingress(v1, hosts, []any{props{"hosts": packtest.Unknown}})},
		{Name: "unknown rule host", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": spec.rules[1].host",
			Resource: ingress(v1, []any{"shop.example.com", packtest.Unknown}, []any{tlsEntry("shop.example.com")})},
		{Name: "an unknown tls host while every host is covered", Want: packtest.Pass,
			Resource: ingress(v1, hosts, []any{tlsEntry("*.example.com", packtest.Unknown)})},
	})
}
