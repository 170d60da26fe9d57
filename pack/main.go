package pack

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/pulumi-securely/pulumi-securely/internal/pluginserver"

	"github.com/pulumi/pulumi/sdk/v3/go/common/encoding"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
)

// Project is what a pack takes from its PulumiPolicy.yaml: the file is the one source of the
// pack's version and description, for the engine and the plugin alike.
type Project struct {
	Version     string
	Description string
}

// ReadProject parses a PulumiPolicy.yaml, with the engine's own project type and validation.
func ReadProject(data []byte) (Project, error) {
	var proj workspace.PolicyPackProject
	if err := encoding.YAML.Unmarshal(data, &proj); err != nil {
		return Project{}, fmt.Errorf("reading PulumiPolicy.yaml: %w", err)
	}
	if err := proj.Validate(); err != nil {
		return Project{}, fmt.Errorf("PulumiPolicy.yaml: %w", err)
	}
	if proj.Version == "" {
		return Project{}, fmt.Errorf("PulumiPolicy.yaml has no version")
	}
	p := Project{Version: proj.Version}
	if proj.Description != nil {
		p.Description = *proj.Description
	}
	return p, nil
}

// Command is a command a person runs with the pack's binary: `<binary> <Name> args...`.
type Command struct {
	// Name is the first argument that selects the command.
	Name string
	// Summary is the one line the binary's help shows for the command.
	Summary string
	// Run runs the command with the arguments after its name, and returns the process's exit
	// code: 0 for success, 1 for a failure, 2 for a usage error.
	Run func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

// Main is the whole of a pack binary's main function. Launched by the engine (with the engine's
// address as its argument, or with no argument) it serves the pack; run by a person it offers
// the built-in commands (version, rules, explain, help) and cmds, which come first in the help
// and win over a built-in of the same name.
func Main(p Pack, cmds ...Command) {
	os.Exit(run(p, cmds, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// aliases are the flags a person tries first, and the commands they mean.
var aliases = map[string]string{"--version": "version", "-version": "version", "--help": "help", "-help": "help", "-h": "help"}

func run(p Pack, extra []Command, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmds := append(append([]Command(nil), extra...), builtins(p, extra)...)
	if len(args) > 0 {
		name := cmp.Or(aliases[args[0]], args[0])
		for _, c := range cmds {
			if c.Name == name {
				return c.Run(args[1:], stdin, stdout, stderr)
			}
		}
	}
	if !launchedByEngine(args) {
		fmt.Fprintf(stderr, "%s: unknown command %q\n\n", p.Name, args[0])
		usage(p, cmds, stderr)
		return 2
	}
	stopOnSignals(p, stderr)
	if addr := engineAddress(args); addr != "" {
		err := pluginserver.WatchEngine(addr, engineCheckInterval, func() {
			fmt.Fprintf(stderr, "%s: the Pulumi engine at %s is gone; stopping\n", p.Name, addr)
			os.Exit(1)
		})
		if err != nil {
			fmt.Fprintf(stderr, "%s: cannot watch the Pulumi engine at %s: %v\n", p.Name, addr, err)
		}
	}
	if err := Serve(p, stdout); err != nil {
		fmt.Fprintf(stderr, "%s: stopping: %v\n", p.Name, err)
		return 1
	}
	return 0
}

// launchedByEngine reports whether the arguments are the engine's: none, or its flags
// (--logtostderr, -v=9, --tracing <endpoint>) followed by its address, host:port.
func launchedByEngine(args []string) bool {
	if len(args) == 0 {
		return true
	}
	_, port, err := net.SplitHostPort(args[len(args)-1])
	if err != nil {
		return false
	}
	n, err := strconv.Atoi(port)
	return err == nil && n > 0 && n < 1<<16
}

func version(p Pack, stdout io.Writer) int {
	fmt.Fprintln(stdout, p.Version)
	return 0
}

func usage(p Pack, cmds []Command, w io.Writer) {
	fmt.Fprintf(w, "%s %s: %s\n\n", p.Name, p.Version, p.Description)
	fmt.Fprintf(w, "Pulumi runs this binary as a policy pack:\n"+
		"  pulumi preview --policy-pack <this binary or its folder>\n"+
		"  pulumi policy analyze --file <stack export> --policy-pack <this binary>\n\n")
	fmt.Fprintf(w, "Usage: %s <command> [arguments]\n\nCommands:\n", p.Name)
	width := 0
	for _, c := range cmds {
		width = max(width, len(c.Name))
	}
	seen := map[string]bool{}
	for _, c := range cmds {
		if !seen[c.Name] {
			seen[c.Name] = true
			fmt.Fprintf(w, "  %-*s  %s\n", width, c.Name, c.Summary)
		}
	}
	fmt.Fprintf(w, "\nRun '%s <command> --help' for a command's options.\n", p.Name)
}

// engineCheckInterval is how often the plugin checks that the engine is still there.
const engineCheckInterval = time.Second

// engineAddress is the engine's address among the plugin's arguments: the last one, after any
// flags the engine passes first (--logtostderr, -v=N, --tracing <endpoint>).
func engineAddress(args []string) string {
	if len(args) == 0 || strings.HasPrefix(args[len(args)-1], "-") {
		return ""
	}
	return args[len(args)-1]
}

// stopOnSignals leaves a last line on stderr, which the engine shows, when something other than
// the engine stops the plugin (a CI runner's SIGTERM, a closed terminal): the engine then reports
// connection errors, and the line says why. The decision log, if any, delivers what it holds
// first (within flushTimeout), so that the decisions made before the stop stay on record. SIGINT
// is how the engine itself stops its plugins at the end of every run, and so passes in silence.
func stopOnSignals(p Pack, stderr io.Writer) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGHUP)
	go func() {
		sig := <-signals
		fmt.Fprintf(stderr, "%s: stopping on signal %q before the engine was done with the pack: "+
			"the policy results of this run are incomplete\n", p.Name, sig)
		flushDecisionLog(context.Background(), p.DecisionLog)
		os.Exit(1)
	}()
}
