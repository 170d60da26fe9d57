package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

const (
	dynamoTable   = "aws:dynamodb/table:Table"
	dynamoReplica = "aws:dynamodb/tableReplica:TableReplica"
	tableKeyARN   = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
)

func TestDynamoDBPointInTimeRecovery(t *testing.T) {
	table := func(props packtest.Props) packtest.Props {
		return packtest.With(packtest.Props{"hashKey": "id", "attributes": []any{packtest.Props{"name": "id", "type": "S"}},
			"billingMode": "PAY_PER_REQUEST"}, props)
	}
	pitr := packtest.Props{"enabled": true}
	packtest.Run(t, Policies(), "aws-dynamodb-point-in-time-recovery", []packtest.Case{
		{Name: "enabled", Want: packtest.Pass,
			Resource: packtest.Resource(dynamoTable, "orders", table(packtest.Props{"pointInTimeRecovery": pitr}))},
		{Name: "enabled with a recovery period", Want: packtest.Pass,
			Resource: packtest.Resource(dynamoTable, "orders", table(packtest.Props{"pointInTimeRecovery": packtest.Props{
				"enabled": true, "recoveryPeriodInDays": 7}}))},
		{Name: "unset defaults to off", Want: packtest.Violation, Count: 1,
			Message:  "table orders does not enable point-in-time recovery; set pointInTimeRecovery: {enabled: true}",
			Resource: packtest.Resource(dynamoTable, "orders", table(nil))},
		{Name: "disabled", Want: packtest.Violation, Message: "table orders does not enable point-in-time recovery",
			Resource: packtest.Resource(dynamoTable, "orders", table(packtest.Props{"pointInTimeRecovery": packtest.Props{
				"enabled": false}}))},
		{Name: "replica without it", Want: packtest.Violation, Count: 1,
			Message: `table orders: its replica in "us-east-1" does not enable point-in-time recovery; set ` +
				"replicas[1].pointInTimeRecovery: true",
			Resource: packtest.Resource(dynamoTable, "orders", table(packtest.Props{"pointInTimeRecovery": pitr,
				"replicas": []any{packtest.Props{"regionName": "eu-central-1", "pointInTimeRecovery": true},
					packtest.Props{"regionName": "us-east-1"}}}))},
		{Name: "replicas with it", Want: packtest.Pass,
			Resource: packtest.Resource(dynamoTable, "orders", table(packtest.Props{"pointInTimeRecovery": pitr,
				"replicas": []any{packtest.Props{"regionName": "us-east-1", "pointInTimeRecovery": true}}}))},
		{Name: "TableReplica with it", Want: packtest.Pass,
			Resource: packtest.Resource(dynamoReplica, "orders-us", packtest.Props{"globalTableArn": "arn:t",
				"pointInTimeRecovery": true})},
		{Name: "TableReplica without it", Want: packtest.Violation,
			Message:  "table replica orders-us does not enable point-in-time recovery; set pointInTimeRecovery: true",
			Resource: packtest.Resource(dynamoReplica, "orders-us", packtest.Props{"globalTableArn": "arn:t"})},
		{Name: "unknown pointInTimeRecovery", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": pointInTimeRecovery",
			Resource: packtest.Resource(dynamoTable, "orders", table(packtest.Props{"pointInTimeRecovery": packtest.Unknown}))},
		{Name: "unknown enabled", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": pointInTimeRecovery.enabled",
			Resource: packtest.Resource(dynamoTable, "orders", table(packtest.Props{"pointInTimeRecovery": packtest.Props{
				"enabled": packtest.Unknown}}))},
		{Name: "unknown replicas", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": replicas",
			Resource: packtest.Resource(dynamoTable, "orders", table(packtest.Props{"pointInTimeRecovery": pitr,
				"replicas": packtest.Unknown}))},
		{Name: "unknown replica setting", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": replicas[0].pointInTimeRecovery",
			Resource: packtest.Resource(dynamoTable, "orders", table(packtest.Props{"pointInTimeRecovery": pitr,
				"replicas": []any{packtest.Props{"regionName": "us-east-1", "pointInTimeRecovery": packtest.Unknown}}}))},
		{Name: "unknown TableReplica setting", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": pointInTimeRecovery",
			Resource: packtest.Resource(dynamoReplica, "r", packtest.Props{"pointInTimeRecovery": packtest.Unknown})},
	})
}

