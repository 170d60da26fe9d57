package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy/iampolicytest"
)

func TestECRTagImmutable(t *testing.T) {
	const typ = "aws:ecr/repository:Repository"
	packtest.Run(t, Policies(), "aws-ecr-image-tag-immutable", []packtest.Case{
		{Name: "unset defaults to mutable", Want: packtest.Violation,
			Message:  "repository app lets pushed tags be overwritten (imageTagMutability is unset, so MUTABLE)",
			Resource: packtest.Resource(typ, "app", packtest.Props{})},
		{Name: "mutable", Want: packtest.Violation, Message: `imageTagMutability is "MUTABLE"`,
			Resource: packtest.Resource(typ, "app", packtest.Props{"imageTagMutability": "MUTABLE"})},
		{Name: "mutable with exclusions (v7)", Want: packtest.Violation,
			Resource: packtest.Resource(typ, "app", packtest.Props{"imageTagMutability": "MUTABLE_WITH_EXCLUSION"})},
		{Name: "immutable", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "app", packtest.Props{"imageTagMutability": "IMMUTABLE"})},
		{Name: "immutable with exclusions (v7)", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "app", packtest.Props{"imageTagMutability": "IMMUTABLE_WITH_EXCLUSION",
				"imageTagMutabilityExclusionFilters": []any{packtest.Props{"filter": "latest", "filterType": "WILDCARD"}}})},
		{Name: "mutability unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: imageTagMutability",
			Resource: packtest.Resource(typ, "app", packtest.Props{"imageTagMutability": packtest.Unknown})},
	})
}

func TestECRScanOnPush(t *testing.T) {
	const typ = "aws:ecr/repository:Repository"
	packtest.Run(t, Policies(), "aws-ecr-scan-on-push", []packtest.Case{
		{Name: "no scanning configuration", Want: packtest.Violation,
			Message:  "repository app does not scan pushed images for vulnerabilities",
			Resource: packtest.Resource(typ, "app", packtest.Props{})},
		{Name: "scanOnPush false", Want: packtest.Violation,
			Resource: packtest.Resource(typ, "app", packtest.Props{"imageScanningConfiguration": packtest.Props{"scanOnPush": false}})},
		{Name: "scanOnPush true", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "app", packtest.Props{"imageScanningConfiguration": packtest.Props{"scanOnPush": true}})},
		{Name: "one-element list shape", Want: packtest.Pass,
			Resource: packtest.Resource(typ, "app", packtest.Props{"imageScanningConfiguration": []any{packtest.Props{"scanOnPush": true}}})},
		{Name: "registry scanning configured", Want: packtest.Pass, Config: map[string]any{"registryScanning": true},
			Resource: packtest.Resource(typ, "app", packtest.Props{})},
		{Name: "scanOnPush unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: imageScanningConfiguration.scanOnPush",
			Resource: packtest.Resource(typ, "app", packtest.Props{"imageScanningConfiguration": packtest.Props{"scanOnPush": packtest.Unknown}})},
	})
}

func TestECRRepositoryPolicyNotPublic(t *testing.T) {
	pull := func(principal any, condition map[string]any) string {
		return iampolicytest.Doc(iampolicytest.AllowPrincipal([]any{"ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"}, principal, condition))
	}
	packtest.Run(t, Policies(), "aws-ecr-repository-policy-not-public", []packtest.Case{
		{Name: "anyone can pull", Want: packtest.Violation,
			Message: "policy: statement 1 lets any AWS principal in",
			Resource: packtest.Resource("aws:ecr/repositoryPolicy:RepositoryPolicy", "p",
				packtest.Props{"repository": "app", "policy": pull("*", nil)})},
		{Name: "creation template policy", Want: packtest.Violation, Message: "repositoryPolicy: statement 1",
			Resource: packtest.Resource("aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate", "t",
				packtest.Props{"prefix": "ROOT", "repositoryPolicy": pull(map[string]any{"AWS": "*"}, nil)})},
		{Name: "organization only", Want: packtest.Pass,
			Resource: packtest.Resource("aws:ecr/repositoryPolicy:RepositoryPolicy", "p", packtest.Props{"repository": "app",
				"policy": pull("*", map[string]any{"StringEquals": map[string]any{"aws:PrincipalOrgID": "o-abc123"}})})},
		{Name: "named account", Want: packtest.Pass,
			Resource: packtest.Resource("aws:ecr/repositoryPolicy:RepositoryPolicy", "p", packtest.Props{"repository": "app",
				"policy": pull(map[string]any{"AWS": "arn:aws:iam::123456789012:root"}, nil)})},
		{Name: "template without policy", Want: packtest.Pass,
			Resource: packtest.Resource("aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate", "t", packtest.Props{"prefix": "ROOT"})},
		{Name: "policy unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: policy",
			Resource: packtest.Resource("aws:ecr/repositoryPolicy:RepositoryPolicy", "p", packtest.Props{"policy": packtest.Unknown})},
		{Name: "template policy unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: repositoryPolicy",
			Resource: packtest.Resource("aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate", "t",
				packtest.Props{"repositoryPolicy": packtest.Unknown})},
	})
}

