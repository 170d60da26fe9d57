package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

const (
	tokInstance = "aws:ec2/instance:Instance"
	tokSpot     = "aws:ec2/spotInstanceRequest:SpotInstanceRequest"
	tokLT       = "aws:ec2/launchTemplate:LaunchTemplate"
	tokLC       = "aws:ec2/launchConfiguration:LaunchConfiguration"
)

var ec2FromTemplate = packtest.Props{"id": "lt-123", "version": "$Latest"}

func TestEC2IMDSv2Required(t *testing.T) {
	meta := func(tokens any) packtest.Props {
		return packtest.Props{"metadataOptions": packtest.Props{"httpTokens": tokens}}
	}
	packtest.Run(t, Policies(), "aws-ec2-imdsv2-required", []packtest.Case{
		{Name: "required", Want: packtest.Pass, Resource: packtest.Resource(tokInstance, "web", meta("required"))},
		{Name: "optional", Want: packtest.Violation, Message: `httpTokens to "optional"`,
			Resource: packtest.Resource(tokInstance, "web", meta("optional"))},
		{Name: "unset", Want: packtest.Violation, Message: `does not set metadataOptions.httpTokens, so it is "optional"`,
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"ami": "ami-1"})},
		{Name: "metadata endpoint off", Want: packtest.Pass,
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"metadataOptions": packtest.Props{
				"httpEndpoint": "disabled", "httpTokens": "optional"}})},
		{Name: "v6 one-element list shape", Want: packtest.Pass,
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"metadataOptions": []any{
				packtest.Props{"httpTokens": "required"}}})},
		{Name: "instance from a launch template", Want: packtest.NotApplicable, Message: "launch template",
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"launchTemplate": ec2FromTemplate})},
		{Name: "instance overriding its launch template", Want: packtest.Violation,
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"launchTemplate": ec2FromTemplate,
				"metadataOptions": packtest.Props{"httpTokens": "optional"}})},
		{Name: "spot instance request", Want: packtest.Violation, Message: `spot instance request "spot"`,
			Resource: packtest.Resource(tokSpot, "spot", packtest.Props{})},
		{Name: "launch template unset", Want: packtest.Violation, Message: `launch template "lt"`,
			Resource: packtest.Resource(tokLT, "lt", packtest.Props{})},
		{Name: "launch template required", Want: packtest.Pass, Resource: packtest.Resource(tokLT, "lt", meta("required"))},
		{Name: "launch configuration optional", Want: packtest.Violation, Message: `launch configuration "lc"`,
			Resource: packtest.Resource(tokLC, "lc", meta("optional"))},
		{Name: "launch configuration required", Want: packtest.Pass, Resource: packtest.Resource(tokLC, "lc", meta("required"))},
		{Name: "unknown httpTokens", Want: packtest.NotApplicable, Message: "value unknown during preview: metadataOptions.httpTokens",
			Resource: packtest.Resource(tokInstance, "web", meta(packtest.Unknown))},
		{Name: "unknown metadataOptions", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokLT, "lt", packtest.Props{"metadataOptions": packtest.Unknown})},
		{Name: "unknown httpEndpoint", Want: packtest.NotApplicable, Message: "value unknown during preview: metadataOptions.httpEndpoint",
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"metadataOptions": packtest.Props{
				"httpEndpoint": packtest.Unknown}})},
		{Name: "unknown launchTemplate", Want: packtest.NotApplicable, Message: "value unknown during preview: launchTemplate",
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"launchTemplate": packtest.Unknown})},
	})
}

