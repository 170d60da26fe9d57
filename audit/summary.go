package audit

import (
	"fmt"
	"io"
	"strings"
)

// WriteSummary writes a few lines for the terminal: stacks judged, findings by severity, stacks
// that failed.
func (r *Report) WriteSummary(w io.Writer) {
	c := r.Counts()
	parts := make([]string, len(severities))
	for i, s := range severities {
		parts[i] = fmt.Sprintf("%d %s", c[s], s)
	}
	fmt.Fprintf(w, "%d stack(s) judged, %d finding(s): %s\n", len(r.Stacks), c.Total(), strings.Join(parts, ", "))
	for _, s := range r.Failed() {
		fmt.Fprintf(w, "  %s could not be judged: %s\n", s.StackID, s.Error)
	}
}
