package aws

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// AWS Database Migration Service rules. The type token and publiclyAccessible are the same in
// pulumi-aws v6 (v6.83.4) and v7.
const dmsReplicationInstanceType = "aws:dms/replicationInstance:ReplicationInstance"

func init() {
	register(pack.Policy{
		Name:        "aws-dms-replication-instance-not-public",
		DisplayName: "DMS replication instances are not publicly accessible",
		Description: "DMS replication instances set publiclyAccessible to false. Unset, DMS gives the instance a " +
			"public IP address (the API's default is true), and the instance holds the credentials of the " +
			"source and target databases and the data it copies between them.",
		Severity:  pack.High,
		Framework: frameworks.FSBP("DMS.1"),
		Tags:      []string{"aws", "dms", "public-access", "network"},
		Remediation: "Set publiclyAccessible: false (this replaces the instance) and reach on-premises or other-VPC " +
			"databases through VPC peering, Transit Gateway, Direct Connect or a VPN.",
		Types: []string{dmsReplicationInstanceType},
		Resource: func(c *pack.Check, r *pack.Resource) {
			public := r.Get("publiclyAccessible")
			switch {
			case !public.Exists():
				c.Violatef("DMS replication instance %s does not set publiclyAccessible, so DMS gives it a public IP "+
					"address (the default): set publiclyAccessible: false", r.Name)
			case public.Bool(true):
				c.Violatef("DMS replication instance %s has publiclyAccessible true: it gets a public IP address, "+
					"reachable from the internet wherever its security groups allow; set publiclyAccessible: false",
					r.Name)
			}
		},
	})
}
