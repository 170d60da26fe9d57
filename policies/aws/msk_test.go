package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

// mskTransit is an MSK cluster's encryptionInfo with the given encryptionInTransit block.
func mskTransit(transit packtest.Props) packtest.Props {
	return packtest.Props{"encryptionInfo": packtest.Props{"encryptionInTransit": transit}}
}

func TestMSKInClusterEncryption(t *testing.T) {
	cluster := packtest.ResourceCase(mskClusterType, "events")
	packtest.Run(t, Policies(), "aws-msk-in-cluster-encryption", []packtest.Case{
		packtest.Named(cluster(mskTransit(packtest.Props{"inCluster": false})), "plaintext among brokers",
			packtest.Violation, "MSK cluster events sets encryptionInfo.encryptionInTransit.inCluster to false: its "+
				"brokers replicate data to each other in plaintext; set inCluster: true"),
		packtest.Named(cluster(mskTransit(packtest.Props{"inCluster": true})), "TLS among brokers", packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"kafkaVersion": "3.6.0"}), "unset defaults to TLS", packtest.Pass, ""),
		packtest.Named(cluster(mskTransit(packtest.Props{"clientBroker": "PLAINTEXT"})), "client setting is another rule's",
			packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"encryptionInfo": []any{packtest.Props{"encryptionInTransit": []any{
			packtest.Props{"inCluster": false}}}}}), "blocks as one-element lists", packtest.Violation,
			"inCluster to false"),
		packtest.Named(cluster(mskTransit(packtest.Props{"inCluster": packtest.Unknown})), "unknown inCluster",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"encryptionInfo": packtest.Unknown}), "unknown encryptionInfo",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		{Name: "serverless clusters always use TLS", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource("aws:msk/serverlessCluster:ServerlessCluster", "serverless", packtest.Props{})},
	})
}

func TestMSKClientTLS(t *testing.T) {
	cluster := packtest.ResourceCase(mskClusterType, "events")
	packtest.Run(t, Policies(), "aws-msk-client-tls", []packtest.Case{
		packtest.Named(cluster(mskTransit(packtest.Props{"clientBroker": "TLS_PLAINTEXT"})), "TLS and plaintext",
			packtest.Violation, "MSK cluster events sets encryptionInfo.encryptionInTransit.clientBroker "+
				"\"TLS_PLAINTEXT\": clients may connect in plaintext; set clientBroker: \"TLS\""),
		packtest.Named(cluster(mskTransit(packtest.Props{"clientBroker": "PLAINTEXT"})), "plaintext only",
			packtest.Violation, "clientBroker \"PLAINTEXT\""),
		packtest.Named(cluster(mskTransit(packtest.Props{"clientBroker": "TLS"})), "TLS only", packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"kafkaVersion": "3.6.0"}), "unset defaults to TLS", packtest.Pass, ""),
		packtest.Named(cluster(mskTransit(packtest.Props{"inCluster": true})), "block without clientBroker",
			packtest.Pass, ""),
		packtest.Named(cluster(mskTransit(packtest.Props{"clientBroker": packtest.Unknown})), "unknown clientBroker",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
	})
}

func TestMSKPublicAccessDisabled(t *testing.T) {
	cluster := packtest.ResourceCase(mskClusterType, "events")
	public := func(access any) packtest.Props {
		return packtest.Props{"brokerNodeGroupInfo": packtest.Props{
			"instanceType":     "kafka.m5.large",
			"connectivityInfo": packtest.Props{"publicAccess": packtest.Props{"type": access}},
		}}
	}
	packtest.Run(t, Policies(), "aws-msk-public-access-disabled", []packtest.Case{
		packtest.Named(cluster(public("SERVICE_PROVIDED_EIPS")), "public brokers", packtest.Violation,
			"MSK cluster events sets brokerNodeGroupInfo.connectivityInfo.publicAccess.type \"SERVICE_PROVIDED_EIPS\": "+
				"its brokers get public IP addresses, reachable from the internet wherever their security groups "+
				"allow; set it to \"DISABLED\""),
		packtest.Named(cluster(public("DISABLED")), "public access disabled", packtest.Pass, ""),
		packtest.Named(cluster(packtest.Props{"brokerNodeGroupInfo": packtest.Props{"instanceType": "kafka.m5.large"}}),
			"unset defaults to private", packtest.Pass, ""),
		packtest.Named(cluster(public(packtest.Unknown)), "unknown type", packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(cluster(packtest.Props{"brokerNodeGroupInfo": packtest.Unknown}), "unknown brokerNodeGroupInfo",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
	})
}
