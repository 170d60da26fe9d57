package decisionlog

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// The shapes the HTTP sink posts.
const (
	// Webhook posts a JSON array of records.
	Webhook = "webhook"
	// SplunkHEC posts to Splunk's HTTP Event Collector: one event object per record, each record
	// as the event, with "Authorization: Splunk <token>".
	SplunkHEC = "splunk-hec"
)

// httpOptions tune the HTTP sink; zero fields take the defaults.
type httpOptions struct {
	format, token string
	// capacity bounds the records queued in memory; past it the oldest are dropped.
	capacity int
	// batch is the most records one request carries.
	batch int
	// interval is how often a batch that is not full is sent.
	interval time.Duration
	// timeout bounds one request.
	timeout time.Duration
	// backoff is the first retry's delay, doubled per attempt up to maxBackoff.
	backoff, maxBackoff time.Duration
}

func (o httpOptions) withDefaults() httpOptions {
	o.format = cmp.Or(o.format, Webhook)
	o.capacity = positiveOr(o.capacity, 10000)
	o.batch = positiveOr(o.batch, 500)
	o.interval = positiveOr(o.interval, time.Second)
	o.timeout = positiveOr(o.timeout, 5*time.Second)
	o.backoff = positiveOr(o.backoff, 250*time.Millisecond)
	o.maxBackoff = positiveOr(o.maxBackoff, 10*time.Second)
	return o
}

// positiveOr is v when it is positive, else def.
func positiveOr[T int | time.Duration](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}

// httpSink posts records in batches from a goroutine of its own, so that a slow or dead endpoint
// never slows a policy call: write only queues. A failed request (a network error, a timeout,
// 408, 429 or a 5xx status) is retried with exponential backoff and jitter until it succeeds;
// any other status drops its batch, which is counted. The queue is bounded: when it is full the
// oldest records are dropped and counted. Delivery is at least once: a request that timed out
// after the endpoint had stored it is sent again, so receivers deduplicate on the record's id.
type httpSink struct {
	url     string
	opts    httpOptions
	client  *http.Client
	stderr  io.Writer
	started sync.Once

	mu      sync.Mutex
	queue   []encoded
	sending int           // the records of the batch out of the queue and being delivered
	changed chan struct{} // closed and replaced whenever the queue empties or a batch ends
	dropped int
	warned  bool
	wake    chan struct{}
}

func newHTTPSink(url string, opts httpOptions, stderr io.Writer) *httpSink {
	opts = opts.withDefaults()
	return &httpSink{url: url, opts: opts, client: &http.Client{Timeout: opts.timeout}, stderr: stderr,
		changed: make(chan struct{}), wake: make(chan struct{}, 1)}
}

func (s *httpSink) write(records []encoded) {
	s.started.Do(func() { go s.run() })
	s.mu.Lock()
	s.queue = append(s.queue, records...)
	if over := len(s.queue) - s.opts.capacity; over > 0 {
		s.queue = append(s.queue[:0], s.queue[over:]...)
		s.dropped += over
		if !s.warned {
			s.warned = true
			fmt.Fprintf(s.stderr, "decision log: the endpoint cannot keep up; dropping the oldest records\n")
		}
	}
	full := len(s.queue) >= s.opts.batch
	s.mu.Unlock()
	if full {
		s.signal()
	}
}

func (s *httpSink) signal() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// run delivers batches: when one is full, when a flush asks, and every interval.
func (s *httpSink) run() {
	tick := time.NewTicker(s.opts.interval)
	defer tick.Stop()
	for {
		select {
		case <-s.wake:
		case <-tick.C:
		}
		for batch := s.take(); batch != nil; batch = s.take() {
			s.deliver(batch)
			s.mu.Lock()
			s.sending = 0
			s.notify()
			s.mu.Unlock()
		}
	}
}

