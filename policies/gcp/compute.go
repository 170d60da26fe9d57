package gcp

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
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
	Framework: frameworks.CISGCP("4.2"),
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
	Framework: frameworks.CISGCP("4.8"),
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
	Framework:   frameworks.CISGCP("4.5"),
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
	Framework: frameworks.CISGCP("4.9"),
	Tags:      []string{"gcp", "compute", "network"},
	Remediation: "Remove networkInterfaces[].accessConfigs and ipv6AccessConfigs; use Cloud NAT for outbound " +
		"traffic and a load balancer or Identity-Aware Proxy for inbound.",
	Types:    gcpInstanceTypes,
	Resource: checkGCPInstanceNoPublicIP,
}

var gcpInstanceBlockProjectSSHKeys = pack.Policy{
	Name:        "gcp-compute-instance-block-project-ssh-keys",
	DisplayName: "VMs block project-wide SSH keys",
	Description: "Compute Engine instances and templates set the block-project-ssh-keys metadata key, so that an " +
		"SSH key added to the project's metadata does not open every VM of the project; VMs that turn on OS " +
		"Login themselves, which ignores metadata keys, pass too.",
	Severity:  pack.Medium,
	Framework: frameworks.CISGCP("4.3"),
	Tags:      []string{"gcp", "compute", "identity"},
	Remediation: "Set metadata: { \"block-project-ssh-keys\": \"true\" } on the instance or template (and put the " +
		"keys the VM needs in its own ssh-keys metadata), or metadata: { \"enable-oslogin\": \"TRUE\" }.",
	Types:    gcpInstanceTypes,
	Resource: checkGCPInstanceBlockProjectSSHKeys,
}

// gcpInstanceOSLogin judges the explicit settings only. An instance that leaves enable-oslogin unset
// takes the project's value, which is either declared in the stack (a ProjectMetadata or
// ProjectMetadataItem, judged here on its own) or managed outside it, where the pack cannot see:
// flagging such instances would be a false alarm in every project that enables OS Login for all.
// ProjectMetadata owns all of the project's metadata, so leaving enable-oslogin out of it turns OS
// Login off for the project (Compute Engine's default) and is flagged.
var gcpInstanceOSLogin = pack.Policy{
	Name:        "gcp-compute-instance-os-login",
	DisplayName: "VMs and projects do not turn off OS Login",
	Description: "Project metadata enables OS Login, which ties SSH access to IAM identities and removes it " +
		"with them, and no instance or template turns it off with enable-oslogin: false.",
	Severity:  pack.Medium,
	Framework: frameworks.CISGCP("4.4"),
	Tags:      []string{"gcp", "compute", "identity"},
	Remediation: "Set enable-oslogin: \"TRUE\" in the project's metadata (gcp.compute.ProjectMetadata or a " +
		"ProjectMetadataItem), and remove enable-oslogin: \"FALSE\" from instances and templates; grant SSH access " +
		"with roles/compute.osLogin or roles/compute.osAdminLogin.",
	Types:    slices.Concat(gcpInstanceTypes, gcpProjectMetadataTypes),
	Resource: checkGCPInstanceOSLogin,
}

var gcpInstanceNoIPForwarding = pack.Policy{
	Name:        "gcp-compute-instance-no-ip-forwarding",
	DisplayName: "VMs do not forward IP packets",
	Description: "Compute Engine instances and templates leave canIpForward off, so that a VM only sends and " +
		"receives packets addressed from and to itself and cannot be made to route other traffic.",
	Severity:  pack.Medium,
	Framework: frameworks.CISGCP("4.6"),
	Tags:      []string{"gcp", "compute", "network"},
	Remediation: "Remove canIpForward: true (it defaults to false). Only network appliances (NAT, VPN or firewall " +
		"VMs) need it; the setting can only be chosen when the VM is created.",
	Types:    gcpInstanceTypes,
	Resource: checkGCPInstanceNoIPForwarding,
}

func init() {
	register(gcpInstanceNoDefaultServiceAccountFullAccess, gcpInstanceShieldedVM, gcpInstanceSerialPortDisabled,
		gcpInstanceNoPublicIP, gcpInstanceBlockProjectSSHKeys, gcpInstanceOSLogin, gcpInstanceNoIPForwarding)
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

// gcpMetadataFlag reads a boolean metadata value the way the guest environment does
// (strconv.ParseBool: "TRUE", "true", "1", "FALSE", ...); set is false when the key is unset or holds
// something else.
func gcpMetadataFlag(v pack.Value) (on, set bool) {
	on, err := strconv.ParseBool(strings.TrimSpace(v.Text("")))
	return on, err == nil
}

func checkGCPInstanceBlockProjectSSHKeys(c *pack.Check, r *pack.Resource) {
	const key = "block-project-ssh-keys"
	block := r.Get("metadata", key)
	if on, _ := gcpMetadataFlag(block); on {
		return
	}
	if on, _ := gcpMetadataFlag(r.Get("metadata", "enable-oslogin")); on {
		return // OS Login ignores SSH keys in metadata
	}
	switch {
	case block.Exists():
		c.Violatef("%s %s sets metadata %s to %v: SSH keys in the project's metadata open this VM; set it to "+
			"\"true\"", gcpInstanceKind(r.Type), r.Name, key, block)
	case r.Type != gcpInstanceFromTemplate: // which keeps its template's metadata
		c.Violatef("%s %s does not set metadata %s: any SSH key in the project's metadata opens this VM; set it "+
			"to \"true\", or enable-oslogin to \"TRUE\"", gcpInstanceKind(r.Type), r.Name, key)
	}
}

func checkGCPInstanceOSLogin(c *pack.Check, r *pack.Resource) {
	const key = "enable-oslogin"
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
	on, set := gcpMetadataFlag(value)
	switch {
	case set && !on:
		c.Violatef("%s %s sets metadata %s to %v: SSH access rests on keys in metadata instead of IAM; remove it "+
			"or set it to \"TRUE\"", gcpInstanceKind(r.Type), r.Name, key, value)
	case !on && r.Type == "gcp:compute/projectMetadata:ProjectMetadata":
		c.Violatef("project metadata %s does not set %s to \"TRUE\": it replaces all of the project's metadata, so "+
			"OS Login is off for every VM that does not turn it on itself; add %s: \"TRUE\"", r.Name, key, key)
	}
}

func checkGCPInstanceNoIPForwarding(c *pack.Check, r *pack.Resource) {
	if r.Get("canIpForward").Bool(false) {
		c.Violatef("%s %s has canIpForward true: it can send and receive packets that are not its own and route "+
			"traffic around firewall rules; remove it unless the VM is a network appliance", gcpInstanceKind(r.Type), r.Name)
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
