package aws

import "time"

// now is the clock of the rules that follow a calendar (Lambda runtime deprecations, EKS version
// support); tests set it to a fixed day.
var now = time.Now
