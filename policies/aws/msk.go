package aws

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// Amazon MSK (Managed Streaming for Apache Kafka) rules for provisioned clusters. pulumi-aws v6
// and v7 share the token and the inputs the rules read. Serverless clusters
// (aws.msk.ServerlessCluster) always use TLS and private endpoints, so they are not judged.

const mskClusterType = "aws:msk/cluster:Cluster"

func init() { register(mskInClusterEncryption, mskClientTLS, mskPublicAccessDisabled) }

var mskInClusterEncryption = pack.Policy{
	Name:        "aws-msk-in-cluster-encryption",
	DisplayName: "MSK brokers encrypt traffic among themselves",
	Description: "MSK clusters keep TLS between their broker nodes (encryptionInfo.encryptionInTransit.inCluster, " +
		"true by default), so that replication traffic inside the cluster cannot be read or changed on the " +
		"network.",
	Severity:  pack.High,
	Framework: frameworks.FSBP("MSK.1"),
	Tags:      []string{"aws", "msk", "encryption", "tls"},
	Remediation: "Remove inCluster: false (or set it to true) in encryptionInfo.encryptionInTransit. It cannot be " +
		"changed on an existing cluster: the cluster is replaced.",
	Types:    []string{mskClusterType},
	Resource: checkMSKInClusterEncryption,
}

func checkMSKInClusterEncryption(c *pack.Check, r *pack.Resource) {
	if !r.Get("encryptionInfo", "encryptionInTransit", "inCluster").Bool(true) {
		c.Violatef("MSK cluster %s sets encryptionInfo.encryptionInTransit.inCluster to false: its brokers "+
			"replicate data to each other in plaintext; set inCluster: true", r.Name)
	}
}

var mskClientTLS = pack.Policy{
	Name:        "aws-msk-client-tls",
	DisplayName: "MSK clusters accept only TLS from clients",
	Description: "MSK clusters accept client connections over TLS only " +
		"(encryptionInfo.encryptionInTransit.clientBroker \"TLS\", the default), not in plaintext " +
		"(\"TLS_PLAINTEXT\" or \"PLAINTEXT\"), so that records and credentials cannot be read or changed " +
		"between producers, consumers and brokers. FSBP MSK.1 covers traffic among brokers only.",
	Severity:  pack.High,
	Framework: frameworks.WellArchitected("SEC09-BP02"),
	Tags:      []string{"aws", "msk", "encryption", "tls"},
	Remediation: "Set clientBroker: \"TLS\" in encryptionInfo.encryptionInTransit (or remove it), once every " +
		"client connects to the TLS bootstrap brokers (bootstrapBrokersTls and its SASL variants).",
	Types:    []string{mskClusterType},
	Resource: checkMSKClientTLS,
}

func checkMSKClientTLS(c *pack.Check, r *pack.Resource) {
	mode := r.Get("encryptionInfo", "encryptionInTransit", "clientBroker")
	if m := mode.Text(""); m == "" || strings.EqualFold(m, "TLS") {
		return // TLS by default
	}
	c.Violatef("MSK cluster %s sets encryptionInfo.encryptionInTransit.clientBroker %v: clients may connect in "+
		"plaintext; set clientBroker: \"TLS\"", r.Name, mode)
}

var mskPublicAccessDisabled = pack.Policy{
	Name:        "aws-msk-public-access-disabled",
	DisplayName: "MSK clusters are not publicly accessible",
	Description: "MSK clusters keep public access off " +
		"(brokerNodeGroupInfo.connectivityInfo.publicAccess.type \"DISABLED\", the default), so that their " +
		"brokers are reachable only from inside their VPC and not from the internet.",
	Severity:  pack.Critical,
	Framework: frameworks.FSBP("MSK.4"),
	Tags:      []string{"aws", "msk", "network", "public-access"},
	Remediation: "Set brokerNodeGroupInfo.connectivityInfo.publicAccess.type to \"DISABLED\" (or remove " +
		"publicAccess) and reach the brokers from inside the VPC: peering, a transit gateway, a VPN, or " +
		"multi-VPC private connectivity (connectivityInfo.vpcConnectivity).",
	Types:    []string{mskClusterType},
	Resource: checkMSKPublicAccessDisabled,
}

func checkMSKPublicAccessDisabled(c *pack.Check, r *pack.Resource) {
	access := r.Get("brokerNodeGroupInfo", "connectivityInfo", "publicAccess", "type")
	if a := access.Text(""); a == "" || strings.EqualFold(a, "DISABLED") {
		return // private by default
	}
	c.Violatef("MSK cluster %s sets brokerNodeGroupInfo.connectivityInfo.publicAccess.type %v: its brokers "+
		"get public IP addresses, reachable from the internet wherever their security groups allow; set it to "+
		"\"DISABLED\"", r.Name, access)
}
