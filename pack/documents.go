package pack

import (
	"encoding/json"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Bounds of the document cache: documents larger than maxCachedDocument are parsed each time,
// and the cache starts afresh once it holds maxCachedBytes of document text.
const (
	maxCachedDocument = 64 << 10
	maxCachedBytes    = 4 << 20
)

// documents caches parsed JSON documents by their text. The same policy document is read by
// several rules of one resource, and often by many resources of a stack; parsed values are
// immutable, so every check can share them.
var documents = &documentCache{parsed: map[string]parsedDocument{}}

type documentCache struct {
	mu     sync.Mutex
	parsed map[string]parsedDocument
	bytes  int
}

// parsedDocument is a document's value, or why it could not be read.
type parsedDocument struct {
	value   property.Value
	problem string
}

// ParseJSON parses a JSON document into a property value, through the same cache Value.JSON
// uses, so that a document several rules read is parsed once; ok is false when the text is not
// a JSON document the pack can read.
func ParseJSON(text string) (v property.Value, ok bool) {
	v, problem := documents.parse(text)
	return v, problem == ""
}

// parse returns the document's value, or a problem ("" when there is none).
func (c *documentCache) parse(text string) (property.Value, string) {
	if len(text) > maxCachedDocument {
		d := parseDocument(text)
		return d.value, d.problem
	}
	c.mu.Lock()
	d, ok := c.parsed[text]
	c.mu.Unlock()
	if ok {
		return d.value, d.problem
	}
	d = parseDocument(text)
	c.mu.Lock()
	if c.bytes+len(text) > maxCachedBytes {
		clear(c.parsed)
		c.bytes = 0
	}
	c.parsed[text] = d
	c.bytes += len(text)
	c.mu.Unlock()
	return d.value, d.problem
}

func parseDocument(text string) parsedDocument {
	var doc any
	if err := json.Unmarshal([]byte(text), &doc); err != nil {
		return parsedDocument{problem: "is not valid JSON"}
	}
	v, err := PropertyValue(doc)
	if err != nil {
		return parsedDocument{problem: "holds a JSON document " + err.Error()}
	}
	return parsedDocument{value: v}
}
