package pack

import "strconv"

// Count renders a number of things for a message, the noun (given in the singular) in agreement:
// "1 day", "0 days", "7 days". The plural adds "s", so pick a noun that takes it.
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
