package pack_test

import (
	"testing"

	"github.com/pulumi-securely/pulumi-securely/pack"
	"github.com/stretchr/testify/assert"
)

func names(policies []pack.Policy) []string {
	out := make([]string, len(policies))
	for i, p := range policies {
		out[i] = p.Name
	}
	return out
}

func TestRegistry(t *testing.T) {
	var r pack.Registry
	assert.Empty(t, r.Policies(), "the zero registry is empty")
	r.Add(pack.Policy{Name: "c"})
	r.Add(pack.Policy{Name: "a"}, pack.Policy{Name: "b"})
	assert.Equal(t, []string{"a", "b", "c"}, names(r.Policies()), "sorted by name")
	got := r.Policies()
	got[0].Name = "changed"
	assert.Equal(t, []string{"a", "b", "c"}, names(r.Policies()), "a copy")
}

func TestSortedByName(t *testing.T) {
	policies := []pack.Policy{{Name: "b"}, {Name: "a-2"}, {Name: "a"}}
	assert.Equal(t, []string{"a", "a-2", "b"}, names(pack.SortedByName(policies)))
	assert.Equal(t, []string{"b", "a-2", "a"}, names(policies), "the argument is left as it was")
	assert.Empty(t, pack.SortedByName(nil))
}
