package aws

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/joins"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// Type tokens of Elastic Load Balancing v2 (application, network and gateway load balancers) and
// classic load balancers. pulumi-aws v6 and v7 both have the aws:lb and aws:alb modules; the
// aws:elasticloadbalancingv2 and aws:applicationloadbalancing tokens are their aliases (older
// state), and aws:elasticloadbalancing the classic load balancer's.
var (
	elbV2LBTypes = []string{
		"aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer",
		"aws:elasticloadbalancingv2/loadBalancer:LoadBalancer", "aws:applicationloadbalancing/loadBalancer:LoadBalancer",
	}
	elbV2ListenerTypes = []string{
		"aws:lb/listener:Listener", "aws:alb/listener:Listener",
		"aws:elasticloadbalancingv2/listener:Listener", "aws:applicationloadbalancing/listener:Listener",
	}
	elbClassicTypes = []string{"aws:elb/loadBalancer:LoadBalancer", "aws:elasticloadbalancing/loadBalancer:LoadBalancer"}
	// Classic load balancer policies: an SSL negotiation policy defined on a load balancer
	// (LoadBalancerPolicy) and applied to a listener port (ListenerPolicy), or both at once
	// (SslNegotiationPolicy, a custom cipher list).
	elbListenerPolicyTypes = []string{
		"aws:elb/listenerPolicy:ListenerPolicy", "aws:elasticloadbalancing/listenerPolicy:ListenerPolicy",
	}
	elbLoadBalancerPolicyTypes = []string{
		"aws:elb/loadBalancerPolicy:LoadBalancerPolicy", "aws:elasticloadbalancing/loadBalancerPolicy:LoadBalancerPolicy",
	}
	elbSSLNegotiationPolicyTypes = []string{
		"aws:elb/sslNegotiationPolicy:SslNegotiationPolicy",
		"aws:elasticloadbalancing/sslNegotiationPolicy:SslNegotiationPolicy",
	}
	// wafAssociationTypes attach a WAF web ACL to a load balancer or an API stage by its arn
	// (wafAssociationKey).
	wafAssociationTypes = []string{
		"aws:wafv2/webAclAssociation:WebAclAssociation", "aws:wafregional/webAclAssociation:WebAclAssociation",
	}
	wafAssociationKey = joins.On("resourceArn", "arn")
)

// elbTLS12Policies are the Elastic Load Balancing security policies that accept only
// TLS 1.2 and later.
var elbTLS12Policies = []string{
	"ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06", "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
	"ELBSecurityPolicy-TLS13-1-3-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
	"ELBSecurityPolicy-FS-1-2-Res-2020-10", "ELBSecurityPolicy-FS-1-2-Res-2019-08", "ELBSecurityPolicy-FS-1-2-2019-08",
	"ELBSecurityPolicy-TLS-1-2-Ext-2018-06", "ELBSecurityPolicy-TLS-1-2-2017-01",
}

// elbDefaultSSLPolicy is what Elastic Load Balancing uses for an HTTPS or TLS listener created
// through the API without sslPolicy; it accepts TLS 1.0.
const elbDefaultSSLPolicy = "ELBSecurityPolicy-2016-08"

// elbClassicTLSPolicy is the predefined classic load balancer security policy FSBP ELB.8 requires
// (TLS 1.2 only); elbClassicDefaultTLSPolicy is the one an HTTPS or SSL listener without an SSL
// negotiation policy gets, which accepts TLS 1.0 and 1.1.
const (
	elbClassicTLSPolicy        = "ELBSecurityPolicy-TLS-1-2-2017-01"
	elbClassicDefaultTLSPolicy = "ELBSecurityPolicy-2016-08"
)

type elbSSLPolicySettings struct {
	AllowedSSLPolicies []string `json:"allowedSslPolicies"`
}

