package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestSageMakerNotebookNoDirectInternet(t *testing.T) {
	notebook := packtest.ResourceCase(sageMakerNotebookInstanceType, "lab")
	packtest.Run(t, Policies(), "aws-sagemaker-notebook-no-direct-internet", []packtest.Case{
		packtest.Named(notebook(packtest.Props{"instanceType": "ml.t3.medium"}), "unset defaults to Enabled",
			packtest.Violation, "SageMaker notebook instance lab does not set directInternetAccess (it defaults to "+
				"\"Enabled\"): it reaches the internet directly, around its VPC's controls; set directInternetAccess: "+
				"\"Disabled\""),
		packtest.Named(notebook(packtest.Props{"directInternetAccess": "Enabled", "subnetId": "subnet-1"}), "Enabled in a VPC",
			packtest.Violation, "SageMaker notebook instance lab sets directInternetAccess \"Enabled\""),
		packtest.Named(notebook(packtest.Props{"directInternetAccess": "Disabled", "subnetId": "subnet-1",
			"securityGroups": []any{"sg-1"}}), "Disabled", packtest.Pass, ""),
		packtest.Named(notebook(packtest.Props{"directInternetAccess": "disabled", "subnetId": "subnet-1"}), "any case",
			packtest.Pass, ""),
		packtest.Named(notebook(packtest.Props{"directInternetAccess": packtest.Unknown}), "unknown",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
	})
}

func TestSageMakerNotebookInVPC(t *testing.T) {
	notebook := packtest.ResourceCase(sageMakerNotebookInstanceType, "lab")
	packtest.Run(t, Policies(), "aws-sagemaker-notebook-in-vpc", []packtest.Case{
		packtest.Named(notebook(packtest.Props{"instanceType": "ml.t3.medium"}), "no subnet", packtest.Violation,
			"SageMaker notebook instance lab sets no subnetId: it runs only in the SageMaker service VPC, outside "+
				"the account's security groups and routing; set subnetId and securityGroups"),
		packtest.Named(notebook(packtest.Props{"subnetId": ""}), "empty subnet", packtest.Violation, "sets no subnetId"),
		packtest.Named(notebook(packtest.Props{"subnetId": "subnet-0123456789abcdef0", "securityGroups": []any{"sg-1"}}),
			"in a subnet", packtest.Pass, ""),
		packtest.Named(notebook(packtest.Props{"subnetId": packtest.Unknown}), "subnet created in the same update",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
	})
}

func TestSageMakerNotebookRootAccess(t *testing.T) {
	notebook := packtest.ResourceCase(sageMakerNotebookInstanceType, "lab")
	packtest.Run(t, Policies(), "aws-sagemaker-notebook-root-access-disabled", []packtest.Case{
		packtest.Named(notebook(packtest.Props{"instanceType": "ml.t3.medium"}), "unset defaults to Enabled",
			packtest.Violation, "SageMaker notebook instance lab does not set rootAccess (it defaults to \"Enabled\"): "+
				"its users can act as root on the instance; set rootAccess: \"Disabled\""),
		packtest.Named(notebook(packtest.Props{"rootAccess": "Enabled"}), "Enabled", packtest.Violation,
			"SageMaker notebook instance lab sets rootAccess \"Enabled\""),
		packtest.Named(notebook(packtest.Props{"rootAccess": "Disabled"}), "Disabled", packtest.Pass, ""),
		packtest.Named(notebook(packtest.Props{"rootAccess": packtest.Unknown}), "unknown", packtest.NotApplicable,
			packtest.UnknownDuringPreview),
	})
}

func TestSageMakerEndpointConfigKMSKey(t *testing.T) {
	variants := []any{map[string]any{"variantName": "v1", "modelName": "m", "instanceType": "ml.m5.large"}}
	packtest.Run(t, Policies(), "aws-sagemaker-endpoint-config-kms-key", []packtest.Case{
		{Name: "no key", Want: packtest.Violation, Message: "SageMaker endpoint configuration ec does not set kmsKeyArn",
			Resource: packtest.Resource(sageMakerEndpointConfigType, "ec", packtest.Props{"productionVariants": variants})},
		{Name: "key", Want: packtest.Pass, Resource: packtest.Resource(sageMakerEndpointConfigType, "ec",
			packtest.Props{"productionVariants": variants, "kmsKeyArn": "arn:aws:kms:us-east-1:123456789012:key/k"})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: kmsKeyArn",
			Resource: packtest.Resource(sageMakerEndpointConfigType, "ec", packtest.Props{"kmsKeyArn": packtest.Unknown})},
	})
}
