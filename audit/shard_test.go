package audit

import (
	"fmt"
	"github.com/pulumi-securely/pulumi-securely/audit/internal/audittest"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseShard(t *testing.T) {
	tests := []struct {
		in      string
		want    shard
		wantErr bool
	}{
		{"", shard{1, 1}, false},
		{"1/1", shard{1, 1}, false},
		{"3/8", shard{3, 8}, false},
		{"0/8", shard{}, true},
		{"9/8", shard{}, true},
		{"1/0", shard{}, true},
		{"x/2", shard{}, true},
		{"2", shard{}, true},
	}
	for _, tt := range tests {
		got, err := parseShard(tt.in)
		if tt.wantErr {
			assert.Error(t, err, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}

func TestShardsPartitionTheFleet(t *testing.T) {
	var fleet []StackID
	for i := range 500 {
		fleet = append(fleet, StackID{Org: "acme", Project: fmt.Sprintf("p%d", i%7), Stack: fmt.Sprintf("s%d", i)})
	}
	const n = 4
	seen := map[StackID]int{}
	for i := 1; i <= n; i++ {
		part := shard{i, n}.filter(fleet)
		assert.InDelta(t, len(fleet)/n, len(part), float64(len(fleet))/10, "shard %d is about a quarter", i)
		for _, id := range part {
			seen[id]++
		}
		reversed := make([]StackID, len(fleet))
		for j, id := range fleet {
			reversed[len(fleet)-1-j] = id
		}
		assert.ElementsMatch(t, part, shard{i, n}.filter(reversed), "the listing's order does not matter")
	}
	assert.Len(t, seen, len(fleet))
	for id, times := range seen {
		assert.Equal(t, 1, times, "%s is in exactly one shard", id)
	}
}

func TestShardsMergeToTheWholeFleet(t *testing.T) {
	p := audittest.Pack(t)
	dir := t.TempDir()
	for i := range 12 {
		audittest.Put(t, filepath.Join(dir, fmt.Sprintf("s%d.json", i)), audittest.ExportJSON(t, audittest.Deployment("shop", fmt.Sprintf("s%d", i),
			audittest.PublicBucket(t, "assets"))))
	}
	out := t.TempDir()
	whole := filepath.Join(out, "whole.json")
	code, _, stderr := runMain(t, p, nil, "--exports", dir, "--json", whole, "--fail-on", "none")
	require.Equal(t, 0, code, stderr)

	var parts []string
	for i := 1; i <= 3; i++ {
		part := filepath.Join(out, fmt.Sprintf("shard-%d.json", i))
		code, _, stderr := runMain(t, p, nil, "--exports", dir, "--shard", fmt.Sprintf("%d/3", i), "--json", part, "--fail-on", "none")
		require.Equal(t, 0, code, stderr)
		parts = append(parts, part)
	}
	merged := filepath.Join(out, "merged.json")
	code, stdout, stderr := runMain(t, p, nil, append([]string{"merge", "--json", merged, "--fail-on", "critical"}, parts...)...)
	assert.Equal(t, 1, code, "merge applies the threshold too")
	assert.Contains(t, stdout, "12 stack(s) judged")
	assert.Contains(t, stderr, "12 finding(s) at or above critical")

	w, err := ReadReport(whole)
	require.NoError(t, err)
	m, err := ReadReport(merged)
	require.NoError(t, err)
	assert.Equal(t, w.Stacks, m.Stacks)
	assert.Equal(t, []string{"1/3", "2/3", "3/3"}, m.Shards)
	assert.Equal(t, w.Rules, m.Rules)
}

func TestMergeRefusesOtherPacks(t *testing.T) {
	a, b := sampleReport(time.Now()), sampleReport(time.Now())
	b.PackVersion = "2.0.0"
	_, err := Merge([]*Report{a, b}, time.Now())
	assert.ErrorContains(t, err, "cannot be merged")
	_, err = Merge(nil, time.Now())
	assert.Error(t, err)
}

func TestMergeKeepsAStackOnce(t *testing.T) {
	a, b := sampleReport(time.Now()), sampleReport(time.Now())
	b.Stacks[1].Resources = 99
	m, err := Merge([]*Report{a, b}, time.Now())
	require.NoError(t, err)
	require.Len(t, m.Stacks, 3)
	assert.Equal(t, 99, m.Stacks[1].Resources, "the later report wins")
}
