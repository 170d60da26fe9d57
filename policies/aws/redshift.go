package aws

import (
	"fmt"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/joins"
	"github.com/pulumi-securely/pulumi-securely/policies/known"
)

// Type tokens of Amazon Redshift provisioned clusters, their audit logging and their parameter
// groups (the same in pulumi-aws v6 and v7, as is the parameter group's parameters list of
// {name, value}). pulumi-aws v7 removed the cluster's inline logging block, and flipped two
// defaults: encrypted (now true, typed as a "true"/"false" string) and publiclyAccessible (now
// false).
const (
	redshiftClusterType        = "aws:redshift/cluster:Cluster"
	redshiftLoggingType        = "aws:redshift/logging:Logging"
	redshiftParameterGroupType = "aws:redshift/parameterGroup:ParameterGroup"
)

// The default parameter groups Redshift gives a cluster that names none: default.redshift-2.0,
// with require_ssl true, for clusters created or restored since January 10, 2025;
// default.redshift-1.0, with require_ssl false, for older ones. Neither can be changed.
const (
	redshiftDefaultGroupPrefix = "default."
	redshiftSecureDefaultGroup = "default.redshift-2.0"
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
			Framework: frameworks.FSBP("Redshift.10"),
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
			Framework: frameworks.FSBP("Redshift.1"),
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
			Framework: frameworks.FSBP("Redshift.4"),
			Tags:      []string{"aws", "redshift", "logging"},
			Remediation: "Add an aws.redshift.Logging resource with clusterIdentifier set to the cluster's id and " +
				"logDestinationType s3 (bucketName) or cloudwatch (logExports: connectionlog, userlog, " +
				"useractivitylog; useractivitylog also needs enable_user_activity_logging in the parameter group).",
			Types: []string{redshiftClusterType},
			Stack: checkRedshiftAuditLogging,
		},
		pack.Policy{
			Name:        "aws-redshift-require-ssl",
			DisplayName: "Redshift clusters require TLS connections",
			Description: "Every Redshift provisioned cluster of the stack refuses connections without TLS: the " +
				"parameter group it names in clusterParameterGroupName sets require_ssl to true. A group of the " +
				"stack is read through the cluster's dependency on it (or, in state without dependencies, by " +
				"name). The default group default.redshift-1.0 has require_ssl false; default.redshift-2.0, " +
				"which Redshift gives clusters created since January 2025, has it true. A group declared " +
				"outside the stack cannot be read, so its clusters are not judged.",
			Severity:  pack.High,
			Framework: frameworks.FSBP("Redshift.2"),
			Tags:      []string{"aws", "redshift", "encryption", "tls"},
			Remediation: "Add an aws.redshift.ParameterGroup with a parameters entry { name: \"require_ssl\", value: " +
				"\"true\" } and set the cluster's clusterParameterGroupName to its name; the change takes effect " +
				"when the cluster reboots. Clients then connect with sslmode require (or verify-full).",
			Types: []string{redshiftClusterType},
			Stack: checkRedshiftRequireSSL,
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
	loggings := joins.Sides(s, []string{redshiftLoggingType}, joins.OnName("clusterIdentifier", "clusterIdentifier", "id"))
	c.ForEach(s.OfType(redshiftClusterType), func(cluster *pack.Resource) {
		if len(loggings.Matching(cluster)) > 0 {
			return
		}
		if cluster.Get("logging", "enable").Bool(false) {
			return // the inline block of pulumi-aws v6
		}
		loggings.StopIfUntraced(cluster) // a logging resource naming an unknown cluster could be this one's
		c.Report(pack.Violation{URN: cluster.URN, Message: fmt.Sprintf("Redshift cluster %s has no audit "+
			"logging: add an aws.redshift.Logging resource with clusterIdentifier set to its id", cluster.Name)})
	})
}

func checkRedshiftRequireSSL(c *pack.Check, s *pack.Stack) {
	// State without dependencies names the group by a plain value: index the groups by their name
	// (which is also their id).
	named := map[string]*pack.Resource{}
	for _, g := range s.OfType(redshiftParameterGroupType) {
		for _, key := range []string{"name", "id"} {
			if name, ok := known.Text(g.Get(key)); ok {
				named[name] = g
			}
		}
	}
	c.ForEach(s.OfType(redshiftClusterType), func(cluster *pack.Resource) {
		var groups []*pack.Resource
		for _, urn := range cluster.PropertyDependencies["clusterParameterGroupName"] {
			if g := s.Resource(urn); g != nil && g.Type == redshiftParameterGroupType {
				groups = append(groups, g)
			}
		}
		groupName := cluster.Get("clusterParameterGroupName")
		if len(groups) == 0 {
			// Unknown during preview when the program leaves it to Redshift: the update decides.
			name := groupName.Text("")
			switch g := named[name]; {
			case g != nil:
				groups = append(groups, g)
			case name == "":
				c.Defer(cluster, "clusterParameterGroupName is not recorded: Redshift's default group decides "+
					"(default.redshift-2.0 requires TLS; default.redshift-1.0, for clusters created before 2025, "+
					"does not)")
				return
			case strings.EqualFold(name, redshiftSecureDefaultGroup):
				return
			case strings.HasPrefix(strings.ToLower(name), redshiftDefaultGroupPrefix):
				c.Report(pack.Violation{URN: cluster.URN, Message: fmt.Sprintf("Redshift cluster %s uses the "+
					"default parameter group %v, whose require_ssl is false: clients may connect without TLS; set "+
					"clusterParameterGroupName to an aws.redshift.ParameterGroup with require_ssl \"true\"",
					cluster.Name, groupName)})
				return
			default:
				c.Defer(cluster, "its parameter group is not declared in the stack, so its require_ssl cannot be read")
				return
			}
		}
		problem := ""
		for _, g := range groups {
			p := redshiftRequireSSLProblem(g)
			if p == "" {
				return
			}
			if problem == "" {
				problem = p
			}
		}
		c.Report(pack.Violation{URN: cluster.URN, Message: fmt.Sprintf("Redshift cluster %s accepts connections "+
			"without TLS: its parameter group %s; set a parameters entry { name: \"require_ssl\", value: "+
			"\"true\" }", cluster.Name, problem)})
	})
}

// redshiftRequireSSLProblem says how a parameter group falls short of requiring TLS, or "" if it
// does not. An unknown entry is read (and stops the check) only when no known entry decides.
func redshiftRequireSSLProblem(g *pack.Resource) string {
	params := known.First(g.Get("parameters").Items(), func(p pack.Value) pack.Value { return p.Get("name") })
	for _, p := range params {
		if !strings.EqualFold(strings.TrimSpace(p.Get("name").Text("")), "require_ssl") {
			continue
		}
		value := p.Get("value")
		if value.Bool(false) {
			return ""
		}
		return fmt.Sprintf("%s sets require_ssl to %v", g.Name, value)
	}
	return fmt.Sprintf("%s does not set require_ssl (false unless set)", g.Name)
}
