package acme

import "github.com/pulumi-securely/pulumi-securely/pack"

const vpcType = "aws:ec2/vpc:Vpc"

func init() { register(oneVPCPerStack) }

var oneVPCPerStack = pack.Policy{
	Name:        "acme-one-vpc-per-stack",
	DisplayName: "A stack declares at most one VPC",
	Description: "Acme's network team hands each stack one VPC; a second one is a mistake or an unreviewed " +
		"network design.",
	Severity:    pack.Low,
	Tags:        []string{"acme", "aws", "network"},
	Remediation: "Put the resources into the stack's VPC, or split the stack.",
	Stack: func(c *pack.Check, s *pack.Stack) {
		vpcs := s.OfType(vpcType)
		for _, extra := range vpcs[min(1, len(vpcs)):] {
			c.Violatef("the stack declares VPC %s besides %s: use one VPC per stack", extra.Name, vpcs[0].Name)
		}
	},
}
