package azure

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// checkFlexibleServerNetwork judges the network of an azure-native flexible server of Azure
// Database for PostgreSQL or MySQL (engine names it in messages), whose modules share the shape:
// it passes in a delegated subnet (network.delegatedSubnetResourceId) or with
// network.publicNetworkAccess "Disabled". A server created from another (inherited create modes)
// with no network of its own takes its source's settings and is not judged. In azure-native 1.x
// the default Server token of both modules was a single server, which is skipped.
func checkFlexibleServerNetwork(c *pack.Check, r *pack.Resource, engine string, inherited []string) {
	if azureAPIVersion(r.Type) == "" {
		// azure-native 1.x: the default token was a single server, with its settings under properties.
		if major, ok := providerMajorVersion(r); (ok && major < 2) || r.Get("properties").Exists() {
			c.Skip("a single server of azure-native 1.x, not a flexible server")
			return
		}
	}
	network := r.Get("network")
	subnet, access := network.Get("delegatedSubnetResourceId"), network.Get("publicNetworkAccess")
	if knownSet(subnet) || known.OneOf(access, "Disabled") {
		return
	}
	known.Require(subnet, access)
	if !network.Exists() && known.OneOf(r.Get("createMode"), inherited...) {
		c.Skip("the server takes its network settings from its source server")
		return
	}
	known.Require(r.Get("createMode"))
	if access.Exists() {
		c.Violatef("%s flexible server %s has network.publicNetworkAccess %v and no delegated subnet: it "+
			"accepts connections on its public endpoint; set it to \"Disabled\" and connect through a private "+
			"endpoint", engine, r.Name, access)
		return
	}
	c.Violatef("%s flexible server %s sets no network.delegatedSubnetResourceId, so it accepts connections "+
		"on its public endpoint: create it in a delegated subnet, or set network.publicNetworkAccess: \"Disabled\" "+
		"and connect through a private endpoint", engine, r.Name)
}
