package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/pulumi-securely/pulumi-securely/internal/export"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// tagsSuffix ends the name of the file beside an export that holds its stack's tags, a JSON
// object of strings: prod.json's tags are in prod.tags.json.
const tagsSuffix = ".tags.json"

// dirSource is a folder of `pulumi stack export` files (*.json, searched recursively). A stack is
// listed by its file's path in the folder; its project and name are read from its URNs, its
// organization is the one given.
type dirSource struct {
	dir  string
	org  string
	keys keys
}

func (s *dirSource) Describe() string { return "stack exports in " + s.dir }

func (s *dirSource) List(context.Context) ([]StackID, error) {
	var ids []StackID
	err := filepath.WalkDir(s.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".json") || strings.HasSuffix(path, tagsSuffix) {
			return nil
		}
		rel, err := filepath.Rel(s.dir, path)
		if err != nil {
			return err
		}
		ids = append(ids, StackID{Org: s.org, Stack: filepath.ToSlash(rel)})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing %s: %w", s.dir, err)
	}
	return ids, nil
}

func (s *dirSource) Load(_ context.Context, id StackID) (*Stack, error) {
	path := filepath.Join(s.dir, filepath.FromSlash(id.Stack))
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var untyped apitype.UntypedDeployment
	if err := json.Unmarshal(data, &untyped); err != nil {
		return nil, fmt.Errorf("not a stack export: %w", export.JSONError(err))
	}
	st := &Stack{ID: id, Deployment: untyped, Origin: id.Stack}
	if urn, ok := firstURN(untyped.Deployment); ok {
		st.ID = StackID{Org: s.org, Project: string(urn.Project()), Stack: string(urn.Stack())}
	}
	tagsPath := strings.TrimSuffix(path, ".json") + tagsSuffix
	switch tags, err := os.ReadFile(tagsPath); {
	case err == nil:
		if err := json.Unmarshal(tags, &st.Tags); err != nil {
			return nil, fmt.Errorf("%s is not a JSON object of strings", filepath.Base(tagsPath))
		}
		if st.Tags == nil {
			st.Tags = map[string]string{}
		}
	case os.IsNotExist(err):
		st.Notes = append(st.Notes, "an export holds no stack tags, and no "+filepath.Base(tagsPath)+" lies beside it")
	default:
		return nil, err
	}
	st.Decrypter, st.Encrypted = s.keys.stateDecrypter(untyped.Deployment)
	return st, nil
}

// firstURN returns the URN of the deployment's first resource, which names the stack and its
// project.
func firstURN(deployment json.RawMessage) (resource.URN, bool) {
	var d struct {
		Resources []struct {
			URN resource.URN `json:"urn"`
		} `json:"resources"`
	}
	if json.Unmarshal(deployment, &d) != nil || len(d.Resources) == 0 || !d.Resources[0].URN.IsValid() {
		return "", false
	}
	return d.Resources[0].URN, true
}
