package aws

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// Type tokens of what launches EC2 instances (pulumi-aws v6 and v7 spell them alike; v7 dropped
// no property these rules read).
const (
	ec2InstanceType       = "aws:ec2/instance:Instance"
	ec2SpotRequestType    = "aws:ec2/spotInstanceRequest:SpotInstanceRequest"
	ec2LaunchTemplateType = "aws:ec2/launchTemplate:LaunchTemplate"
	ec2LaunchConfigType   = "aws:ec2/launchConfiguration:LaunchConfiguration"
)

// ec2LaunchTypes are the resources that describe how instances launch.
var ec2LaunchTypes = []string{ec2InstanceType, ec2SpotRequestType, ec2LaunchTemplateType, ec2LaunchConfigType}

// ec2Kind names a launching resource in messages.
func ec2Kind(r *pack.Resource) string {
	switch r.Type {
	case ec2SpotRequestType:
		return "spot instance request"
	case ec2LaunchTemplateType:
		return "launch template"
	case ec2LaunchConfigType:
		return "launch configuration"
	}
	return "instance"
}

// isEC2Instance reports whether the resource launches an instance itself (and so may take its
// settings from a launch template).
func isEC2Instance(r *pack.Resource) bool {
	return r.Type == ec2InstanceType || r.Type == ec2SpotRequestType
}

// ec2FromLaunchTemplate reports whether an instance leaves a setting unset that its launch template
// then provides: the template is judged on its own, so the instance is not.
func ec2FromLaunchTemplate(r *pack.Resource, setting pack.Value) bool {
	return isEC2Instance(r) && !setting.Exists() && r.Get("launchTemplate").Exists()
}

func init() {
	register(
		pack.Policy{
			Name:        "aws-ec2-imdsv2-required",
			DisplayName: "EC2 instances require IMDSv2",
			Description: "Instances, spot instance requests, launch templates and launch configurations set " +
				"metadataOptions.httpTokens to \"required\" (or turn the metadata endpoint off), so that the " +
				"instance metadata service, and the role credentials it hands out, answer only session-token " +
				"(IMDSv2) requests, which SSRF and open proxies cannot forge. When httpTokens is unset, IMDSv1 " +
				"stays on unless the AMI or the account's metadata defaults require IMDSv2. Launch templates: " +
				"FSBP EC2.170.",
			Severity:    pack.High,
			Framework:   frameworks.FSBP("EC2.8"),
			Tags:        []string{"aws", "ec2", "identity", "cis:5.6"},
			Remediation: "Set metadataOptions: { httpTokens: \"required\" } (and httpEndpoint \"enabled\" if the instance uses metadata).",
			Types:       ec2LaunchTypes,
			Resource:    checkIMDSv2,
		},
		pack.Policy{
			Name:        "aws-ec2-no-public-ip",
			DisplayName: "EC2 instances do not get public IP addresses",
			Description: "Instances, spot instance requests and launch configurations do not set " +
				"associatePublicIpAddress, and launch templates do not set it on their network interfaces, so " +
				"instances are not directly reachable from the internet. When unset, the subnet decides (see " +
				"aws-subnet-no-public-ip-on-launch). Launch templates: FSBP EC2.25; launch configurations: " +
				"FSBP AutoScaling.5.",
			Severity:  pack.High,
			Framework: frameworks.FSBP("EC2.9"),
			Tags:      []string{"aws", "ec2", "network"},
			Remediation: "Remove associatePublicIpAddress (or set it to false) and reach the instance through a load " +
				"balancer, a NAT gateway for outbound traffic, and Session Manager for administration.",
			Types:    ec2LaunchTypes,
			Resource: checkEC2PublicIP,
		},
		pack.Policy{
			Name:        "aws-ec2-block-devices-encrypted",
			DisplayName: "EC2 block devices are encrypted",
			Description: "The root and EBS block devices of instances, spot instance requests, launch configurations " +
				"and launch template block device mappings are encrypted. An instance without rootBlockDevice " +
				"gets an unencrypted root volume unless the AMI's snapshot is encrypted or the account encrypts " +
				"EBS by default; devices restored from a snapshot without an encrypted setting take the " +
				"snapshot's encryption and are not judged.",
			Severity:  pack.High,
			Framework: frameworks.FSBP("EC2.3"),
			Tags:      []string{"aws", "ec2", "ebs", "encryption"},
			Remediation: "Set encrypted: true on rootBlockDevice and on each ebsBlockDevices entry (launch templates: " +
				"blockDeviceMappings[].ebs.encrypted \"true\"), with kmsKeyId for a customer managed key. Existing " +
				"volumes are replaced when this changes.",
			Types:    ec2LaunchTypes,
			Resource: checkEC2BlockDevicesEncrypted,
		},
		pack.Policy{
			Name:        "aws-ec2-detailed-monitoring",
			DisplayName: "EC2 instances have detailed monitoring",
			Description: "Instances, spot instance requests, launch templates and launch configurations turn on " +
				"detailed (one-minute) CloudWatch monitoring, so that anomalies show in time to act on.",
			Severity:    pack.Low,
			Framework:   frameworks.WellArchitected("REL06-BP01"),
			Tags:        []string{"aws", "ec2", "monitoring"},
			Remediation: "Set monitoring: true (launch templates: monitoring: { enabled: true }; launch configurations: enableMonitoring: true, their default).",
			Types:       ec2LaunchTypes,
			Resource:    checkEC2DetailedMonitoring,
		},
	)
}