func init() {
	register(
		pack.Policy{
			Name:        "aws-lb-access-logging",
			DisplayName: "Load balancers write access logs",
			Description: "Application load balancers and classic load balancers write access logs to S3 " +
				"(accessLogs with enabled true: the application load balancer's default is false even when a " +
				"bucket is set; the classic load balancer's is true). Network load balancers log only TLS " +
				"connections and gateway load balancers none, so they are not judged.",
			Severity:    pack.Medium,
			Framework:   frameworks.FSBP("ELB.5"),
			Tags:        []string{"aws", "elb", "logging"},
			Remediation: "Set accessLogs: { bucket: <log bucket>, enabled: true } (and a prefix); the bucket policy must let Elastic Load Balancing write to it.",
			Types:       append(slices.Clone(elbV2LBTypes), elbClassicTypes...),
			Resource:    checkLBAccessLogging,
		},
		pack.Policy{
			Name:        "aws-alb-drop-invalid-header-fields",
			DisplayName: "Application load balancers drop invalid HTTP headers",
			Description: "Application load balancers remove HTTP headers whose names are not valid " +
				"(dropInvalidHeaderFields, false by default) instead of passing them to targets, which closes a " +
				"path for HTTP request smuggling and desync attacks.",
			Severity:    pack.Medium,
			Framework:   frameworks.FSBP("ELB.4"),
			Tags:        []string{"aws", "elb", "network"},
			Remediation: "Set dropInvalidHeaderFields: true on the load balancer.",
			Types:       elbV2LBTypes,
			Resource:    checkALBDropInvalidHeaders,
		},
		pack.Policy{
			Name:        "aws-lb-desync-mitigation",
			DisplayName: "Load balancers block HTTP desync attacks",
			Description: "Application and classic load balancers keep desync mitigation at \"defensive\" (the default) " +
				"or \"strictest\": in \"monitor\" mode they forward ambiguous requests that enable HTTP request " +
				"smuggling. Classic load balancers: FSBP ELB.14.",
			Severity:    pack.Medium,
			Framework:   frameworks.FSBP("ELB.12"),
			Tags:        []string{"aws", "elb", "network"},
			Remediation: "Remove desyncMitigationMode or set it to \"defensive\" or \"strictest\".",
			Types:       append(slices.Clone(elbV2LBTypes), elbClassicTypes...),
			Resource:    checkLBDesyncMitigation,
		},
		pack.Policy{
			Name:        "aws-alb-waf",
			DisplayName: "Internet-facing application load balancers are protected by AWS WAF",
			Description: "Every internet-facing application load balancer (internal false, the default) has an AWS WAF " +
				"web ACL associated with it through an aws.wafv2.WebAclAssociation (or a WAF Classic " +
				"aws.wafregional.WebAclAssociation) whose resourceArn is the load balancer's arn. Internal load " +
				"balancers are not judged.",
			Severity:  pack.Medium,
			Framework: frameworks.WellArchitected("SEC05-BP03"),
			Tags:      []string{"aws", "elb", "network"},
			Remediation: "Create an aws.wafv2.WebAcl with scope \"REGIONAL\" and an aws.wafv2.WebAclAssociation with " +
				"resourceArn set to the load balancer's arn and webAclArn to the web ACL's arn.",
			Types: elbV2LBTypes,
			Stack: checkALBWAF,
		},
		pack.Policy{
			Name:        "aws-lb-listener-https",
			DisplayName: "Load balancer listeners use HTTPS or redirect to it",
			Description: "Application load balancer listeners serve HTTPS, or serve HTTP only to redirect to HTTPS. " +
				"A listener without protocol but with a port is HTTP; network load balancer listeners (TCP, TLS, " +
				"UDP, QUIC) and gateway load balancer listeners are not judged.",
			Severity:  pack.High,
			Framework: frameworks.FSBP("ELB.1"),
			Tags:      []string{"aws", "elb", "encryption", "network"},
			Remediation: "Serve the application on an HTTPS listener (protocol \"HTTPS\", certificateArn, sslPolicy) and " +
				"give the HTTP listener a single default action { type: \"redirect\", redirect: { protocol: \"HTTPS\", " +
				"port: \"443\", statusCode: \"HTTP_301\" } }.",
			Types:    elbV2ListenerTypes,
			Resource: checkLBListenerHTTPS,
		},
		pack.Policy{
			Name:        "aws-lb-listener-tls-policy",
			DisplayName: "Load balancer listeners use a TLS 1.2+ security policy",
			Description: "HTTPS and TLS listeners name an allowed security policy (sslPolicy); by default the " +
				"policies that accept only TLS 1.2 and later. A listener without sslPolicy gets " +
				elbDefaultSSLPolicy + ", which accepts TLS 1.0 and 1.1.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("ELB.17"),
			Tags:      []string{"aws", "elb", "encryption"},
			Remediation: "Set sslPolicy to ELBSecurityPolicy-TLS13-1-2-Res-2021-06 (or another TLS 1.2+ policy); to " +
				"allow another policy, add it to this policy's allowedSslPolicies setting.",
			Types: elbV2ListenerTypes,
			Config: pack.Schema{Properties: map[string]pack.JSONSchema{
				"allowedSslPolicies": pack.StringList("Security policies HTTPS and TLS listeners may use. Default: the "+
					"Elastic Load Balancing policies that accept only TLS 1.2 and 1.3 ("+
					strings.Join(elbTLS12Policies, ", ")+").", elbTLS12Policies...),
			}},
			Settings: func() any { return &elbSSLPolicySettings{} },
			Resource: checkLBListenerTLSPolicy,
		},
		pack.Policy{
			Name:        "aws-elb-listener-https",
			DisplayName: "Classic load balancer listeners use HTTPS or SSL",
			Description: "Every listener of a classic load balancer terminates TLS (lbProtocol HTTPS or SSL); classic " +
				"load balancers cannot redirect HTTP to HTTPS, so an HTTP or TCP listener carries traffic in clear.",
			Severity:  pack.High,
			Framework: frameworks.FSBP("ELB.3"),
			Tags:      []string{"aws", "elb", "encryption"},
			Remediation: "Set each listener's lbProtocol to \"HTTPS\" (or \"SSL\") with an sslCertificateId from ACM; " +
				"better, move to an application load balancer, which can redirect HTTP to HTTPS.",
			Types:    elbClassicTypes,
			Resource: checkClassicLBListeners,
		},
		pack.Policy{
			Name:        "aws-elb-classic-tls-policy",
			DisplayName: "Classic load balancer HTTPS and SSL listeners use the TLS 1.2 security policy",
			Description: "Every HTTPS or SSL listener of a classic load balancer negotiates with the predefined security " +
				"policy " + elbClassicTLSPolicy + ": an aws.elb.ListenerPolicy for its port applies an " +
				"aws.elb.LoadBalancerPolicy of type SSLNegotiationPolicyType whose Reference-Security-Policy attribute " +
				"names it (or an aws.elb.SslNegotiationPolicy does). A listener with no SSL negotiation policy gets " +
				elbClassicDefaultTLSPolicy + ", which accepts TLS 1.0 and 1.1; custom cipher lists are not predefined " +
				"policies. A listener whose ListenerPolicy names policies outside the stack is not judged; one whose " +
				"policies were all set outside the stack (in the console) is reported, since the stack shows none.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("ELB.8"),
			Tags:      []string{"aws", "elb", "encryption"},
			Remediation: "Declare an aws.elb.LoadBalancerPolicy with loadBalancerName set to the load balancer's name, " +
				"policyTypeName \"SSLNegotiationPolicyType\" and policyAttributes [{ name: \"Reference-Security-Policy\", " +
				"value: \"" + elbClassicTLSPolicy + "\" }], and an aws.elb.ListenerPolicy with the listener's port " +
				"(loadBalancerPort) and policyNames [<that policy's policyName>]; better, move to an application load balancer.",
			Types: elbClassicTypes,
			Stack: checkELBClassicTLSPolicy,
		},
		pack.Policy{
			Name:        "aws-lb-deletion-protection",
			DisplayName: "Load balancers have deletion protection",
			Description: "Application, network and gateway load balancers set enableDeletionProtection: true " +
				"(false by default), so that neither a mistaken `pulumi destroy` or replacement nor an API call " +
				"deletes them before the protection is turned off.",
			Severity:  pack.Medium,
			Framework: frameworks.FSBP("ELB.6"),
			Tags:      []string{"aws", "elb", "resilience"},
			Remediation: "Set enableDeletionProtection: true on the load balancer. To delete it later, set it to " +
				"false and apply first.",
			Types:    elbV2LBTypes,
			Resource: checkLBDeletionProtection,
		},
		pack.Policy{
			Name:        "aws-elb-cross-zone",
			DisplayName: "Classic load balancers balance across Availability Zones",
			Description: "Classic load balancers keep cross-zone load balancing on (crossZoneLoadBalancing, true " +
				"by default in the provider although the Elastic Load Balancing API defaults to false), so that " +
				"each node spreads requests over the instances of every enabled zone and a zone with fewer " +
				"healthy instances is not overloaded.",
			Severity:    pack.Medium,
			Framework:   frameworks.FSBP("ELB.9"),
			Tags:        []string{"aws", "elb", "resilience"},
			Remediation: "Remove crossZoneLoadBalancing: false from the classic load balancer (or set it to true).",
			Types:       elbClassicTypes,
			Resource:    checkELBCrossZone,
		},
	)
}

