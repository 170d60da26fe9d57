package aws

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies/iampolicy/iampolicytest"
)

func TestKMSKeyRotation(t *testing.T) {
	const key = "aws:kms/key:Key"
	packtest.Run(t, Policies(), "aws-kms-key-rotation", []packtest.Case{
		{Name: "rotation unset defaults to off", Want: packtest.Violation,
			Message:  "key data does not rotate its key material: set enableKeyRotation: true",
			Resource: packtest.Resource(key, "data", packtest.Props{})},
		{Name: "rotation off", Want: packtest.Violation,
			Resource: packtest.Resource(key, "k", packtest.Props{"enableKeyRotation": false,
				"customerMasterKeySpec": "SYMMETRIC_DEFAULT", "keyUsage": "ENCRYPT_DECRYPT"})},
		{Name: "multi-Region symmetric key rotates too", Want: packtest.Violation,
			Resource: packtest.Resource(key, "k", packtest.Props{"multiRegion": true})},
		{Name: "rotation on", Want: packtest.Pass,
			Resource: packtest.Resource(key, "k", packtest.Props{"enableKeyRotation": true})},
		{Name: "rotation on, spec unknown", Want: packtest.Pass,
			Resource: packtest.Resource(key, "k", packtest.Props{"enableKeyRotation": true, "customerMasterKeySpec": packtest.Unknown})},
		{Name: "asymmetric key cannot rotate", Want: packtest.NotApplicable, Message: `customerMasterKeySpec "RSA_2048"`,
			Resource: packtest.Resource(key, "k", packtest.Props{"customerMasterKeySpec": "RSA_2048", "keyUsage": "SIGN_VERIFY"})},
		{Name: "HMAC key cannot rotate", Want: packtest.NotApplicable, Message: "not available",
			Resource: packtest.Resource(key, "k", packtest.Props{"customerMasterKeySpec": "HMAC_256", "keyUsage": "GENERATE_VERIFY_MAC"})},
		{Name: "custom key store cannot rotate", Want: packtest.NotApplicable, Message: "custom key store",
			Resource: packtest.Resource(key, "k", packtest.Props{"customKeyStoreId": "cks-123"})},
		{Name: "external key store cannot rotate", Want: packtest.NotApplicable, Message: "custom key store",
			Resource: packtest.Resource(key, "k", packtest.Props{"customKeyStoreId": "cks-123", "xksKeyId": "x"})},
		{Name: "rotation unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: enableKeyRotation",
			Resource: packtest.Resource(key, "k", packtest.Props{"enableKeyRotation": packtest.Unknown})},
		{Name: "spec unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: customerMasterKeySpec",
			Resource: packtest.Resource(key, "k", packtest.Props{"customerMasterKeySpec": packtest.Unknown})},
		{Name: "usage unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: keyUsage",
			Resource: packtest.Resource(key, "k", packtest.Props{"keyUsage": packtest.Unknown})},
		{Name: "custom key store unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: customKeyStoreId",
			Resource: packtest.Resource(key, "k", packtest.Props{"customKeyStoreId": packtest.Unknown})},
		{Name: "external key unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: xksKeyId",
			Resource: packtest.Resource(key, "k", packtest.Props{"xksKeyId": packtest.Unknown})},
		{Name: "imported key material is not this rule's", Want: packtest.NotApplicable, Message: "other resource types",
			Resource: packtest.Resource("aws:kms/externalKey:ExternalKey", "k", packtest.Props{})},
	})
}

func TestKMSKeyPolicyNotPublic(t *testing.T) {
	rootOnly := iampolicytest.Doc(map[string]any{"Effect": "Allow", "Action": "kms:*", "Resource": "*",
		"Principal": map[string]any{"AWS": "arn:aws:iam::123456789012:root"}})
	public := iampolicytest.Doc(
		map[string]any{"Effect": "Allow", "Action": "kms:*", "Resource": "*",
			"Principal": map[string]any{"AWS": "arn:aws:iam::123456789012:root"}},
		map[string]any{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Principal": map[string]any{"AWS": "*"}})
	packtest.Run(t, Policies(), "aws-kms-key-policy-not-public", []packtest.Case{
		{Name: "principal * on the key", Want: packtest.Violation, Count: 1,
			Message:  "policy: statement 2 lets any AWS principal use key data",
			Resource: packtest.Resource("aws:kms/key:Key", "data", packtest.Props{"policy": public})},
		{Name: "KeyPolicy resource", Want: packtest.Violation,
			Resource: packtest.Resource("aws:kms/keyPolicy:KeyPolicy", "p", packtest.Props{"keyId": "k", "policy": public})},
		{Name: "replica key", Want: packtest.Violation,
			Resource: packtest.Resource("aws:kms/replicaKey:ReplicaKey", "p", packtest.Props{"policy": public})},
		{Name: "external key", Want: packtest.Violation,
			Resource: packtest.Resource("aws:kms/externalKey:ExternalKey", "p", packtest.Props{"policy": public})},
		{Name: "replica external key", Want: packtest.Violation,
			Resource: packtest.Resource("aws:kms/replicaExternalKey:ReplicaExternalKey", "p", packtest.Props{"policy": public})},
		{Name: "NotPrincipal lets everyone else in", Want: packtest.Violation,
			Resource: packtest.Resource("aws:kms/key:Key", "k", packtest.Props{"policy": iampolicytest.Doc(map[string]any{
				"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*",
				"NotPrincipal": map[string]any{"AWS": "arn:aws:iam::123456789012:role/x"}})})},
		{Name: "principal * narrowed by kms:CallerAccount", Want: packtest.Pass,
			Resource: packtest.Resource("aws:kms/key:Key", "k", packtest.Props{"policy": iampolicytest.Doc(map[string]any{
				"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Principal": map[string]any{"AWS": "*"},
				"Condition": map[string]any{"StringEquals": map[string]any{"kms:CallerAccount": "123456789012",
					"kms:ViaService": "s3.us-east-1.amazonaws.com"}}})})},
		{Name: "account root only", Want: packtest.Pass,
			Resource: packtest.Resource("aws:kms/key:Key", "k", packtest.Props{"policy": rootOnly})},
		{Name: "default key policy", Want: packtest.Pass,
			Resource: packtest.Resource("aws:kms/key:Key", "k", packtest.Props{})},
		{Name: "policy unknown", Want: packtest.NotApplicable, Message: "value unknown during preview: policy",
			Resource: packtest.Resource("aws:kms/keyPolicy:KeyPolicy", "p", packtest.Props{"policy": packtest.Unknown})},
		{Name: "malformed policy is not guessed at", Want: packtest.NotApplicable, Message: "policy is not valid JSON",
			Resource: packtest.Resource("aws:kms/key:Key", "k", packtest.Props{"policy": "{not json"})},
	})
}
