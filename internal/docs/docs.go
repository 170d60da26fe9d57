// Package docs checks the rule reference and the guides: that docs/rules is what the rules'
// metadata renders (pack.Pack.ReferencePages, written by `go run ./tools/docs`), and that every
// link of a page leads somewhere.
package docs

// Dir is where the rule reference lives, relative to the repository's root.
const Dir = "docs/rules"
