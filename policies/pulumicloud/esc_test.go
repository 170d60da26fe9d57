package pulumicloud

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/archive"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/asset"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/require"
)

func TestESCEnvironmentNoPlaintextSecrets(t *testing.T) {
	v1, v2, api := "pulumiservice:index:Environment", "pulumiservice:esc:Environment", "pulumiservice:api/esc:Environment"
	environment := func(typ string, definition any) packtest.Case {
		return packtest.Case{Resource: packtest.Resource(typ, "env",
			packtest.Props{"organization": "acme", "project": "app", "name": "prod", "yaml": definition})}
	}
	// text is a definition as v1 programs pass it: a StringAsset.
	text := func(definition string) property.Value {
		a, err := asset.FromText(definition)
		require.NoError(t, err)
		return property.New(a)
	}
	files, err := archive.FromAssets(map[string]any{"env.yaml": &asset.Asset{Sig: asset.AssetSig, Text: "values: {}"}})
	require.NoError(t, err)

	cases := []packtest.Case{
		packtest.Named(environment(v1, text("values:\n  db:\n    host: db.acme.dev\n    password: "+packtest.Canary+"\n")),
			"plaintext password", packtest.Violation,
			"yaml values.db.password of env is named like a secret but is not wrapped in fn::secret: ESC keeps it "+
				"in plain text and shows it to everyone who can read the environment; wrap it in fn::secret or read "+
				"it from a secrets provider"),
		packtest.Named(environment(api, "values:\n  pulumiConfig:\n    app:apiKey: "+packtest.Canary+"\n"),
			"plaintext config key (api, a string)", packtest.Violation, "yaml values.pulumiConfig.app:apiKey of env"),
		packtest.Named(environment(v2, packtest.Secret("values:\n  db:\n    password: "+packtest.Canary+"\n")),
			"plaintext password in a yaml that is a Pulumi secret (v2)", packtest.Violation,
			"the details are withheld because the check read secret values (yaml)"),
		packtest.Named(environment(v1, text("values:\n  settings:\n    publishKey: AKIAIOSFODNN7EXAMPLE\n")),
			"AWS access key under an innocuous name", packtest.Violation,
			"yaml values.settings.publishKey of env holds what looks like an AWS access key"),
		packtest.Named(environment(v1, text("values:\n  db:\n    password:\n      fn::toBase64: "+packtest.Canary+"\n")),
			"password passed through a function", packtest.Violation, "yaml values.db.password.fn::toBase64 of env"),
		packtest.Named(environment(v1, text("values:\n  aws:\n    login:\n      fn::open::aws-login:\n        static:\n"+
			"          accessKeyId: AKIAIOSFODNN7EXAMPLE\n          secretAccessKey: "+packtest.Canary+"\n")),
			"static keys given to an ESC provider", packtest.Violation,
			"yaml values.aws.login.fn::open::aws-login.static.secretAccessKey of env is named like a secret"),
		packtest.Named(environment(v1, text("values:\n  db:\n    password:\n      fn::secret: "+packtest.Canary+"\n")),
			"fn::secret in a yaml that is not a Pulumi secret", packtest.Violation,
			"yaml values.db.password of env is wrapped in fn::secret, but yaml is not a Pulumi secret: the "+
				"program's plaintext copy is stored in the state; make yaml a secret"),
		packtest.Named(environment(v2, packtest.Secret("values:\n  db:\n    password:\n      fn::secret: "+packtest.Canary+"\n")),
			"fn::secret in a yaml that is a Pulumi secret", packtest.Pass, ""),
		packtest.Named(environment(v1, text("values:\n  db:\n    password:\n      fn::secret:\n        ciphertext: ZXNjeAAAAAEAAAEA\n")),
			"fn::secret ciphertext", packtest.Pass, ""),
		packtest.Named(environment(v1, text(`values:
  aws:
    login:
      fn::open::aws-login:
        oidc:
          roleArn: arn:aws:iam::123456789012:role/esc
          sessionName: pulumi-esc
    secrets:
      fn::open::aws-secrets:
        region: us-west-2
        login: ${aws.login}
        get:
          dbPassword:
            secretId: prod/db/password
  db:
    connectionString: Server=${db.host};Password=${aws.secrets.dbPassword}
    requirePassword: true
    tokenTtl: 3600
    maxTokens: 100
  environmentVariables:
    AWS_ACCESS_KEY_ID: ${aws.login.accessKeyId}
    AWS_SECRET_ACCESS_KEY: ${aws.login.secretAccessKey}
    DB_PASSWORD: ${aws.secrets.dbPassword}
`)), "OIDC login, secrets manager and interpolations", packtest.Pass, ""),
		packtest.Named(environment(v1, text("values:\n  db:\n    url: postgres://app:"+packtest.Canary+"@db:5432/app?x=${db.name}\n")),
			"literal password around an interpolation", packtest.Violation,
			"yaml values.db.url of env holds what looks like a connection string with a password"),
		packtest.Named(environment(v1, text("imports:\n  - acme/base\n")), "imports only", packtest.Pass, ""),
		packtest.Named(environment(v1, text("")), "empty definition", packtest.Pass, ""),
		packtest.Named(environment(v1, text("values:\n  db: {password: "+packtest.Canary+"\n")), "malformed YAML",
			packtest.NotApplicable, "yaml of env is not valid YAML"),
		packtest.Named(environment(v1, packtest.Unknown), "definition unknown during preview", packtest.NotApplicable,
			"value unknown during preview: yaml"),
		packtest.Named(environment(v1, property.New(&asset.Asset{Sig: asset.AssetSig, Path: "env.yaml"})), "file asset",
			packtest.NotApplicable, "yaml of env is a file or remote asset, whose content policies are not sent"),
		packtest.Named(environment(v1, property.New(files)), "archive", packtest.NotApplicable,
			"yaml of env is an archive, whose content policies are not sent"),
	}
	packtest.Run(t, Policies(), "pulumi-cloud-esc-environment-no-plaintext-secrets", cases)
}
