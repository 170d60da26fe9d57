package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi-securely/pulumi-securely/internal/engine"
	"github.com/pulumi-securely/pulumi-securely/internal/leak"
	"github.com/pulumi-securely/pulumi-securely/pack/packtest"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lockedLog collects what the engine's host writes, the plugin's stderr included.
type lockedLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// leakCorpus is the stacks the protocol leak suite plants canaries in: the examples and the
// real-world exports written outside this project (those present).
func leakCorpus(t *testing.T) map[string]packtest.Export {
	t.Helper()
	corpus := map[string]packtest.Export{}
	examples, err := filepath.Glob(filepath.Join("examples", "stacks", "*.json"))
	require.NoError(t, err)
	realworld, _ := filepath.Glob(filepath.Join("..", "shared", "realworld", "*.export.json"))
	for _, path := range append(examples, realworld...) {
		corpus[filepath.Base(path)] = packtest.LoadExport(t, path)
	}
	require.GreaterOrEqual(t, len(corpus), 2)
	return corpus
}

// TestLeakSuiteThroughTheProtocol runs the pack's binary, through the engine's own client, over
// every resource of the example and real-world stacks with canaries planted at every input and
// output path they hold, in every placement of secrets (secret leaves, secret whole inputs with
// canary keys, secret JSON documents, plain copies of the stack's secret config), with the
// canaries also as the stack's secret config. No byte of a canary may show in a message, a
// not-applicable reason or a line the plugin writes to stderr.
func TestLeakSuiteThroughTheProtocol(t *testing.T) {
	t.Parallel()
	for name, export := range leakCorpus(t) {
		for _, mode := range leak.Modes {
			t.Run(fmt.Sprintf("%s/%s", name, mode), func(t *testing.T) {
				t.Parallel()
				canaries := leak.New(uint64(len(name)) + uint64(mode))
				inputs, stack := packtest.PlantExport(canaries, mode, export)
				opts := stackOptions(true, map[string]string{"owner": canaries.String(), "environment": "production"})
				cfg, _ := canaries.ConfigSecrets("app")
				for k, v := range cfg {
					key := config.MustParseKey(k)
					opts.Config[key] = v
					opts.ConfigSecretKeys = append(opts.ConfigSecretKeys, key)
				}
				log := &lockedLog{}
				a, err := engine.LaunchLogging(t.Context(), packBinary, opts, log)
				require.NoError(t, err)

				var texts []string
				for _, in := range inputs {
					resp, err := a.Analyze(t.Context(), in)
					require.NoError(t, err)
					texts = append(texts, packtest.Texts(resp)...)
				}
				resp, err := a.AnalyzeStack(t.Context(), stack)
				require.NoError(t, err)
				texts = append(texts, packtest.Texts(resp)...)
				require.NoError(t, a.Close())
				texts = append(texts, log.String())

				require.NotEmpty(t, texts, "the suite judged something")
				for _, text := range texts {
					assert.Empty(t, canaries.Find(text), "a canary shows")
				}
			})
		}
	}
}
