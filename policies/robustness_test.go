package policies

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/pkg/v3/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/require"
)

// getLiteral finds the property names rules read: the string literals of Get calls.
var getLiteral = regexp.MustCompile(`Get\(((?:"[A-Za-z0-9_./-]+"(?:, )?)+)\)`)

// propertyNames harvests the property names the rules read from their source, so that random
// resources hit the paths the rules walk.
func propertyNames(t *testing.T) []string {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	clouds, err := filepath.Glob("*/*.go")
	require.NoError(t, err)
	files = append(files, clouds...)
	seen := map[string]bool{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range getLiteral.FindAllStringSubmatch(string(src), -1) {
			for _, name := range strings.Split(m[1], ", ") {
				seen[strings.Trim(name, `"`)] = true
			}
		}
	}
	require.Greater(t, len(seen), 100, "the harvest found the rules' property names")
	return slices.Sorted(func(yield func(string) bool) {
		for name := range seen {
			if !yield(name) {
				return
			}
		}
	})
}

// shapeShifter builds random property values: every kind the protocol has, in any place, with
// the names the rules read, so that a rule expecting a list meets a string, a number, a secret
// object or an unknown.
type shapeShifter struct {
	rng   *rand.Rand
	names []string
}

func (g *shapeShifter) value(depth int) property.Value {
	var v property.Value
	switch n := g.rng.IntN(12); {
	case n == 0:
		v = property.Value{}
	case n == 1:
		v = property.New(property.Computed)
	case n == 2:
		v = property.New(g.rng.Float64() * 70000)
	case n == 3:
		v = property.New(g.rng.IntN(2) == 0)
	case n <= 6:
		v = property.New(g.text())
	case n <= 8 && depth < 4:
		items := make([]property.Value, g.rng.IntN(4))
		for i := range items {
			items[i] = g.value(depth + 1)
		}
		v = property.New(items)
	case depth < 4:
		v = property.New(g.object(depth + 1))
	default:
		v = property.New(g.text())
	}
	if g.rng.IntN(10) == 0 {
		v = v.WithSecret(true)
	}
	return v
}

// text is a string a rule may compare against: a property name, a CIDR, a port, a JSON document,
// an ARN pattern, or nothing.
func (g *shapeShifter) text() string {
	choices := []string{"", "*", "0.0.0.0/0", "::/0", "22", "-1", "tcp", "all", "true", "off", "Enabled", "latest",
		"arn:aws:iam::aws:policy/AdministratorAccess", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`,
		`{"Statement":{"Effect":"Allow","Principal":"*"}}`, "[1,2", "default", "cluster-admin", "system:masters"}
	if g.rng.IntN(2) == 0 {
		return g.names[g.rng.IntN(len(g.names))]
	}
	return choices[g.rng.IntN(len(choices))]
}

func (g *shapeShifter) object(depth int) property.Map {
	props := map[string]property.Value{}
	for range g.rng.IntN(8) {
		props[g.names[g.rng.IntN(len(g.names))]] = g.value(depth)
	}
	return property.NewMap(props)
}

// panics returns the diagnostics that report a rule failing, which a malformed input must never
// cause: a rule that cannot read what it needs says so as not-applicable.
func panics(resp plugin.AnalyzeResponse) []string {
	var out []string
	for _, d := range resp.Diagnostics {
		if strings.Contains(d.Message, "failed while checking") {
			out = append(out, d.Message)
		}
	}
	return out
}

// TestRulesSurviveMalformedInputs feeds every rule, for every type token it names, random
// resources of every shape (names the rules read, values of every kind, unknowns and secrets
// anywhere, dependencies between them) through Analyze and AnalyzeStack, and fails on any rule
// that panics instead of deciding or deferring.
func TestRulesSurviveMalformedInputs(t *testing.T) {
	var types []string
	for _, p := range All() {
		for _, typ := range p.Types {
			if !strings.HasSuffix(typ, "*") && !slices.Contains(types, typ) {
				types = append(types, typ)
			}
		}
	}
	g := &shapeShifter{rng: rand.New(rand.NewPCG(7, 11)), names: propertyNames(t)}
	a, err := pack.NewAnalyzer(pack.Pack{Name: "robustness", Version: "0.0.1", Policies: All()})
	require.NoError(t, err)
	a.ConfigureStack(pack.NewDeployment("acme", "app", "prod", false,
		map[string]string{"owner": "a", "environment": "production"}, map[string]string{"app:key": "v"}, nil))
	const rounds = 60
	for round := range rounds {
		var stack []plugin.AnalyzerStackResource
		for i, typ := range types {
			r := packtest.Resource(typ, fmt.Sprintf("r%d", i), nil)
			r.Properties = g.object(0)
			resp, err := a.Analyze(t.Context(), r)
			require.NoError(t, err)
			require.Empty(t, panics(resp), "round %d, %s", round, typ)

			sr := plugin.AnalyzerStackResource{AnalyzerResource: r}
			if len(stack) > 0 {
				target := stack[g.rng.IntN(len(stack))].URN
				key := resource.PropertyKey(g.names[g.rng.IntN(len(g.names))])
				sr.PropertyDependencies = map[resource.PropertyKey][]resource.URN{key: {target}}
				sr.Dependencies = []resource.URN{target}
			}
			stack = append(stack, sr)
		}
		resp, err := a.AnalyzeStack(t.Context(), stack)
		require.NoError(t, err)
		require.Empty(t, panics(resp), "round %d, stack check", round)
	}
}
