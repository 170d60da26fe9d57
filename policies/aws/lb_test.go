package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// Every ELBv2 token pulumi-aws v6 and v7 register, aliases included.
var (
	tokLBs = []string{"aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer",
		"aws:elasticloadbalancingv2/loadBalancer:LoadBalancer", "aws:applicationloadbalancing/loadBalancer:LoadBalancer"}
	tokListeners = []string{"aws:lb/listener:Listener", "aws:alb/listener:Listener",
		"aws:elasticloadbalancingv2/listener:Listener", "aws:applicationloadbalancing/listener:Listener"}
)

const (
	tokLB       = "aws:lb/loadBalancer:LoadBalancer"
	tokListener = "aws:lb/listener:Listener"
	tokClassic  = "aws:elb/loadBalancer:LoadBalancer"
)

func TestLBAccessLogging(t *testing.T) {
	cases := []packtest.Case{
		{Name: "logging on", Want: packtest.Pass,
			Resource: packtest.Resource(tokLB, "alb", packtest.Props{"accessLogs": packtest.Props{"bucket": "logs", "enabled": true}})},
		{Name: "bucket without enabled is off", Want: packtest.Violation, Message: "accessLogs.enabled",
			Resource: packtest.Resource(tokLB, "alb", packtest.Props{"accessLogs": packtest.Props{"bucket": "logs"}})},
		{Name: "no access logs", Want: packtest.Violation, Resource: packtest.Resource(tokLB, "alb", packtest.Props{})},
		{Name: "explicit application type", Want: packtest.Violation,
			Resource: packtest.Resource(tokLB, "alb", packtest.Props{"loadBalancerType": "application"})},
		{Name: "network load balancer not judged", Want: packtest.NotApplicable, Message: "network load balancers",
			Resource: packtest.Resource(tokLB, "nlb", packtest.Props{"loadBalancerType": "network"})},
		{Name: "gateway load balancer not judged", Want: packtest.NotApplicable, Message: "gateway",
			Resource: packtest.Resource(tokLB, "gwlb", packtest.Props{"loadBalancerType": "gateway"})},
		{Name: "classic with logs (enabled defaults to true)", Want: packtest.Pass,
			Resource: packtest.Resource(tokClassic, "clb", packtest.Props{"accessLogs": packtest.Props{"bucket": "logs"}})},
		{Name: "classic with logs turned off", Want: packtest.Violation, Message: `classic load balancer "clb"`,
			Resource: packtest.Resource(tokClassic, "clb", packtest.Props{"accessLogs": packtest.Props{"bucket": "logs", "enabled": false}})},
		{Name: "classic without logs", Want: packtest.Violation, Resource: packtest.Resource(tokClassic, "clb", packtest.Props{})},
		{Name: "classic alias token", Want: packtest.Violation,
			Resource: packtest.Resource("aws:elasticloadbalancing/loadBalancer:LoadBalancer", "clb", packtest.Props{})},
		{Name: "unknown enabled", Want: packtest.NotApplicable, Message: "value unknown during preview: accessLogs.enabled",
			Resource: packtest.Resource(tokLB, "alb", packtest.Props{"accessLogs": packtest.Props{"bucket": "b", "enabled": packtest.Unknown}})},
		{Name: "unknown type", Want: packtest.NotApplicable, Message: "value unknown during preview: loadBalancerType",
			Resource: packtest.Resource(tokLB, "alb", packtest.Props{"loadBalancerType": packtest.Unknown})},
		{Name: "unknown classic accessLogs", Want: packtest.NotApplicable, Message: "value unknown during preview: accessLogs",
			Resource: packtest.Resource(tokClassic, "clb", packtest.Props{"accessLogs": packtest.Unknown})},
		{Name: "unknown classic enabled", Want: packtest.NotApplicable, Message: "value unknown during preview: accessLogs.enabled",
			Resource: packtest.Resource(tokClassic, "clb", packtest.Props{"accessLogs": packtest.Props{"bucket": "b", "enabled": packtest.Unknown}})},
	}
	for _, tok := range tokLBs {
		cases = append(cases, packtest.Case{Name: "no logs on " + tok, Want: packtest.Violation,
			Resource: packtest.Resource(tok, "alb", packtest.Props{})})
	}
	packtest.Run(t, Policies(), "aws-lb-access-logging", cases)
}