func TestDynamoDBKMSEncryption(t *testing.T) {
	requireCMK := map[string]any{"requireCustomerManagedKey": true}
	sse := func(props packtest.Props) packtest.Props { return packtest.Props{"serverSideEncryption": props} }
	packtest.Run(t, Policies(), "aws-dynamodb-kms-encryption", []packtest.Case{
		{Name: "no serverSideEncryption: AWS owned key", Want: packtest.Violation,
			Message:  "table orders is encrypted with an AWS owned key (serverSideEncryption.enabled is not true)",
			Resource: packtest.Resource(dynamoTable, "orders", packtest.Props{"hashKey": "id"})},
		{Name: "serverSideEncryption disabled", Want: packtest.Violation, Message: "AWS owned key",
			Resource: packtest.Resource(dynamoTable, "orders", sse(packtest.Props{"enabled": false}))},
		{Name: "AWS managed key passes by default", Want: packtest.Pass,
			Resource: packtest.Resource(dynamoTable, "orders", sse(packtest.Props{"enabled": true}))},
		{Name: "customer managed key", Want: packtest.Pass, Config: requireCMK,
			Resource: packtest.Resource(dynamoTable, "orders", sse(packtest.Props{"enabled": true, "kmsKeyArn": tableKeyARN}))},
		{Name: "customer managed key required: AWS managed key by omission", Want: packtest.Violation, Config: requireCMK,
			Message:  "table orders uses the AWS managed key aws/dynamodb; set serverSideEncryption.kmsKeyArn",
			Resource: packtest.Resource(dynamoTable, "orders", sse(packtest.Props{"enabled": true}))},
		{Name: "customer managed key required: aws/dynamodb alias", Want: packtest.Violation, Config: requireCMK,
			Resource: packtest.Resource(dynamoTable, "orders", sse(packtest.Props{"enabled": true,
				"kmsKeyArn": "arn:aws:kms:eu-west-1:111122223333:alias/aws/dynamodb"}))},
		{Name: "customer managed key required: replica without its key", Want: packtest.Violation, Config: requireCMK,
			Count: 1, Message: `table orders: its replica in "us-east-1" uses the AWS managed key aws/dynamodb; set replicas[0].kmsKeyArn`,
			Resource: packtest.Resource(dynamoTable, "orders", packtest.Props{
				"serverSideEncryption": packtest.Props{"enabled": true, "kmsKeyArn": tableKeyARN},
				"replicas":             []any{packtest.Props{"regionName": "us-east-1"}}})},
		{Name: "customer managed key required: replicas with keys", Want: packtest.Pass, Config: requireCMK,
			Resource: packtest.Resource(dynamoTable, "orders", packtest.Props{
				"serverSideEncryption": packtest.Props{"enabled": true, "kmsKeyArn": tableKeyARN},
				"replicas": []any{packtest.Props{"regionName": "us-east-1",
					"kmsKeyArn": "arn:aws:kms:us-east-1:111122223333:key/abcd"}}})},
		{Name: "TableReplica passes without the setting", Want: packtest.Pass,
			Resource: packtest.Resource(dynamoReplica, "orders-us", packtest.Props{"globalTableArn": "arn:t"})},
		{Name: "TableReplica without a key when required", Want: packtest.Violation, Config: requireCMK,
			Message:  "table replica orders-us does not set kmsKeyArn to a customer managed key",
			Resource: packtest.Resource(dynamoReplica, "orders-us", packtest.Props{"globalTableArn": "arn:t"})},
		{Name: "TableReplica with a key when required", Want: packtest.Pass, Config: requireCMK,
			Resource: packtest.Resource(dynamoReplica, "orders-us", packtest.Props{"kmsKeyArn": tableKeyARN})},
		{Name: "unknown serverSideEncryption", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": serverSideEncryption",
			Resource: packtest.Resource(dynamoTable, "orders", packtest.Props{"serverSideEncryption": packtest.Unknown})},
		{Name: "unknown enabled", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": serverSideEncryption.enabled",
			Resource: packtest.Resource(dynamoTable, "orders", sse(packtest.Props{"enabled": packtest.Unknown}))},
		{Name: "unknown table key when required", Want: packtest.NotApplicable, Config: requireCMK,
			Message:  packtest.UnknownDuringPreview + ": serverSideEncryption.kmsKeyArn",
			Resource: packtest.Resource(dynamoTable, "orders", sse(packtest.Props{"enabled": true, "kmsKeyArn": packtest.Unknown}))},
		{Name: "unknown table key is not read when any key passes", Want: packtest.Pass,
			Resource: packtest.Resource(dynamoTable, "orders", sse(packtest.Props{"enabled": true, "kmsKeyArn": packtest.Unknown}))},
		{Name: "unknown replicas when required", Want: packtest.NotApplicable, Config: requireCMK,
			Message: packtest.UnknownDuringPreview + ": replicas",
			Resource: packtest.Resource(dynamoTable, "orders", packtest.Props{
				"serverSideEncryption": packtest.Props{"enabled": true, "kmsKeyArn": tableKeyARN}, "replicas": packtest.Unknown})},
		{Name: "unknown replica key when required", Want: packtest.NotApplicable, Config: requireCMK,
			Message: packtest.UnknownDuringPreview + ": replicas[0].kmsKeyArn",
			Resource: packtest.Resource(dynamoTable, "orders", packtest.Props{
				"serverSideEncryption": packtest.Props{"enabled": true, "kmsKeyArn": tableKeyARN},
				"replicas":             []any{packtest.Props{"regionName": "us-east-1", "kmsKeyArn": packtest.Unknown}}})},
		{Name: "unknown TableReplica key when required", Want: packtest.NotApplicable, Config: requireCMK,
			Message:  packtest.UnknownDuringPreview + ": kmsKeyArn",
			Resource: packtest.Resource(dynamoReplica, "r", packtest.Props{"kmsKeyArn": packtest.Unknown})},
	})
}

