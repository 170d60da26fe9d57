package policies

import (
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

const gcpInstanceFromTemplate = "gcp:compute/instanceFromTemplate:InstanceFromTemplate"

// gcpInstanceTypes are the resources that describe Compute Engine VMs, with the same property
// names. An InstanceFromTemplate inherits every property it leaves unset from its template.
var gcpInstanceTypes = []string{"gcp:compute/instance:Instance", "gcp:compute/instanceTemplate:InstanceTemplate",
	"gcp:compute/regionInstanceTemplate:RegionInstanceTemplate", gcpInstanceFromTemplate}

var gcpProjectMetadataTypes = []string{"gcp:compute/projectMetadata:ProjectMetadata",
	"gcp:compute/projectMetadataItem:ProjectMetadataItem"}

var gcpInstanceNoDefaultServiceAccountFullAccess = pack.Policy{
	Name:        "gcp-compute-instance-no-default-service-account-full-access",
	DisplayName: "VMs do not run as the default service account with full API access",
	Description: "Compute Engine instances and templates do not combine the Compute Engine default service " +
		"account, which holds the Editor role on the project, with the cloud-platform scope.",
	Severity:  pack.High,
	Framework: cisGCP("4.2"),
	Tags:      []string{"gcp", "compute", "identity"},
	Remediation: "Set serviceAccount.email to a dedicated service account with only the roles the VM needs (and " +
		"keep the cloud-platform scope), or narrow serviceAccount.scopes.",
	Types:    gcpInstanceTypes,
	Resource: checkGCPInstanceDefaultServiceAccount,
}

var gcpInstanceShieldedVM = pack.Policy{
	Name:        "gcp-compute-instance-shielded-vm",
	DisplayName: "VMs keep Shielded VM vTPM and integrity monitoring on",
	Description: "Compute Engine instances and templates do not turn off the virtual TPM or integrity " +
		"monitoring of Shielded VM, which verify that boot components are untampered.",
	Severity:  pack.Medium,
	Framework: cisGCP("4.8"),
	Tags:      []string{"gcp", "compute", "integrity"},
	Remediation: "Remove shieldedInstanceConfig.enableVtpm: false and shieldedInstanceConfig." +
		"enableIntegrityMonitoring: false (both default to true), and consider enableSecureBoot: true.",
	Types:    gcpInstanceTypes,
	Resource: checkGCPInstanceShieldedVM,
}

var gcpInstanceSerialPortDisabled = pack.Policy{
	Name:        "gcp-compute-instance-serial-port-disabled",
	DisplayName: "VMs do not enable interactive serial port access",
	Description: "Compute Engine instances, templates and project metadata do not set serial-port-enable, " +
		"which lets anyone with the right IAM role and SSH key reach the serial console from any address.",
	Severity:    pack.Medium,
	Framework:   cisGCP("4.5"),
	Tags:        []string{"gcp", "compute", "network"},
	Remediation: "Remove the serial-port-enable metadata key, or set it to \"false\".",
	Types:       slices.Concat(gcpInstanceTypes, gcpProjectMetadataTypes),
	Resource:    checkGCPInstanceSerialPort,
}

var gcpInstanceNoPublicIP = pack.Policy{
	Name:        "gcp-compute-instance-no-public-ip",
	DisplayName: "VMs have no external IP address",
	Description: "Compute Engine instances and templates give their network interfaces no external IPv4 or " +
		"IPv6 address; they reach the internet through Cloud NAT and are reached through load balancers or IAP.",
	Severity:  pack.Medium,
	Framework: cisGCP("4.9"),
	Tags:      []string{"gcp", "compute", "network"},
	Remediation: "Remove networkInterfaces[].accessConfigs and ipv6AccessConfigs; use Cloud NAT for outbound " +
		"traffic and a load balancer or Identity-Aware Proxy for inbound.",
	Types:    gcpInstanceTypes,
	Resource: checkGCPInstanceNoPublicIP,
}

func init() {
	register(gcpInstanceNoDefaultServiceAccountFullAccess, gcpInstanceShieldedVM, gcpInstanceSerialPortDisabled,
		gcpInstanceNoPublicIP)
}

// gcpDefaultComputeServiceAccount matches the Compute Engine default service account.
var gcpDefaultComputeServiceAccount = regexp.MustCompile(`^[0-9]+-compute@developer\.gserviceaccount\.com$`)

// gcpFullAccessScopes are the spellings of the scope that grants every Cloud API.
var gcpFullAccessScopes = []string{"cloud-platform", "https://www.googleapis.com/auth/cloud-platform"}

func checkGCPInstanceDefaultServiceAccount(c *pack.Check, r *pack.Resource) {
	sa := r.Get("serviceAccount")
	if !sa.Exists() {
		return // no service account (an InstanceFromTemplate keeps its template's)
	}
	email := sa.Get("email")
	address := strings.TrimSpace(email.Text(""))
	switch {
	case address == "" && r.Type == gcpInstanceFromTemplate:
		return // the template's service account, out of sight
	case address == "", address == "default", gcpDefaultComputeServiceAccount.MatchString(address):
	default:
		return
	}
	for _, scope := range sa.Get("scopes").Items() {
		if slices.Contains(gcpFullAccessScopes, strings.TrimSpace(scope.Text(""))) {
			who := "the Compute Engine default service account"
			if address != "" {
				who += " (" + email.String() + ")"
			}
			c.Violatef("%s %s runs as %s with scope %v: any code on the VM can act as an Editor of the project; "+
				"set serviceAccount.email to a dedicated service account with only the roles it needs",
				gcpInstanceKind(r.Type), r.Name, who, scope)
			return
		}
	}
}

func checkGCPInstanceShieldedVM(c *pack.Check, r *pack.Resource) {
	cfg := r.Get("shieldedInstanceConfig")
	for _, name := range []string{"enableVtpm", "enableIntegrityMonitoring"} {
		if !cfg.Get(name).Bool(true) { // both default to true
			c.Violatef("%s %s has shieldedInstanceConfig.%s false: tampering with its boot components goes "+
				"unnoticed; remove it or set it to true", gcpInstanceKind(r.Type), r.Name, name)
		}
	}
}

func checkGCPInstanceSerialPort(c *pack.Check, r *pack.Resource) {
	const key = "serial-port-enable"
	var value pack.Value
	switch r.Type {
	case "gcp:compute/projectMetadataItem:ProjectMetadataItem":
		if strings.TrimSpace(r.Get("key").Text("")) != key {
			return
		}
		value = r.Get("value")
	default:
		value = r.Get("metadata", key)
	}
	if enabled := strings.ToLower(strings.TrimSpace(value.Text(""))); enabled == "true" || enabled == "1" {
		c.Violatef("%s %s sets metadata %s to %v: the serial console accepts interactive connections from any "+
			"address; remove the key or set it to \"false\"", gcpInstanceKind(r.Type), r.Name, key, value)
	}
}

func checkGCPInstanceNoPublicIP(c *pack.Check, r *pack.Resource) {
	for i, nic := range r.Get("networkInterfaces").Items() {
		for _, name := range []string{"accessConfigs", "ipv6AccessConfigs"} {
			if len(nic.Get(name).Items()) > 0 {
				c.Violatef("%s %s gives networkInterfaces[%d] an external IP address (%s): remove it and use "+
					"Cloud NAT, a load balancer or Identity-Aware Proxy", gcpInstanceKind(r.Type), r.Name, i, name)
			}
		}
	}
}

// gcpInstanceKind names a VM resource in messages.
func gcpInstanceKind(typ string) string {
	switch typ {
	case "gcp:compute/instanceTemplate:InstanceTemplate", "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate":
		return "instance template"
	case "gcp:compute/projectMetadata:ProjectMetadata", "gcp:compute/projectMetadataItem:ProjectMetadataItem":
		return "project metadata"
	}
	return "instance"
}