func TestEC2NoPublicIP(t *testing.T) {
	nics := func(values ...any) packtest.Props {
		var list []any
		for _, v := range values {
			list = append(list, packtest.Props{"associatePublicIpAddress": v, "deviceIndex": 0})
		}
		return packtest.Props{"networkInterfaces": list}
	}
	packtest.Run(t, Policies(), "aws-ec2-no-public-ip", []packtest.Case{
		{Name: "instance with public IP", Want: packtest.Violation, Message: "associatePublicIpAddress: true",
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"associatePublicIpAddress": true})},
		{Name: "instance unset (the subnet decides)", Want: packtest.Pass,
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"ami": "ami-1"})},
		{Name: "instance false", Want: packtest.Pass,
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"associatePublicIpAddress": false})},
		{Name: "spot instance request", Want: packtest.Violation,
			Resource: packtest.Resource(tokSpot, "spot", packtest.Props{"associatePublicIpAddress": true})},
		{Name: "launch configuration", Want: packtest.Violation, Message: `launch configuration "lc"`,
			Resource: packtest.Resource(tokLC, "lc", packtest.Props{"associatePublicIpAddress": true})},
		{Name: "launch template, string typed true (v6 and v7)", Want: packtest.Violation,
			Message: "networkInterfaces[0].associatePublicIpAddress", Resource: packtest.Resource(tokLT, "lt", nics("true"))},
		{Name: "launch template, boolean true", Want: packtest.Violation, Resource: packtest.Resource(tokLT, "lt", nics(true))},
		{Name: "launch template, string false", Want: packtest.Pass, Resource: packtest.Resource(tokLT, "lt", nics("false"))},
		{Name: "launch template, empty string is unset", Want: packtest.Pass, Resource: packtest.Resource(tokLT, "lt", nics(""))},
		{Name: "launch template without interfaces", Want: packtest.Pass, Resource: packtest.Resource(tokLT, "lt", packtest.Props{})},
		{Name: "second interface public", Want: packtest.Violation, Message: "networkInterfaces[1]",
			Resource: packtest.Resource(tokLT, "lt", nics("false", "true"))},
		{Name: "unknown interface does not hide a public one", Want: packtest.Violation, Message: "networkInterfaces[1]",
			Resource: packtest.Resource(tokLT, "lt", nics(packtest.Unknown, "true"))},
		{Name: "unknown launch template value", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokLT, "lt", nics(packtest.Unknown))},
		{Name: "unknown instance value", Want: packtest.NotApplicable, Message: "value unknown during preview: associatePublicIpAddress",
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"associatePublicIpAddress": packtest.Unknown})},
		{Name: "unknown interfaces list", Want: packtest.NotApplicable, Message: "value unknown during preview: networkInterfaces",
			Resource: packtest.Resource(tokLT, "lt", packtest.Props{"networkInterfaces": packtest.Unknown})},
	})
}

