package pack

import (
	"slices"
	"strconv"
	"strings"
)

// Count renders a number of things for a message, the noun (given in the singular) in agreement:
// "1 day", "0 days", "7 days". The plural adds "s", so pick a noun that takes it.
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// ContainsFold reports whether list holds s, ignoring case.
func ContainsFold(list []string, s string) bool {
	return slices.ContainsFunc(list, func(item string) bool { return strings.EqualFold(item, s) })
}
