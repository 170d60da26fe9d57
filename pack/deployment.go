package pack

import (
	"maps"
	"os"
	"slices"
)

// Deployment is the stack being previewed or updated, as the engine describes it in
// ConfigureStack. Resource and stack checks both see it.
type Deployment struct {
	// Known is false when the engine did not describe the stack: `pulumi policy publish` and
	// `pulumi policy analyze --file` do not. Checks that need the stack then skip.
	Known        bool
	Organization string
	Project      string
	Stack        string
	// DryRun is true for a preview, false for an update.
	DryRun bool
	Tags   map[string]string
	// Config holds the stack's config, decrypted, by fully qualified key ("aws:region").
	Config map[string]string
	// LookupEnv reads the environment the engine started the pack in (the CLI's environment,
	// with any ESC environment variables); tests replace it.
	LookupEnv  func(key string) (string, bool)
	secretKeys map[string]bool
}

// NewDeployment describes a stack; secretKeys are the config keys that were set as secrets.
func NewDeployment(org, project, stack string, dryRun bool, tags, config map[string]string,
	secretKeys []string,
) *Deployment {
	d := &Deployment{
		Known:        true,
		Organization: org,
		Project:      project,
		Stack:        stack,
		DryRun:       dryRun,
		Tags:         tags,
		Config:       config,
		LookupEnv:    os.LookupEnv,
		secretKeys:   make(map[string]bool, len(secretKeys)),
	}
	for _, k := range secretKeys {
		d.secretKeys[k] = true
	}
	return d
}

// IsSecret reports whether a config key was set as a secret (`pulumi config set --secret`).
func (d *Deployment) IsSecret(key string) bool { return d.secretKeys[key] }

// ConfigKeys returns the config keys in sorted order.
func (d *Deployment) ConfigKeys() []string { return slices.Sorted(maps.Keys(d.Config)) }

// secretConfigValues returns the values of the secret config keys, for the message scrubber.
func (d *Deployment) secretConfigValues() []string {
	out := make([]string, 0, len(d.secretKeys))
	for k := range d.secretKeys {
		if v, ok := d.Config[k]; ok {
			out = append(out, v)
		}
	}
	return out
}
