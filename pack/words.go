package pack

import "strconv"

// Count renders a number of things for a message, the noun in agreement: "1 day", "7 days".
func Count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