func checkLBDeletionProtection(c *pack.Check, r *pack.Resource) {
	if !r.Get("enableDeletionProtection").Bool(false) {
		c.Violatef("load balancer %q can be deleted without warning (enableDeletionProtection is false unless "+
			"set): set enableDeletionProtection: true", r.Name)
	}
}

// isELBClassic reports whether the resource is a classic load balancer.
func isELBClassic(r *pack.Resource) bool { return slices.Contains(elbClassicTypes, r.Type) }

// elbV2Kind reads an ELBv2 load balancer's type: application (the default), network or gateway.
func elbV2Kind(r *pack.Resource) string {
	return strings.ToLower(strings.TrimSpace(r.Get("loadBalancerType").Text("application")))
}

func checkLBAccessLogging(c *pack.Check, r *pack.Resource) {
	logs := r.Get("accessLogs")
	if isELBClassic(r) {
		if logs.Exists() && logs.Get("enabled").Bool(true) {
			return
		}
		c.Violatef("classic load balancer %q writes no access logs: set accessLogs: { bucket, enabled: true }", r.Name)
		return
	}
	if kind := elbV2Kind(r); kind != "application" {
		c.Skip(kind + " load balancers are not judged: only application and classic load balancers log every request")
		return
	}
	if !logs.Get("enabled").Bool(false) {
		c.Violatef("load balancer %q writes no access logs (accessLogs.enabled is false unless set, even with a "+
			"bucket): set accessLogs: { bucket, enabled: true }", r.Name)
	}
}

