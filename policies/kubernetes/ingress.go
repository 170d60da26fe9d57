package kubernetes

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// Rules on Kubernetes Ingresses.

func init() {
	register(ingressTLS)
}

// kubernetesIngressTypes are the Ingress tokens of the pulumi-kubernetes v4 SDK (v4.32.0): the
// current networking.k8s.io/v1 and the old versions that old state keeps. Their spec.rules[].host
// and spec.tls[].hosts have the same shape in all three.
var kubernetesIngressTypes = []string{
	"kubernetes:networking.k8s.io/v1:Ingress",
	"kubernetes:networking.k8s.io/v1beta1:Ingress",
	"kubernetes:extensions/v1beta1:Ingress",
}

var ingressTLS = pack.Policy{
	Name:        "kubernetes-ingress-tls",
	DisplayName: "Ingresses terminate TLS for their hosts",
	Description: "Every Ingress defines spec.tls, and every host of its spec.rules appears in the hosts of a " +
		"spec.tls entry (a wildcard *.example.com covers one label below example.com; an entry without hosts " +
		"covers them all, as the controller's default certificate does): a host without TLS is served over plain " +
		"HTTP, where anyone on the path reads and changes the traffic, credentials and session cookies included.",
	Severity:  pack.Medium,
	Framework: frameworks.NSAKubernetesHardening("Network separation and hardening: Encryption"),
	Tags:      []string{"kubernetes", "ingress", "encryption", "network"},
	Remediation: "Add a spec.tls entry that lists the Ingress's hosts and names the Secret (type kubernetes.io/tls) " +
		"that holds their certificate, or let cert-manager issue it (annotation cert-manager.io/cluster-issuer); " +
		"then have the controller redirect HTTP to HTTPS.",
	// Patches are left out: a patch that sets rules but no tls keeps the cluster's.
	Types:    kubernetesIngressTypes,
	Resource: checkIngressTLS,
}

func checkIngressTLS(c *pack.Check, r *pack.Resource) {
	spec := r.Get("spec")
	entries := spec.Get("tls").Items()
	rules := spec.Get("rules")
	if len(entries) == 0 {
		hosts := knownRuleHosts(rules)
		served := "its backends"
		if len(hosts) > 0 {
			served = "its hosts " + quoteValues(hosts)
		}
		c.Violatef("%s defines no spec.tls: it serves %s over plain HTTP, readable and changeable by anyone on "+
			"the path; add a spec.tls entry with the hosts and the Secret of their certificate", kubernetesObject(r),
			served)
		return
	}
	var tlsHosts, unknownTLS []pack.Value
	for _, entry := range entries {
		hosts := entry.Get("hosts")
		if hosts.Raw().IsComputed() {
			unknownTLS = append(unknownTLS, hosts)
			continue
		}
		items := hosts.Items()
		if len(items) == 0 {
			return // the controller's default certificate serves every host
		}
		for _, h := range items {
			if h.Raw().IsComputed() {
				unknownTLS = append(unknownTLS, h)
			} else {
				tlsHosts = append(tlsHosts, h)
			}
		}
	}
	var uncovered, unknownHosts []pack.Value
	for _, rule := range known.ValuesFirst(rules.Items()) {
		host := rule.Get("host")
		switch {
		case host.Raw().IsComputed():
			unknownHosts = append(unknownHosts, host)
		case host.Text("") == "":
			// A rule without a host answers every name; any tls entry serves it HTTPS.
		case !tlsCovers(tlsHosts, host.Text("")):
			uncovered = append(uncovered, host)
		}
	}
	if len(uncovered) > 0 && len(unknownTLS) == 0 {
		c.Violatef("%s: %s in no spec.tls[].hosts: served over plain HTTP, readable and changeable by anyone "+
			"on the path; list them in the hosts of a spec.tls entry with the Secret of their certificate",
			kubernetesObject(r), hostList(uncovered))
		return
	}
	if len(uncovered) > 0 {
		_ = unknownTLS[0].Text("") // unknown: stops the check, since it may cover them
	}
	for _, v := range unknownHosts {
		_ = v.Text("") // unknown: stops the check, since it may be uncovered
	}
}

// knownRuleHosts lists the known hosts of an Ingress's rules, without ever stopping the check.
func knownRuleHosts(rules pack.Value) []pack.Value {
	if !rules.Raw().IsArray() {
		return nil
	}
	var out []pack.Value
	for _, rule := range rules.Items() {
		if !rule.Raw().IsMap() {
			continue
		}
		if host := rule.Get("host"); host.Raw().IsString() && host.Raw().AsString() != "" {
			out = append(out, host)
		}
	}
	return out
}

// tlsCovers reports whether the hosts of an Ingress's tls entries cover a rule's host: the same
// name (DNS names are case-insensitive), or a wildcard *.example.com for a name one label below
// example.com.
func tlsCovers(tlsHosts []pack.Value, host string) bool {
	host = strings.ToLower(host)
	for _, h := range tlsHosts {
		name := strings.ToLower(h.Text(""))
		if name == host {
			return true
		}
		if parent, ok := strings.CutPrefix(name, "*."); ok {
			if label, rest, found := strings.Cut(host, "."); found && label != "" && label != "*" && rest == parent {
				return true
			}
		}
	}
	return false
}

// hostList names the uncovered hosts of an Ingress in a message, with the verb that follows.
func hostList(hosts []pack.Value) string {
	if len(hosts) == 1 {
		return "host " + hosts[0].String() + " (" + hosts[0].Path() + ") is"
	}
	return "hosts " + quoteValues(hosts) + " are"
}
