package pack

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Names of the config files the docs command writes beside the rule reference.
const (
	referenceConfigFile = "reference.json"
	adoptingConfigFile  = "adopting.json"
)

// docs writes the pack's rule reference and its two config files into a folder, so that a
// custom pack's DocsURL can point at pages as current as its rules.
func docs(p Pack, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(p.Name+" docs", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "docs/rules", "the folder to write into")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s docs [-out folder]\n\nWrites the rule reference generated from the rules' "+
			"metadata into a folder: an index (%s) and a page for each rule documented under the pack's docs URL "+
			"(<docs URL>/<rule>.md; rules with a URL of their own, such as a custom pack's built-in rules, link "+
			"there instead), and two config files: %s (every rule at its default level and settings) and %s "+
			"(everything advisory except the critical and high rules). Pages it wrote before for rules that are "+
			"gone are removed; other files stay. Run it again whenever a rule changes.\n\nFlags:\n",
			p.Name, ReferenceIndex, referenceConfigFile, adoptingConfigFile)
		fs.PrintDefaults()
	}
	if code, done := parse(fs, args, stdout); done {
		return code
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return 2
	}
	pages, err := p.writeDocs(*out)
	if err != nil {
		fmt.Fprintf(stderr, "%s docs: %v\n", p.Name, err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: %d pages, %s and %s\n", *out, pages, referenceConfigFile, adoptingConfigFile)
	return 0
}

// writeDocs writes the rule reference and the config files into dir, and returns how many pages
// it wrote.
func (p *Pack) writeDocs(dir string) (int, error) {
	pages, err := p.WriteReference(dir, p.Name+" docs")
	if err != nil {
		return 0, err
	}
	for name, render := range map[string]func() ([]byte, error){
		referenceConfigFile: p.ReferenceConfig, adoptingConfigFile: p.AdoptingConfig,
	} {
		content, err := render()
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, name), content, 0o644)
		}
		if err != nil {
			return 0, err
		}
	}
	return pages, nil
}
