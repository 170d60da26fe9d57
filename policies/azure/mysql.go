package azure

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// API versions of flexible servers that azure-native 2.x (2.90.0) generated besides its default,
// with the property names of the default (network.publicNetworkAccess is an input from
// 2022-09-30-preview on; 2022-01-01 reads it as unset). The 2017 and 2018 versions are single
// servers, 2020-07-01 previews another shape: they are left out. The module's Server was a single
// server in azure-native 1.x.
var mySQLFlexibleServerTypes = append(azureNativeTypes("dbformysql", "Server", "20220101", "20220930preview",
	"20230601preview", "20230630", "20231001preview", "20231201preview", "20231230", "20240201preview",
	"20240601preview", "20241001preview"), "azure:mysql/flexibleServer:FlexibleServer")

var mySQLFlexibleNoPublicAccess = pack.Policy{
	Name:        "azure-mysql-flexible-no-public-access",
	DisplayName: "MySQL flexible servers disable public network access",
	Description: "Azure Database for MySQL flexible servers are reached inside a virtual network (a delegated " +
		"subnet) or through private endpoints only, not on their public endpoint.",
	Severity:  pack.Medium,
	Framework: frameworks.MCSB("NS-2"),
	Tags:      []string{"azure", "mysql", "network"},
	Remediation: "Create the server in a delegated subnet (network.delegatedSubnetResourceId and " +
		"network.privateDnsZoneResourceId), or set network.publicNetworkAccess: \"Disabled\" (azure-native 3.x or " +
		"an API version from 2022-09-30-preview on) and connect through a private endpoint. In the classic azure " +
		"provider: delegatedSubnetId, or publicNetworkAccess: \"Disabled\" (6.x).",
	Types:    mySQLFlexibleServerTypes,
	Resource: checkMySQLFlexibleNoPublicAccess,
}

func init() { register(mySQLFlexibleNoPublicAccess) }

// mySQLInheritedNetwork are the create modes whose server takes its network settings from its
// source server when it sets none.
var mySQLInheritedNetwork = []string{"PointInTimeRestore", "GeoRestore", "Replica"}

func checkMySQLFlexibleNoPublicAccess(c *pack.Check, r *pack.Resource) {
	if !isClassicAzure(r.Type) {
		checkFlexibleServerNetwork(c, r, "MySQL", mySQLInheritedNetwork)
		return
	}
	// publicNetworkAccess is an input from the classic provider 6.x on; before, a server outside a
	// delegated subnet always had its public endpoint.
	subnet, access := r.Get("delegatedSubnetId"), r.Get("publicNetworkAccess")
	if knownSet(subnet) || known.OneOf(access, "Disabled") {
		return
	}
	known.Require(subnet, access)
	c.Violatef("MySQL flexible server %s accepts connections on its public endpoint: set publicNetworkAccess: "+
		"\"Disabled\" and connect through a private endpoint, or create it in a delegated subnet "+
		"(delegatedSubnetId)", r.Name)
}
