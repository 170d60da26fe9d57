package gcp

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

const gcpInstance = "gcp:compute/instance:Instance"

func TestGCPInstanceDefaultServiceAccount(t *testing.T) {
	sa := func(email any, scopes ...any) packtest.Props {
		account := packtest.Props{"scopes": scopes}
		if email != nil {
			account["email"] = email
		}
		return packtest.Props{"machineType": "e2-small", "serviceAccount": account}
	}
	const defaultSA = "123456789012-compute@developer.gserviceaccount.com"
	packtest.Run(t, Policies(), "gcp-compute-instance-no-default-service-account-full-access", []packtest.Case{
		{Name: "default account by omission with cloud-platform", Want: packtest.Violation,
			Message:  `instance vm runs as the Compute Engine default service account with scope "cloud-platform"`,
			Resource: packtest.Resource(gcpInstance, "vm", sa(nil, "cloud-platform"))},
		{Name: "default account by address with the full scope url", Want: packtest.Violation,
			Message:  `("` + defaultSA + `")`,
			Resource: packtest.Resource(gcpInstance, "vm", sa(defaultSA, "https://www.googleapis.com/auth/cloud-platform"))},
		{Name: "default alias", Want: packtest.Violation,
			Resource: packtest.Resource(gcpInstance, "vm", sa("default", "userinfo-email", "cloud-platform"))},
		{Name: "default account with narrow scopes", Want: packtest.Pass,
			Resource: packtest.Resource(gcpInstance, "vm", sa(nil, "logging-write", "monitoring-write"))},
		{Name: "dedicated account with cloud-platform", Want: packtest.Pass,
			Resource: packtest.Resource(gcpInstance, "vm", sa("vm@project.iam.gserviceaccount.com", "cloud-platform"))},
		{Name: "no service account", Want: packtest.Pass, Resource: packtest.Resource(gcpInstance, "vm", packtest.Props{})},
		{Name: "instance template", Want: packtest.Violation, Message: "instance template tpl",
			Resource: packtest.Resource("gcp:compute/instanceTemplate:InstanceTemplate", "tpl", sa(nil, "cloud-platform"))},
		{Name: "region instance template", Want: packtest.Violation,
			Resource: packtest.Resource("gcp:compute/regionInstanceTemplate:RegionInstanceTemplate", "tpl", sa(defaultSA, "cloud-platform"))},
		{Name: "instance from template naming the default account", Want: packtest.Violation,
			Resource: packtest.Resource(gcpInstanceFromTemplate, "vm", sa(defaultSA, "cloud-platform"))},
		{Name: "instance from template without an address keeps the template's", Want: packtest.Pass,
			Resource: packtest.Resource(gcpInstanceFromTemplate, "vm", sa(nil, "cloud-platform"))},
		{Name: "unknown service account", Want: packtest.NotApplicable, Message: "value unknown during preview: serviceAccount",
			Resource: packtest.Resource(gcpInstance, "vm", packtest.Props{"serviceAccount": packtest.Unknown})},
		{Name: "unknown email", Want: packtest.NotApplicable, Message: "serviceAccount.email",
			Resource: packtest.Resource(gcpInstance, "vm", sa(packtest.Unknown, "cloud-platform"))},
		{Name: "unknown scopes", Want: packtest.NotApplicable, Message: "serviceAccount.scopes",
			Resource: packtest.Resource(gcpInstance, "vm", packtest.Props{"serviceAccount": packtest.Props{"scopes": packtest.Unknown}})},
	})
}