func checkALBDropInvalidHeaders(c *pack.Check, r *pack.Resource) {
	if kind := elbV2Kind(r); kind != "application" {
		c.Skip(kind + " load balancers do not parse HTTP headers")
		return
	}
	if !r.Get("dropInvalidHeaderFields").Bool(false) {
		c.Violatef("load balancer %q passes HTTP headers with invalid names on to its targets: set "+
			"dropInvalidHeaderFields: true", r.Name)
	}
}

func checkLBDesyncMitigation(c *pack.Check, r *pack.Resource) {
	if !isELBClassic(r) {
		if kind := elbV2Kind(r); kind != "application" {
			c.Skip(kind + " load balancers do not parse HTTP requests")
			return
		}
	}
	if mode := r.Get("desyncMitigationMode"); netTextIs(mode, "defensive", "monitor") {
		c.Violatef("load balancer %q only monitors HTTP desync (desyncMitigationMode \"monitor\") and forwards "+
			"ambiguous requests: set desyncMitigationMode to \"defensive\" or \"strictest\"", r.Name)
	}
}

func checkALBWAF(c *pack.Check, s *pack.Stack) {
	associations := joins.Sides(s, wafAssociationTypes, wafAssociationKey)
	c.ForEach(s.OfType(elbV2LBTypes...), func(lb *pack.Resource) {
		if elbV2Kind(lb) != "application" || lb.Get("internal").Bool(false) {
			return
		}
		if len(associations.Of(lb)) > 0 {
			return
		}
		c.Report(pack.Violation{URN: lb.URN, Message: fmt.Sprintf("internet-facing load balancer %q has no AWS WAF "+
			"web ACL: declare an aws.wafv2.WebAclAssociation with resourceArn set to its arn", lb.Name)})
	})
}

