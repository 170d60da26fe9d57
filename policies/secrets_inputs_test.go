package policies

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi-securely/pulumi-securely/policies/secrets"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNoPlaintextSecretsInInputs(t *testing.T) {
	rds := packtest.ResourceCase("aws:rds/instance:Instance", "db")
	cases := []packtest.Case{
		{Name: "plaintext RDS password", Want: packtest.Violation,
			Message: "input password of db is named like a secret but is not a Pulumi secret"},
		{Name: "secret RDS password", Want: packtest.Pass},
		{Name: "password unknown in preview", Want: packtest.NotApplicable, Message: "value unknown during preview: password"},
		{Name: "managed master password", Want: packtest.Pass},
	}
	cases[0].Resource = rds(packtest.Props{"password": packtest.Canary}).Resource
	cases[1].Resource = rds(packtest.Props{"password": packtest.Secret(packtest.Canary)}).Resource
	cases[2].Resource = rds(packtest.Props{"password": packtest.Unknown}).Resource
	cases[3].Resource = rds(packtest.Props{"manageMasterUserPassword": true, "username": "admin"}).Resource

	userData := "#!/bin/bash\nexport DB_PASSWORD=" + packtest.Canary + "\n"
	cases = append(cases,
		packtest.Case{Name: "Lambda environment variable named like a secret", Want: packtest.Violation,
			Message: "input environment.variables.API_TOKEN",
			Resource: packtest.Resource("aws:lambda/function:Function", "fn", packtest.Props{
				"environment": packtest.Props{"variables": packtest.Props{"API_TOKEN": packtest.Canary, "STAGE": "prod"}}})},
		packtest.Case{Name: "the IMDSv2 setting httpTokens holds no token", Want: packtest.Pass,
			Resource: packtest.Resource("aws:ec2/instance:Instance", "vm", packtest.Props{
				"metadataOptions": packtest.Props{"httpTokens": "required"}})},
		packtest.Case{Name: "ElastiCache auth token (v7 list-free shape)", Want: packtest.Violation, Message: "authToken",
			Resource: packtest.Resource("aws:elasticache/replicationGroup:ReplicationGroup", "cache",
				packtest.Props{"authToken": packtest.Canary})},
		packtest.Case{Name: "EC2 user data assigning a password", Want: packtest.Violation,
			Message:  "input userData of vm is a script holding a literal assigned to DB_PASSWORD",
			Resource: packtest.Resource("aws:ec2/instance:Instance", "vm", packtest.Props{"userData": userData})},
		packtest.Case{Name: "launch template user data in base64", Want: packtest.Violation, Message: "userData",
			Resource: packtest.Resource("aws:ec2/launchTemplate:LaunchTemplate", "lt",
				packtest.Props{"userData": base64.StdEncoding.EncodeToString([]byte(userData))})},
		packtest.Case{Name: "user data reading the secret at boot", Want: packtest.Pass,
			Resource: packtest.Resource("aws:ec2/instance:Instance", "vm", packtest.Props{
				"userData": "#!/bin/bash\nexport DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id db)\n"})},
		packtest.Case{Name: "SecureString parameter value", Want: packtest.Violation, Message: "SecureString",
			Resource: packtest.Resource("aws:ssm/parameter:Parameter", "p",
				packtest.Props{"type": "SecureString", "value": packtest.Canary})},
		packtest.Case{Name: "String parameter value", Want: packtest.Pass,
			Resource: packtest.Resource("aws:ssm/parameter:Parameter", "p", packtest.Props{"type": "String", "value": "v1"})},
		packtest.Case{Name: "parameter type unknown", Want: packtest.NotApplicable, Message: "type",
			Resource: packtest.Resource("aws:ssm/parameter:Parameter", "p",
				packtest.Props{"type": packtest.Unknown, "value": "v1"})},
		packtest.Case{Name: "Kubernetes Secret stringData", Want: packtest.Violation, Message: "stringData.config.json of s is Kubernetes Secret data",
			Resource: packtest.Resource("kubernetes:core/v1:Secret", "s",
				packtest.Props{"stringData": packtest.Props{"config.json": packtest.Canary}})},
		packtest.Case{Name: "Kubernetes Secret with secret data", Want: packtest.Pass,
			Resource: packtest.Resource("kubernetes:core/v1:Secret", "s",
				packtest.Props{"stringData": packtest.Secret(packtest.Props{"token": packtest.Canary})})},
		packtest.Case{Name: "container env var named like a secret", Want: packtest.Violation,
			Message: "spec.template.spec.containers[0].env[0].value of web is the value of POSTGRES_PASSWORD",
			Resource: packtest.Resource("kubernetes:apps/v1:Deployment", "web", packtest.Props{"spec": packtest.Props{
				"template": packtest.Props{"spec": packtest.Props{"containers": []any{packtest.Props{
					"name": "db", "env": []any{packtest.Props{"name": "POSTGRES_PASSWORD", "value": packtest.Canary}}}}}}}})},
		packtest.Case{Name: "container env var from a secret reference", Want: packtest.Pass,
			Resource: packtest.Resource("kubernetes:apps/v1:Deployment", "web", packtest.Props{"spec": packtest.Props{
				"template": packtest.Props{"spec": packtest.Props{"containers": []any{packtest.Props{
					"name": "db", "env": []any{packtest.Props{"name": "POSTGRES_PASSWORD",
						"valueFrom": packtest.Props{"secretKeyRef": packtest.Props{"name": "db", "key": "password"}}}}}}}}}})},
		packtest.Case{Name: "ECS container definitions JSON", Want: packtest.Violation,
			Message: "containerDefinitions of task is a JSON document whose [0].environment[0].value is the value of API_KEY",
			Resource: packtest.Resource("aws:ecs/taskDefinition:TaskDefinition", "task", packtest.Props{
				"containerDefinitions": `[{"name":"app","environment":[{"name":"API_KEY","value":"` + packtest.Canary + `"}]}]`})},
		packtest.Case{Name: "Azure VM admin password", Want: packtest.Violation, Message: "osProfile.adminPassword",
			Resource: packtest.Resource("azure-native:compute:VirtualMachine", "vm",
				packtest.Props{"osProfile": packtest.Props{"adminUsername": "azureuser", "adminPassword": packtest.Canary}})},
		packtest.Case{Name: "Key Vault secret value", Want: packtest.Violation, Message: "properties.value",
			Resource: packtest.Resource("azure-native:keyvault:Secret", "s",
				packtest.Props{"properties": packtest.Props{"value": packtest.Canary}})},
		packtest.Case{Name: "GCP SQL user password", Want: packtest.Violation, Message: "password",
			Resource: packtest.Resource("gcp:sql/user:User", "u", packtest.Props{"password": packtest.Canary})},
		packtest.Case{Name: "provider credentials", Want: packtest.Violation, Message: "input secretKey of default",
			Resource: packtest.Resource("pulumi:providers:aws", "default",
				packtest.Props{"region": "us-east-1", "secretKey": packtest.Canary})},
		packtest.Case{Name: "connection string value under an innocent name", Want: packtest.Violation,
			Message: "holds what looks like a connection string with a password",
			Resource: packtest.Resource("azure-native:web:WebApp", "app", packtest.Props{
				"siteConfig": packtest.Props{"appSettings": []any{packtest.Props{"name": "DB",
					"value": "Server=db;User Id=sa;Password=" + packtest.Canary + ";"}}}})},
		packtest.Case{Name: "ignored property", Want: packtest.Pass, Config: map[string]any{
			"ignoreProperties": []any{"aws:rds/instance:Instance:password"}},
			Resource: packtest.Resource("aws:rds/instance:Instance", "db", packtest.Props{"password": "x"})},
		packtest.Case{Name: "ignored name everywhere", Want: packtest.Pass, Config: map[string]any{
			"ignoreProperties": []any{"*:API_TOKEN"}},
			Resource: packtest.Resource("aws:lambda/function:Function", "fn", packtest.Props{
				"environment": packtest.Props{"variables": packtest.Props{"API_TOKEN": "x"}}})},
		packtest.Case{Name: "ordinary resource", Want: packtest.Pass,
			Resource: packtest.Resource("aws:s3/bucket:Bucket", "b", packtest.Props{"bucket": "logs", "acl": "private",
				"tags": packtest.Props{"owner": "a"}, "policy": `{"Statement":[{"Effect":"Deny","Principal":"*"}]}`})},
	)
	eleven := packtest.Props{}
	for i := range 11 {
		eleven[fmt.Sprintf("API_TOKEN_%d", i)] = "x"
	}
	cases = append(cases, packtest.Case{Name: "more than ten", Want: packtest.Violation, Count: 11,
		Message: "fn has more plaintext secret inputs (1 not shown)",
		Resource: packtest.Resource("aws:lambda/function:Function", "fn", packtest.Props{
			"environment": packtest.Props{"variables": eleven}})})
	packtest.Run(t, All(), "no-plaintext-secrets-in-inputs", cases)
}

