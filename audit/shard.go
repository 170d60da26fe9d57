package audit

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// shard is one part of a fleet split n ways: shard i of n (1-based) holds the stacks whose
// FNV-1a hash of org/project/stack is i-1 modulo n. Every machine that lists the same fleet puts
// each stack in the same shard, whatever order the source lists them in.
type shard struct {
	index, count int
}

// parseShard reads "i/n"; "" is the whole fleet.
func parseShard(s string) (shard, error) {
	if s == "" {
		return shard{index: 1, count: 1}, nil
	}
	is, ns, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(is)
	n, err2 := strconv.Atoi(ns)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return shard{}, fmt.Errorf("--shard %q: want i/n with 1 <= i <= n, e.g. 2/8", s)
	}
	return shard{index: i, count: n}, nil
}

func (s shard) String() string { return fmt.Sprintf("%d/%d", s.index, s.count) }

// holds reports whether the stack is in this shard.
func (s shard) holds(id StackID) bool {
	if s.count <= 1 {
		return true
	}
	h := fnv.New64a()
	h.Write([]byte(id.String()))
	return int(h.Sum64()%uint64(s.count)) == s.index-1
}

// filter returns the stacks of this shard, in their order.
func (s shard) filter(ids []StackID) []StackID {
	var out []StackID
	for _, id := range ids {
		if s.holds(id) {
			out = append(out, id)
		}
	}
	return out
}
