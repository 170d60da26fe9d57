package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
)

// maxLine bounds one line of an event stream: an engine event carries a resource's inputs and
// outputs, which can be large.
const maxLine = 64 << 20

// engineEvent is the part of an apitype.EngineEvent the report reads. Resource events carry the
// resource's inputs and outputs too; they are left undecoded, so no property value is ever read.
type engineEvent struct {
	PolicyEvent                    *apitype.PolicyEvent                    `json:"policyEvent"`
	PolicyAnalyzeSummaryEvent      *apitype.PolicyAnalyzeSummaryEvent      `json:"policyAnalyzeSummaryEvent"`
	PolicyAnalyzeStackSummaryEvent *apitype.PolicyAnalyzeStackSummaryEvent `json:"policyAnalyzeStackSummaryEvent"`
	ResourcePreEvent               *resourceEvent                          `json:"resourcePreEvent"`
	ResOutputsEvent                *resourceEvent                          `json:"resOutputsEvent"`
	SummaryEvent                   *summaryEvent                           `json:"summaryEvent"`
}

type resourceEvent struct {
	Metadata struct {
		URN  string `json:"urn"`
		Type string `json:"type"`
	} `json:"metadata"`
}

type summaryEvent struct {
	// PolicyPacks maps each pack that ran to its version; the engine spells the key in PascalCase.
	PolicyPacks map[string]string `json:"PolicyPacks"`
}

// eventKeys are the JSON keys of apitype.EngineEvent's payloads; a JSON object with one of them
// is an engine event.
var eventKeys = func() map[string]bool {
	keys := map[string]bool{}
	t := reflect.TypeFor[apitype.EngineEvent]()
	for i := range t.NumField() {
		if f := t.Field(i); f.Type.Kind() == reflect.Pointer {
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			keys[name] = true
		}
	}
	return keys
}()

// positioned is a resource whose registration the engine recorded a source position for, as a
// stack export (`pulumi stack export`, the input of `pulumi policy analyze --file`) and the steps
// of `pulumi preview --json` carry it (apitype.ResourceV3).
type positioned struct {
	URN            string `json:"urn"`
	Type           string `json:"type"`
	SourcePosition string `json:"sourcePosition"`
}

// previewDigest is the part of `pulumi preview --json` (display.PreviewDigest) the report reads:
// the steps' states, for their source positions. The digest holds no policy violations.
type previewDigest struct {
	Steps []struct {
		URN      string      `json:"urn"`
		OldState *positioned `json:"oldState"`
		NewState *positioned `json:"newState"`
	} `json:"steps"`
}

// deployment is the part of a checkpoint's deployment (apitype.DeploymentV3) the report reads.
type deployment struct {
	Resources []positioned `json:"resources"`
}

// kind names a format the report reads.
type kind int

// The formats the report reads, told apart by their content.
const (
	eventsKind    kind = iota + 1 // --event-log, policy analyze --json, up --json
	digestKind                    // pulumi preview --json: one JSON document of steps, no policy events
	exportKind                    // pulumi stack export, the input of policy analyze --file
	decisionsKind                 // the pack's decision log (PULUMI_SECURELY_DECISION_LOG)
)

