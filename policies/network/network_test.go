package network

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIsInternet(t *testing.T) {
	for source, internet := range map[string]bool{
		"0.0.0.0/0":      true,
		"::/0":           true,
		" 0.0.0.0/0 ":    true,
		"0.0.0.0":        true,
		"::":             true,
		"*":              true,
		"Internet":       true,
		"INTERNET":       true,
		"any":            true,
		"10.0.0.0/8":     false,
		"0.0.0.0/1":      false,
		"::/1":           false,
		"2001:db8::/32":  false,
		"203.0.113.7":    false,
		"203.0.113.7/32": false,
		"VirtualNetwork": false,
		"sg-0123":        false,
		"":               false,
		"0.0.0.0/33":     false,
		"not an address": false,
	} {
		assert.Equal(t, internet, IsInternet(source), "%q", source)
	}
}

func TestParsePortRange(t *testing.T) {
	for text, want := range map[string]PortRange{
		"22":          {22, 22},
		" 22 ":        {22, 22},
		"1000-2000":   {1000, 2000},
		"1000 - 2000": {1000, 2000},
		"0-65535":     AllPorts,
		"*":           AllPorts,
		"":            AllPorts,
		"80-80":       {80, 80},
		"70000":       {70000, 70000},
	} {
		got, ok := ParsePortRange(text)
		if assert.True(t, ok, "%q", text) {
			assert.Equal(t, want, got, "%q", text)
		}
	}
	for _, text := range []string{"ssh", "22-", "-22", "2000-1000", "1-2-3", "22,23", "*-80", "0x16"} {
		got, ok := ParsePortRange(text)
		assert.False(t, ok, "%q", text)
		assert.Zero(t, got, "%q", text)
	}
}

func TestPortRangeIncludes(t *testing.T) {
	r := PortRange{20, 22}
	assert.True(t, r.Includes(20), "the first port")
	assert.True(t, r.Includes(22), "the last port")
	assert.False(t, r.Includes(19))
	assert.False(t, r.Includes(23))
	assert.True(t, AllPorts.Includes(0))
	assert.True(t, AllPorts.Includes(65535))
	assert.False(t, AllPorts.Includes(65536))
}

func TestCoveredPorts(t *testing.T) {
	ranges := []PortRange{{3389, 3389}, {20, 25}}
	assert.Equal(t, []int{22, 3389}, CoveredPorts(ranges, []int{22, 80, 3389}), "in the order of want")
	assert.Equal(t, []int{3389, 22}, CoveredPorts(ranges, []int{3389, 22}))
	assert.Nil(t, CoveredPorts(ranges, []int{80, 443}))
	assert.Nil(t, CoveredPorts(nil, []int{22}))
	assert.Equal(t, []int{22, 3389}, CoveredPorts([]PortRange{AllPorts}, []int{22, 3389}))
}

func TestPortList(t *testing.T) {
	for want, ports := range map[string][]int{
		"":                nil,
		"22":              {22},
		"22 and 3389":     {22, 3389},
		"22, 80 and 3389": {22, 80, 3389},
		"3389, 22 and 80": {3389, 22, 80},
	} {
		assert.Equal(t, want, PortList(ports))
	}
}

func TestPortPlural(t *testing.T) {
	assert.Equal(t, "port", PortPlural([]int{22}))
	assert.Equal(t, "ports", PortPlural([]int{22, 3389}))
	assert.Equal(t, "ports", PortPlural(nil))
}
