package aws

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"testing"
	"time"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

// selfSignedPEM returns a self-signed certificate for key, PEM-encoded.
func selfSignedPEM(t *testing.T, public, private any) string {
	t.Helper()
	template := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "app.example.com"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, template, template, public, private)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
}

func TestACMCertificateRSA2048(t *testing.T) {
	rsa1024, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	rsa2048, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	imported := func(body string) packtest.Props {
		return packtest.Props{"certificateBody": body, "privateKey": packtest.Secret("-----BEGIN PRIVATE KEY-----")}
	}
	requested := func(algorithm any) packtest.Props {
		props := packtest.Props{"domainName": "app.example.com", "validationMethod": "DNS"}
		if algorithm != nil {
			props["keyAlgorithm"] = algorithm
		}
		return props
	}
	packtest.Run(t, Policies(), "aws-acm-certificate-rsa-2048", []packtest.Case{
		{Name: "requested with RSA_1024", Want: packtest.Violation,
			Message:  "ACM certificate app has keyAlgorithm \"RSA_1024\", shorter than 2048 bits",
			Resource: packtest.Resource(acmCertificateType, "app", requested("RSA_1024"))},
		{Name: "unset defaults to RSA_2048", Want: packtest.Pass,
			Resource: packtest.Resource(acmCertificateType, "app", requested(nil))},
		{Name: "RSA_4096", Want: packtest.Pass,
			Resource: packtest.Resource(acmCertificateType, "app", requested("RSA_4096"))},
		{Name: "EC key", Want: packtest.Pass,
			Resource: packtest.Resource(acmCertificateType, "app", requested("EC_prime256v1"))},
		{Name: "imported 1024-bit RSA certificate", Want: packtest.Violation,
			Message: "ACM certificate app imports a certificate with a 1024-bit RSA key, shorter than 2048 bits",
			Resource: packtest.Resource(acmCertificateType, "app",
				imported(selfSignedPEM(t, &rsa1024.PublicKey, rsa1024)))},
		{Name: "imported 2048-bit RSA certificate", Want: packtest.Pass,
			Resource: packtest.Resource(acmCertificateType, "app",
				imported(selfSignedPEM(t, &rsa2048.PublicKey, rsa2048)))},
		{Name: "imported EC certificate", Want: packtest.Pass,
			Resource: packtest.Resource(acmCertificateType, "app", imported(selfSignedPEM(t, &ec.PublicKey, ec)))},
		{Name: "imported body that is no certificate", Want: packtest.Pass,
			Resource: packtest.Resource(acmCertificateType, "app", imported("not a PEM document"))},
		{Name: "unknown key algorithm", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(acmCertificateType, "app", requested(packtest.Unknown))},
		{Name: "unknown certificate body", Want: packtest.NotApplicable, Message: packtest.UnknownDuringPreview,
			Resource: packtest.Resource(acmCertificateType, "app", packtest.Props{"certificateBody": packtest.Unknown})},
	})
}
