package decisionlog

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/pulumi-securely/pulumi-securely/pack"
)

// sink delivers records, each encoded as one JSON object (no newline).
type sink interface {
	// write takes the records of one call; it must not block on I/O that can hang.
	write(records []encoded)
	// flush delivers what write took, waiting at most until ctx is done, and reports on stderr
	// what it could not deliver.
	flush(ctx context.Context)
}

// encoded is a record as JSON, with its time for the shapes that carry it outside the record.
type encoded struct {
	time time.Time
	json []byte
}

// Log is the pack's decision log: it turns decisions into records and hands them to its sink.
// It implements pack.DecisionLog.
type Log struct {
	pack, version string
	run           string
	seq           atomic.Uint64
	origin        origin
	sink          sink
	now           func() time.Time
}

var _ pack.DecisionLog = (*Log)(nil)

func newLog(packName, version string, o origin, s sink) *Log {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return &Log{pack: packName, version: version, run: hex.EncodeToString(b[:]), origin: o, sink: s, now: time.Now}
}

// Record writes one record per decision.
func (l *Log) Record(d *pack.Deployment, decisions []pack.Decision) {
	now := l.now().UTC()
	out := make([]encoded, 0, len(decisions))
	for _, dec := range decisions {
		rec := Record{
			Time:         now,
			ID:           l.run + "-" + strconv.FormatUint(l.seq.Add(1), 10),
			Run:          l.run,
			Pack:         l.pack,
			PackVersion:  l.version,
			Organization: d.Organization,
			Project:      d.Project,
			Stack:        d.Stack,
			Operation:    d.Operation(),
			Actor:        l.origin.actor,
			Host:         l.origin.host,
			CI:           l.origin.ci,
			URN:          string(dec.URN),
			Type:         dec.Type,
			Policy:       dec.Policy,
			Outcome:      string(dec.Outcome),
			Level:        string(dec.Level),
			Severity:     string(dec.Severity),
			Message:      dec.Message,
		}
		b, err := json.Marshal(rec)
		if err != nil {
			// A record holds strings only, which always encode.
			continue
		}
		out = append(out, encoded{time: now, json: b})
	}
	l.sink.write(out)
}

// Flush delivers the records written so far, waiting at most until ctx is done.
func (l *Log) Flush(ctx context.Context) { l.sink.flush(ctx) }
