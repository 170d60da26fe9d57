package kubernetes

import (
	"slices"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// Rules on the storage a pod reaches: the kinds of volume its spec may declare inline, and
// PersistentVolumes that hand a directory of a node to whichever pod claims them.

func init() {
	register(podRestrictedVolumeTypes, persistentVolumeNoHostPath)
}

// restrictedVolumeSources are the volume sources the Pod Security Standards' restricted profile
// allows in a pod spec: none reaches the node or a storage system with credentials of the node.
var restrictedVolumeSources = []string{
	"configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret",
}

var podRestrictedVolumeTypes = pack.Policy{
	Name:        "kubernetes-pod-restricted-volume-types",
	DisplayName: "Pods declare only the volume types of the restricted profile",
	Description: "Every volume of a pod spec is a configMap, csi, downwardAPI, emptyDir, ephemeral, image, " +
		"persistentVolumeClaim, projected or secret volume (one that declares no source is an emptyDir). The " +
		"other inline sources (hostPath, nfs, iscsi, rbd, cephfs, gitRepo, the cloud disks...) mount the node's " +
		"files or storage reached with the node's own credentials, outside the cluster's access control.",
	Severity:  pack.Medium,
	Framework: frameworks.PodSecurityStandard("Restricted", "Volume Types"),
	Tags:      []string{"kubernetes", "pod-security", "isolation", "pss:restricted"},
	Remediation: "Mount storage through a persistentVolumeClaim (its PersistentVolume, created by an administrator or " +
		"a StorageClass, holds the nfs, iscsi or cloud disk source) or a CSI driver; use an init container instead " +
		"of gitRepo.",
	Types:    kubernetesWorkloadAndPatchTypes,
	Resource: podRule(checkPodRestrictedVolumeTypes),
}

func checkPodRestrictedVolumeTypes(c *pack.Check, pod podSpec) {
	for _, vol := range pod.volumes() {
		for source, v := range vol.Entries() {
			if source == "name" || slices.Contains(restrictedVolumeSources, source) || !v.Exists() {
				continue
			}
			c.ViolateAt(vol.Path(), "%s: volume %v (%s) is a %s volume, which the restricted profile forbids: use a "+
				"persistentVolumeClaim or a CSI volume", pod.what, vol.Get("name"), vol.Path(), source)
		}
	}
}

// persistentVolumeTypes are the PersistentVolume tokens of the pulumi-kubernetes v4 SDK and its patch.
var persistentVolumeTypes = withPatchTypes("kubernetes:core/v1:PersistentVolume")

var persistentVolumeNoHostPath = pack.Policy{
	Name:        "kubernetes-persistent-volume-no-host-path",
	DisplayName: "PersistentVolumes are no hostPath volumes",
	Description: "No PersistentVolume has a hostPath source, except under the allowed path prefixes: any pod whose " +
		"claim binds it mounts that directory of the node, and Pod Security admission, which checks only the " +
		"volumes a pod declares inline, does not see it.",
	Severity:  pack.High,
	Framework: frameworks.CISKubernetes("5.1.9"),
	Tags:      []string{"kubernetes", "storage", "isolation", "cis:5.2.12"},
	Remediation: "Use a StorageClass with a CSI driver, or a local PersistentVolume (spec.local with nodeAffinity) " +
		"for node-local disks. A test cluster's hostPath volumes can be allowed with this policy's " +
		"allowedPathPrefixes setting.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"allowedPathPrefixes": pack.StringList("Host paths PersistentVolumes may have, as prefixes matched directory " +
			"by directory (\"/var/log\" allows /var/log and /var/log/pods, not /var/logs; \"/\", which would allow " +
			"everything, is refused). Default: none."),
	}},
	Settings: func() any { return &hostPathSettings{} },
	Types:    persistentVolumeTypes,
	Resource: checkPersistentVolumeHostPath,
}

func checkPersistentVolumeHostPath(c *pack.Check, r *pack.Resource) {
	hostPath := r.Get("spec", "hostPath")
	if !hostPath.Exists() {
		return
	}
	p := hostPath.Get("path")
	if pack.SettingsOf[hostPathSettings](c).allows(p.Text("")) {
		return
	}
	c.Violatef("%s: %s is %v, a directory of the node that any pod claiming the volume mounts: use a CSI or "+
		"local volume, or allow the path in allowedPathPrefixes", kubernetesObject(r), p.Path(), p)
}