func TestECRKMSEncryption(t *testing.T) {
	repo := packtest.ResourceCase(ecrRepositoryType, "images")
	kms := func(fields packtest.Props) packtest.Props {
		return packtest.Props{"encryptionConfigurations": []any{packtest.With(packtest.Props{"encryptionType": "KMS"}, fields)}}
	}
	const cmk = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	requireCMK := map[string]any{"requireCustomerManagedKey": true}
	packtest.Run(t, Policies(), "aws-ecr-kms-encryption", []packtest.Case{
		packtest.Named(repo(packtest.Props{"imageTagMutability": "IMMUTABLE"}), "no encryption configuration", packtest.Violation,
			`repository images sets no encryptionConfigurations, so ECR encrypts it with AES256 (keys S3 manages): `+
				`set encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: <customer managed key> }]`),
		packtest.Named(repo(packtest.Props{"encryptionConfigurations": []any{packtest.Props{"encryptionType": "AES256"}}}),
			"AES256", packtest.Violation, `repository images encrypts with encryptionType "AES256", not KMS: set `+
				`encryptionType "KMS" with kmsKey naming a customer managed key`),
		packtest.Named(repo(packtest.Props{"encryptionConfigurations": []any{packtest.Props{}}}), "encryption type unset",
			packtest.Violation, "encrypts with encryptionType AES256 (the default), not KMS"),
		packtest.Named(repo(kms(nil)), "KMS with the AWS managed key", packtest.Pass, ""),
		packtest.Named(repo(kms(packtest.Props{"kmsKey": cmk})), "KMS with a customer managed key", packtest.Pass, ""),
		packtest.Named(repo(packtest.Props{"encryptionConfigurations": []any{packtest.Props{"encryptionType": "KMS_DSSE"}}}),
			"dual-layer KMS", packtest.Pass, ""),
		packtest.Named(repo(packtest.Props{"encryptionConfigurations": packtest.Props{"encryptionType": "KMS"}}),
			"a single object rather than a list", packtest.Pass, ""),
		packtest.Configured(packtest.Named(repo(kms(nil)), "customer managed key required, none given", packtest.Violation,
			"repository images encrypts with the AWS managed key aws/ecr (no customer managed kmsKey): set kmsKey "+
				"to a customer managed KMS key"), requireCMK),
		packtest.Configured(packtest.Named(repo(kms(packtest.Props{"kmsKey": "alias/aws/ecr"})), "customer managed key required, AWS "+
			"managed alias given", packtest.Violation, "encrypts with the AWS managed key aws/ecr"), requireCMK),
		packtest.Configured(packtest.Named(repo(kms(packtest.Props{"kmsKey": cmk})), "customer managed key required and given",
			packtest.Pass, ""), requireCMK),
		packtest.Configured(packtest.Named(repo(packtest.Props{"encryptionConfigurations": []any{packtest.Props{"encryptionType": "AES256"}}}),
			"customer managed key required, AES256", packtest.Violation, `encryptionType "AES256", not KMS`), requireCMK),
		packtest.Named(repo(packtest.Props{"encryptionConfigurations": packtest.Unknown}), "unknown configuration",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Named(repo(kms(packtest.Props{"encryptionType": packtest.Unknown})), "unknown encryption type",
			packtest.NotApplicable, packtest.UnknownDuringPreview),
		packtest.Configured(packtest.Named(repo(kms(packtest.Props{"kmsKey": packtest.Unknown})), "unknown key, customer managed key "+
			"required", packtest.NotApplicable, packtest.UnknownDuringPreview), requireCMK),
		packtest.Named(repo(kms(packtest.Props{"kmsKey": packtest.Unknown})), "unknown key, any KMS key passes",
			packtest.Pass, ""),
	})
}