// take moves the oldest records, up to a batch, out of the queue.
func (s *httpSink) take() []encoded {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.queue) == 0 {
		return nil
	}
	n := min(len(s.queue), s.opts.batch)
	batch := append([]encoded(nil), s.queue[:n]...)
	s.queue = append(s.queue[:0], s.queue[n:]...)
	s.sending = n
	return batch
}

// notify wakes the flushes waiting for progress; s.mu is held.
func (s *httpSink) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// deliver posts a batch until it is accepted or refused for good.
func (s *httpSink) deliver(batch []encoded) {
	body := s.body(batch)
	for attempt := 0; ; attempt++ {
		retry, err := s.post(body)
		if err == nil {
			return
		}
		if !retry {
			s.mu.Lock()
			s.dropped += len(batch)
			s.mu.Unlock()
			fmt.Fprintf(s.stderr, "decision log: the endpoint refused %d records: %v\n", len(batch), err)
			return
		}
		delay := min(s.opts.maxBackoff, s.opts.backoff<<min(attempt, 20))
		delay = delay/2 + rand.N(delay/2+1)
		select {
		case <-time.After(delay):
		case <-s.wake: // a flush: try again now
		}
	}
}

// post sends one request; it reports whether a failure is worth retrying.
func (s *httpSink) post(body []byte) (retry bool, err error) {
	req, err := http.NewRequest(http.MethodPost, s.url, bytes.NewReader(body))
	if err != nil {
		return false, err
	}
	req.Header.Set("Content-Type", "application/json")
	switch {
	case s.opts.token == "":
	case s.opts.format == SplunkHEC:
		req.Header.Set("Authorization", "Splunk "+s.opts.token)
	default:
		req.Header.Set("Authorization", "Bearer "+s.opts.token)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		// The URL may carry credentials: keep the cause only.
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		return true, err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	_ = resp.Body.Close()
	switch code := resp.StatusCode; {
	case code >= 200 && code < 300:
		return false, nil
	case code == http.StatusRequestTimeout, code == http.StatusTooManyRequests, code >= 500:
		return true, fmt.Errorf("status %d", code)
	default:
		return false, fmt.Errorf("status %d", code)
	}
}

// hecEvent is a record as Splunk's HTTP Event Collector takes it.
type hecEvent struct {
	Time       float64         `json:"time"`
	Host       string          `json:"host,omitempty"`
	Source     string          `json:"source"`
	Sourcetype string          `json:"sourcetype"`
	Event      json.RawMessage `json:"event"`
}

// body encodes a batch in the sink's shape.
func (s *httpSink) body(batch []encoded) []byte {
	var b bytes.Buffer
	if s.opts.format == SplunkHEC {
		enc := json.NewEncoder(&b)
		for _, r := range batch {
			_ = enc.Encode(hecEvent{Time: float64(r.time.UnixMilli()) / 1000, Source: "pulumi-securely",
				Sourcetype: "pulumi-securely:decision", Event: r.json})
		}
		return b.Bytes()
	}
	b.WriteByte('[')
	for i, r := range batch {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(r.json)
	}
	b.WriteByte(']')
	return b.Bytes()
}

// flush asks for the queue to be delivered now and waits until it is, or ctx is done. It
// reports on stderr the records dropped so far and those still undelivered.
func (s *httpSink) flush(ctx context.Context) {
	s.signal()
	if pending := s.waitIdle(ctx); pending > 0 {
		fmt.Fprintf(s.stderr, "decision log: %d records not delivered yet: the endpoint does not answer\n", pending)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.dropped > 0 {
		fmt.Fprintf(s.stderr, "decision log: %d records dropped\n", s.dropped)
		s.dropped = 0
	}
}

// waitIdle waits until every record is delivered or ctx is done, and returns how many are not.
func (s *httpSink) waitIdle(ctx context.Context) int {
	for {
		s.mu.Lock()
		pending, changed := len(s.queue)+s.sending, s.changed
		s.mu.Unlock()
		if pending == 0 {
			return 0
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return pending
		}
	}
}
