package policies

import (
	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/policies/frameworks"
)

// protection is one deletion safeguard a provider offers on a stateful resource: it returns what
// is wrong, or "".
type protection func(r *pack.Resource) string

// mustBeTrue wants a boolean safeguard on; def is the provider's default.
func mustBeTrue(property string, def bool) protection {
	return func(r *pack.Resource) string {
		if !r.Get(property).Bool(def) {
			return "set " + property + ": true"
		}
		return ""
	}
}

// mustNotBeTrue wants an escape hatch (force destroy, skip final snapshot) off.
func mustNotBeTrue(property string) protection {
	return func(r *pack.Resource) string {
		if r.Get(property).Bool(false) {
			return "remove " + property + ": true, which lets a delete destroy the data"
		}
		return ""
	}
}

// mustEqual wants a safeguard set to a value; def is the provider's default.
func mustEqual(property, want, def string) protection {
	return func(r *pack.Resource) string {
		if r.Get(property).Text(def) != want {
			return "set " + property + ": " + want
		}
		return ""
	}
}

// mustNotBeZero wants a recovery window; zero deletes at once.
func mustNotBeZero(property string) protection {
	return func(r *pack.Resource) string {
		if r.Get(property).Exists() && r.Get(property).Int(0) == 0 {
			return "remove " + property + ": 0, which deletes without a recovery window"
		}
		return ""
	}
}

// statefulTypes are the resources that hold data, with the deletion safeguards their provider
// offers (pulumi-aws v6 and v7, azure-native, gcp, kubernetes).
var statefulTypes = map[string][]protection{
	"aws:rds/instance:Instance":                         {mustBeTrue("deletionProtection", false), mustNotBeTrue("skipFinalSnapshot")},
	"aws:rds/cluster:Cluster":                           {mustBeTrue("deletionProtection", false), mustNotBeTrue("skipFinalSnapshot")},
	"aws:rds/globalCluster:GlobalCluster":               {mustBeTrue("deletionProtection", false), mustNotBeTrue("forceDestroy")},
	"aws:docdb/cluster:Cluster":                         {mustBeTrue("deletionProtection", false), mustNotBeTrue("skipFinalSnapshot")},
	"aws:neptune/cluster:Cluster":                       {mustBeTrue("deletionProtection", false), mustNotBeTrue("skipFinalSnapshot")},
	"aws:redshift/cluster:Cluster":                      {mustNotBeTrue("skipFinalSnapshot")},
	"aws:dynamodb/table:Table":                          {mustBeTrue("deletionProtectionEnabled", false)},
	"aws:s3/bucket:Bucket":                              {mustNotBeTrue("forceDestroy")},
	"aws:s3/bucketV2:BucketV2":                          {mustNotBeTrue("forceDestroy")},
	"aws:ebs/volume:Volume":                             nil,
	"aws:efs/fileSystem:FileSystem":                     nil,
	"aws:kms/key:Key":                                   nil,
	"aws:elasticache/replicationGroup:ReplicationGroup": nil,
	"aws:opensearch/domain:Domain":                      nil,
	"aws:elasticsearch/domain:Domain":                   nil,
	"aws:secretsmanager/secret:Secret":                  {mustNotBeZero("recoveryWindowInDays")},
	"aws:ecr/repository:Repository":                     {mustNotBeTrue("forceDelete")},
	"aws:cognito/userPool:UserPool":                     {mustEqual("deletionProtection", "ACTIVE", "INACTIVE")},
	"aws:backup/vault:Vault":                            {mustNotBeTrue("forceDestroy")},
	"aws:qldb/ledger:Ledger":                            {mustBeTrue("deletionProtection", true)},
	"azure-native:storage:StorageAccount":               nil,
	"azure-native:sql:Server":                           nil,
	"azure-native:sql:Database":                         nil,
	"azure-native:keyvault:Vault":                       nil,
	"azure-native:dbforpostgresql:FlexibleServer":       nil,
	"azure-native:dbformysql:FlexibleServer":            nil,
	"azure-native:documentdb:DatabaseAccount":           nil,
	"azure-native:compute:Disk":                         nil,
	"azure-native:cache:Redis":                          nil,
	"azure-native:containerregistry:Registry":           nil,
	"gcp:sql/databaseInstance:DatabaseInstance":         {mustBeTrue("deletionProtection", true)},
	"gcp:container/cluster:Cluster":                     {mustBeTrue("deletionProtection", true)},
	"gcp:spanner/database:Database":                     {mustBeTrue("deletionProtection", true)},
	"gcp:storage/bucket:Bucket":                         {mustNotBeTrue("forceDestroy")},
	"gcp:bigquery/dataset:Dataset":                      {mustNotBeTrue("deleteContentsOnDestroy")},
	"gcp:compute/disk:Disk":                             nil,
	"gcp:kms/cryptoKey:CryptoKey":                       nil,
	"gcp:redis/instance:Instance":                       nil,
	"kubernetes:core/v1:PersistentVolumeClaim":          nil,
	"kubernetes:core/v1:PersistentVolume":               nil,
}

type protectionSettings struct {
	productionStack
}

func init() {
	types := make([]string, 0, len(statefulTypes))
	for t := range statefulTypes {
		types = append(types, t)
	}
	register(pack.Policy{
		Name:        "production-protection",
		DisplayName: "Production data is protected from deletion",
		Description: "In production stacks, resources that hold data (databases, buckets, volumes, file " +
			"systems, key vaults, KMS keys, tables, ...) carry the protect resource option, and the provider's " +
			"own deletion protection where it has one, so that no update or destroy deletes them by accident.",
		Severity:  pack.High,
		Framework: frameworks.UsingPulumiSecurely("production: protect stateful resources"),
		Tags:      []string{"production", "resilience", "aws", "azure", "gcp", "kubernetes"},
		Remediation: "Add the protect resource option (protect: true) and turn on the provider's deletion " +
			"protection. To delete the resource on purpose later, remove protection in one update, then delete.",
		Types:      types,
		Config:     pack.Schema{Properties: productionSchema(map[string]pack.JSONSchema{})},
		Settings:   func() any { return &protectionSettings{} },
		Resource:   checkProductionProtection,
		InputsOnly: true, // about what the program declares, not the deployed resource
	})
}

func checkProductionProtection(c *pack.Check, r *pack.Resource) {
	if !pack.SettingsOf[protectionSettings](c).skipUnlessProduction(c) {
		return
	}
	if !r.Options.Protect {
		c.Violatef("%s holds data in production but is not protected: set the protect resource option", r.Name)
	}
	for _, p := range statefulTypes[r.Type] {
		if problem := p(r); problem != "" {
			c.Violatef("%s holds data in production: %s", r.Name, problem)
		}
	}
}