func TestALBDropInvalidHeaderFields(t *testing.T) {
	cases := []packtest.Case{
		{Name: "dropping", Want: packtest.Pass,
			Resource: packtest.Resource(tokLB, "alb", packtest.Props{"dropInvalidHeaderFields": true})},
		{Name: "unset defaults to false", Want: packtest.Violation, Message: "dropInvalidHeaderFields: true",
			Resource: packtest.Resource(tokLB, "alb", packtest.Props{})},
		{Name: "network load balancer", Want: packtest.NotApplicable, Message: "do not parse HTTP headers",
			Resource: packtest.Resource(tokLB, "nlb", packtest.Props{"loadBalancerType": "network"})},
		{Name: "classic load balancers are other types", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource(tokClassic, "clb", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: dropInvalidHeaderFields",
			Resource: packtest.Resource(tokLB, "alb", packtest.Props{"dropInvalidHeaderFields": packtest.Unknown})},
		{Name: "unknown type", Want: packtest.NotApplicable, Message: "value unknown during preview: loadBalancerType",
			Resource: packtest.Resource(tokLB, "alb", packtest.Props{"loadBalancerType": packtest.Unknown})},
	}
	for _, tok := range tokLBs {
		cases = append(cases, packtest.Case{Name: "off on " + tok, Want: packtest.Violation,
			Resource: packtest.Resource(tok, "alb", packtest.Props{"dropInvalidHeaderFields": false})})
	}
	packtest.Run(t, Policies(), "aws-alb-drop-invalid-header-fields", cases)
}

func lbHTTPListener(actions ...any) packtest.Props {
	return packtest.Props{"loadBalancerArn": "arn:lb", "port": 80, "protocol": "HTTP", "defaultActions": actions}
}

func lbRedirectTo(protocol any) packtest.Props {
	return packtest.Props{"type": "redirect", "redirect": packtest.Props{"protocol": protocol, "port": "443", "statusCode": "HTTP_301"}}
}

var lbForwardAction = packtest.Props{"type": "forward", "targetGroupArn": "arn:tg"}

func TestLBListenerHTTPS(t *testing.T) {
	cases := []packtest.Case{
		{Name: "HTTP forwarding", Want: packtest.Violation, Message: `listener "web"`,
			Resource: packtest.Resource(tokListener, "web", lbHTTPListener(lbForwardAction))},
		{Name: "HTTP redirecting to HTTPS", Want: packtest.Pass,
			Resource: packtest.Resource(tokListener, "web", lbHTTPListener(lbRedirectTo("HTTPS")))},
		{Name: "redirect keeping the protocol", Want: packtest.Violation,
			Resource: packtest.Resource(tokListener, "web", lbHTTPListener(lbRedirectTo("#{protocol}")))},
		{Name: "redirect without protocol keeps HTTP", Want: packtest.Violation,
			Resource: packtest.Resource(tokListener, "web", lbHTTPListener(packtest.Props{"type": "redirect",
				"redirect": packtest.Props{"statusCode": "HTTP_301"}}))},
		{Name: "fixed response over HTTP", Want: packtest.Violation,
			Resource: packtest.Resource(tokListener, "web", lbHTTPListener(packtest.Props{"type": "fixed-response"}))},
		{Name: "lower-case http", Want: packtest.Violation,
			Resource: packtest.Resource(tokListener, "web", packtest.Props{"port": 80, "protocol": "http",
				"defaultActions": []any{lbForwardAction}})},
		{Name: "no protocol but a port is HTTP", Want: packtest.Violation,
			Resource: packtest.Resource(tokListener, "web", packtest.Props{"port": 8080, "defaultActions": []any{lbForwardAction}})},
		{Name: "gateway load balancer listener", Want: packtest.Pass,
			Resource: packtest.Resource(tokListener, "gw", packtest.Props{"defaultActions": []any{lbForwardAction}})},
		{Name: "HTTPS", Want: packtest.Pass,
			Resource: packtest.Resource(tokListener, "web", packtest.Props{"port": 443, "protocol": "HTTPS",
				"sslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06", "defaultActions": []any{lbForwardAction}})},
		{Name: "network TCP listener", Want: packtest.Pass,
			Resource: packtest.Resource(tokListener, "nlb", packtest.Props{"port": 5432, "protocol": "TCP",
				"defaultActions": []any{lbForwardAction}})},
		{Name: "unknown protocol", Want: packtest.NotApplicable, Message: "value unknown during preview: protocol",
			Resource: packtest.Resource(tokListener, "web", packtest.Props{"protocol": packtest.Unknown})},
		{Name: "unknown port", Want: packtest.NotApplicable, Message: "value unknown during preview: port",
			Resource: packtest.Resource(tokListener, "web", packtest.Props{"port": packtest.Unknown})},
		{Name: "unknown actions", Want: packtest.NotApplicable, Message: "value unknown during preview: defaultActions",
			Resource: packtest.Resource(tokListener, "web", packtest.Props{"port": 80, "protocol": "HTTP",
				"defaultActions": packtest.Unknown})},
		{Name: "unknown action type", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokListener, "web", lbHTTPListener(packtest.Props{"type": packtest.Unknown}))},
		{Name: "unknown redirect protocol", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokListener, "web", lbHTTPListener(lbRedirectTo(packtest.Unknown)))},
	}
	for _, tok := range tokListeners {
		cases = append(cases, packtest.Case{Name: "HTTP forwarding on " + tok, Want: packtest.Violation,
			Resource: packtest.Resource(tok, "web", lbHTTPListener(lbForwardAction))})
	}
	packtest.Run(t, Policies(), "aws-lb-listener-https", cases)
}

