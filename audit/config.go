package audit

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
)

// projects are the project folders given on the command line, by project name: their
// Pulumi.<stack>.yaml files hold the stacks' config.
type projects struct {
	byName map[string]projectDir
	keys   keys
}

type projectDir struct {
	dir     string
	project *workspace.Project
}

// stackConfig is a stack's config as ConfigureStack sends it: values by full key, and the keys
// set as secrets.
type stackConfig struct {
	values     map[string]string
	secretKeys []string
}

func loadProjects(dirs []string, k keys) (*projects, error) {
	p := &projects{byName: map[string]projectDir{}, keys: k}
	for _, dir := range dirs {
		path := filepath.Join(dir, "Pulumi.yaml")
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("project folder %s: no Pulumi.yaml", dir)
		}
		proj, err := workspace.LoadProject(path)
		if err != nil {
			return nil, fmt.Errorf("project folder %s: %w", dir, err)
		}
		p.byName[proj.Name.String()] = projectDir{dir: filepath.Dir(path), project: proj}
	}
	return p, nil
}

// config reads a stack's config from its project folder's Pulumi.<stack>.yaml: nil when no
// folder was given for its project. Secure values are decrypted with the passphrase when there
// is one, and are otherwise present but "[secret]"; the notes say so.
func (p *projects) config(id StackID) (*stackConfig, []string) {
	pd, ok := p.byName[id.Project]
	if !ok {
		return nil, nil
	}
	path := filepath.Join(pd.dir, "Pulumi."+id.Stack+".yaml")
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return &stackConfig{}, []string{fmt.Sprintf("no Pulumi.%s.yaml in the project folder: judged with no config", id.Stack)}
	}
	sink := diag.DefaultSink(io.Discard, io.Discard, diag.FormatOptions{Color: colors.Never})
	ps, err := workspace.LoadProjectStack(sink, pd.project, path)
	if err != nil {
		// The loader's errors may quote a value of the file: say only which file.
		return nil, []string{fmt.Sprintf("Pulumi.%s.yaml is not a valid stack config file: judged with no config", id.Stack)}
	}
	var notes []string
	dec := config.NewBlindingDecrypter()
	if len(ps.Config.SecureKeys()) > 0 {
		why := fmt.Sprintf("its secrets provider %q is not the passphrase provider", ps.SecretsProvider)
		if ps.EncryptionSalt != "" && (ps.SecretsProvider == "" || ps.SecretsProvider == "passphrase") {
			var d config.Decrypter
			if d, why = p.keys.passphraseDecrypter(ps.EncryptionSalt); d != nil {
				dec = d
			}
		}
		if why != "" {
			notes = append(notes, "secret config values were not decrypted ("+why+"): present but "+
				"\"[secret]\", so the rules see that they are secret, not what they hold")
		}
	}
	values, err := ps.Config.Decrypt(dec)
	if err != nil {
		values, err = ps.Config.Decrypt(config.NewBlindingDecrypter())
		notes = append(notes, "secret config values could not be decrypted with the passphrase: present but \"[secret]\"")
		if err != nil {
			return nil, []string{fmt.Sprintf("Pulumi.%s.yaml config could not be read: judged with no config", id.Stack)}
		}
	}
	sc := &stackConfig{values: make(map[string]string, len(values))}
	for k, v := range values {
		sc.values[k.String()] = v
	}
	for _, k := range ps.Config.SecureKeys() {
		sc.secretKeys = append(sc.secretKeys, k.String())
	}
	return sc, notes
}
