package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestMQBrokerNotPublic(t *testing.T) {
	packtest.Run(t, Policies(), "aws-mq-broker-not-public", []packtest.Case{
		{Name: "public", Want: packtest.Violation, Message: "Amazon MQ broker mq has publiclyAccessible true",
			Resource: packtest.Resource(mqBrokerType, "mq", packtest.Props{"publiclyAccessible": true})},
		{Name: "private", Want: packtest.Pass,
			Resource: packtest.Resource(mqBrokerType, "mq", packtest.Props{"publiclyAccessible": false})},
		{Name: "unset is private", Want: packtest.Pass, Resource: packtest.Resource(mqBrokerType, "mq", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: publiclyAccessible",
			Resource: packtest.Resource(mqBrokerType, "mq", packtest.Props{"publiclyAccessible": packtest.Unknown})},
	})
}

func TestMQBrokerLogging(t *testing.T) {
	broker := func(engine string, logs any) packtest.Props {
		p := packtest.Props{"engineType": engine}
		if logs != nil {
			p["logs"] = logs
		}
		return p
	}
	packtest.Run(t, Policies(), "aws-mq-broker-logging", []packtest.Case{
		{Name: "ActiveMQ without logs", Want: packtest.Violation,
			Message:  "does not publish logs.audit (who changed queues, topics and users) or logs.general",
			Resource: packtest.Resource(mqBrokerType, "mq", broker("ActiveMQ", nil))},
		{Name: "ActiveMQ without audit", Want: packtest.Violation, Message: "does not publish logs.audit",
			Resource: packtest.Resource(mqBrokerType, "mq", broker("ActiveMQ", map[string]any{"general": true}))},
		{Name: "ActiveMQ with both", Want: packtest.Pass,
			Resource: packtest.Resource(mqBrokerType, "mq", broker("ACTIVEMQ", map[string]any{"general": true, "audit": true}))},
		{Name: "RabbitMQ without general log", Want: packtest.Violation, Message: "does not publish logs.general",
			Resource: packtest.Resource(mqBrokerType, "mq", broker("RabbitMQ", map[string]any{"general": false}))},
		{Name: "RabbitMQ needs no audit log", Want: packtest.Pass,
			Resource: packtest.Resource(mqBrokerType, "mq", broker("RabbitMQ", map[string]any{"general": true}))},
		{Name: "unknown audit", Want: packtest.NotApplicable, Message: "logs.audit",
			Resource: packtest.Resource(mqBrokerType, "mq", broker("ActiveMQ", map[string]any{"general": true, "audit": packtest.Unknown}))},
		{Name: "unknown general", Want: packtest.NotApplicable, Message: "logs.general",
			Resource: packtest.Resource(mqBrokerType, "mq", broker("RabbitMQ", map[string]any{"general": packtest.Unknown}))},
		{Name: "unknown engine", Want: packtest.NotApplicable, Message: "value unknown during preview: engineType",
			Resource: packtest.Resource(mqBrokerType, "mq", packtest.Props{"engineType": packtest.Unknown})},
	})
}

func TestMQBrokerKMSKey(t *testing.T) {
	packtest.Run(t, Policies(), "aws-mq-broker-kms-key", []packtest.Case{
		{Name: "AWS owned key by default", Want: packtest.Violation, Message: "Amazon MQ broker mq encrypts with an AWS owned key",
			Resource: packtest.Resource(mqBrokerType, "mq", packtest.Props{"engineType": "ActiveMQ"})},
		{Name: "AWS owned key explicitly", Want: packtest.Violation,
			Resource: packtest.Resource(mqBrokerType, "mq", packtest.Props{"engineType": "ActiveMQ",
				"encryptionOptions": map[string]any{"useAwsOwnedKey": true}})},
		{Name: "customer managed key", Want: packtest.Pass,
			Resource: packtest.Resource(mqBrokerType, "mq", packtest.Props{"engineType": "ActiveMQ",
				"encryptionOptions": map[string]any{"useAwsOwnedKey": false, "kmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/k"}})},
		{Name: "RabbitMQ", Want: packtest.NotApplicable, Message: "only ActiveMQ brokers",
			Resource: packtest.Resource(mqBrokerType, "mq", packtest.Props{"engineType": "RabbitMQ"})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "encryptionOptions.useAwsOwnedKey",
			Resource: packtest.Resource(mqBrokerType, "mq", packtest.Props{"engineType": "ActiveMQ",
				"encryptionOptions": map[string]any{"useAwsOwnedKey": packtest.Unknown}})},
	})
}