func TestGCPInstanceShieldedVM(t *testing.T) {
	shielded := func(cfg packtest.Props) packtest.Props { return packtest.Props{"shieldedInstanceConfig": cfg} }
	packtest.Run(t, Policies(), "gcp-compute-instance-shielded-vm", []packtest.Case{
		{Name: "vtpm off", Want: packtest.Violation, Message: "instance vm has shieldedInstanceConfig.enableVtpm false",
			Resource: packtest.Resource(gcpInstance, "vm", shielded(packtest.Props{"enableVtpm": false}))},
		{Name: "integrity monitoring off", Want: packtest.Violation, Message: "enableIntegrityMonitoring false",
			Resource: packtest.Resource(gcpInstance, "vm", shielded(packtest.Props{"enableIntegrityMonitoring": false}))},
		{Name: "both off", Want: packtest.Violation, Count: 2,
			Resource: packtest.Resource(gcpInstance, "vm", shielded(packtest.Props{"enableVtpm": false, "enableIntegrityMonitoring": false}))},
		{Name: "defaults", Want: packtest.Pass, Resource: packtest.Resource(gcpInstance, "vm", packtest.Props{})},
		{Name: "all on", Want: packtest.Pass,
			Resource: packtest.Resource(gcpInstance, "vm", shielded(packtest.Props{"enableVtpm": true, "enableIntegrityMonitoring": true, "enableSecureBoot": true}))},
		{Name: "template", Want: packtest.Violation,
			Resource: packtest.Resource("gcp:compute/instanceTemplate:InstanceTemplate", "tpl", shielded(packtest.Props{"enableVtpm": false}))},
		{Name: "instance from template", Want: packtest.Violation,
			Resource: packtest.Resource(gcpInstanceFromTemplate, "vm", shielded(packtest.Props{"enableIntegrityMonitoring": false}))},
		{Name: "unknown vtpm", Want: packtest.NotApplicable, Message: "shieldedInstanceConfig.enableVtpm",
			Resource: packtest.Resource(gcpInstance, "vm", shielded(packtest.Props{"enableVtpm": packtest.Unknown}))},
		{Name: "unknown integrity monitoring", Want: packtest.NotApplicable, Message: "shieldedInstanceConfig.enableIntegrityMonitoring",
			Resource: packtest.Resource(gcpInstance, "vm", shielded(packtest.Props{"enableIntegrityMonitoring": packtest.Unknown}))},
	})
}

func TestGCPInstanceSerialPort(t *testing.T) {
	metadata := func(m packtest.Props) packtest.Props { return packtest.Props{"metadata": m} }
	packtest.Run(t, Policies(), "gcp-compute-instance-serial-port-disabled", []packtest.Case{
		{Name: "enabled", Want: packtest.Violation, Message: `instance vm sets metadata serial-port-enable to "TRUE"`,
			Resource: packtest.Resource(gcpInstance, "vm", metadata(packtest.Props{"serial-port-enable": "TRUE"}))},
		{Name: "enabled with 1", Want: packtest.Violation,
			Resource: packtest.Resource(gcpInstance, "vm", metadata(packtest.Props{"serial-port-enable": "1"}))},
		{Name: "disabled", Want: packtest.Pass,
			Resource: packtest.Resource(gcpInstance, "vm", metadata(packtest.Props{"serial-port-enable": "false"}))},
		{Name: "other metadata", Want: packtest.Pass,
			Resource: packtest.Resource(gcpInstance, "vm", metadata(packtest.Props{"enable-oslogin": "TRUE"}))},
		{Name: "no metadata", Want: packtest.Pass, Resource: packtest.Resource(gcpInstance, "vm", packtest.Props{})},
		{Name: "template", Want: packtest.Violation,
			Resource: packtest.Resource("gcp:compute/regionInstanceTemplate:RegionInstanceTemplate", "tpl",
				metadata(packtest.Props{"serial-port-enable": "true"}))},
		{Name: "project metadata", Want: packtest.Violation, Message: "project metadata meta",
			Resource: packtest.Resource("gcp:compute/projectMetadata:ProjectMetadata", "meta",
				metadata(packtest.Props{"serial-port-enable": "true", "ssh-keys": packtest.Secret("user:" + packtest.Canary)}))},
		{Name: "project metadata item", Want: packtest.Violation,
			Resource: packtest.Resource("gcp:compute/projectMetadataItem:ProjectMetadataItem", "serial",
				packtest.Props{"key": "serial-port-enable", "value": "TRUE"})},
		{Name: "another project metadata item", Want: packtest.Pass,
			Resource: packtest.Resource("gcp:compute/projectMetadataItem:ProjectMetadataItem", "login",
				packtest.Props{"key": "enable-oslogin", "value": "TRUE"})},
		{Name: "unknown value", Want: packtest.NotApplicable, Message: "metadata.serial-port-enable",
			Resource: packtest.Resource(gcpInstance, "vm", metadata(packtest.Props{"serial-port-enable": packtest.Unknown}))},
		{Name: "unknown metadata", Want: packtest.NotApplicable, Message: "value unknown during preview: metadata",
			Resource: packtest.Resource(gcpInstance, "vm", packtest.Props{"metadata": packtest.Unknown})},
		{Name: "unknown item key", Want: packtest.NotApplicable, Message: "value unknown during preview: key",
			Resource: packtest.Resource("gcp:compute/projectMetadataItem:ProjectMetadataItem", "item",
				packtest.Props{"key": packtest.Unknown, "value": "TRUE"})},
		{Name: "unknown item value", Want: packtest.NotApplicable, Message: "value unknown during preview: value",
			Resource: packtest.Resource("gcp:compute/projectMetadataItem:ProjectMetadataItem", "item",
				packtest.Props{"key": "serial-port-enable", "value": packtest.Unknown})},
	})
}

