package network

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// adminPortsProbe is a policy configured with AdminPortsSchema and AdminPortSettings that reports
// the ports it watches and the first internet-wide source of a resource's "sources", so that the
// schema, the settings and FirstInternet are tested through the engine as rules use them.
var adminPortsProbe = pack.Policy{
	Name: "admin-ports-probe", Description: "Reports the watched ports and the first internet source.",
	Severity: pack.Low, Remediation: "None: a test policy.",
	Config:   AdminPortsSchema(),
	Settings: func() any { return &AdminPortSettings{} },
	Resource: func(c *pack.Check, r *pack.Resource) {
		ports := pack.SettingsOf[AdminPortSettings](c).Ports
		source, ok := FirstInternet(r.Get("sources").Items())
		if !ok {
			c.Violatef("ports %s; no internet source", PortList(ports))
			return
		}
		c.Violatef("ports %s; internet source %s", PortList(ports), source.Path())
	},
}

func TestAdminPortSettings(t *testing.T) {
	sources := func(v any) plugin.AnalyzerResource {
		return packtest.Resource("test:index:Rule", "r", packtest.Props{"sources": v})
	}
	packtest.Run(t, []pack.Policy{adminPortsProbe}, "admin-ports-probe", []packtest.Case{
		{Name: "SSH and RDP by default", Want: packtest.Violation, Message: "ports 22 and 3389; no internet source",
			Resource: sources([]any{"10.0.0.0/8"})},
		{Name: "configured ports", Want: packtest.Violation, Message: "ports 5432; no internet source",
			Config: map[string]any{"ports": []any{5432}}, Resource: sources(nil)},
		{Name: "the first internet-wide source", Want: packtest.Violation, Message: "internet source sources[1]",
			Resource: sources([]any{"10.0.0.0/8", "::/0", "0.0.0.0/0"})},
		{Name: "an unset source is no address", Want: packtest.Violation, Message: "internet source sources[1]",
			Resource: sources([]any{nil, "*"})},
		{Name: "an unknown source before the internet stops the check", Want: packtest.NotApplicable,
			Message: packtest.UnknownDuringPreview + ": sources[0]", Resource: sources([]any{packtest.Unknown, "0.0.0.0/0"})},
	})
	// Known sources first, as FirstInternet's doc advises: the internet-wide one decides.
	ordered := adminPortsProbe
	ordered.Name = "ordered-probe"
	ordered.Resource = func(c *pack.Check, r *pack.Resource) {
		if source, ok := FirstInternet(known.ValuesFirst(r.Get("sources").Items())); ok {
			c.Violatef("internet source %s", source.Path())
		}
	}
	packtest.Run(t, []pack.Policy{ordered}, "ordered-probe", []packtest.Case{
		{Name: "an unknown source after a known internet one", Want: packtest.Violation, Message: "internet source sources[1]",
			Resource: sources([]any{packtest.Unknown, "0.0.0.0/0"})},
	})
}

func TestAdminPortSettingsRefuseBadPorts(t *testing.T) {
	policies := []pack.Policy{adminPortsProbe}
	assert.NoError(t, packtest.ConfigError(t, policies, "admin-ports-probe", map[string]any{"ports": []any{22}}))
	err := packtest.ConfigError(t, policies, "admin-ports-probe", map[string]any{"ports": []any{}})
	require.Error(t, err, "an empty list")
	assert.Contains(t, err.Error(), "ports: an empty list checks no port")
	assert.Error(t, packtest.ConfigError(t, policies, "admin-ports-probe", map[string]any{"ports": []any{65536}}),
		"a port out of range")
	assert.Error(t, packtest.ConfigError(t, policies, "admin-ports-probe", map[string]any{"ports": []any{"22"}}),
		"a port as text")
}

func TestCheckPortsListed(t *testing.T) {
	assert.NoError(t, CheckPortsListed([]int{22}))
	assert.Error(t, CheckPortsListed(nil))
	assert.Error(t, CheckPortsListed([]int{}))
}