// elbListenerProtocol reads a listener's protocol in upper case; a listener with neither protocol nor
// port belongs to a gateway load balancer (""), one with a port but no protocol is HTTP.
func elbListenerProtocol(r *pack.Resource) string {
	if p := r.Get("protocol"); !netBlank(p) {
		return strings.ToUpper(strings.TrimSpace(p.Text("")))
	}
	if !r.Get("port").Exists() {
		return ""
	}
	return "HTTP"
}

func checkLBListenerHTTPS(c *pack.Check, r *pack.Resource) {
	if elbListenerProtocol(r) != "HTTP" {
		return
	}
	for _, action := range r.Get("defaultActions").Items() {
		if netTextIs(action.Get("type"), "", "redirect") && netTextIs(action.Get("redirect", "protocol"), "#{protocol}", "HTTPS") {
			return
		}
	}
	c.Violatef("listener %q serves plain HTTP without redirecting to HTTPS: give it a default action of type "+
		"\"redirect\" with redirect.protocol \"HTTPS\", and serve the application on an HTTPS listener", r.Name)
}

func checkLBListenerTLSPolicy(c *pack.Check, r *pack.Resource) {
	protocol := elbListenerProtocol(r)
	if protocol != "HTTPS" && protocol != "TLS" {
		return
	}
	allowed := pack.SettingsOf[elbSSLPolicySettings](c).AllowedSSLPolicies
	policy := r.Get("sslPolicy")
	if slices.ContainsFunc(allowed, func(a string) bool { return netTextIs(policy, elbDefaultSSLPolicy, a) }) {
		return
	}
	if !policy.Exists() {
		c.Violatef("%s listener %q sets no sslPolicy, so it gets %s, which accepts TLS 1.0 and 1.1: set sslPolicy "+
			"to a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-Res-2021-06", protocol, r.Name, elbDefaultSSLPolicy)
		return
	}
	c.Violatef("%s listener %q uses sslPolicy %v, which is not among the allowed security policies: set sslPolicy "+
		"to a TLS 1.2+ policy such as ELBSecurityPolicy-TLS13-1-2-Res-2021-06", protocol, r.Name, policy)
}

func checkClassicLBListeners(c *pack.Check, r *pack.Resource) {
	for _, l := range known.ValuesFirst(r.Get("listeners").Items()) {
		if !netTextIs(l.Get("lbProtocol"), "", "HTTPS", "SSL") {
			c.Violatef("classic load balancer %q listener %s accepts %v in clear text: set lbProtocol to \"HTTPS\" or "+
				"\"SSL\" with an sslCertificateId", r.Name, l.Path(), l.Get("lbProtocol"))
		}
	}
}

// elbClassicPolicies joins a classic load balancer's policies to it: SSL negotiation policies,
// the policies defined on it, and the listener policies that apply those to a port.
type elbClassicPolicies struct {
	stack                               *pack.Stack
	negotiation, loadBalancer, listener *joins.Join
}

func checkELBClassicTLSPolicy(c *pack.Check, s *pack.Stack) {
	joins := elbClassicPolicies{
		stack:        s,
		negotiation:  joins.Sides(s, elbSSLNegotiationPolicyTypes, joins.OnName("loadBalancer", "name")),
		loadBalancer: joins.Sides(s, elbLoadBalancerPolicyTypes, joins.OnName("loadBalancerName", "name")),
		listener:     joins.Sides(s, elbListenerPolicyTypes, joins.OnName("loadBalancerName", "name")),
	}
	c.ForEach(s.OfType(elbClassicTypes...), func(lb *pack.Resource) {
		for _, l := range known.ValuesFirst(lb.Get("listeners").Items()) {
			protocol := l.Get("lbProtocol")
			if !netTextIs(protocol, "", "HTTPS", "SSL") {
				continue
			}
			port := l.Get("lbPort").Int(0)
			problem, undecided := joins.negotiationOf(lb, port)
			switch {
			case undecided != "":
				c.Defer(lb, undecided)
			case problem != "":
				c.Report(pack.Violation{URN: lb.URN, Message: fmt.Sprintf("classic load balancer %q listener %s (%v on "+
					"port %d) %s: apply an SSL negotiation policy whose Reference-Security-Policy is %s with an "+
					"aws.elb.ListenerPolicy", lb.Name, l.Path(), protocol, port, problem, elbClassicTLSPolicy)})
			}
		}
	})
}