func TestEC2BlockDevicesEncrypted(t *testing.T) {
	root := func(encrypted any) packtest.Props {
		return packtest.Props{"rootBlockDevice": packtest.Props{"encrypted": encrypted, "volumeSize": 20}}
	}
	mapping := func(ebs packtest.Props) packtest.Props {
		return packtest.Props{"blockDeviceMappings": []any{packtest.Props{"deviceName": "/dev/xvda", "ebs": ebs}}}
	}
	packtest.Run(t, Policies(), "aws-ec2-block-devices-encrypted", []packtest.Case{
		{Name: "encrypted root", Want: packtest.Pass, Resource: packtest.Resource(tokInstance, "web", root(true))},
		{Name: "unencrypted root", Want: packtest.Violation, Message: "rootBlockDevice.encrypted: true",
			Resource: packtest.Resource(tokInstance, "web", root(false))},
		{Name: "root block device without encrypted", Want: packtest.Violation,
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"rootBlockDevice": packtest.Props{"volumeSize": 20}})},
		{Name: "no root block device", Want: packtest.Violation, Message: "does not set rootBlockDevice.encrypted, so it is false",
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"ami": "ami-1"})},
		{Name: "root block device without encrypted", Want: packtest.Violation,
			Message:  "does not set rootBlockDevice.encrypted, so it is false",
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"rootBlockDevice": packtest.Props{"volumeSize": 8}})},
		{Name: "root from a launch template", Want: packtest.Pass,
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"launchTemplate": ec2FromTemplate})},
		{Name: "unencrypted EBS device", Want: packtest.Violation, Message: "ebsBlockDevices[0]",
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"rootBlockDevice": packtest.Props{"encrypted": true},
				"ebsBlockDevices": []any{packtest.Props{"deviceName": "/dev/sdf", "volumeSize": 100}}})},
		{Name: "EBS device from a snapshot follows the snapshot", Want: packtest.Pass,
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"rootBlockDevice": packtest.Props{"encrypted": true},
				"ebsBlockDevices": []any{packtest.Props{"deviceName": "/dev/sdf", "snapshotId": "snap-1"}}})},
		{Name: "encrypted EBS device", Want: packtest.Pass,
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"rootBlockDevice": packtest.Props{"encrypted": true},
				"ebsBlockDevices": []any{packtest.Props{"deviceName": "/dev/sdf", "encrypted": true}}})},
		{Name: "spot instance request", Want: packtest.Violation, Message: `spot instance request "spot"`,
			Resource: packtest.Resource(tokSpot, "spot", root(false))},
		{Name: "launch configuration root", Want: packtest.Violation, Message: `launch configuration "lc"`,
			Resource: packtest.Resource(tokLC, "lc", root(false))},
		{Name: "launch configuration no-device entry", Want: packtest.Pass,
			Resource: packtest.Resource(tokLC, "lc", packtest.Props{"rootBlockDevice": packtest.Props{"encrypted": true},
				"ebsBlockDevices": []any{packtest.Props{"deviceName": "/dev/sdf", "noDevice": true}}})},
		{Name: "launch template string true", Want: packtest.Pass,
			Resource: packtest.Resource(tokLT, "lt", mapping(packtest.Props{"encrypted": "true", "volumeSize": 20}))},
		{Name: "launch template string false", Want: packtest.Violation, Message: "blockDeviceMappings[0].ebs.encrypted",
			Resource: packtest.Resource(tokLT, "lt", mapping(packtest.Props{"encrypted": "false"}))},
		{Name: "launch template unset", Want: packtest.Violation,
			Resource: packtest.Resource(tokLT, "lt", mapping(packtest.Props{"volumeSize": 20}))},
		{Name: "launch template mapping from snapshot", Want: packtest.Pass,
			Resource: packtest.Resource(tokLT, "lt", mapping(packtest.Props{"snapshotId": "snap-1"}))},
		{Name: "launch template instance-store mapping", Want: packtest.Pass,
			Resource: packtest.Resource(tokLT, "lt", packtest.Props{"blockDeviceMappings": []any{
				packtest.Props{"deviceName": "/dev/sdb", "virtualName": "ephemeral0"}}})},
		{Name: "launch template without mappings keeps the AMI's", Want: packtest.Pass,
			Resource: packtest.Resource(tokLT, "lt", packtest.Props{})},
		{Name: "unknown root encrypted", Want: packtest.NotApplicable, Message: "value unknown during preview: rootBlockDevice.encrypted",
			Resource: packtest.Resource(tokInstance, "web", root(packtest.Unknown))},
		{Name: "unknown rootBlockDevice", Want: packtest.NotApplicable, Message: "value unknown during preview: rootBlockDevice",
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"rootBlockDevice": packtest.Unknown})},
		{Name: "unknown EBS encrypted", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"rootBlockDevice": packtest.Props{"encrypted": true},
				"ebsBlockDevices": []any{packtest.Props{"deviceName": "/dev/sdf", "encrypted": packtest.Unknown}}})},
		{Name: "unknown snapshotId", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokLT, "lt", mapping(packtest.Props{"snapshotId": packtest.Unknown}))},
		{Name: "unknown launch template mappings", Want: packtest.NotApplicable, Message: "value unknown during preview: blockDeviceMappings",
			Resource: packtest.Resource(tokLT, "lt", packtest.Props{"blockDeviceMappings": packtest.Unknown})},
		{Name: "unknown noDevice", Want: packtest.NotApplicable, Message: "value unknown during preview",
			Resource: packtest.Resource(tokLC, "lc", packtest.Props{"rootBlockDevice": packtest.Props{"encrypted": true},
				"ebsBlockDevices": []any{packtest.Props{"deviceName": "/dev/sdf", "noDevice": packtest.Unknown}}})},
		{Name: "unknown ebs block", Want: packtest.NotApplicable, Message: "value unknown during preview: blockDeviceMappings[0].ebs",
			Resource: packtest.Resource(tokLT, "lt", packtest.Props{"blockDeviceMappings": []any{
				packtest.Props{"deviceName": "/dev/xvda", "ebs": packtest.Unknown}}})},
		{Name: "unknown ebsBlockDevices", Want: packtest.NotApplicable, Message: "value unknown during preview: ebsBlockDevices",
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"rootBlockDevice": packtest.Props{"encrypted": true},
				"ebsBlockDevices": packtest.Unknown})},
		{Name: "unknown launchTemplate", Want: packtest.NotApplicable, Message: "value unknown during preview: launchTemplate",
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"launchTemplate": packtest.Unknown})},
		{Name: "unknown device does not hide an unencrypted root", Want: packtest.Violation, Message: "rootBlockDevice",
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"rootBlockDevice": packtest.Props{"encrypted": false},
				"ebsBlockDevices": []any{packtest.Props{"deviceName": "/dev/sdf", "encrypted": packtest.Unknown}}})},
	})
}