func TestNoPlaintextSecretsInInputsRemediates(t *testing.T) {
	policy := packtest.Find(t, All(), "no-plaintext-secrets-in-inputs")
	r := packtest.Resource("kubernetes:apps/v1:Deployment", "web", packtest.Props{"spec": packtest.Props{
		"containers": []any{packtest.Props{"env": []any{
			packtest.Props{"name": "DB_PASSWORD", "value": packtest.Canary},
			packtest.Props{"name": "PORT", "value": "80"},
		}}}}})
	res := packtest.Remediate(t, policy, r)
	require.Len(t, res.Remediations, 1)
	env := res.Remediations[0].Properties.Get("spec").AsMap().Get("containers").AsArray().Get(0).AsMap().Get("env").AsArray()
	assert.True(t, env.Get(0).AsMap().Get("value").Secret(), "the password is now a secret")
	assert.False(t, env.Get(1).AsMap().Get("value").Secret(), "the port is left alone")
	assert.Equal(t, property.New(packtest.Canary), env.Get(0).AsMap().Get("value").WithSecret(false))
}

func TestNoPlaintextSecretsInInputsSaysWhenAValueIsTooLargeToScan(t *testing.T) {
	instance := func(userData string) packtest.Case {
		return packtest.ResourceCase("aws:ec2/instance:Instance", "web")(packtest.Props{"userData": userData})
	}
	hostile := strings.Repeat("password ", secrets.MaxScanWindows+1) + strings.Repeat("x", secrets.WindowedScan)
	cases := []packtest.Case{
		instance(hostile + "\nDB_PASSWORD=hunter22\n"),
		instance(strings.Repeat("echo hi\n", secrets.WindowedScan) + "DB_PASSWORD=hunter22\n"),
	}
	cases[0].Name, cases[0].Want = "more candidates than the scan looks at", packtest.NotApplicable
	cases[0].Message = "input userData of web is too large to scan fully for secrets (over 8 MiB, or over 1000 places"
	cases[1].Name, cases[1].Want = "a large script is scanned whole", packtest.Violation
	cases[1].Message = "input userData of web is a script holding a literal assigned to DB_PASSWORD"
	packtest.Run(t, All(), "no-plaintext-secrets-in-inputs", cases)
}
