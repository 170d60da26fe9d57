package export

import (
	"encoding/json"
	"errors"
	"fmt"
)

// JSONError describes an error of encoding/json without quoting the document: a syntax error
// quotes the offending character, which may belong to a secret; its offset says enough.
func JSONError(err error) error {
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		return fmt.Errorf("not valid JSON (syntax error at byte %d)", syntax.Offset)
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return fmt.Errorf("a JSON %s at byte %d where %s %s was expected", typ.Value, typ.Offset, typ.Field, typ.Type)
	}
	return err
}