func TestLBListenerTLSPolicy(t *testing.T) {
	listener := func(protocol string, policy any) packtest.Props {
		p := packtest.Props{"port": 443, "protocol": protocol, "certificateArn": "arn:cert", "defaultActions": []any{lbForwardAction}}
		if policy != nil {
			p["sslPolicy"] = policy
		}
		return p
	}
	cases := []packtest.Case{
		{Name: "TLS 1.3/1.2 policy", Want: packtest.Pass,
			Resource: packtest.Resource(tokListener, "web", listener("HTTPS", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"))},
		{Name: "FIPS policy", Want: packtest.Pass,
			Resource: packtest.Resource(tokListener, "web", listener("HTTPS", "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04"))},
		{Name: "unset takes the 2016-08 default", Want: packtest.Violation, Message: "ELBSecurityPolicy-2016-08",
			Resource: packtest.Resource(tokListener, "web", listener("HTTPS", nil))},
		{Name: "TLS 1.0 policy", Want: packtest.Violation, Message: `"ELBSecurityPolicy-TLS-1-0-2015-04"`,
			Resource: packtest.Resource(tokListener, "web", listener("HTTPS", "ELBSecurityPolicy-TLS-1-0-2015-04"))},
		{Name: "TLS 1.3 policy that still accepts 1.1", Want: packtest.Violation,
			Resource: packtest.Resource(tokListener, "web", listener("HTTPS", "ELBSecurityPolicy-TLS13-1-1-2021-06"))},
		{Name: "network TLS listener", Want: packtest.Violation, Message: `TLS listener "tls"`,
			Resource: packtest.Resource(tokListener, "tls", listener("TLS", "ELBSecurityPolicy-2016-08"))},
		{Name: "HTTP listener not judged", Want: packtest.Pass,
			Resource: packtest.Resource(tokListener, "web", lbHTTPListener(lbRedirectTo("HTTPS")))},
		{Name: "configured list", Want: packtest.Pass,
			Config:   map[string]any{"allowedSslPolicies": []any{"ELBSecurityPolicy-2016-08"}},
			Resource: packtest.Resource(tokListener, "web", listener("HTTPS", nil))},
		{Name: "configured list excludes the defaults", Want: packtest.Violation,
			Config:   map[string]any{"allowedSslPolicies": []any{"ELBSecurityPolicy-TLS13-1-3-2021-06"}},
			Resource: packtest.Resource(tokListener, "web", listener("HTTPS", "ELBSecurityPolicy-TLS13-1-2-2021-06"))},
		{Name: "unknown policy", Want: packtest.NotApplicable, Message: "value unknown during preview: sslPolicy",
			Resource: packtest.Resource(tokListener, "web", listener("HTTPS", packtest.Unknown))},
		{Name: "unknown protocol", Want: packtest.NotApplicable, Message: "value unknown during preview: protocol",
			Resource: packtest.Resource(tokListener, "web", packtest.Props{"port": 443, "protocol": packtest.Unknown})},
	}
	for _, tok := range tokListeners {
		cases = append(cases, packtest.Case{Name: "default policy on " + tok, Want: packtest.Violation,
			Resource: packtest.Resource(tok, "web", listener("HTTPS", nil))})
	}
	packtest.Run(t, Policies(), "aws-lb-listener-tls-policy", cases)
}

func TestClassicLBListenerHTTPS(t *testing.T) {
	listeners := func(protocols ...any) packtest.Props {
		var list []any
		for _, p := range protocols {
			list = append(list, packtest.Props{"lbPort": 443, "lbProtocol": p, "instancePort": 8080, "instanceProtocol": "http"})
		}
		return packtest.Props{"listeners": list}
	}
	packtest.Run(t, Policies(), "aws-elb-listener-https", []packtest.Case{
		{Name: "HTTPS and SSL", Want: packtest.Pass, Resource: packtest.Resource(tokClassic, "clb", listeners("https", "SSL"))},
		{Name: "HTTP listener", Want: packtest.Violation, Message: "listeners[1]",
			Resource: packtest.Resource(tokClassic, "clb", listeners("HTTPS", "http"))},
		{Name: "TCP listener", Want: packtest.Violation, Message: `"tcp"`,
			Resource: packtest.Resource(tokClassic, "clb", listeners("tcp"))},
		{Name: "alias token", Want: packtest.Violation,
			Resource: packtest.Resource("aws:elasticloadbalancing/loadBalancer:LoadBalancer", "clb", listeners("HTTP"))},
		{Name: "unknown listener does not hide an HTTP one", Want: packtest.Violation, Message: "listeners[1]",
			Resource: packtest.Resource(tokClassic, "clb", listeners(packtest.Unknown, "HTTP"))},
		{Name: "unknown lbProtocol", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokClassic, "clb", listeners(packtest.Unknown))},
		{Name: "unknown listeners", Want: packtest.NotApplicable, Message: "value unknown during preview: listeners",
			Resource: packtest.Resource(tokClassic, "clb", packtest.Props{"listeners": packtest.Unknown})},
	})
}

func TestLBDesyncMitigation(t *testing.T) {
	cases := []packtest.Case{
		{Name: "default is defensive", Want: packtest.Pass, Resource: packtest.Resource(tokLB, "alb", packtest.Props{})},
		{Name: "strictest", Want: packtest.Pass,
			Resource: packtest.Resource(tokLB, "alb", packtest.Props{"desyncMitigationMode": "strictest"})},
		{Name: "monitor", Want: packtest.Violation, Message: `desyncMitigationMode "monitor"`,
			Resource: packtest.Resource(tokLB, "alb", packtest.Props{"desyncMitigationMode": "monitor"})},
		{Name: "classic monitor", Want: packtest.Violation,
			Resource: packtest.Resource(tokClassic, "clb", packtest.Props{"desyncMitigationMode": "monitor"})},
		{Name: "classic default", Want: packtest.Pass, Resource: packtest.Resource(tokClassic, "clb", packtest.Props{})},
		{Name: "network load balancer", Want: packtest.NotApplicable, Message: "do not parse HTTP requests",
			Resource: packtest.Resource(tokLB, "nlb", packtest.Props{"loadBalancerType": "network", "desyncMitigationMode": "monitor"})},
		{Name: "unknown mode", Want: packtest.NotApplicable, Message: "value unknown during preview: desyncMitigationMode",
			Resource: packtest.Resource(tokLB, "alb", packtest.Props{"desyncMitigationMode": packtest.Unknown})},
		{Name: "unknown type", Want: packtest.NotApplicable, Message: "value unknown during preview: loadBalancerType",
			Resource: packtest.Resource(tokLB, "alb", packtest.Props{"loadBalancerType": packtest.Unknown})},
	}
	for _, tok := range tokLBs {
		cases = append(cases, packtest.Case{Name: "monitor on " + tok, Want: packtest.Violation,
			Resource: packtest.Resource(tok, "alb", packtest.Props{"desyncMitigationMode": "monitor"})})
	}
	packtest.Run(t, Policies(), "aws-lb-desync-mitigation", cases)
}

func TestALBWAF(t *testing.T) {
	const arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1"
	alb := packtest.Resource(tokLB, "web", packtest.Props{"arn": arn, "loadBalancerType": "application", "internal": false})
	newALB := packtest.Resource("aws:alb/loadBalancer:LoadBalancer", "web", packtest.Props{"arn": packtest.Unknown})
	association := func(tok string, resourceARN any) plugin.AnalyzerResource {
		return packtest.Resource(tok, "waf", packtest.Props{"resourceArn": resourceARN, "webAclArn": "arn:waf"})
	}
	packtest.Run(t, Policies(), "aws-alb-waf", []packtest.Case{
		{Name: "associated by dependency", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(newALB, nil), packtest.DependsOn(
				association("aws:wafv2/webAclAssociation:WebAclAssociation", packtest.Unknown), "resourceArn", newALB)}},
		{Name: "no web ACL", Want: packtest.Violation, Message: `internet-facing load balancer "web"`,
			Stack: packtest.Stack(alb)},
		{Name: "WAF Classic association by plain arn", Want: packtest.Pass,
			Stack: packtest.Stack(alb, association("aws:wafregional/webAclAssociation:WebAclAssociation", arn))},
		{Name: "association for another resource", Want: packtest.Violation,
			Stack: packtest.Stack(alb, association("aws:wafv2/webAclAssociation:WebAclAssociation", "arn:other"))},
		{Name: "internal load balancer", Want: packtest.Pass,
			Stack: packtest.Stack(packtest.Resource(tokLB, "internal", packtest.Props{"arn": arn, "internal": true}))},
		{Name: "network load balancer", Want: packtest.Pass,
			Stack: packtest.Stack(packtest.Resource(tokLB, "nlb", packtest.Props{"arn": arn, "loadBalancerType": "network"}))},
		{Name: "unknown internal", Want: packtest.NotApplicable, Message: "value unknown during preview: internal",
			Stack: packtest.Stack(packtest.Resource(tokLB, "web", packtest.Props{"internal": packtest.Unknown}))},
		{Name: "unknown type", Want: packtest.NotApplicable, Message: "value unknown during preview: loadBalancerType",
			Stack: packtest.Stack(packtest.Resource(tokLB, "web", packtest.Props{"loadBalancerType": packtest.Unknown}))},
		{Name: "unknown arn without association", Want: packtest.Violation,
			Stack: packtest.Stack(packtest.Resource(tokLB, "web", packtest.Props{"arn": packtest.Unknown}))},
		{Name: "unknown resourceArn of an unlinked association", Want: packtest.NotApplicable, Message: "value unknown during preview: resourceArn",
			Stack: packtest.Stack(alb, association("aws:wafv2/webAclAssociation:WebAclAssociation", packtest.Unknown))},
		{Name: "no load balancers", Want: packtest.NotApplicable, Message: "no resources of its types",
			Stack: packtest.Stack(association("aws:wafv2/webAclAssociation:WebAclAssociation", arn))},
	})
}

func TestELBClassicTLSPolicy(t *testing.T) {
	const (
		tokLBPolicy       = "aws:elb/loadBalancerPolicy:LoadBalancerPolicy"
		tokListenerPolicy = "aws:elb/listenerPolicy:ListenerPolicy"
		tokSSLPolicy      = "aws:elb/sslNegotiationPolicy:SslNegotiationPolicy"
		strong            = "ELBSecurityPolicy-TLS-1-2-2017-01"
	)
	listener := func(protocol string, port int) packtest.Props {
		return packtest.Props{"lbProtocol": protocol, "lbPort": port, "instanceProtocol": "http", "instancePort": 8080,
			"sslCertificateId": "arn:aws:acm:us-east-1:123456789012:certificate/1"}
	}
	classic := func(tok string, name any, listeners ...packtest.Props) plugin.AnalyzerResource {
		items := make([]any, len(listeners))
		for i, l := range listeners {
			items[i] = l
		}
		return packtest.Resource(tok, "web", packtest.Props{"name": name, "listeners": items})
	}
	lb := classic(tokClassic, "web", listener("https", 443))
	newLB := classic(tokClassic, packtest.Unknown, listener("HTTPS", 443))
	other := packtest.Resource(tokClassic, "other", packtest.Props{"name": packtest.Unknown,
		"listeners": []any{listener("HTTP", 80)}})
	lbPolicy := func(tok string, lbName any, reference string) plugin.AnalyzerResource {
		attributes := []any{packtest.Props{"name": "Protocol-TLSv1.2", "value": "true"}}
		if reference != "" {
			attributes = []any{packtest.Props{"name": "Reference-Security-Policy", "value": reference}}
		}
		return packtest.Resource(tok, "tls", packtest.Props{"loadBalancerName": lbName, "policyName": "web-tls",
			"policyTypeName": "SSLNegotiationPolicyType", "policyAttributes": attributes})
	}
	listenerPolicy := func(tok string, lbName any, port any, names ...any) plugin.AnalyzerResource {
		return packtest.Resource(tok, "https", packtest.Props{"loadBalancerName": lbName, "loadBalancerPort": port,
			"policyNames": names})
	}
	sslPolicy := func(lbName any, port int, attributes ...any) plugin.AnalyzerResource {
		return packtest.Resource(tokSSLPolicy, "ciphers", packtest.Props{"name": "web-ciphers", "loadBalancer": lbName,
			"lbPort": port, "attributes": attributes})
	}
	// joined builds the usual program: a policy on the load balancer, applied to its port through
	// dependencies, while the load balancer's name is unknown.
	joined := func(lbTok, policyTok, listenerTok string, reference string) []plugin.AnalyzerStackResource {
		balancer := classic(lbTok, packtest.Unknown, listener("HTTPS", 443))
		policy := lbPolicy(policyTok, packtest.Unknown, reference)
		apply := listenerPolicy(listenerTok, packtest.Unknown, 443, "web-tls")
		return []plugin.AnalyzerStackResource{packtest.StackResource(balancer, nil),
			packtest.DependsOn(policy, "loadBalancerName", balancer),
			packtest.StackResource(apply, map[string][]resource.URN{
				"loadBalancerName": {balancer.URN}, "policyNames": {policy.URN}})}
	}
	packtest.Run(t, Policies(), "aws-elb-classic-tls-policy", []packtest.Case{
		{Name: "TLS 1.2 policy joined by dependencies", Want: packtest.Pass,
			Stack: joined(tokClassic, tokLBPolicy, tokListenerPolicy, strong)},
		{Name: "aws:elasticloadbalancing alias tokens", Want: packtest.Pass,
			Stack: joined("aws:elasticloadbalancing/loadBalancer:LoadBalancer",
				"aws:elasticloadbalancing/loadBalancerPolicy:LoadBalancerPolicy",
				"aws:elasticloadbalancing/listenerPolicy:ListenerPolicy", strong)},
		{Name: "no SSL negotiation policy", Want: packtest.Violation, Count: 1,
			Message: `classic load balancer "web" listener listeners[0] ("https" on port 443) has no SSL negotiation ` +
				`policy, so it gets ELBSecurityPolicy-2016-08, which accepts TLS 1.0 and 1.1: apply an SSL negotiation ` +
				`policy whose Reference-Security-Policy is ELBSecurityPolicy-TLS-1-2-2017-01 with an aws.elb.ListenerPolicy`,
			Stack: packtest.Stack(lb)},
		{Name: "an older predefined policy", Want: packtest.Violation, Count: 1,
			Message: `listener listeners[0] ("HTTPS" on port 443) uses the SSL negotiation policy "web-tls", which ` +
				`references "ELBSecurityPolicy-2016-08"`,
			Stack: joined(tokClassic, tokLBPolicy, tokListenerPolicy, "ELBSecurityPolicy-2016-08")},
		{Name: "a custom cipher list", Want: packtest.Violation,
			Message: `uses the SSL negotiation policy "web-tls", a custom list of protocols and ciphers`,
			Stack:   joined(tokClassic, tokLBPolicy, tokListenerPolicy, "")},
		{Name: "policy joined by plain names", Want: packtest.Pass,
			Stack: packtest.Stack(lb, lbPolicy(tokLBPolicy, "web", strong), listenerPolicy(tokListenerPolicy, "web", 443, "web-tls"))},
		{Name: "policy applied to another port", Want: packtest.Violation, Message: "has no SSL negotiation policy",
			Stack: packtest.Stack(lb, lbPolicy(tokLBPolicy, "web", strong), listenerPolicy(tokListenerPolicy, "web", 8443, "web-tls"))},
		{Name: "policy of another load balancer", Want: packtest.Violation, Count: 1, Message: `classic load balancer "web"`,
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(newLB, nil), packtest.StackResource(other, nil),
				packtest.DependsOn(lbPolicy(tokLBPolicy, packtest.Unknown, strong), "loadBalancerName", other),
				packtest.DependsOn(listenerPolicy(tokListenerPolicy, packtest.Unknown, 443, "web-tls"), "loadBalancerName", other)}},
		{Name: "the predefined policy named directly", Want: packtest.Pass,
			Stack: packtest.Stack(lb, listenerPolicy(tokListenerPolicy, "web", 443, strong))},
		{Name: "a policy outside the stack is not judged", Want: packtest.NotApplicable,
			Message: `listener policy "https" applies policies that are not in the stack to port 443`,
			Stack:   packtest.Stack(lb, listenerPolicy(tokListenerPolicy, "web", 443, "console-made"))},
		{Name: "a weak policy beside one outside the stack", Want: packtest.Violation, Message: `which references "ELBSecurityPolicy-2016-08"`,
			Stack: packtest.Stack(lb, lbPolicy(tokLBPolicy, "web", "ELBSecurityPolicy-2016-08"),
				listenerPolicy(tokListenerPolicy, "web", 443, "web-tls", "stickiness"))},
		{Name: "SslNegotiationPolicy referencing the TLS 1.2 policy", Want: packtest.Pass,
			Stack: packtest.Stack(lb, sslPolicy("web", 443, packtest.Props{"name": "Reference-Security-Policy", "value": strong}))},
		{Name: "SslNegotiationPolicy with its own ciphers", Want: packtest.Violation,
			Message: `uses the SSL negotiation policy "web-ciphers", a custom list of protocols and ciphers rather than a predefined policy`,
			Stack: packtest.Stack(lb, sslPolicy("web", 443, packtest.Props{"name": "Protocol-TLSv1.2", "value": "true"},
				packtest.Props{"name": "ECDHE-RSA-AES128-GCM-SHA256", "value": "true"}))},
		{Name: "SslNegotiationPolicy joined by dependency", Want: packtest.Pass,
			Stack: []plugin.AnalyzerStackResource{packtest.StackResource(newLB, nil), packtest.DependsOn(
				sslPolicy(packtest.Unknown, 443, packtest.Props{"name": "Reference-Security-Policy", "value": strong}), "loadBalancer", newLB)}},
		{Name: "an SSL listener is judged too", Want: packtest.Violation, Message: `("SSL" on port 443)`,
			Stack: packtest.Stack(classic(tokClassic, "web", listener("SSL", 443)))},
		{Name: "plain HTTP and TCP listeners are not judged", Want: packtest.Pass,
			Stack: packtest.Stack(classic(tokClassic, "web", listener("HTTP", 80), listener("TCP", 5432)))},
		{Name: "each TLS listener on its own", Want: packtest.Violation, Count: 1, Message: "listeners[1]",
			Stack: packtest.Stack(classic(tokClassic, "web", listener("HTTPS", 443), listener("SSL", 8443)),
				lbPolicy(tokLBPolicy, "web", strong), listenerPolicy(tokListenerPolicy, "web", 443, "web-tls"))},
		{Name: "no classic load balancers", Want: packtest.NotApplicable, Message: "no resources of its types",
			Stack: packtest.Stack(lbPolicy(tokLBPolicy, "web", strong))},
		{Name: "unknown listener protocol", Want: packtest.NotApplicable, Message: "value unknown during preview: listeners[0].lbProtocol",
			Stack: packtest.Stack(classic(tokClassic, "web", packtest.Props{"lbProtocol": packtest.Unknown, "lbPort": 443}))},
		{Name: "unknown listener port of the policy", Want: packtest.NotApplicable, Message: "value unknown during preview: loadBalancerPort",
			Stack: packtest.Stack(lb, listenerPolicy(tokListenerPolicy, "web", packtest.Unknown, "web-tls"))},
		{Name: "unknown reference policy", Want: packtest.NotApplicable, Message: "value unknown during preview: policyAttributes[0].value",
			Stack: packtest.Stack(lb, listenerPolicy(tokListenerPolicy, "web", 443, "web-tls"),
				packtest.Resource(tokLBPolicy, "tls", packtest.Props{"loadBalancerName": "web", "policyName": "web-tls",
					"policyTypeName": "SSLNegotiationPolicyType", "policyAttributes": []any{
						packtest.Props{"name": "Reference-Security-Policy", "value": packtest.Unknown}}}))},
	})
}

