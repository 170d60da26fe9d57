// Package synth generates realistic synthetic stacks for benchmarks: a mix of the resource types
// the rules read (S3 buckets with side resources, security groups, databases, IAM policies,
// functions, instances, Kubernetes workloads, Azure and Google resources), about half of them
// insecure, with providers, nested blocks, JSON policy documents, secrets and unknowns.
package synth

import (
	"fmt"
	"math/rand/v2"

	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Stack returns n resources as AnalyzeStack receives them (Analyze takes their
// AnalyzerResource). The same n and seed give the same stack.
func Stack(n int, seed uint64) []plugin.AnalyzerStackResource {
	g := &generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	g.providers()
	for len(g.out) < n {
		g.kinds[g.rng.IntN(len(g.kinds))](g, g.rng.IntN(2) == 0)
	}
	return g.out[:n]
}

type generator struct {
	rng   *rand.Rand
	out   []plugin.AnalyzerStackResource
	aws   *plugin.AnalyzerProviderResource
	k8s   *plugin.AnalyzerProviderResource
	azure *plugin.AnalyzerProviderResource
	gcp   *plugin.AnalyzerProviderResource
	kinds []func(*generator, bool)
}

func urn(typ, name string) resource.URN {
	return resource.NewURN("bench", "synth", "", tokens.Type(typ), name)
}

func (g *generator) providers() {
	provider := func(pkg string, props property.Map) *plugin.AnalyzerProviderResource {
		typ := "pulumi:providers:" + pkg
		p := &plugin.AnalyzerProviderResource{URN: urn(typ, "default"), Type: tokens.Type(typ), Name: "default",
			Properties: props}
		g.out = append(g.out, plugin.AnalyzerStackResource{AnalyzerResource: plugin.AnalyzerResource{
			URN: p.URN, Type: p.Type, Name: p.Name, Properties: props}})
		return p
	}
	g.aws = provider("aws", m(kv{"region", s("us-east-1")}, kv{"version", s("7.2.0")},
		kv{"defaultTags", s(`{"tags":{"owner":"team-bench","environment":"dev"}}`)}))
	g.k8s = provider("kubernetes", m(kv{"version", s("4.18.0")}))
	g.azure = provider("azure-native", m(kv{"version", s("3.8.0")}, kv{"location", s("westeurope")}))
	g.gcp = provider("gcp", m(kv{"version", s("8.40.0")}, kv{"project", s("bench")}))
	g.kinds = []func(*generator, bool){
		(*generator).bucket, (*generator).securityGroup, (*generator).database, (*generator).iamPolicy,
		(*generator).function, (*generator).instance, (*generator).deployment, (*generator).storageAccount,
		(*generator).gcpBucket, (*generator).kmsKey, (*generator).table, (*generator).listener,
	}
}

func (g *generator) add(p *plugin.AnalyzerProviderResource, typ string, props property.Map,
	deps map[resource.PropertyKey][]resource.URN,
) resource.URN {
	name := fmt.Sprintf("r%d", len(g.out))
	u := urn(typ, name)
	var all []resource.URN
	for _, d := range deps {
		all = append(all, d...)
	}
	g.out = append(g.out, plugin.AnalyzerStackResource{
		AnalyzerResource: plugin.AnalyzerResource{URN: u, Type: tokens.Type(typ), Name: name, Properties: props,
			Provider: p},
		Dependencies: all, PropertyDependencies: deps,
	})
	return u
}

// maybeUnknown leaves one value in ten unknown, as a preview does.
func (g *generator) maybeUnknown(v property.Value) property.Value {
	if g.rng.IntN(10) == 0 {
		return property.New(property.Computed)
	}
	return v
}

func (g *generator) bucket(insecure bool) {
	b := g.add(g.aws, "aws:s3/bucket:Bucket", m(kv{"bucket", s(fmt.Sprintf("bench-%d", len(g.out)))},
		kv{"tags", obj(kv{"team", s("bench")})}), nil)
	dep := map[resource.PropertyKey][]resource.URN{"bucket": {b}}
	g.add(g.aws, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", m(kv{"bucket", unknown()},
		kv{"blockPublicAcls", property.New(!insecure)}, kv{"blockPublicPolicy", property.New(true)},
		kv{"ignorePublicAcls", property.New(true)}, kv{"restrictPublicBuckets", property.New(!insecure)}), dep)
	if insecure {
		g.add(g.aws, "aws:s3/bucketAcl:BucketAcl", m(kv{"bucket", unknown()}, kv{"acl", s("public-read")}), dep)
		return
	}
	g.add(g.aws, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
		m(kv{"bucket", unknown()}, kv{"rules", list(obj(kv{"applyServerSideEncryptionByDefault",
			obj(kv{"sseAlgorithm", s("aws:kms")}, kv{"kmsMasterKeyId", s("arn:aws:kms:us-east-1:1:key/k")})}))}), dep)
	g.add(g.aws, "aws:s3/bucketVersioning:BucketVersioning", m(kv{"bucket", unknown()},
		kv{"versioningConfiguration", obj(kv{"status", s("Enabled")})}), dep)
	g.add(g.aws, "aws:s3/bucketPolicy:BucketPolicy", m(kv{"bucket", unknown()}, kv{"policy", s(
		`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*",` +
			`"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}`)}), dep)
}

func (g *generator) securityGroup(insecure bool) {
	cidr := "10.0.0.0/8"
	if insecure {
		cidr = "0.0.0.0/0"
	}
	ingress := list(
		obj(kv{"description", s("https")}, kv{"protocol", s("tcp")}, kv{"fromPort", n(443)}, kv{"toPort", n(443)},
			kv{"cidrBlocks", list(s("0.0.0.0/0"))}),
		obj(kv{"description", s("ssh")}, kv{"protocol", s("tcp")}, kv{"fromPort", n(22)}, kv{"toPort", n(22)},
			kv{"cidrBlocks", list(g.maybeUnknown(s(cidr)))}))
	g.add(g.aws, "aws:ec2/securityGroup:SecurityGroup", m(kv{"description", s("web")}, kv{"vpcId", unknown()},
		kv{"ingress", ingress}), nil)
}

func (g *generator) database(insecure bool) {
	password := property.New("generated-password-value").WithSecret(true)
	if insecure {
		password = property.New("plaintext-password-value")
	}
	g.add(g.aws, "aws:rds/instance:Instance", m(kv{"engine", s("postgres")}, kv{"instanceClass", s("db.t4g.micro")},
		kv{"password", password}, kv{"storageEncrypted", property.New(!insecure)},
		kv{"publiclyAccessible", g.maybeUnknown(property.New(insecure))}, kv{"backupRetentionPeriod", n(7)},
		kv{"iamDatabaseAuthenticationEnabled", property.New(true)}, kv{"deletionProtection", property.New(true)}), nil)
}

func (g *generator) iamPolicy(insecure bool) {
	action := `"s3:GetObject"`
	if insecure {
		action = `"*"`
	}
	g.add(g.aws, "aws:iam/policy:Policy", m(kv{"policy", g.maybeUnknown(s(
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":` + action + `,"Resource":"*"}]}`))}), nil)
}

func (g *generator) function(insecure bool) {
	token := property.New("tok-value-xyz").WithSecret(true)
	if insecure {
		token = property.New("tok-value-xyz")
	}
	g.add(g.aws, "aws:lambda/function:Function", m(kv{"runtime", s("nodejs20.x")}, kv{"handler", s("index.handler")},
		kv{"role", unknown()}, kv{"environment", obj(kv{"variables", obj(kv{"STAGE", s("dev")},
			kv{"API_TOKEN", token})})}), nil)
}

func (g *generator) instance(insecure bool) {
	tokens := "required"
	if insecure {
		tokens = "optional"
	}
	g.add(g.aws, "aws:ec2/instance:Instance", m(kv{"ami", s("ami-0123456789")}, kv{"instanceType", s("t3.micro")},
		kv{"metadataOptions", obj(kv{"httpTokens", s(tokens)})},
		kv{"rootBlockDevice", obj(kv{"encrypted", property.New(!insecure)}, kv{"volumeSize", n(20)})},
		kv{"userData", s("#!/bin/bash\necho hello\n")}), nil)
}

func (g *generator) deployment(insecure bool) {
	container := obj(kv{"name", s("web")}, kv{"image", s("nginx:1.27")},
		kv{"securityContext", obj(kv{"privileged", property.New(insecure)},
			kv{"allowPrivilegeEscalation", property.New(insecure)}, kv{"runAsNonRoot", property.New(!insecure)})},
		kv{"resources", obj(kv{"limits", obj(kv{"cpu", s("500m")}, kv{"memory", s("256Mi")})})},
		kv{"env", list(obj(kv{"name", s("PORT")}, kv{"value", s("8080")}))})
	g.add(g.k8s, "kubernetes:apps/v1:Deployment", m(kv{"metadata", obj(kv{"name", s("web")})},
		kv{"spec", obj(kv{"replicas", n(2)}, kv{"template", obj(kv{"spec", obj(
			kv{"containers", list(container)}, kv{"hostNetwork", property.New(insecure)})})})}), nil)
}

func (g *generator) storageAccount(insecure bool) {
	g.add(g.azure, "azure-native:storage:StorageAccount", m(kv{"resourceGroupName", s("rg")},
		kv{"location", s("westeurope")}, kv{"enableHttpsTrafficOnly", property.New(!insecure)},
		kv{"minimumTlsVersion", s("TLS1_2")}, kv{"allowBlobPublicAccess", property.New(insecure)},
		kv{"tags", obj(kv{"owner", s("bench")}, kv{"environment", s("dev")})}), nil)
}

func (g *generator) gcpBucket(insecure bool) {
	g.add(g.gcp, "gcp:storage/bucket:Bucket", m(kv{"location", s("EU")},
		kv{"uniformBucketLevelAccess", property.New(!insecure)},
		kv{"labels", obj(kv{"owner", s("bench")}, kv{"environment", s("dev")})}), nil)
}

func (g *generator) kmsKey(insecure bool) {
	g.add(g.aws, "aws:kms/key:Key", m(kv{"enableKeyRotation", property.New(!insecure)}, kv{"description", s("k")}), nil)
}

func (g *generator) table(insecure bool) {
	g.add(g.aws, "aws:dynamodb/table:Table", m(kv{"hashKey", s("id")},
		kv{"pointInTimeRecovery", obj(kv{"enabled", property.New(!insecure)})},
		kv{"attributes", list(obj(kv{"name", s("id")}, kv{"type", s("S")}))}), nil)
}

func (g *generator) listener(insecure bool) {
	protocol := "HTTPS"
	if insecure {
		protocol = "HTTP"
	}
	g.add(g.aws, "aws:lb/listener:Listener", m(kv{"loadBalancerArn", unknown()}, kv{"port", n(443)},
		kv{"protocol", s(protocol)}, kv{"sslPolicy", s("ELBSecurityPolicy-TLS13-1-2-2021-06")},
		kv{"defaultActions", list(obj(kv{"type", s("forward")}, kv{"targetGroupArn", unknown()}))}), nil)
}

// Small constructors of property values.

type kv struct {
	k string
	v property.Value
}

func m(fields ...kv) property.Map {
	out := make(map[string]property.Value, len(fields))
	for _, f := range fields {
		out[f.k] = f.v
	}
	return property.NewMap(out)
}

func obj(fields ...kv) property.Value             { return property.New(m(fields...)) }
func list(items ...property.Value) property.Value { return property.New(items) }
func s(v string) property.Value                   { return property.New(v) }
func n(v float64) property.Value                  { return property.New(v) }
func unknown() property.Value                     { return property.New(property.Computed) }

// SharedNames returns n S3 buckets that all hold one bucket name, each with a bucket policy
// computed from it, as a stack cloned n times shows them: the joins' worst case when they match
// side resources by name.
func SharedNames(n int) []plugin.AnalyzerStackResource {
	g := &generator{}
	g.providers()
	for i := 0; i < n; i++ {
		b := g.add(g.aws, "aws:s3/bucket:Bucket", m(kv{"bucket", s("shared")}, kv{"id", s("shared")},
			kv{"arn", s("arn:aws:s3:::shared")}), nil)
		g.add(g.aws, "aws:s3/bucketPolicy:BucketPolicy", m(kv{"bucket", s("shared")}, kv{"policy", s(
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",` +
				`"Resource":"arn:aws:s3:::shared/*"}]}`)}), map[resource.PropertyKey][]resource.URN{"bucket": {b}})
	}
	return g.out
}