func TestGCPInstanceNoPublicIP(t *testing.T) {
	nics := func(nic ...any) packtest.Props { return packtest.Props{"networkInterfaces": nic} }
	packtest.Run(t, Policies(), "gcp-compute-instance-no-public-ip", []packtest.Case{
		{Name: "ephemeral external ip", Want: packtest.Violation,
			Message:  "instance vm gives networkInterfaces[0] an external IP address (accessConfigs)",
			Resource: packtest.Resource(gcpInstance, "vm", nics(packtest.Props{"network": "default", "accessConfigs": []any{packtest.Props{}}}))},
		{Name: "static external ip on the second interface", Want: packtest.Violation, Message: "networkInterfaces[1]",
			Resource: packtest.Resource(gcpInstance, "vm", nics(packtest.Props{"network": "a"},
				packtest.Props{"network": "b", "accessConfigs": []any{packtest.Props{"natIp": "203.0.113.7"}}}))},
		{Name: "external ipv6", Want: packtest.Violation, Message: "(ipv6AccessConfigs)",
			Resource: packtest.Resource(gcpInstance, "vm", nics(packtest.Props{"network": "default",
				"ipv6AccessConfigs": []any{packtest.Props{"networkTier": "PREMIUM"}}}))},
		{Name: "internal only", Want: packtest.Pass,
			Resource: packtest.Resource(gcpInstance, "vm", nics(packtest.Props{"network": "default", "subnetwork": "private"}))},
		{Name: "empty access configs", Want: packtest.Pass,
			Resource: packtest.Resource(gcpInstance, "vm", nics(packtest.Props{"network": "default", "accessConfigs": []any{}}))},
		{Name: "template", Want: packtest.Violation,
			Resource: packtest.Resource("gcp:compute/instanceTemplate:InstanceTemplate", "tpl", nics(packtest.Props{"accessConfigs": []any{packtest.Props{}}}))},
		{Name: "instance from template keeping the template's interfaces", Want: packtest.Pass,
			Resource: packtest.Resource(gcpInstanceFromTemplate, "vm", packtest.Props{"sourceInstanceTemplate": "tpl"})},
		{Name: "unknown interfaces", Want: packtest.NotApplicable, Message: "value unknown during preview: networkInterfaces",
			Resource: packtest.Resource(gcpInstance, "vm", packtest.Props{"networkInterfaces": packtest.Unknown})},
		{Name: "unknown access configs", Want: packtest.NotApplicable, Message: "networkInterfaces[0].accessConfigs",
			Resource: packtest.Resource(gcpInstance, "vm", nics(packtest.Props{"accessConfigs": packtest.Unknown}))},
		{Name: "unknown ipv6 access configs", Want: packtest.NotApplicable, Message: "networkInterfaces[0].ipv6AccessConfigs",
			Resource: packtest.Resource(gcpInstance, "vm", nics(packtest.Props{"ipv6AccessConfigs": packtest.Unknown}))},
	})
}