// enableDeletionProtection is the same in pulumi-aws v6 and v7, on every load balancer type.
func TestLBDeletionProtection(t *testing.T) {
	cases := []packtest.Case{
		{Name: "protected", Want: packtest.Pass,
			Resource: packtest.Resource(tokLB, "alb", packtest.Props{"enableDeletionProtection": true})},
		{Name: "unset defaults to false", Want: packtest.Violation,
			Message: `load balancer "alb" can be deleted without warning (enableDeletionProtection is false unless ` +
				`set): set enableDeletionProtection: true`,
			Resource: packtest.Resource(tokLB, "alb", packtest.Props{})},
		{Name: "turned off", Want: packtest.Violation, Message: `load balancer "nlb" can be deleted without warning`,
			Resource: packtest.Resource(tokLB, "nlb", packtest.Props{"loadBalancerType": "network", "enableDeletionProtection": false})},
		{Name: "gateway load balancer protected", Want: packtest.Pass,
			Resource: packtest.Resource(tokLB, "gwlb", packtest.Props{"loadBalancerType": "gateway", "enableDeletionProtection": true})},
		{Name: "classic load balancers are other types", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource(tokClassic, "clb", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: enableDeletionProtection",
			Resource: packtest.Resource(tokLB, "alb", packtest.Props{"enableDeletionProtection": packtest.Unknown})},
	}
	for _, tok := range tokLBs {
		cases = append(cases, packtest.Case{Name: "unprotected " + tok, Want: packtest.Violation,
			Resource: packtest.Resource(tok, "alb", packtest.Props{"enableDeletionProtection": false})})
	}
	packtest.Run(t, Policies(), "aws-lb-deletion-protection", cases)
}

// crossZoneLoadBalancing (default true in the provider) is the same in pulumi-aws v6 and v7.
func TestELBCrossZone(t *testing.T) {
	packtest.Run(t, Policies(), "aws-elb-cross-zone", []packtest.Case{
		{Name: "unset defaults to true", Want: packtest.Pass, Resource: packtest.Resource(tokClassic, "clb", packtest.Props{})},
		{Name: "on", Want: packtest.Pass,
			Resource: packtest.Resource(tokClassic, "clb", packtest.Props{"crossZoneLoadBalancing": true})},
		{Name: "turned off", Want: packtest.Violation,
			Message: `classic load balancer "clb" sets crossZoneLoadBalancing: false, so each node sends requests ` +
				`only to the instances of its own Availability Zone: remove it or set it to true`,
			Resource: packtest.Resource(tokClassic, "clb", packtest.Props{"crossZoneLoadBalancing": false})},
		{Name: "alias token", Want: packtest.Violation, Message: "crossZoneLoadBalancing: false",
			Resource: packtest.Resource("aws:elasticloadbalancing/loadBalancer:LoadBalancer", "clb",
				packtest.Props{"crossZoneLoadBalancing": false})},
		{Name: "ELBv2 load balancers are other types", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource(tokLB, "nlb", packtest.Props{"loadBalancerType": "network"})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: crossZoneLoadBalancing",
			Resource: packtest.Resource(tokClassic, "clb", packtest.Props{"crossZoneLoadBalancing": packtest.Unknown})},
	})
}