func TestDAXClusterEncrypted(t *testing.T) {
	const dax = "aws:dax/cluster:Cluster"
	packtest.Run(t, Policies(), "aws-dax-cluster-encrypted", []packtest.Case{
		{Name: "encrypted", Want: packtest.Pass,
			Resource: packtest.Resource(dax, "cache", packtest.Props{"serverSideEncryption": packtest.Props{"enabled": true}})},
		{Name: "unset defaults to unencrypted", Want: packtest.Violation,
			Message:  "DAX cluster cache does not encrypt its data at rest; set serverSideEncryption: {enabled: true}",
			Resource: packtest.Resource(dax, "cache", packtest.Props{"nodeType": "dax.r4.large", "replicationFactor": 1})},
		{Name: "disabled", Want: packtest.Violation, Message: "does not encrypt its data at rest",
			Resource: packtest.Resource(dax, "cache", packtest.Props{"serverSideEncryption": packtest.Props{"enabled": false}})},
		{Name: "unknown serverSideEncryption", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": serverSideEncryption",
			Resource: packtest.Resource(dax, "cache", packtest.Props{"serverSideEncryption": packtest.Unknown})},
		{Name: "unknown enabled", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview + ": serverSideEncryption.enabled",
			Resource: packtest.Resource(dax, "cache", packtest.Props{"serverSideEncryption": packtest.Props{"enabled": packtest.Unknown}})},
	})
}

func TestDAXClusterTLS(t *testing.T) {
	const dax = "aws:dax/cluster:Cluster"
	packtest.Run(t, Policies(), "aws-dax-cluster-tls", []packtest.Case{
		{Name: "TLS", Want: packtest.Pass,
			Resource: packtest.Resource(dax, "cache", packtest.Props{"clusterEndpointEncryptionType": "TLS"})},
		{Name: "unset defaults to NONE", Want: packtest.Violation,
			Message: `DAX cluster cache does not set clusterEndpointEncryptionType (it defaults to "NONE"): clients ` +
				`connect without TLS; set clusterEndpointEncryptionType: "TLS"`,
			Resource: packtest.Resource(dax, "cache", packtest.Props{})},
		{Name: "NONE", Want: packtest.Violation, Message: `DAX cluster cache sets clusterEndpointEncryptionType "NONE"`,
			Resource: packtest.Resource(dax, "cache", packtest.Props{"clusterEndpointEncryptionType": "NONE"})},
		{Name: "unknown clusterEndpointEncryptionType", Want: packtest.NotApplicable,
			Message:  packtest.UnknownDuringPreview + ": clusterEndpointEncryptionType",
			Resource: packtest.Resource(dax, "cache", packtest.Props{"clusterEndpointEncryptionType": packtest.Unknown})},
	})
}
