package aws

import (
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy"
)

// ECR private repository rules. Tokens and the properties read are the same in pulumi-aws v6
// (v6.83.4) and v7 (7.48.0); v7 documents the *_WITH_EXCLUSION tag mutability values. Both name
// the repository's encryption block encryptionConfigurations, a list of at most one.

const (
	ecrRepositoryType         = "aws:ecr/repository:Repository"
	ecrRepositoryPolicyType   = "aws:ecr/repositoryPolicy:RepositoryPolicy"
	ecrCreationTemplateType   = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate"
	ecrDefaultTagMutability   = "MUTABLE"
	ecrImmutableTagMutability = "IMMUTABLE"
)

func init() { register(ecrTagImmutable, ecrScanOnPush, ecrRepositoryPolicyNotPublic, ecrKMSEncryption) }

var ecrTagImmutable = pack.Policy{
	Name:        "aws-ecr-image-tag-immutable",
	DisplayName: "ECR repositories have immutable image tags",
	Description: "Repositories do not let a pushed tag be overwritten (imageTagMutability IMMUTABLE or " +
		"IMMUTABLE_WITH_EXCLUSION), so a tag deployed once always names the same image.",
	Severity:  pack.Medium,
	Framework: frameworks.FSBP("ECR.2"),
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
	Framework: frameworks.FSBP("ECR.1"),
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
	Framework: frameworks.WellArchitected("SEC03-BP07"),
	Tags:      []string{"aws", "ecr", "containers", "public-access"},
	Remediation: "Name the accounts that pull (or push) in the statement's Principal, or add a condition on " +
		"aws:PrincipalOrgID; publish public images in ECR Public instead.",
	Types: []string{ecrRepositoryPolicyType, ecrCreationTemplateType},
	Resource: func(c *pack.Check, r *pack.Resource) {
		doc := r.Get("policy")
		if r.Type == ecrCreationTemplateType {
			doc = r.Get("repositoryPolicy")
		}
		for i, s := range iampolicy.Read(doc) {
			if s.PublicPrincipal() {
				c.Violatef("%s: statement %d lets any AWS principal in (principal \"*\" without a narrowing "+
					"condition): name the trusted accounts, or add a condition on aws:PrincipalOrgID", doc.Path(), i+1)
			}
		}
	},
}

type ecrEncryptionSettings struct {
	RequireCustomerManagedKey bool `json:"requireCustomerManagedKey"`
}

var ecrKMSEncryption = pack.Policy{
	Name:        "aws-ecr-kms-encryption",
	DisplayName: "ECR repositories encrypt with KMS keys",
	Description: "Repositories encrypt their images with AWS KMS (encryptionConfigurations[].encryptionType KMS " +
		"or KMS_DSSE) rather than AES256, the keys S3 manages that ECR uses by default: KMS adds key policies, " +
		"audit of every use in CloudTrail, and the ability to revoke access. Security Hub control ECR.5 (not " +
		"part of the Foundational Security Best Practices standard) also asks for a customer managed key: set " +
		"requireCustomerManagedKey to match it.",
	Severity:  pack.Medium,
	Framework: frameworks.WellArchitected("SEC08-BP01"),
	Tags:      []string{"aws", "ecr", "containers", "encryption"},
	Remediation: "Set encryptionConfigurations: [{ encryptionType: \"KMS\", kmsKey: <customer managed key ARN> }]. " +
		"Encryption is chosen when a repository is created: the repository is replaced, so push its images " +
		"again (or replicate them) before switching over.",
	Config: pack.Schema{Properties: map[string]pack.JSONSchema{
		"requireCustomerManagedKey": pack.Boolean("Also require kmsKey to name a customer managed key, not the "+
			"AWS managed key aws/ecr that KMS encryption uses when no key is given (as Security Hub's ECR.5 "+
			"does). Default false: any KMS key passes.", false),
	}},
	Settings: func() any { return &ecrEncryptionSettings{} },
	Types:    []string{ecrRepositoryType},
	Resource: checkECRKMSEncryption,
}

func checkECRKMSEncryption(c *pack.Check, r *pack.Resource) {
	requireCMK := pack.SettingsOf[ecrEncryptionSettings](c).RequireCustomerManagedKey
	configs := r.Get("encryptionConfigurations").Items()
	if len(configs) == 0 {
		c.Violatef("repository %s sets no encryptionConfigurations, so ECR encrypts it with AES256 (keys S3 "+
			"manages): set encryptionConfigurations: [{ encryptionType: \"KMS\", kmsKey: <customer managed key> }]",
			r.Name)
		return
	}
	for _, cfg := range configs {
		encryptionType := cfg.Get("encryptionType")
		switch strings.ToUpper(strings.TrimSpace(encryptionType.Text("AES256"))) {
		case "KMS", "KMS_DSSE":
		default:
			c.Violatef("repository %s encrypts with encryptionType %v, not KMS: set encryptionType \"KMS\" with "+
				"kmsKey naming a customer managed key", r.Name, ecrEncryptionType(encryptionType))
			continue
		}
		if requireCMK && !namesCustomerManagedKey(cfg.Get("kmsKey"), "ecr") {
			c.Violatef("repository %s encrypts with the AWS managed key aws/ecr (no customer managed kmsKey): set "+
				"kmsKey to a customer managed KMS key", r.Name)
		}
	}
}

// ecrEncryptionType renders a repository's encryptionType for a message: AES256 when unset.
func ecrEncryptionType(v pack.Value) string {
	if v.Text("") != "" {
		return v.String()
	}
	return "AES256 (the default)"
}
