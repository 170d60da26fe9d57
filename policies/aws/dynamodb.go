package aws

import (
	"fmt"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// DynamoDB and DynamoDB Accelerator (DAX) rules. pulumi-aws v6 and v7 share these tokens and
// inputs (v7 adds replicas[].consistencyMode, which no rule reads).

const (
	dynamoDBTableType        = "aws:dynamodb/table:Table"
	dynamoDBTableReplicaType = "aws:dynamodb/tableReplica:TableReplica"
	daxClusterType           = "aws:dax/cluster:Cluster"
)

func init() {
	register(dynamoDBPointInTimeRecovery, dynamoDBKMSEncryption, daxClusterEncrypted, daxClusterTLS)
}

var dynamoDBPointInTimeRecovery = pack.Policy{
	Name:        "aws-dynamodb-point-in-time-recovery",
	DisplayName: "DynamoDB tables have point-in-time recovery",
	Description: "DynamoDB tables, their inline replicas and TableReplica resources enable point-in-time " +
		"recovery (pointInTimeRecovery.enabled on the table, pointInTimeRecovery on replicas; both default to " +
		"false), so that the table can be restored to any second of the recovery period.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("DynamoDB.2"),
	Tags:      []string{"aws", "dynamodb", "backup"},
	Remediation: "Set pointInTimeRecovery: {enabled: true} on the table (recoveryPeriodInDays sets how far back, " +
		"35 days by default), and pointInTimeRecovery: true on each replica.",
	Types:    []string{dynamoDBTableType, dynamoDBTableReplicaType},
	Resource: checkDynamoDBPointInTimeRecovery,
}

func checkDynamoDBPointInTimeRecovery(c *pack.Check, r *pack.Resource) {
	if r.Type == dynamoDBTableReplicaType {
		if !r.Get("pointInTimeRecovery").Bool(false) {
			c.Violatef("table replica %s does not enable point-in-time recovery; set pointInTimeRecovery: true",
				r.Name)
		}
		return
	}
	if !r.Get("pointInTimeRecovery", "enabled").Bool(false) {
		c.Violatef("table %s does not enable point-in-time recovery; set pointInTimeRecovery: {enabled: true}",
			r.Name)
	}
	for i, replica := range r.Get("replicas").Items() {
		if !replica.Get("pointInTimeRecovery").Bool(false) {
			c.Violatef("table %s: its replica in %v does not enable point-in-time recovery; set "+
				"replicas[%d].pointInTimeRecovery: true", r.Name, replica.Get("regionName"), i)
		}
	}
}

type dynamoDBKMSSettings struct {
	RequireCustomerManagedKey bool `json:"requireCustomerManagedKey"`
}

var dynamoDBKMSEncryption = pack.Policy{
	Name:        "aws-dynamodb-kms-encryption",
	DisplayName: "DynamoDB tables encrypt with KMS keys",
	Description: "DynamoDB tables encrypt with an AWS KMS key (serverSideEncryption.enabled: true) rather than " +
		"the AWS owned key DynamoDB uses by default, which the account can neither audit in CloudTrail nor " +
		"revoke. With requireCustomerManagedKey, tables, their replicas and TableReplica resources must also " +
		"name a customer managed key rather than the AWS managed key aws/dynamodb.",
	Severity:  pack.Medium,
	Framework: frameworks.WellArchitected("SEC08-BP01"),
	Tags:      []string{"aws", "dynamodb", "encryption"},
	Remediation: "Set serverSideEncryption: {enabled: true, kmsKeyArn: <customer managed key ARN>} on the table, " +
		"and kmsKeyArn on each replica (a key in the replica's region).",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"requireCustomerManagedKey": pack.Boolean("Also require a customer managed key (kmsKeyArn on the table, "+
			"each replica and each TableReplica), not the AWS managed key aws/dynamodb. Default false: any KMS "+
			"key passes.", false),
	}},
	Settings: func() any { return &dynamoDBKMSSettings{} },
	Types:    []string{dynamoDBTableType, dynamoDBTableReplicaType},
	Resource: checkDynamoDBKMSEncryption,
}

