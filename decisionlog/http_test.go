package decisionlog

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// lockedBuffer is a stderr the sink's goroutine and the test share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// receiver is a webhook endpoint that fails, delays and recovers, following a script of
// responses per request; past the script it accepts everything.
type receiver struct {
	mu       sync.Mutex
	script   []string // "fail", "delay" or "ok", one per request
	requests int
	got      map[string]int  // id -> times stored
	late     map[string]bool // ids stored by a request answered after the client gave up
	release  chan struct{}
}

func (r *receiver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	step := "ok"
	if r.requests < len(r.script) {
		step = r.script[r.requests]
	}
	r.requests++
	r.mu.Unlock()
	if step == "fail" {
		http.Error(w, "down", http.StatusInternalServerError)
		return
	}
	var records []struct {
		ID string `json:"id"`
	}
	body, _ := io.ReadAll(req.Body)
	if err := json.Unmarshal(body, &records); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	r.mu.Lock()
	for _, rec := range records {
		r.got[rec.ID]++
		if step == "delay" {
			r.late[rec.ID] = true
		}
	}
	r.mu.Unlock()
	if step == "delay" {
		<-r.release // stored, but answered only after the client's timeout
	}
	w.WriteHeader(http.StatusOK)
}

func fastOptions() httpOptions {
	return httpOptions{batch: 7, interval: 5 * time.Millisecond, timeout: 50 * time.Millisecond,
		backoff: time.Millisecond, maxBackoff: 5 * time.Millisecond}
}

// TestHTTPSinkSurvivesFailuresDelaysAndRecovery: the endpoint answers 500 three times, then
// stores a batch but answers too late, then fails again and recovers. Every record arrives; the
// only duplicates are the records of the late answer (at least once delivery).
func TestHTTPSinkSurvivesFailuresDelaysAndRecovery(t *testing.T) {
	r := &receiver{script: []string{"fail", "fail", "fail", "delay", "fail", "ok", "fail"},
		got: map[string]int{}, late: map[string]bool{}, release: make(chan struct{})}
	srv := httptest.NewServer(r)
	defer srv.Close()
	defer close(r.release)
	stderr := &lockedBuffer{}
	s := newHTTPSink(srv.URL, fastOptions(), stderr)

	var sent []string
	for call := range 20 {
		batch := lines(fmt.Sprint(call), 5, 0)
		for i := range batch {
			sent = append(sent, fmt.Sprintf("%d-%d", call, i))
		}
		s.write(batch)
	}
	s.flush(t.Context())

	r.mu.Lock()
	defer r.mu.Unlock()
	for _, id := range sent {
		assert.GreaterOrEqual(t, r.got[id], 1, "record %s delivered", id)
		if r.got[id] > 1 {
			assert.True(t, r.late[id], "record %s duplicated only because its answer came too late", id)
		}
	}
	assert.Len(t, r.got, len(sent), "nothing but the records sent")
	assert.NotEmpty(t, r.late, "the script delayed a batch")
	assert.NotContains(t, stderr.String(), "dropped")
}

// TestHTTPSinkNeverBlocksOnADeadEndpoint: writes return at once while the endpoint hangs, the
// bounded queue drops the oldest records and counts them, and a flush gives up when its context
// ends and says how many records were not delivered.
func TestHTTPSinkNeverBlocksOnADeadEndpoint(t *testing.T) {
	hang := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-hang }))
	defer srv.Close()
	defer close(hang)
	stderr := &lockedBuffer{}
	opts := fastOptions()
	opts.capacity = 5
	s := newHTTPSink(srv.URL, opts, stderr)

	s.write(lines("a", 20, 0)) // 15 past the capacity
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Millisecond)
	defer cancel()
	s.flush(ctx)

	out := stderr.String()
	assert.Contains(t, out, "dropping the oldest records")
	assert.Contains(t, out, "records not delivered yet")
	assert.Contains(t, out, "15 records dropped")
}

func TestHTTPSinkDropsWhatTheEndpointRefuses(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "no", http.StatusForbidden)
	}))
	defer srv.Close()
	stderr := &lockedBuffer{}
	s := newHTTPSink(srv.URL, fastOptions(), stderr)
	s.write(lines("a", 3, 0))
	s.flush(t.Context())
	assert.Contains(t, stderr.String(), "the endpoint refused 3 records: status 403")
	assert.Contains(t, stderr.String(), "3 records dropped")
}

func TestHTTPSinkSplunkHECShape(t *testing.T) {
	type event struct {
		Time       float64         `json:"time"`
		Source     string          `json:"source"`
		Sourcetype string          `json:"sourcetype"`
		Event      json.RawMessage `json:"event"`
	}
	var mu sync.Mutex
	var events []event
	var auth string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		auth = req.Header.Get("Authorization")
		sc := bufio.NewScanner(req.Body)
		for sc.Scan() {
			var e event
			if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			events = append(events, e)
		}
		_, _ = w.Write([]byte(`{"text":"Success","code":0}`))
	}))
	defer srv.Close()
	opts := fastOptions()
	opts.format, opts.token = SplunkHEC, "hec-token"
	s := newHTTPSink(srv.URL, opts, &lockedBuffer{})
	s.write([]encoded{{time: time.UnixMilli(1767225600123), json: []byte(`{"id":"r-1"}`)}})
	s.flush(t.Context())

	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, "Splunk hec-token", auth)
	require.Len(t, events, 1)
	assert.InDelta(t, 1767225600.123, events[0].Time, 0.0005)
	assert.Equal(t, "pulumi-securely", events[0].Source)
	assert.Equal(t, "pulumi-securely:decision", events[0].Sourcetype)
	assert.JSONEq(t, `{"id":"r-1"}`, string(events[0].Event))
}

func TestHTTPSinkWebhookShape(t *testing.T) {
	var mu sync.Mutex
	var body []byte
	var auth, contentType string
	srv := httptest.NewServer(http.HandlerFunc(func(_ http.ResponseWriter, req *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		auth, contentType = req.Header.Get("Authorization"), req.Header.Get("Content-Type")
		body, _ = io.ReadAll(req.Body)
	}))
	defer srv.Close()
	opts := fastOptions()
	opts.token = "wh-token"
	s := newHTTPSink(srv.URL, opts, &lockedBuffer{})
	s.write([]encoded{{json: []byte(`{"id":"r-1"}`)}, {json: []byte(`{"id":"r-2"}`)}})
	s.flush(t.Context())
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, "Bearer wh-token", auth)
	assert.Equal(t, "application/json", contentType)
	assert.JSONEq(t, `[{"id":"r-1"},{"id":"r-2"}]`, string(body))
}