// negotiationOf judges the SSL negotiation policy that the stack applies to a
// classic load balancer's listener on port. It returns what is wrong with it ("" when it is
// elbClassicTLSPolicy), or, when the stack applies no SSL negotiation policy to the port but a
// listener policy names policies the stack does not hold, why it cannot be judged.
func (j elbClassicPolicies) negotiationOf(lb *pack.Resource, port int) (problem, undecided string) {
	s := j.stack
	var weakness string // of the first SSL negotiation policy applied to the port that is not the one wanted
	for _, p := range j.negotiation.Matching(lb) {
		if p.Get("lbPort").Int(0) != port {
			continue
		}
		w := elbNegotiationWeakness(p.Get("name"), p.Get("attributes"))
		if w == "" {
			return "", ""
		}
		weakness = cmp.Or(weakness, w)
	}
	lbPolicies := j.loadBalancer.Matching(lb)
	for _, lp := range j.listener.Matching(lb) {
		if lp.Get("loadBalancerPort").Int(0) != port {
			continue
		}
		candidates := slices.Clone(lbPolicies) // the policies policyNames may name: the load balancer's and its dependencies
		for _, urn := range lp.PropertyDependencies["policyNames"] {
			if p := s.Resource(urn); p != nil && slices.Contains(elbLoadBalancerPolicyTypes, p.Type) {
				candidates = append(candidates, p)
			}
		}
		var applied []*pack.Resource
		for _, name := range lp.Get("policyNames").Strings() {
			if strings.EqualFold(name, elbClassicTLSPolicy) {
				return "", "" // the predefined policy's own name, as the console creates it
			}
			matched := false
			for _, p := range candidates {
				if p.Get("policyName").Text("") == name {
					matched = true
					if !slices.Contains(applied, p) {
						applied = append(applied, p)
					}
				}
			}
			if !matched {
				undecided = fmt.Sprintf("listener policy %q applies policies that are not in the stack to port %d",
					lp.Name, port)
			}
		}
		for _, p := range applied {
			if !netTextIs(p.Get("policyTypeName"), "", "SSLNegotiationPolicyType") {
				continue
			}
			w := elbNegotiationWeakness(p.Get("policyName"), p.Get("policyAttributes"))
			if w == "" {
				return "", ""
			}
			weakness = cmp.Or(weakness, w)
		}
	}
	switch {
	case weakness != "":
		return weakness, "" // a listener has one SSL negotiation policy: the ones outside the stack are others
	case undecided != "":
		return "", undecided
	}
	// Policies that name a load balancer the preview does not know yet may be this one's.
	j.negotiation.StopIfUntraced(lb)
	j.listener.StopIfUntraced(lb)
	return "has no SSL negotiation policy, so it gets " + elbClassicDefaultTLSPolicy + ", which accepts TLS 1.0 and 1.1", ""
}

// elbNegotiationWeakness says how an SSL negotiation policy falls short of elbClassicTLSPolicy: it
// references another predefined policy, or lists its own protocols and ciphers. "" when it
// references elbClassicTLSPolicy.
func elbNegotiationWeakness(name, attributes pack.Value) string {
	for _, a := range attributes.Items() {
		if !netTextIs(a.Get("name"), "", "Reference-Security-Policy") {
			continue
		}
		if netTextIs(a.Get("value"), "", elbClassicTLSPolicy) {
			return ""
		}
		return fmt.Sprintf("uses the SSL negotiation policy %v, which references %v", name, a.Get("value"))
	}
	return fmt.Sprintf("uses the SSL negotiation policy %v, a custom list of protocols and ciphers rather than a "+
		"predefined policy", name)
}

func checkELBCrossZone(c *pack.Check, r *pack.Resource) {
	if !r.Get("crossZoneLoadBalancing").Bool(true) {
		c.Violatef("classic load balancer %q sets crossZoneLoadBalancing: false, so each node sends requests only "+
			"to the instances of its own Availability Zone: remove it or set it to true", r.Name)
	}
}
