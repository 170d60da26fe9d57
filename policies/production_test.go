package policies

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
)

func deploymentTagged(dryRun bool, tags map[string]string, env map[string]string) *pack.Deployment {
	d := pack.NewDeployment("acme", "app", "prod", dryRun, tags, nil, nil)
	d.LookupEnv = func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	return d
}

var (
	production  = map[string]string{"environment": "Production", "owner": "a"}
	development = map[string]string{"environment": "dev", "owner": "a"}
)

func TestProductionProtection(t *testing.T) {
	prod := deploymentTagged(true, production, nil)
	rds := func(props packtest.Props) packtest.Case {
		return packtest.Case{Resource: packtest.Resource("aws:rds/instance:Instance", "db", props), Deployment: prod}
	}
	protected := func(c packtest.Case) packtest.Case { c.Resource = packtest.Protected(c.Resource); return c }
	packtest.Run(t, All(), "production-protection", []packtest.Case{
		packtest.Named(rds(packtest.Props{"deletionProtection": true}), "unprotected database", packtest.Violation,
			"db holds data in production but is not protected: set the protect resource option"),
		packtest.Named(protected(rds(packtest.Props{})), "deletion protection defaults to off", packtest.Violation,
			"set deletionProtection: true"),
		packtest.Named(protected(rds(packtest.Props{"deletionProtection": true, "skipFinalSnapshot": true})),
			"skipping the final snapshot", packtest.Violation, "remove skipFinalSnapshot: true"),
		packtest.Named(protected(rds(packtest.Props{"deletionProtection": true})), "protected database", packtest.Pass, ""),
		packtest.Named(protected(rds(packtest.Props{"deletionProtection": packtest.Unknown})), "unknown deletion protection",
			packtest.NotApplicable, "value unknown during preview: deletionProtection"),
		{Name: "v7 bucket with force destroy", Want: packtest.Violation, Message: "remove forceDestroy: true",
			Deployment: prod, Resource: packtest.Protected(packtest.Resource("aws:s3/bucket:Bucket", "b",
				packtest.Props{"forceDestroy": true}))},
		{Name: "v6 BucketV2 protected", Want: packtest.Pass, Deployment: prod,
			Resource: packtest.Protected(packtest.Resource("aws:s3/bucketV2:BucketV2", "b", packtest.Props{}))},
		{Name: "Cognito deletion protection is a string", Want: packtest.Violation, Message: "set deletionProtection: ACTIVE",
			Deployment: prod, Resource: packtest.Protected(packtest.Resource("aws:cognito/userPool:UserPool", "u", nil))},
		{Name: "secret without recovery window", Want: packtest.Violation, Message: "recoveryWindowInDays: 0",
			Deployment: prod, Resource: packtest.Protected(packtest.Resource("aws:secretsmanager/secret:Secret", "s",
				packtest.Props{"recoveryWindowInDays": 0}))},
		{Name: "Cloud SQL deletion protection defaults to on", Want: packtest.Pass, Deployment: prod,
			Resource: packtest.Protected(packtest.Resource("gcp:sql/databaseInstance:DatabaseInstance", "sql", nil))},
		{Name: "Cloud SQL deletion protection turned off", Want: packtest.Violation, Message: "deletionProtection",
			Deployment: prod, Resource: packtest.Protected(packtest.Resource("gcp:sql/databaseInstance:DatabaseInstance",
				"sql", packtest.Props{"deletionProtection": false}))},
		{Name: "unprotected Azure storage account", Want: packtest.Violation, Message: "protect resource option",
			Deployment: prod, Resource: packtest.Resource("azure-native:storage:StorageAccount", "sa", nil)},
		{Name: "unprotected Kubernetes volume claim", Want: packtest.Violation, Message: "protect",
			Deployment: prod, Resource: packtest.Resource("kubernetes:core/v1:PersistentVolumeClaim", "data", nil)},
		{Name: "not a production stack", Want: packtest.NotApplicable, Message: "stack prod is not production",
			Deployment: deploymentTagged(true, development, nil), Resource: packtest.Resource("aws:rds/instance:Instance", "db", nil)},
		{Name: "configured production value", Want: packtest.Violation, Message: "not protected",
			Config:     map[string]any{"environmentTag": "tier", "productionValues": []any{"critical"}},
			Deployment: deploymentTagged(true, map[string]string{"tier": "critical"}, nil),
			Resource:   packtest.Resource("aws:dynamodb/table:Table", "t", nil)},
		{Name: "no stack context", Want: packtest.NotApplicable, Message: "did not send the stack's tags",
			Deployment: &pack.Deployment{}, Resource: packtest.Resource("aws:ebs/volume:Volume", "v", nil)},
		{Name: "stateless resources", Want: packtest.NotApplicable, Message: "other resource types", Deployment: prod,
			Resource: packtest.Resource("aws:lambda/function:Function", "fn", nil)},
	})
}

func TestProductionUpdatesFromPipelines(t *testing.T) {
	stack := packtest.Resource(rootStackType, "app-prod", nil)
	packtest.Run(t, All(), "production-updates-from-pipelines", []packtest.Case{
		{Name: "update from a laptop", Want: packtest.Violation, Resource: stack,
			Deployment: deploymentTagged(false, production, map[string]string{"HOME": "/home/me"}),
			Message:    "this update of production stack prod is not running in CI"},
		{Name: "update from GitHub Actions", Want: packtest.Pass, Resource: stack,
			Deployment: deploymentTagged(false, production, map[string]string{"GITHUB_ACTIONS": "true"})},
		{Name: "CI=false does not count", Want: packtest.Violation, Resource: stack, Message: "not running in CI",
			Deployment: deploymentTagged(false, production, map[string]string{"CI": "false"})},
		{Name: "configured CI variable", Want: packtest.Pass, Resource: stack,
			Config:     map[string]any{"ciVariables": []any{"MY_RUNNER"}},
			Deployment: deploymentTagged(false, production, map[string]string{"MY_RUNNER": "1"})},
		{Name: "preview from a laptop", Want: packtest.NotApplicable, Resource: stack, Message: "previews",
			Deployment: deploymentTagged(true, production, nil)},
		{Name: "development stack", Want: packtest.NotApplicable, Resource: stack, Message: "not production",
			Deployment: deploymentTagged(false, development, nil)},
		{Name: "no stack context", Want: packtest.NotApplicable, Resource: stack, Message: "did not send",
			Deployment: &pack.Deployment{}},
	})
}