func TestEC2DetailedMonitoring(t *testing.T) {
	packtest.Run(t, Policies(), "aws-ec2-detailed-monitoring", []packtest.Case{
		{Name: "instance monitored", Want: packtest.Pass,
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"monitoring": true})},
		{Name: "instance unset defaults to off", Want: packtest.Violation, Message: "set monitoring to true",
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{})},
		{Name: "instance from a launch template", Want: packtest.NotApplicable, Message: "launch template",
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"launchTemplate": ec2FromTemplate})},
		{Name: "spot instance request off", Want: packtest.Violation,
			Resource: packtest.Resource(tokSpot, "spot", packtest.Props{"monitoring": false})},
		{Name: "launch template on", Want: packtest.Pass,
			Resource: packtest.Resource(tokLT, "lt", packtest.Props{"monitoring": packtest.Props{"enabled": true}})},
		{Name: "launch template unset", Want: packtest.Violation, Message: "monitoring.enabled",
			Resource: packtest.Resource(tokLT, "lt", packtest.Props{})},
		{Name: "launch configuration unset defaults to on", Want: packtest.Pass,
			Resource: packtest.Resource(tokLC, "lc", packtest.Props{"imageId": "ami-1"})},
		{Name: "launch configuration off", Want: packtest.Violation, Message: "enableMonitoring",
			Resource: packtest.Resource(tokLC, "lc", packtest.Props{"enableMonitoring": false})},
		{Name: "unknown monitoring", Want: packtest.NotApplicable, Message: "value unknown during preview: monitoring",
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"monitoring": packtest.Unknown})},
		{Name: "unknown enabled", Want: packtest.NotApplicable, Message: "value unknown during preview: monitoring.enabled",
			Resource: packtest.Resource(tokLT, "lt", packtest.Props{"monitoring": packtest.Props{"enabled": packtest.Unknown}})},
		{Name: "unknown enableMonitoring", Want: packtest.NotApplicable, Message: "value unknown during preview: enableMonitoring",
			Resource: packtest.Resource(tokLC, "lc", packtest.Props{"enableMonitoring": packtest.Unknown})},
		{Name: "unknown launchTemplate", Want: packtest.NotApplicable, Message: "value unknown during preview: launchTemplate",
			Resource: packtest.Resource(tokInstance, "web", packtest.Props{"launchTemplate": packtest.Unknown})},
	})
}