func checkIMDSv2(c *pack.Check, r *pack.Resource) {
	tokens := r.Get("metadataOptions", "httpTokens")
	if netTextIs(tokens, "", "required") || netTextIs(r.Get("metadataOptions", "httpEndpoint"), "", "disabled") {
		return
	}
	if ec2FromLaunchTemplate(r, tokens) {
		c.Skip("the instance takes its metadata options from its launch template, which this policy judges on its own")
		return
	}
	if !tokens.Exists() {
		c.Violatef("%s %q does not set metadataOptions.httpTokens, so it is \"optional\" (IMDSv1 requests get the "+
			"instance's credentials) unless the AMI or the account default requires IMDSv2: set "+
			"metadataOptions.httpTokens to \"required\"", ec2Kind(r), r.Name)
		return
	}
	c.Violatef("%s %q sets metadataOptions.httpTokens to %v, so IMDSv1 requests get the instance's credentials: "+
		"set it to \"required\"", ec2Kind(r), r.Name, tokens)
}

func checkEC2PublicIP(c *pack.Check, r *pack.Resource) {
	if r.Type != ec2LaunchTemplateType {
		if r.Get("associatePublicIpAddress").Bool(false) {
			c.Violatef("%s %q sets associatePublicIpAddress: true, so the instance is directly reachable from the "+
				"internet: remove it or set it to false", ec2Kind(r), r.Name)
		}
		return
	}
	for _, nic := range known.ValuesFirst(r.Get("networkInterfaces").Items()) {
		if nic.Get("associatePublicIpAddress").Bool(false) {
			c.Violatef("launch template %q sets %s.associatePublicIpAddress to true, so every instance it launches "+
				"is directly reachable from the internet: remove it or set it to \"false\"", r.Name, nic.Path())
		}
	}
}

func checkEC2BlockDevicesEncrypted(c *pack.Check, r *pack.Resource) {
	if r.Type == ec2LaunchTemplateType {
		for _, m := range known.ValuesFirst(r.Get("blockDeviceMappings").Items()) {
			if ebs := m.Get("ebs"); ebs.Exists() {
				checkEBSDeviceEncrypted(c, r, ebs)
			}
		}
		return
	}
	root := r.Get("rootBlockDevice")
	switch {
	case ec2FromLaunchTemplate(r, root):
		// the launch template describes the root volume and is judged on its own
	case !root.Exists():
		c.Violatef("%s %q does not set rootBlockDevice.encrypted, so it is false (the root volume is unencrypted) "+
			"unless the AMI or the account default encrypts it: set rootBlockDevice.encrypted: true", ec2Kind(r), r.Name)
	case !root.Get("encrypted").Exists():
		c.Violatef("%s %q does not set rootBlockDevice.encrypted, so it is false (the root volume is unencrypted) "+
			"unless the AMI or the account default encrypts it: set rootBlockDevice.encrypted: true", ec2Kind(r), r.Name)
	case !root.Get("encrypted").Bool(false):
		c.Violatef("%s %q sets rootBlockDevice.encrypted to %v, so its root volume is unencrypted: set "+
			"rootBlockDevice.encrypted: true",
			ec2Kind(r), r.Name, root.Get("encrypted"))
	}
	for _, dev := range known.ValuesFirst(r.Get("ebsBlockDevices").Items()) {
		if r.Type == ec2LaunchConfigType && dev.Get("noDevice").Bool(false) {
			continue
		}
		checkEBSDeviceEncrypted(c, r, dev)
	}
}

// checkEBSDeviceEncrypted judges one EBS device: an ebsBlockDevices entry, or a launch template
// mapping's ebs block. A device restored from a snapshot without an encrypted setting follows the
// snapshot, which the program does not show.
func checkEBSDeviceEncrypted(c *pack.Check, r *pack.Resource, dev pack.Value) {
	encrypted := dev.Get("encrypted")
	if encrypted.Bool(false) || !encrypted.Exists() && !netBlank(dev.Get("snapshotId")) {
		return
	}
	is := "does not set %s, so it is false"
	if encrypted.Exists() {
		is = "sets %s to " + encrypted.String()
	}
	c.Violatef("%s %q "+is+": its EBS volume %s is unencrypted; set it to true", ec2Kind(r), r.Name, encrypted.Path(),
		dev.Path())
}

func checkEC2DetailedMonitoring(c *pack.Check, r *pack.Resource) {
	var setting pack.Value
	def := false
	switch r.Type {
	case ec2LaunchTemplateType:
		setting = r.Get("monitoring", "enabled")
	case ec2LaunchConfigType:
		setting, def = r.Get("enableMonitoring"), true
	default:
		setting = r.Get("monitoring")
	}
	if setting.Bool(def) {
		return
	}
	if ec2FromLaunchTemplate(r, setting) {
		c.Skip("the instance takes its monitoring setting from its launch template, which this policy judges on its own")
		return
	}
	c.Violatef("%s %q does not turn on detailed monitoring: set %s to true", ec2Kind(r), r.Name, setting.Path())
}