func TestGCPInstanceBlockProjectSSHKeys(t *testing.T) {
	metadata := func(m packtest.Props) packtest.Props { return packtest.Props{"metadata": m} }
	packtest.Run(t, Policies(), "gcp-compute-instance-block-project-ssh-keys", []packtest.Case{
		{Name: "unset", Want: packtest.Violation, Message: "instance vm does not set metadata block-project-ssh-keys",
			Resource: packtest.Resource(gcpInstance, "vm", packtest.Props{})},
		{Name: "false", Want: packtest.Violation, Message: `instance vm sets metadata block-project-ssh-keys to "false"`,
			Resource: packtest.Resource(gcpInstance, "vm", metadata(packtest.Props{"block-project-ssh-keys": "false"}))},
		{Name: "blocked", Want: packtest.Pass,
			Resource: packtest.Resource(gcpInstance, "vm", metadata(packtest.Props{"block-project-ssh-keys": "TRUE"}))},
		{Name: "os login on the instance", Want: packtest.Pass,
			Resource: packtest.Resource(gcpInstance, "vm", metadata(packtest.Props{"enable-oslogin": "true"}))},
		{Name: "os login off does not help", Want: packtest.Violation,
			Resource: packtest.Resource(gcpInstance, "vm", metadata(packtest.Props{"enable-oslogin": "FALSE"}))},
		{Name: "template", Want: packtest.Violation, Message: "instance template tpl does not set",
			Resource: packtest.Resource("gcp:compute/instanceTemplate:InstanceTemplate", "tpl", metadata(packtest.Props{"foo": "bar"}))},
		{Name: "region template blocking", Want: packtest.Pass,
			Resource: packtest.Resource("gcp:compute/regionInstanceTemplate:RegionInstanceTemplate", "tpl",
				metadata(packtest.Props{"block-project-ssh-keys": "true"}))},
		{Name: "instance from template keeping the template's metadata", Want: packtest.Pass,
			Resource: packtest.Resource(gcpInstanceFromTemplate, "vm", packtest.Props{"sourceInstanceTemplate": "tpl"})},
		{Name: "instance from template unblocking", Want: packtest.Violation,
			Resource: packtest.Resource(gcpInstanceFromTemplate, "vm", metadata(packtest.Props{"block-project-ssh-keys": "FALSE"}))},
		{Name: "unknown value", Want: packtest.NotApplicable, Message: "metadata.block-project-ssh-keys",
			Resource: packtest.Resource(gcpInstance, "vm", metadata(packtest.Props{"block-project-ssh-keys": packtest.Unknown}))},
		{Name: "unknown os login", Want: packtest.NotApplicable, Message: "metadata.enable-oslogin",
			Resource: packtest.Resource(gcpInstance, "vm", metadata(packtest.Props{"enable-oslogin": packtest.Unknown}))},
		{Name: "unknown metadata", Want: packtest.NotApplicable, Message: "value unknown during preview: metadata",
			Resource: packtest.Resource(gcpInstance, "vm", packtest.Props{"metadata": packtest.Unknown})},
	})
}

