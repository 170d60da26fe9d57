package kubernetes

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
)

func TestPodRestrictedVolumeTypes(t *testing.T) {
	volumes := func(vs ...any) props { return packtest.With(containers(container("app", nil)), props{"volumes": vs}) }
	packtest.Run(t, Policies(), "kubernetes-pod-restricted-volume-types", []packtest.Case{
		{Name: "nfs", Want: packtest.Violation, Count: 1,
			Message: `Deployment web: volume "data" (spec.template.spec.volumes[0]) is a nfs volume, which the ` +
				"restricted profile forbids",
			Resource: deployment(volumes(props{"name": "data", "nfs": props{"server": "nfs.internal", "path": "/export"}}))},
		{Name: "hostPath", Want: packtest.Violation, Message: "is a hostPath volume",
			Resource: deployment(volumes(props{"name": "logs", "hostPath": props{"path": "/var/log"}}))},
		{Name: "gitRepo", Want: packtest.Violation, Message: "is a gitRepo volume",
			Resource: deployment(volumes(props{"name": "src", "gitRepo": props{"repository": "https://example.com/a.git"}}))},
		{Name: "allowed types", Want: packtest.Pass, Resource: deployment(volumes(
			props{"name": "a"}, // no source: an emptyDir
			props{"name": "b", "emptyDir": props{}},
			props{"name": "c", "configMap": props{"name": "cfg"}},
			props{"name": "d", "secret": props{"secretName": "s"}},
			props{"name": "e", "persistentVolumeClaim": props{"claimName": "data"}},
			props{"name": "f", "projected": props{"sources": []any{}}},
			props{"name": "g", "downwardAPI": props{"items": []any{}}},
			props{"name": "h", "csi": props{"driver": "secrets-store.csi.k8s.io"}},
			props{"name": "i", "ephemeral": props{"volumeClaimTemplate": props{}}},
			props{"name": "j", "image": props{"reference": "registry.example.com/data:1"}},
		))},
		{Name: "patch", Want: packtest.Violation, Message: "DeploymentPatch web",
			Resource: deploymentPatch(volumes(props{"name": "data", "awsElasticBlockStore": props{"volumeID": "vol-1"}}))},
		{Name: "unknown source", Want: packtest.NotApplicable,
			Message:  unknownValue + "spec.template.spec.volumes[0].iscsi",
			Resource: deployment(volumes(props{"name": "data", "iscsi": packtest.Unknown}))},
	})
}

func TestPersistentVolumeNoHostPath(t *testing.T) {
	resource := func(typ string, spec props) plugin.AnalyzerResource {
		return packtest.Resource(typ, "data", props{"metadata": props{"name": "data"}, "spec": spec})
	}
	hostPath := props{"hostPath": props{"path": "/var/lib/data"}, "capacity": props{"storage": "1Gi"}}
	packtest.Run(t, Policies(), "kubernetes-persistent-volume-no-host-path", []packtest.Case{
		{Name: "hostPath", Want: packtest.Violation, Count: 1,
			Message: `PersistentVolume data: spec.hostPath.path is "/var/lib/data", a directory of the node that ` +
				"any pod claiming the volume mounts",
			Resource: resource("kubernetes:core/v1:PersistentVolume", hostPath)},
		{Name: "CSI", Want: packtest.Pass, Resource: resource("kubernetes:core/v1:PersistentVolume",
			props{"csi": props{"driver": "ebs.csi.aws.com", "volumeHandle": "vol-1"}})},
		{Name: "local", Want: packtest.Pass, Resource: resource("kubernetes:core/v1:PersistentVolume",
			props{"local": props{"path": "/mnt/disks/ssd1"}})},
		{Name: "allowed prefix", Want: packtest.Pass, Config: map[string]any{"allowedPathPrefixes": []any{"/var/lib"}},
			Resource: resource("kubernetes:core/v1:PersistentVolume", hostPath)},
		{Name: "another prefix", Want: packtest.Violation, Config: map[string]any{"allowedPathPrefixes": []any{"/var/log"}},
			Resource: resource("kubernetes:core/v1:PersistentVolume", hostPath)},
		{Name: "patch", Want: packtest.Violation, Message: "PersistentVolumePatch data",
			Resource: resource("kubernetes:core/v1:PersistentVolumePatch", hostPath)},
		{Name: "unknown path", Want: packtest.NotApplicable, Message: unknownValue + "spec.hostPath.path",
			Resource: resource("kubernetes:core/v1:PersistentVolume", props{"hostPath": props{"path": packtest.Unknown}})},
	})
}
