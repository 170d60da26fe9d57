package acme

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestOneVPCPerStack(t *testing.T) {
	vpc := func(name string) packtest.Props { return packtest.Props{"cidrBlock": "10.0.0.0/16", "name": name} }
	packtest.Run(t, Policies(), "acme-one-vpc-per-stack", []packtest.Case{
		{Name: "two VPCs", Want: packtest.Violation, Message: "the stack declares VPC spare besides main",
			Stack: packtest.Stack(packtest.Resource(vpcType, "main", vpc("main")),
				packtest.Resource(vpcType, "spare", vpc("spare")))},
		{Name: "one VPC", Want: packtest.Pass, Stack: packtest.Stack(packtest.Resource(vpcType, "main", vpc("main")))},
		{Name: "no VPC", Want: packtest.Pass, Stack: packtest.Stack(packtest.Resource(widgetType, "w", nil))},
	})
}