func checkDynamoDBKMSEncryption(c *pack.Check, r *pack.Resource) {
	requireCMK := pack.SettingsOf[dynamoDBKMSSettings](c).RequireCustomerManagedKey
	if r.Type == dynamoDBTableReplicaType {
		// A replica follows its global table's encryption; only the key choice is its own.
		if requireCMK && !namesCustomerManagedKey(r.Get("kmsKeyArn"), "dynamodb") {
			c.Violatef("table replica %s does not set kmsKeyArn to a customer managed key, so it uses the AWS "+
				"managed key aws/dynamodb (or the table's AWS owned key); set kmsKeyArn", r.Name)
		}
		return
	}
	sse := r.Get("serverSideEncryption")
	if !sse.Get("enabled").Bool(false) {
		c.Violatef("table %s is encrypted with an AWS owned key (serverSideEncryption.enabled is not true); set "+
			"serverSideEncryption: {enabled: true, kmsKeyArn: <customer managed key>}", r.Name)
		return
	}
	if !requireCMK {
		return
	}
	if !namesCustomerManagedKey(sse.Get("kmsKeyArn"), "dynamodb") {
		c.Violatef("table %s uses the AWS managed key aws/dynamodb; set serverSideEncryption.kmsKeyArn to a "+
			"customer managed key", r.Name)
	}
	for i, replica := range r.Get("replicas").Items() {
		if !namesCustomerManagedKey(replica.Get("kmsKeyArn"), "dynamodb") {
			c.Violatef("table %s: its replica in %v uses the AWS managed key aws/dynamodb; set "+
				"replicas[%d].kmsKeyArn to a customer managed key in that region", r.Name, replica.Get("regionName"), i)
		}
	}
}

var daxClusterEncrypted = pack.Policy{
	Name:        "aws-dax-cluster-encrypted",
	DisplayName: "DAX clusters are encrypted at rest",
	Description: "DynamoDB Accelerator clusters set serverSideEncryption.enabled: true (the provider defaults " +
		"it to false), so that cached table data is encrypted at rest.",
	Severity:  pack.High,
	Framework: frameworks.FSBP("DynamoDB.3"),
	Tags:      []string{"aws", "dynamodb", "dax", "encryption"},
	Remediation: "Set serverSideEncryption: {enabled: true}. It cannot be changed on an existing cluster: " +
		"the cluster is replaced.",
	Types:    []string{daxClusterType},
	Resource: checkDAXClusterEncrypted,
}

func checkDAXClusterEncrypted(c *pack.Check, r *pack.Resource) {
	if !r.Get("serverSideEncryption", "enabled").Bool(false) {
		c.Violatef("DAX cluster %s does not encrypt its data at rest; set serverSideEncryption: {enabled: true}",
			r.Name)
	}
}

var daxClusterTLS = pack.Policy{
	Name:        "aws-dax-cluster-tls",
	DisplayName: "DAX clusters encrypt connections",
	Description: "DynamoDB Accelerator clusters set clusterEndpointEncryptionType \"TLS\" (the provider " +
		"defaults it to \"NONE\"), so that clients reach the cluster over TLS.",
	Severity:  pack.High,
	Framework: frameworks.FSBP("DynamoDB.7"),
	Tags:      []string{"aws", "dynamodb", "dax", "encryption"},
	Remediation: "Set clusterEndpointEncryptionType: \"TLS\" and use a DAX client that supports TLS. It cannot be " +
		"changed on an existing cluster: the cluster is replaced.",
	Types:    []string{daxClusterType},
	Resource: checkDAXClusterTLS,
}

func checkDAXClusterTLS(c *pack.Check, r *pack.Resource) {
	mode := r.Get("clusterEndpointEncryptionType")
	if !strings.EqualFold(mode.Text("NONE"), "TLS") {
		what := "does not set clusterEndpointEncryptionType (it defaults to \"NONE\")"
		if mode.Exists() {
			what = fmt.Sprintf("sets clusterEndpointEncryptionType %v", mode)
		}
		c.Violatef("DAX cluster %s %s: clients connect without TLS; set clusterEndpointEncryptionType: \"TLS\"",
			r.Name, what)
	}
}