func TestGCPInstanceOSLogin(t *testing.T) {
	metadata := func(m packtest.Props) packtest.Props { return packtest.Props{"metadata": m} }
	const projectMetadata, projectMetadataItem = "gcp:compute/projectMetadata:ProjectMetadata",
		"gcp:compute/projectMetadataItem:ProjectMetadataItem"
	packtest.Run(t, Policies(), "gcp-compute-instance-os-login", []packtest.Case{
		{Name: "instance turning it off", Want: packtest.Violation, Message: `instance vm sets metadata enable-oslogin to "FALSE"`,
			Resource: packtest.Resource(gcpInstance, "vm", metadata(packtest.Props{"enable-oslogin": "FALSE"}))},
		{Name: "template turning it off", Want: packtest.Violation, Message: "instance template tpl sets metadata enable-oslogin",
			Resource: packtest.Resource("gcp:compute/instanceTemplate:InstanceTemplate", "tpl", metadata(packtest.Props{"enable-oslogin": "false"}))},
		{Name: "instance turning it on", Want: packtest.Pass,
			Resource: packtest.Resource(gcpInstance, "vm", metadata(packtest.Props{"enable-oslogin": "TRUE"}))},
		{Name: "instance leaving it to the project", Want: packtest.Pass,
			Resource: packtest.Resource(gcpInstance, "vm", packtest.Props{})},
		{Name: "project metadata enabling it", Want: packtest.Pass,
			Resource: packtest.Resource(projectMetadata, "meta", metadata(packtest.Props{"enable-oslogin": "TRUE"}))},
		{Name: "project metadata without it", Want: packtest.Violation,
			Message:  `project metadata meta does not set enable-oslogin to "TRUE"`,
			Resource: packtest.Resource(projectMetadata, "meta", metadata(packtest.Props{"ssh-keys": packtest.Secret("user:" + packtest.Canary)}))},
		{Name: "project metadata turning it off", Want: packtest.Violation, Count: 1,
			Message:  `project metadata meta sets metadata enable-oslogin to "false"`,
			Resource: packtest.Resource(projectMetadata, "meta", metadata(packtest.Props{"enable-oslogin": "false"}))},
		{Name: "project metadata item turning it off", Want: packtest.Violation, Message: "project metadata login sets",
			Resource: packtest.Resource(projectMetadataItem, "login", packtest.Props{"key": "enable-oslogin", "value": "FALSE"})},
		{Name: "project metadata item turning it on", Want: packtest.Pass,
			Resource: packtest.Resource(projectMetadataItem, "login", packtest.Props{"key": "enable-oslogin", "value": "TRUE"})},
		{Name: "another project metadata item", Want: packtest.Pass,
			Resource: packtest.Resource(projectMetadataItem, "serial", packtest.Props{"key": "serial-port-enable", "value": "FALSE"})},
		{Name: "unknown instance value", Want: packtest.NotApplicable, Message: "metadata.enable-oslogin",
			Resource: packtest.Resource(gcpInstance, "vm", metadata(packtest.Props{"enable-oslogin": packtest.Unknown}))},
		{Name: "unknown project metadata", Want: packtest.NotApplicable, Message: "value unknown during preview: metadata",
			Resource: packtest.Resource(projectMetadata, "meta", packtest.Props{"metadata": packtest.Unknown})},
		{Name: "unknown item key", Want: packtest.NotApplicable, Message: "value unknown during preview: key",
			Resource: packtest.Resource(projectMetadataItem, "item", packtest.Props{"key": packtest.Unknown, "value": "FALSE"})},
		{Name: "unknown item value", Want: packtest.NotApplicable, Message: "value unknown during preview: value",
			Resource: packtest.Resource(projectMetadataItem, "item", packtest.Props{"key": "enable-oslogin", "value": packtest.Unknown})},
	})
}

func TestGCPInstanceNoIPForwarding(t *testing.T) {
	packtest.Run(t, Policies(), "gcp-compute-instance-no-ip-forwarding", []packtest.Case{
		{Name: "forwarding", Want: packtest.Violation, Message: "instance vm has canIpForward true",
			Resource: packtest.Resource(gcpInstance, "vm", packtest.Props{"canIpForward": true})},
		{Name: "template forwarding", Want: packtest.Violation, Message: "instance template tpl has canIpForward true",
			Resource: packtest.Resource("gcp:compute/regionInstanceTemplate:RegionInstanceTemplate", "tpl", packtest.Props{"canIpForward": true})},
		{Name: "instance from template forwarding", Want: packtest.Violation,
			Resource: packtest.Resource(gcpInstanceFromTemplate, "vm", packtest.Props{"canIpForward": true})},
		{Name: "off", Want: packtest.Pass, Resource: packtest.Resource(gcpInstance, "vm", packtest.Props{"canIpForward": false})},
		{Name: "unset defaults to off", Want: packtest.Pass, Resource: packtest.Resource(gcpInstance, "vm", packtest.Props{})},
		{Name: "unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: canIpForward",
			Resource: packtest.Resource(gcpInstance, "vm", packtest.Props{"canIpForward": packtest.Unknown})},
	})
}
