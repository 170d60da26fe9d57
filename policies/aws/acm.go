package aws

import (
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"strconv"
	"strings"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// AWS Certificate Manager rules. The type token, keyAlgorithm and certificateBody are the same in
// pulumi-aws v6 (v6.83.4) and v7.
const acmCertificateType = "aws:acm/certificate:Certificate"

// acmMinimumRSABits is the shortest RSA key FSBP ACM.2 accepts.
const acmMinimumRSABits = 2048

func init() {
	register(pack.Policy{
		Name:        "aws-acm-certificate-rsa-2048",
		DisplayName: "ACM certificates use RSA keys of at least 2048 bits",
		Description: "ACM certificates with an RSA key use at least 2048 bits: a requested certificate does not set " +
			"keyAlgorithm \"RSA_1024\" (unset means RSA_2048), and an imported certificate's certificateBody " +
			"does not hold a shorter RSA key. Elliptic-curve keys pass.",
		Severity:  pack.High,
		Framework: frameworks.FSBP("ACM.2"),
		Tags:      []string{"aws", "acm", "encryption", "tls"},
		Remediation: "Request the certificate with keyAlgorithm \"RSA_2048\" (or an EC algorithm such as " +
			"\"EC_prime256v1\"); for an imported certificate, issue a new one with a key of 2048 bits or more. " +
			"The key of an existing certificate cannot change: the certificate is replaced.",
		Types:    []string{acmCertificateType},
		Resource: checkACMCertificateRSA,
	})
}

func checkACMCertificateRSA(c *pack.Check, r *pack.Resource) {
	algorithm := r.Get("keyAlgorithm")
	a := strings.ToUpper(strings.TrimSpace(algorithm.Text("RSA_2048")))
	if bits, err := strconv.Atoi(strings.TrimPrefix(a, "RSA_")); err == nil && strings.HasPrefix(a, "RSA_") &&
		bits < acmMinimumRSABits {
		c.Violatef("ACM certificate %s has keyAlgorithm %v, shorter than 2048 bits: request it with "+
			"keyAlgorithm \"RSA_2048\" or an EC algorithm", r.Name, algorithm)
		return
	}
	if bits := pemRSABits(r.Get("certificateBody").Text("")); bits > 0 && bits < acmMinimumRSABits {
		c.Violatef("ACM certificate %s imports a certificate with a %d-bit RSA key, shorter than 2048 bits: "+
			"issue a new certificate with a key of 2048 bits or more", r.Name, bits)
	}
}

// pemRSABits is the size of the RSA key of the first certificate in a PEM document, or 0 when the
// document holds no parsable certificate or its key is not RSA.
func pemRSABits(body string) int {
	block, _ := pem.Decode([]byte(strings.TrimSpace(body)))
	if block == nil || block.Type != "CERTIFICATE" {
		return 0
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return 0
	}
	if key, ok := cert.PublicKey.(*rsa.PublicKey); ok {
		return key.N.BitLen()
	}
	return 0
}