// read parses one input into the collector, telling its format from its content.
func (c *collector) read(name string, r io.Reader) (kind, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	first, _, _ := bytes.Cut(bytes.TrimLeft(data, " \t\r\n"), []byte("\n"))
	var probe map[string]json.RawMessage
	if len(bytes.TrimSpace(data)) == 0 {
		return 0, fmt.Errorf("%s: empty input", name)
	}
	if json.Unmarshal(first, &probe) == nil && isEvent(probe) {
		return eventsKind, c.readEvents(name, data)
	}
	if probe != nil && isDecision(probe) {
		return decisionsKind, c.readDecisions(name, data)
	}
	doc, err := decodeDocument(name, data)
	if err != nil {
		return 0, err
	}
	switch {
	case isEvent(doc):
		return eventsKind, c.readEvents(name, data)
	case doc["deployment"] != nil:
		var exp struct {
			Deployment deployment `json:"deployment"`
		}
		if err := decodeAs(name, data, &exp); err != nil {
			return 0, err
		}
		c.addPositions(exp.Deployment.Resources...)
		return exportKind, nil
	case doc["resources"] != nil || doc["manifest"] != nil:
		var dep deployment
		if err := decodeAs(name, data, &dep); err != nil {
			return 0, err
		}
		c.addPositions(dep.Resources...)
		return exportKind, nil
	case isDigest(doc):
		var d previewDigest
		if err := decodeAs(name, data, &d); err != nil {
			return 0, err
		}
		for _, s := range d.Steps {
			for _, st := range []*positioned{s.OldState, s.NewState} {
				if st != nil {
					c.addPositions(*st)
				}
			}
		}
		return digestKind, nil
	default:
		return 0, fmt.Errorf("%s: line 1: not an engine event log (--event-log, policy analyze --json), "+
			"decision log, pulumi preview --json output or stack export", name)
	}
}

func isEvent(obj map[string]json.RawMessage) bool {
	for k := range obj {
		if eventKeys[k] {
			return true
		}
	}
	return false
}

// isDigest tells a preview digest by its keys; an empty preview prints {}.
func isDigest(obj map[string]json.RawMessage) bool {
	for _, k := range []string{"steps", "changeSummary", "diagnostics", "config", "duration"} {
		if obj[k] != nil {
			return true
		}
	}
	return len(obj) == 0
}

// decodeDocument reads a whole input as one JSON object, naming the line of a syntax error.
func decodeDocument(name string, data []byte) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	var doc map[string]json.RawMessage
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("%s: line %d: %s", name, lineAt(data, errorOffset(err, dec, data)), describe(err))
	}
	if dec.More() {
		off := dec.InputOffset()
		return nil, fmt.Errorf("%s: line %d: unexpected data after the JSON document", name, lineAt(data, off))
	}
	return doc, nil
}

// decodeAs decodes a whole input into v, naming the line of a value of the wrong type.
func decodeAs(name string, data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: line %d: %s", name, lineAt(data, errorOffset(err, dec, data)), describe(err))
	}
	return nil
}

// readEvents reads a stream of engine events, one JSON object a line.
func (c *collector) readEvents(name string, data []byte) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	line := 0
	for sc.Scan() {
		line++
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(text, &raw); err != nil {
			return fmt.Errorf("%s: line %d: %s", name, line, describe(err))
		}
		if !isEvent(raw) {
			return fmt.Errorf("%s: line %d: not an engine event", name, line)
		}
		var e engineEvent
		if err := json.Unmarshal(text, &e); err != nil {
			return fmt.Errorf("%s: line %d: malformed engine event: %s", name, line, describe(err))
		}
		c.addEvent(e)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: line %d: %w", name, line+1, err)
	}
	return nil
}

// describe words a JSON error for a person; a cut-off document is named as such.
func describe(err error) string {
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), err.Error() == "unexpected end of JSON input":
		return "truncated JSON: the input ends in the middle of a value"
	case errors.As(err, &typeErr):
		return fmt.Sprintf("%s is a JSON %s, want %s", typeErr.Field, typeErr.Value, jsonKind(typeErr.Type))
	default:
		return "malformed JSON: " + err.Error()
	}
}

// jsonKind names the JSON a Go type is decoded from.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct, reflect.Pointer:
		return "an object"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	default:
		return "a number"
	}
}

// errorOffset is the byte offset a decoding error happened at.
func errorOffset(err error, dec *json.Decoder, data []byte) int64 {
	var syntax *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return syntax.Offset
	case errors.As(err, &typeErr):
		return typeErr.Offset
	case errors.Is(err, io.ErrUnexpectedEOF):
		return int64(len(data))
	default:
		return dec.InputOffset()
	}
}

// lineAt is the 1-based line of a byte offset.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	n := 1 + bytes.Count(data[:off], []byte("\n"))
	if off == int64(len(data)) && off > 0 && data[off-1] == '\n' {
		n--
	}
	return n
}
