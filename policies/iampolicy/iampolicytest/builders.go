// Package iampolicytest builds IAM policy documents for the test cases of rules that read them.
package iampolicytest

import "encoding/json"

// Doc renders a policy document with the given statements as the JSON string programs
// pass. It panics if a statement holds a value JSON cannot encode.
func Doc(statements ...map[string]any) string {
	b, err := json.Marshal(map[string]any{"Version": "2012-10-17", "Statement": statements})
	if err != nil {
		panic(err)
	}
	return string(b)
}

// Allow is an identity policy statement allowing action (a string or a list of them) on resource.
func Allow(action, resource any) map[string]any {
	return map[string]any{"Effect": "Allow", "Action": action, "Resource": resource}
}

// AllowPrincipal is a resource or trust policy statement letting principal do action, under
// condition when it is not nil.
func AllowPrincipal(action, principal any, condition map[string]any) map[string]any {
	s := map[string]any{"Effect": "Allow", "Action": action, "Principal": principal}
	if condition != nil {
		s["Condition"] = condition
	}
	return s
}

// DocText renders a policy document around statements written as JSON text.
func DocText(statements string) string {
	return `{"Version":"2012-10-17","Statement":[` + statements + `]}`
}
