package secrets

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSecretName(t *testing.T) {
	for _, name := range []string{
		"password", "dbPassword", "DB_PASSWORD", "masterPassword", "authToken", "apiKey", "api-key", "API_KEY",
		"clientSecret", "secretKey", "accessKey", "privateKey", "connectionString", "sessionToken", "pwd",
		"adminPassword", "administratorLoginPassword", "secretString", "kubeconfig", "webhookSecret",
		"githubToken", "SLACK_TOKEN", "sasToken", "storageAccountKey",
	} {
		assert.True(t, SensitiveName(name), name)
	}
	for _, name := range []string{
		"passwordLength", "minimumPasswordLength", "secretArn", "secretName", "tokenUrl", "kmsKeyId", "publicKey",
		"keyName", "tokenEndpoint", "passwordPolicy", "secretRotation", "description", "name", "bucket", "region",
		"passwordSecretRef", "apiKeyId", "secretsManagerArn", "manageMasterUserPassword", "tokenExpiry",
		"privateKeyPath", "keySpec", "tags",
	} {
		assert.False(t, SensitiveName(name), name)
	}
}

func TestSecretValueKind(t *testing.T) {
	for want, value := range map[string]string{
		"a private key":                       "-----BEGIN RSA PRIVATE KEY-----\nMIIE...",
		"an AWS access key":                   "AKIAIOSFODNN7EXAMPLE",
		"a GitHub token":                      "ghp_" + strings.Repeat("a1B2", 9),
		"a Slack token":                       "xoxb-1234567890-abcdefghij",
		"a Google API key":                    "AIza" + strings.Repeat("x", 35),
		"a Pulumi access token":               "pul-" + strings.Repeat("ab12", 10),
		"a JSON web token":                    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abcdefghijklmnop",
		"an Azure account key":                "DefaultEndpointsProtocol=https;AccountName=x;AccountKey=" + strings.Repeat("Ab1+", 10),
		"a connection string with a password": "postgres://admin:hunter22@db.internal:5432/app",
	} {
		assert.Equal(t, want, ValueKind(value), value[:8])
	}
	assert.Equal(t, "a connection string with a password", ValueKind("Server=db;User Id=sa;Password=Hunter22;"))
	for _, value := range []string{
		"postgres://db.internal:5432/app", "https://example.com/path", "public-read", "AKIA-not-a-key",
		"-----BEGIN CERTIFICATE-----", "Server=db;Password=${DB_PASSWORD};", "arn:aws:iam::123:role/x",
	} {
		assert.Empty(t, ValueKind(value), value)
	}
}

func TestScriptSecretKind(t *testing.T) {
	assert.Equal(t, "a literal assigned to DB_PASSWORD", ScriptKind("#!/bin/sh\nexport DB_PASSWORD=hunter22\n"))
	assert.Equal(t, "a literal assigned to api_key", ScriptKind("api_key: 'abcd1234'"))
	assert.Empty(t, ScriptKind("export DB_PASSWORD=$(aws ssm get-parameter --name x)\n"))
	assert.Empty(t, ScriptKind("export DB_PASSWORD=\"${PASSWORD}\"\necho hi\n"))
	assert.Empty(t, ScriptKind("PASSWORD_LENGTH=12"), "PASSWORD_LENGTH is not a secret")
	encoded := base64.StdEncoding.EncodeToString([]byte("#!/bin/sh\nTOKEN=abcdef123456\n"))
	assert.Equal(t, "a literal assigned to TOKEN", ScriptKind(decodeBase64(encoded)))
}

func TestHighEntropy(t *testing.T) {
	assert.True(t, HighEntropy("hY7#kL9$mN2pQ5rS8tV1wX4z"))
	assert.True(t, HighEntropy("Zx9Kq2Lm7Np4Rs8Tv1Wy5Ab3Cd6Ef0Gh"))
	for _, s := range []string{
		"vpc-0a1b2c3d4e5f67890",                                            // an id: lower case and digits
		"3f2504e0-4f89-11d3-9a0c-0305e82c3301",                             // a UUID
		"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", // a digest
		"us-east-1", "ThisIsAFairlyLongCamelCaseName", "https://Example.com/Some/Path1",
	} {
		assert.False(t, HighEntropy(s), s)
	}
}

// filler is 2 MiB of an ordinary script, large enough for the windowed scan.
var filler = strings.Repeat("#!/bin/bash\napt-get install -y nginx; systemctl start nginx\n", 2<<20/59)

// TestLargeValuesAreScannedInWindows finds every secret shape anywhere in a value too large to
// hand whole to the regular expressions, and says when a value had more candidates than the scan
// looks at.
func TestLargeValuesAreScannedInWindows(t *testing.T) {
	tests := []struct {
		name, script, want string
		complete           bool
	}{
		{"key at the end", filler + "aws_key = AKIAIOSFODNN7EXAMPLE\n", "an AWS access key", true},
		{"private key in the middle", filler + "-----BEGIN OPENSSH PRIVATE KEY-----\n" + filler, "a private key", true},
		{"assignment at the end", filler + "export Db_Password=hunter22\n", "a literal assigned to Db_Password", true},
		{"assignment at the start", "DB_TOKEN=abcdef123456\n" + filler, "a literal assigned to DB_TOKEN", true},
		{"reference only", filler + "export DB_PASSWORD=$(cat /run/secret)\n", "", true},
		{"nothing", filler, "", true},
		{"secret past the bytes scanned", strings.Repeat(filler, MaxScanBytes/len(filler)+1) + "DB_PASSWORD=hunter22\n",
			"", false},
		{"too many candidates before the secret", strings.Repeat("password ", MaxScanWindows+1) + filler +
			"DB_PASSWORD=hunter22\n", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			kind, complete := ScriptScan(tt.script)
			assert.Equal(t, tt.want, kind)
			assert.Equal(t, tt.complete, complete)
		})
	}
}
