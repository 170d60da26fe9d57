package gcp

import (
	"fmt"
	"slices"
	"time"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
	"github.com/pulumi-securely/pulumi-securely/policies/kubeversion"
)

// GKE versions past the end of standard support. Clusters pin their control plane with
// minMasterVersion and their default pool with nodeVersion; node pools with version (the same in
// pulumi-gcp v8 and v9). Versions read "1.33", "1.33.5" or "1.33.5-gke.1080000"; "latest" and "-"
// follow GKE and pass.

func init() { register(gkeSupportedVersion) }

// gkeStandardSupportEnds is the day GKE standard support ends for each Kubernetes 1.x minor version,
// from the GKE release schedule (estimated dates, as endoflife.date recorded them in February
// 2026). Versions after the last entry count as supported until its successor is added here.
var gkeStandardSupportEnds = kubeversion.Calendar{
	{31, time.Date(2026, time.January, 16, 0, 0, 0, 0, time.UTC)},
	{32, time.Date(2026, time.April, 11, 0, 0, 0, 0, time.UTC)},
	{33, time.Date(2026, time.August, 3, 0, 0, 0, 0, time.UTC)},
	{34, time.Date(2026, time.October, 1, 0, 0, 0, 0, time.UTC)},
	{35, time.Date(2027, time.April, 11, 0, 0, 0, 0, time.UTC)},
}

var gkeSupportedVersion = pack.Policy{
	Name:        "gcp-gke-supported-version",
	DisplayName: "GKE clusters and node pools run a Kubernetes version in standard support",
	Description: "GKE clusters (minMasterVersion, nodeVersion, inline nodePools[].version) and node pools " +
		"(version) that pin a version pin one still in GKE standard support on the day of the check, from the " +
		"GKE release schedule built into the pack (1.33 left standard support on 3 August 2026, 1.34 on 1 " +
		"October 2026, 1.35 leaves it on 11 April 2027), or minimumVersion or later when that is set. Older " +
		"versions get no fixes unless the Extended channel keeps them, and GKE upgrades them by force. Unset " +
		"versions, \"latest\" and \"-\" follow GKE and pass.",
	Severity:  pack.Medium,
	Framework: frameworks.NIST80053Rev5("SI-2"),
	Tags:      []string{"gcp", "gke", "kubernetes", "patching"},
	Remediation: "Enroll the cluster in a release channel and drop the pinned versions, or raise them one minor " +
		"version at a time (control plane first, then node pools) until they reach a version in standard support.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"minimumVersion": pack.String("The oldest Kubernetes minor version allowed, e.g. 1.35. Default: empty, "+
			"the oldest version in GKE standard support on the day of the check, from the pack's calendar.", ""),
	}},
	Settings: func() any { return &kubeversion.Settings{} },
	Types:    []string{gkeClusterType, gkeNodePoolType},
	Resource: checkGKESupportedVersion,
}

func checkGKESupportedVersion(c *pack.Check, r *pack.Resource) {
	minimum, why := pack.SettingsOf[kubeversion.Settings](c).Minimum(), "the configured minimumVersion"
	if minimum == [2]int{} {
		day := now().UTC()
		minimum, why = gkeStandardSupportEnds.OldestSupported(day), "the oldest in GKE standard support on "+day.Format(time.DateOnly)
	}
	judge := func(v pack.Value, subject string) {
		version, ok := kubeversion.Parse(v.Text(""))
		if ok && slices.Compare(version[:], minimum[:]) < 0 {
			c.Violatef("%s runs Kubernetes %v (%s), older than %d.%d, %s: upgrade it one minor version at a time",
				subject, v, v.Path(), minimum[0], minimum[1], why)
		}
	}
	if r.Type == gkeNodePoolType {
		judge(r.Get("version"), "node pool "+r.Name)
		return
	}
	judge(r.Get("minMasterVersion"), "cluster "+r.Name)
	judge(r.Get("nodeVersion"), "cluster "+r.Name+"'s default node pool")
	for i, pool := range known.ValuesFirst(r.Get("nodePools").Items()) {
		judge(pool.Get("version"), fmt.Sprintf("cluster %s: node pool %s", r.Name, gkePoolLabel(pool, i)))
	}
}
