package policies

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// ECR private repository rules. Tokens and the properties read are the same in pulumi-aws v6
// (v6.83.4) and v7 (7.48.0); v7 documents the *_WITH_EXCLUSION tag mutability values.

const (
	ecrRepositoryType         = "aws:ecr/repository:Repository"
	ecrRepositoryPolicyType   = "aws:ecr/repositoryPolicy:RepositoryPolicy"
	ecrCreationTemplateType   = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate"
	ecrDefaultTagMutability   = "MUTABLE"
	ecrImmutableTagMutability = "IMMUTABLE"
)

func init() { register(ecrTagImmutable, ecrScanOnPush, ecrRepositoryPolicyNotPublic) }

var ecrTagImmutable = pack.Policy{
	Name:        "aws-ecr-image-tag-immutable",
	DisplayName: "ECR repositories have immutable image tags",
	Description: "Repositories do not let a pushed tag be overwritten (imageTagMutability IMMUTABLE or " +
		"IMMUTABLE_WITH_EXCLUSION), so a tag deployed once always names the same image.",
	Severity:  pack.Medium,
	Framework: fsbp("ECR.2"),
	Tags:      []string{"aws", "ecr", "containers", "supply-chain"},
	Remediation: "Set imageTagMutability: \"IMMUTABLE\" (or \"IMMUTABLE_WITH_EXCLUSION\" with " +
		"imageTagMutabilityExclusionFilters for tags such as latest) and push a new tag per build.",
	Types: []string{ecrRepositoryType},
	Resource: func(c *pack.Check, r *pack.Resource) {
		mutability := r.Get("imageTagMutability")
		if strings.HasPrefix(strings.ToUpper(mutability.Text(ecrDefaultTagMutability)), ecrImmutableTagMutability) {
			return
		}
		setting := "unset, so MUTABLE"
		if mutability.Exists() {
			setting = mutability.String()
		}
		c.Violatef("repository %s lets pushed tags be overwritten (imageTagMutability is %s): set "+
			"imageTagMutability: \"IMMUTABLE\"", r.Name, setting)
	},
}

type ecrScanSettings struct {
	RegistryScanning bool `json:"registryScanning"`
}

var ecrScanOnPush = pack.Policy{
	Name:        "aws-ecr-scan-on-push",
	DisplayName: "ECR repositories scan images on push",
	Description: "Repositories scan every pushed image for known vulnerabilities " +
		"(imageScanningConfiguration.scanOnPush). Accounts that scan through a registry scanning " +
		"configuration instead set the registryScanning setting.",
	Severity:  pack.Medium,
	Framework: fsbp("ECR.1"),
	Tags:      []string{"aws", "ecr", "containers", "vulnerability-management"},
	Remediation: "Set imageScanningConfiguration: { scanOnPush: true }, or configure scanning for the whole " +
		"registry (aws.ecr.RegistryScanningConfiguration, e.g. Amazon Inspector enhanced scanning) and set " +
		"this policy's registryScanning setting to true.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"registryScanning": pack.Boolean("Set true when the account's registry scanning configuration scans "+
			"every repository (it overrides repositories' scanOnPush); the policy then passes every "+
			"repository. Default false.", false),
	}},
	Settings: func() any { return &ecrScanSettings{} },
	Types:    []string{ecrRepositoryType},
	Resource: func(c *pack.Check, r *pack.Resource) {
		if pack.SettingsOf[ecrScanSettings](c).RegistryScanning {
			return
		}
		if !r.Get("imageScanningConfiguration", "scanOnPush").Bool(false) {
			c.Violatef("repository %s does not scan pushed images for vulnerabilities: set "+
				"imageScanningConfiguration.scanOnPush: true", r.Name)
		}
	},
}

var ecrRepositoryPolicyNotPublic = pack.Policy{
	Name:        "aws-ecr-repository-policy-not-public",
	DisplayName: "ECR repository policies do not let anyone in",
	Description: "Repository policies (RepositoryPolicy, and the repositoryPolicy of a repository creation " +
		"template) have no Allow statement for the principal \"*\" (or with NotPrincipal) that no condition " +
		"ties to known accounts or an organization: anyone could pull the images, or push their own.",
	Severity:  pack.Critical,
	Framework: wellArchitected("SEC03-BP07"),
	Tags:      []string{"aws", "ecr", "containers", "public-access"},
	Remediation: "Name the accounts that pull (or push) in the statement's Principal, or add a condition on " +
		"aws:PrincipalOrgID; publish public images in ECR Public instead.",
	Types: []string{ecrRepositoryPolicyType, ecrCreationTemplateType},
	Resource: func(c *pack.Check, r *pack.Resource) {
		doc := r.Get("policy")
		if r.Type == ecrCreationTemplateType {
			doc = r.Get("repositoryPolicy")
		}
		for i, s := range readPolicyDocument(doc) {
			if s.publicPrincipal() {
				c.Violatef("%s: statement %d lets any AWS principal in (principal \"*\" without a narrowing "+
					"condition): name the trusted accounts, or add a condition on aws:PrincipalOrgID", doc.Path(), i+1)
			}
		}
	},
}
