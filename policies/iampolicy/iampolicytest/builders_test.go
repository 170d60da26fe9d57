package iampolicytest

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDoc(t *testing.T) {
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(Doc(Allow("s3:*", []string{"a", "b"}))), &doc))
	assert.Equal(t, map[string]any{"Version": "2012-10-17", "Statement": []any{
		map[string]any{"Effect": "Allow", "Action": "s3:*", "Resource": []any{"a", "b"}},
	}}, doc)
	assert.JSONEq(t, `{"Version":"2012-10-17","Statement":null}`, Doc(), "no statement")
	assert.Panics(t, func() { Doc(map[string]any{"Action": func() {}}) }, "a value JSON cannot encode")
}

func TestAllowPrincipal(t *testing.T) {
	assert.Equal(t, map[string]any{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": "*"},
		AllowPrincipal("sts:AssumeRole", "*", nil), "no condition")
	condition := map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": "1"}}
	assert.Equal(t, map[string]any{"Effect": "Allow", "Action": "sns:Publish", "Principal": map[string]any{"Service": "s3"},
		"Condition": condition}, AllowPrincipal("sns:Publish", map[string]any{"Service": "s3"}, condition))
}

func TestDocText(t *testing.T) {
	assert.JSONEq(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Deny"},{"Effect":"Allow"}]}`,
		DocText(`{"Effect":"Deny"},{"Effect":"Allow"}`))
}
