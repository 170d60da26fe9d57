package azure

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// API versions of flexible servers that azure-native 2.x generated besides its default, with the
// property names of the default (network.publicNetworkAccess is an input from 2023-06-01-preview
// on). The module's Server and Configuration were single servers in azure-native 1.x.
var azurePostgreSQLAPIVersions = []string{"20221201", "20230301preview", "20230601preview", "20231201preview",
	"20240301preview", "20240801", "20241101preview"}

var (
	postgreSQLFlexibleServerTypes = append(azureNativeTypes("dbforpostgresql", "Server", azurePostgreSQLAPIVersions...),
		"azure:postgresql/flexibleServer:FlexibleServer")
	postgreSQLConfigurationTypes = append(azureNativeTypes("dbforpostgresql", "Configuration",
		azurePostgreSQLAPIVersions...), "azure:postgresql/flexibleServerConfiguration:FlexibleServerConfiguration")
)

var postgreSQLFlexibleNoPublicAccess = pack.Policy{
	Name:        "azure-postgresql-flexible-no-public-access",
	DisplayName: "PostgreSQL flexible servers disable public network access",
	Description: "Azure Database for PostgreSQL flexible servers are reached inside a virtual network (a delegated " +
		"subnet) or through private endpoints only, not on their public endpoint.",
	Severity:  pack.Medium,
	Framework: frameworks.MCSB("NS-2"),
	Tags:      []string{"azure", "postgresql", "network"},
	Remediation: "Create the server in a delegated subnet (network.delegatedSubnetResourceId and " +
		"network.privateDnsZoneArmResourceId), or set network.publicNetworkAccess: \"Disabled\" (azure-native 3.x or " +
		"an API version from 2023-06-01-preview on) and connect through a private endpoint. In the classic azure " +
		"provider: delegatedSubnetId, or publicNetworkAccessEnabled: false.",
	Types:    postgreSQLFlexibleServerTypes,
	Resource: checkPostgreSQLFlexibleNoPublicAccess,
}

var postgreSQLFlexibleTLS = pack.Policy{
	Name:        "azure-postgresql-flexible-tls",
	DisplayName: "PostgreSQL flexible servers keep requiring TLS",
	Description: "No server parameter turns require_secure_transport off on an Azure Database for PostgreSQL " +
		"flexible server, which would let clients connect without TLS.",
	Severity:  pack.High,
	Framework: frameworks.MCSB("DP-3"),
	Tags:      []string{"azure", "postgresql", "encryption"},
	Remediation: "Remove the require_secure_transport configuration, or set its value to \"on\" (the default), " +
		"and upgrade the clients that cannot use TLS.",
	Types:    postgreSQLConfigurationTypes,
	Resource: checkPostgreSQLFlexibleTLS,
}

func init() { register(postgreSQLFlexibleNoPublicAccess, postgreSQLFlexibleTLS) }

// postgreSQLInheritedNetwork are the create modes whose server takes its network settings from
// its source server when it sets none.
var postgreSQLInheritedNetwork = []string{"PointInTimeRestore", "GeoRestore", "Replica", "ReviveDropped"}

func checkPostgreSQLFlexibleNoPublicAccess(c *pack.Check, r *pack.Resource) {
	if isClassicAzure(r.Type) {
		subnet, public := r.Get("delegatedSubnetId"), r.Get("publicNetworkAccessEnabled")
		if knownSet(subnet) || (!public.Unknown() && !public.Bool(true)) {
			return
		}
		known.Require(subnet, public)
		c.Violatef("PostgreSQL flexible server %s accepts connections on its public endpoint: set "+
			"publicNetworkAccessEnabled: false and connect through a private endpoint, or create it in a "+
			"delegated subnet (delegatedSubnetId)", r.Name)
		return
	}
	checkFlexibleServerNetwork(c, r, "PostgreSQL", postgreSQLInheritedNetwork)
}

// postgreSQLOff are the spellings PostgreSQL accepts for a boolean parameter turned off.
var postgreSQLOff = []string{"off", "false", "no", "0"}

func checkPostgreSQLFlexibleTLS(c *pack.Check, r *pack.Resource) {
	nameProperty := "configurationName"
	if isClassicAzure(r.Type) {
		nameProperty = "name"
	}
	// A configuration that sets no name of its own is named after the resource.
	name, value := r.Get(nameProperty), r.Get("value")
	tls := !name.Unknown() && strings.EqualFold(strings.TrimSpace(name.Text(r.Name)), "require_secure_transport")
	if (!name.Unknown() && !tls) || (!value.Unknown() && !known.OneOf(value, postgreSQLOff...)) {
		return
	}
	known.Require(name, value)
	c.Violatef("PostgreSQL configuration %s sets require_secure_transport to %v: the server accepts connections "+
		"without TLS; remove it or set value: \"on\"", r.Name, value)
}
