package policies

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
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
	packtest.Run(t, All(), "aws-lb-access-logging", cases)
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
	packtest.Run(t, All(), "aws-alb-drop-invalid-header-fields", cases)
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
	packtest.Run(t, All(), "aws-lb-listener-https", cases)
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
	packtest.Run(t, All(), "aws-lb-listener-tls-policy", cases)
}

func TestClassicLBListenerHTTPS(t *testing.T) {
	listeners := func(protocols ...any) packtest.Props {
		var list []any
		for _, p := range protocols {
			list = append(list, packtest.Props{"lbPort": 443, "lbProtocol": p, "instancePort": 8080, "instanceProtocol": "http"})
		}
		return packtest.Props{"listeners": list}
	}
	packtest.Run(t, All(), "aws-elb-listener-https", []packtest.Case{
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
	packtest.Run(t, All(), "aws-lb-desync-mitigation", cases)
}

func TestALBWAF(t *testing.T) {
	const arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/1"
	alb := packtest.Resource(tokLB, "web", packtest.Props{"arn": arn, "loadBalancerType": "application", "internal": false})
	newALB := packtest.Resource("aws:alb/loadBalancer:LoadBalancer", "web", packtest.Props{"arn": packtest.Unknown})
	association := func(tok string, resourceARN any) plugin.AnalyzerResource {
		return packtest.Resource(tok, "waf", packtest.Props{"resourceArn": resourceARN, "webAclArn": "arn:waf"})
	}
	packtest.Run(t, All(), "aws-alb-waf", []packtest.Case{
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
