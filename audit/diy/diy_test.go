package diy

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/audit"
	"github.com/pulumi-securely/pulumi-securely/audit/internal/audittest"
	diybackend "github.com/pulumi/pulumi/pkg/v3/backend/diy"
	"github.com/pulumi/pulumi/pkg/v3/secrets/passphrase"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testPassphrase = "correct horse battery staple"

// fileBackend writes stacks into a DIY file backend through the SDK's own backend, as the CLI
// does: shop/prod (tagged production, a public bucket with an encrypted secret), shop/dev
// (untagged) and shop/bad, whose state file is then corrupted. It returns the backend URL and
// the project folder holding Pulumi.prod.yaml.
func fileBackend(t *testing.T) (string, string) {
	ctx := context.Background()
	dir := t.TempDir()
	url := "file://" + filepath.ToSlash(dir)
	sink := diag.DefaultSink(io.Discard, io.Discard, diag.FormatOptions{Color: colors.Never})
	be, err := diybackend.New(ctx, sink, url, nil)
	require.NoError(t, err)

	salt, sm, err := passphrase.NewPassphraseSecretsManager(testPassphrase)
	require.NoError(t, err)
	enc := func(s string) string {
		ct, err := sm.Encrypter().EncryptValue(ctx, s)
		require.NoError(t, err)
		return ct
	}
	providers := map[string]any{"type": "passphrase", "state": map[string]any{"salt": salt}}

	create := func(stack string, tags map[string]string, d map[string]any) {
		d["secrets_providers"] = providers
		raw, err := json.Marshal(d)
		require.NoError(t, err)
		ref, err := be.ParseStackReference("organization/shop/" + stack)
		require.NoError(t, err)
		stk, err := be.CreateStack(ctx, ref, "", &apitype.UntypedDeployment{Version: 3, Deployment: raw}, nil)
		require.NoError(t, err)
		if tags != nil {
			require.NoError(t, be.UpdateStackTags(ctx, stk, tags))
		}
	}
	bucket := audittest.PublicBucket(t, "assets")
	bucket.Inputs["tags"] = map[string]any{"note": audittest.Encrypted(t, enc, audittest.Canary)}
	create("prod", map[string]string{"owner": "team-a", "environment": "production"}, audittest.Deployment("shop", "prod", bucket))
	create("dev", nil, audittest.Deployment("shop", "dev"))
	create("bad", nil, audittest.Deployment("shop", "bad"))
	require.NoError(t, os.WriteFile(filepath.Join(dir, ".pulumi", "stacks", "shop", "bad.json"), []byte("{"+audittest.Canary), 0o600))

	project := t.TempDir()
	audittest.Put(t, filepath.Join(project, "Pulumi.yaml"), []byte("name: shop\nruntime: yaml\n"))
	audittest.Put(t, filepath.Join(project, "Pulumi.prod.yaml"), []byte("encryptionsalt: "+salt+"\nconfig:\n"+
		"  shop:dbPassword:\n    secure: "+enc(audittest.Canary)+"\n"+
		"  shop:apiToken: "+audittest.Canary+"\n"+
		"  aws:region: eu-west-1\n"))
	return url, project
}

func TestAuditDIYBackend(t *testing.T) {
	p := audittest.Pack(t)
	url, project := fileBackend(t)

	tests := []struct {
		name        string
		env         map[string]string
		wantNote    string
		wantNoNotes bool
	}{
		{name: "without it, they are redacted and the report says so", env: nil,
			wantNote: "PULUMI_CONFIG_PASSPHRASE is not set"},
		{name: "with a wrong one, they are redacted and the report says so",
			env: map[string]string{"PULUMI_CONFIG_PASSPHRASE": "wrong"}, wantNote: "the passphrase does not decrypt them"},
		// Last: the SDK caches a secrets manager by its salt once a passphrase opened it.
		{name: "with the passphrase, secrets are decrypted", env: map[string]string{"PULUMI_CONFIG_PASSPHRASE": testPassphrase},
			wantNoNotes: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			paths := []string{filepath.Join(out, "r.json"), filepath.Join(out, "r.md"), filepath.Join(out, "r.html"),
				filepath.Join(out, "r.sarif")}
			code, stdout, stderr := audittest.RunMain(t, audit.Main, p, tt.env, "--backend", url, "--project", project, "--json", paths[0],
				"--markdown", paths[1], "--html", paths[2], "--sarif", paths[3], "--workers", "2")
			assert.Equal(t, 1, code, "a critical finding and a failed stack")
			audittest.RequireNoCanary(t, paths...)
			assert.NotContains(t, stdout+stderr, audittest.Canary)

			r, err := audit.ReadReport(paths[0])
			require.NoError(t, err)
			require.Len(t, r.Stacks, 3)
			bad, dev, prod := r.Stacks[0], r.Stacks[1], r.Stacks[2]
			assert.Equal(t, "organization/shop/bad", bad.StackID.String())
			assert.Contains(t, bad.Error, "loading the stack")

			assert.Empty(t, dev.Error)
			assert.True(t, dev.Described, "a DIY backend knows every stack's tags, even none")
			assert.Contains(t, dev.Policies(), "required-stack-tags")

			assert.Empty(t, prod.Error)
			assert.True(t, prod.Described)
			assert.Equal(t, map[string]string{"owner": "team-a", "environment": "production"}, prod.Tags)
			assert.Contains(t, prod.Policies(), "aws-s3-bucket-public-acl")
			assert.NotContains(t, prod.Policies(), "required-stack-tags")
			assert.Contains(t, prod.Policies(), "no-plaintext-secrets-in-config", "shop:apiToken is in plain text")
			for _, f := range prod.Findings {
				if f.Policy == "no-plaintext-secrets-in-config" {
					assert.Contains(t, f.Message, "shop:apiToken")
					assert.NotContains(t, f.Message, "dbPassword", "a secure value is a secret")
				}
			}
			if tt.wantNoNotes {
				assert.Empty(t, prod.Notes)
			} else {
				require.Len(t, prod.Notes, 2, "the state's and the config's secrets")
				assert.Contains(t, prod.Notes[0], "1 secret(s) of the state could not be decrypted here ("+tt.wantNote)
				assert.Contains(t, prod.Notes[1], "secret config values were not decrypted ("+tt.wantNote)
			}
		})
	}
}

func TestAuditDIYBackendRejectsOtherURLs(t *testing.T) {
	code, _, stderr := audittest.RunMain(t, audit.Main, audittest.Pack(t), nil, "--backend", "https://user:pw@api.example.com?token=x")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "is not a DIY backend URL")
	assert.NotContains(t, stderr, "pw@", "credentials in the URL are not repeated")
	assert.NotContains(t, stderr, "token=x")
}
