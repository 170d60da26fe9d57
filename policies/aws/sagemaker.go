package aws

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// Amazon SageMaker AI notebook instance rules. pulumi-aws v6 and v7 share the token and the inputs
// the rules read (v7 removes acceleratorTypes, which no rule reads).

const (
	sageMakerNotebookInstanceType = "aws:sagemaker/notebookInstance:NotebookInstance"
	// sageMakerEndpointConfigType is the same in v6 and v7, with kmsKeyArn in both.
	sageMakerEndpointConfigType = "aws:sagemaker/endpointConfiguration:EndpointConfiguration"
)

func init() {
	register(sageMakerNotebookNoDirectInternet, sageMakerNotebookInVPC, sageMakerNotebookRootAccess,
		sageMakerEndpointConfigKMSKey)
}

var sageMakerNotebookNoDirectInternet = pack.Policy{
	Name:        "aws-sagemaker-notebook-no-direct-internet",
	DisplayName: "SageMaker notebook instances have no direct internet access",
	Description: "SageMaker notebook instances turn direct internet access off (directInternetAccess " +
		"\"Disabled\"; it is \"Enabled\" by default), so that they reach the internet, if at all, only " +
		"through their VPC, where security groups, NAT gateways, VPC endpoints and flow logs govern it.",
	Severity:  pack.High,
	Framework: frameworks.FSBP("SageMaker.1"),
	Tags:      []string{"aws", "sagemaker", "network"},
	Remediation: "Set directInternetAccess: \"Disabled\" with subnetId and securityGroups, and give the subnet the " +
		"routes the notebook needs (VPC endpoints for SageMaker, S3 and other AWS services, a NAT gateway for " +
		"package repositories). It cannot be changed on an existing notebook instance: the instance is replaced.",
	Types:    []string{sageMakerNotebookInstanceType},
	Resource: checkSageMakerNotebookNoDirectInternet,
}

func checkSageMakerNotebookNoDirectInternet(c *pack.Check, r *pack.Resource) {
	if what := textSettingShortfall(r, "directInternetAccess", "Disabled", "Enabled"); what != "" {
		c.Violatef("SageMaker notebook instance %s %s: it reaches the internet directly, around its VPC's controls; "+
			"set directInternetAccess: \"Disabled\"", r.Name, what)
	}
}

var sageMakerNotebookInVPC = pack.Policy{
	Name:        "aws-sagemaker-notebook-in-vpc",
	DisplayName: "SageMaker notebook instances run in a VPC of the account",
	Description: "SageMaker notebook instances are launched in a subnet of the account's own VPC (subnetId), " +
		"not only in the SageMaker service VPC, so that security groups and the VPC's routing apply to them. " +
		"Without a subnet a notebook instance always has direct internet access, which " +
		"aws-sagemaker-notebook-no-direct-internet flags.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("SageMaker.2"),
	Tags:      []string{"aws", "sagemaker", "network", "vpc"},
	Remediation: "Set subnetId to a private subnet and securityGroups to groups that allow only the traffic the " +
		"notebook needs. It cannot be changed on an existing notebook instance: the instance is replaced.",
	Types:    []string{sageMakerNotebookInstanceType},
	Resource: checkSageMakerNotebookInVPC,
}

func checkSageMakerNotebookInVPC(c *pack.Check, r *pack.Resource) {
	if !textIsSet(r.Get("subnetId")) {
		c.Violatef("SageMaker notebook instance %s sets no subnetId: it runs only in the SageMaker service VPC, "+
			"outside the account's security groups and routing; set subnetId and securityGroups", r.Name)
	}
}

var sageMakerNotebookRootAccess = pack.Policy{
	Name:        "aws-sagemaker-notebook-root-access-disabled",
	DisplayName: "SageMaker notebook instances give users no root access",
	Description: "SageMaker notebook instances turn root access off for their users (rootAccess \"Disabled\"; it " +
		"is \"Enabled\" by default), so that notebook users cannot change the instance's software and " +
		"configuration; lifecycle configurations still run as root.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("SageMaker.3"),
	Tags:      []string{"aws", "sagemaker", "identity", "least-privilege"},
	Remediation: "Set rootAccess: \"Disabled\", and install what the notebook needs in a lifecycle configuration " +
		"(lifecycleConfigName). Changing it stops and restarts the instance.",
	Types:    []string{sageMakerNotebookInstanceType},
	Resource: checkSageMakerNotebookRootAccess,
}

func checkSageMakerNotebookRootAccess(c *pack.Check, r *pack.Resource) {
	if what := textSettingShortfall(r, "rootAccess", "Disabled", "Enabled"); what != "" {
		c.Violatef("SageMaker notebook instance %s %s: its users can act as root on the instance; set rootAccess: "+
			"\"Disabled\"", r.Name, what)
	}
}

var sageMakerEndpointConfigKMSKey = pack.Policy{
	Name:        "aws-sagemaker-endpoint-config-kms-key",
	DisplayName: "SageMaker endpoint configurations encrypt with a KMS key of the account",
	Description: "SageMaker AI endpoint configurations name the KMS key (kmsKeyArn) that encrypts the storage " +
		"volumes of the instances hosting the endpoint, so that the key's policy and CloudTrail govern access " +
		"to the model and the data it handles on disk.",
	Severity:  pack.Medium,
	Framework: frameworks.WellArchitected("SEC08-BP01"),
	Tags:      []string{"aws", "sagemaker", "encryption", "kms"},
	Remediation: "Set kmsKeyArn to a customer managed key that the endpoint's execution role may use. Instance " +
		"types with only local NVMe storage encrypt it in hardware and take no key: record an exception for them.",
	Types:    []string{sageMakerEndpointConfigType},
	Resource: checkSageMakerEndpointConfigKMSKey,
}

func checkSageMakerEndpointConfigKMSKey(c *pack.Check, r *pack.Resource) {
	if !textIsSet(r.Get("kmsKeyArn")) {
		c.Violatef("SageMaker endpoint configuration %s does not set kmsKeyArn: set it to a KMS key of the account",
			r.Name)
	}
}
