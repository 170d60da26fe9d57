package policies

import (
	"fmt"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// Type tokens of Amazon Redshift provisioned clusters and their audit logging (the same in
// pulumi-aws v6 and v7). pulumi-aws v7 removed the cluster's inline logging block, and flipped
// two defaults: encrypted (now true, typed as a "true"/"false" string) and publiclyAccessible
// (now false).
const (
	redshiftClusterType = "aws:redshift/cluster:Cluster"
	redshiftLoggingType = "aws:redshift/logging:Logging"
)

// redshiftDefaultsFlipVersion is the pulumi-aws major version whose Redshift clusters are
// encrypted and private unless told otherwise.
const redshiftDefaultsFlipVersion = 7

func init() {
	register(
		pack.Policy{
			Name:        "aws-redshift-encrypted",
			DisplayName: "Redshift clusters are encrypted",
			Description: "Redshift provisioned clusters encrypt their data and snapshots at rest. When encrypted is " +
				"unset the provider's default applies: false up to pulumi-aws v6, true from v7; the version is " +
				"read from the resource's provider.",
			Severity:  pack.High,
			Framework: fsbp("Redshift.10"),
			Tags:      []string{"aws", "redshift", "encryption"},
			Remediation: "Set encrypted: true (and kmsKeyId for a customer managed key). An existing cluster can be " +
				"encrypted in place; it is read-only while Redshift migrates it.",
			Types:    []string{redshiftClusterType},
			Resource: checkRedshiftEncrypted,
		},
		pack.Policy{
			Name:        "aws-redshift-not-publicly-accessible",
			DisplayName: "Redshift clusters are not publicly accessible",
			Description: "Redshift provisioned clusters do not get a public endpoint. When publiclyAccessible is " +
				"unset the provider's default applies: true up to pulumi-aws v6, false from v7; the version is " +
				"read from the resource's provider.",
			Severity:  pack.Critical,
			Framework: fsbp("Redshift.1"),
			Tags:      []string{"aws", "redshift", "network"},
			Remediation: "Set publiclyAccessible: false and reach the cluster from inside its VPC (or through a " +
				"Redshift-managed VPC endpoint).",
			Types:    []string{redshiftClusterType},
			Resource: checkRedshiftNotPubliclyAccessible,
		},
		pack.Policy{
			Name:        "aws-redshift-audit-logging",
			DisplayName: "Redshift clusters log connections and user activity",
			Description: "Every Redshift provisioned cluster of the stack has audit logging: an " +
				"aws.redshift.Logging resource for it, or (pulumi-aws v6 only) its inline logging block enabled.",
			Severity:  pack.Medium,
			Framework: fsbp("Redshift.4"),
			Tags:      []string{"aws", "redshift", "logging"},
			Remediation: "Add an aws.redshift.Logging resource with clusterIdentifier set to the cluster's id and " +
				"logDestinationType s3 (bucketName) or cloudwatch (logExports: connectionlog, userlog, " +
				"useractivitylog; useractivitylog also needs enable_user_activity_logging in the parameter group).",
			Types: []string{redshiftClusterType},
			Stack: checkRedshiftAuditLogging,
		},
	)
}

// redshiftSetting reads a boolean of a Redshift cluster, with the default of the provider major
// version when it is unset. ok is false when it is unset and the provider version is unknown.
func redshiftSetting(r *pack.Resource, name string, before, from bool) (value bool, source string, ok bool) {
	v := r.Get(name)
	if textIsSet(v) {
		return v.Bool(false), "", true
	}
	major, known := awsProviderMajorVersion(r)
	switch {
	case !known:
		return false, "", false
	case major >= redshiftDefaultsFlipVersion:
		return from, fmt.Sprintf(", the pulumi-aws v%d default when unset", major), true
	default:
		return before, fmt.Sprintf(", the pulumi-aws v%d default when unset", major), true
	}
}

func checkRedshiftEncrypted(c *pack.Check, r *pack.Resource) {
	encrypted, source, ok := redshiftSetting(r, "encrypted", false, true)
	switch {
	case !ok:
		c.Skip("encrypted is unset and the pulumi-aws version is unknown (false up to v6, true from v7): " +
			"set encrypted explicitly")
	case !encrypted:
		c.Violatef("Redshift cluster %s is not encrypted (encrypted is false%s): set encrypted: true", r.Name, source)
	}
}

func checkRedshiftNotPubliclyAccessible(c *pack.Check, r *pack.Resource) {
	public, source, ok := redshiftSetting(r, "publiclyAccessible", true, false)
	switch {
	case !ok:
		c.Skip("publiclyAccessible is unset and the pulumi-aws version is unknown (true up to v6, false from " +
			"v7): set publiclyAccessible explicitly")
	case public:
		c.Violatef("Redshift cluster %s is publicly accessible (publiclyAccessible is true%s): it gets a public "+
			"IP address, reachable from the internet wherever its security groups allow; set "+
			"publiclyAccessible: false", r.Name, source)
	}
}

func checkRedshiftAuditLogging(c *pack.Check, s *pack.Stack) {
	loggings := s.OfType(redshiftLoggingType)
	named := map[string]bool{}
	var unknownNames []pack.Value
	for _, l := range loggings {
		id := l.Get("clusterIdentifier")
		if id.Unknown() {
			unknownNames = append(unknownNames, id)
			continue
		}
		if name := id.Text(""); name != "" {
			named[name] = true
		}
	}
	c.ForEach(s.OfType(redshiftClusterType), func(cluster *pack.Resource) {
		if len(s.Referrers(cluster.URN, "clusterIdentifier", redshiftLoggingType)) > 0 {
			return
		}
		if id := cluster.Get("clusterIdentifier"); len(named) > 0 && named[id.Text("")] {
			return
		}
		if cluster.Get("logging", "enable").Bool(false) {
			return // the inline block of pulumi-aws v6
		}
		for _, id := range unknownNames {
			_ = id.Text("") // stops: a logging resource naming an unknown cluster could be this one's
		}
		c.Report(pack.Violation{URN: cluster.URN, Message: fmt.Sprintf("Redshift cluster %s has no audit "+
			"logging: add an aws.redshift.Logging resource with clusterIdentifier set to its id", cluster.Name)})
	})
}
