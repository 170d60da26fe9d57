package audit

// Trend compares a report with a previous one of the same fleet.
type Trend struct {
	Previous *Report
	// Before and After count findings by severity.
	Before, After Counts
	// New and Resolved count findings present in only one of the two reports; a finding is the
	// same when its stack, policy, resource and message are.
	New, Resolved int
}

// findingKey identifies a finding across reports.
type findingKey struct {
	stack, policy, urn, message string
}

func findingKeys(r *Report) map[findingKey]int {
	keys := map[findingKey]int{}
	for _, s := range r.Stacks {
		for _, f := range s.Findings {
			keys[findingKey{s.StackID.String(), f.Policy, f.URN, f.Message}]++
		}
	}
	return keys
}

// TrendSince compares the report with previous; nil when there is no previous report.
func (r *Report) TrendSince(previous *Report) *Trend {
	if previous == nil {
		return nil
	}
	t := &Trend{Previous: previous, Before: previous.Counts(), After: r.Counts()}
	now, before := findingKeys(r), findingKeys(previous)
	for k, n := range now {
		t.New += max(0, n-before[k])
	}
	for k, n := range before {
		t.Resolved += max(0, n-now[k])
	}
	return t
}
