package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func TestDMSReplicationInstanceNotPublic(t *testing.T) {
	instance := func(props packtest.Props) packtest.Props {
		return packtest.With(packtest.Props{"replicationInstanceId": "migrate", "replicationInstanceClass": "dms.t3.medium"},
			props)
	}
	packtest.Run(t, Policies(), "aws-dms-replication-instance-not-public", []packtest.Case{
		{Name: "publicly accessible", Want: packtest.Violation,
			Message: "DMS replication instance migrate has publiclyAccessible true",
			Resource: packtest.Resource(dmsReplicationInstanceType, "migrate",
				instance(packtest.Props{"publiclyAccessible": true}))},
		{Name: "unset defaults to public", Want: packtest.Violation,
			Message:  "DMS replication instance migrate does not set publiclyAccessible, so DMS gives it a public IP",
			Resource: packtest.Resource(dmsReplicationInstanceType, "migrate", instance(nil))},
		{Name: "private", Want: packtest.Pass,
			Resource: packtest.Resource(dmsReplicationInstanceType, "migrate",
				instance(packtest.Props{"publiclyAccessible": false}))},
		{Name: "private, given as a string", Want: packtest.Pass,
			Resource: packtest.Resource(dmsReplicationInstanceType, "migrate",
				instance(packtest.Props{"publiclyAccessible": "false"}))},
		{Name: "unknown", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(dmsReplicationInstanceType, "migrate",
				instance(packtest.Props{"publiclyAccessible": packtest.Unknown}))},
	})
}
