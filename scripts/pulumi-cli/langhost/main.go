// Command pulumi-language-nodejs is a small Node.js language host for the Pulumi CLI.
//
// Why this exists: the Pulumi CLI runs a Node.js program through a separate "language host"
// executable, pulumi-language-nodejs. The CLI itself can be built from the Go module
// github.com/pulumi/pulumi/pkg/v3, but the upstream language host lives in the module
// github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3, which the Go module proxy
// our machines use does not serve. Without a language host the CLI cannot run any Node.js
// program, so scripts/pulumi-cli.sh builds this one next to the CLI.
//
// It implements the parts of the pulumirpc.LanguageRuntime gRPC service that `pulumi up`,
// `preview`, `refresh`, `destroy`, `stack export/import`, `about` and `--policy-pack` use. The
// actual work is done by the scripts that ship in the program's @pulumi/pulumi npm package:
//
//	Run       -> node @pulumi/pulumi/cmd/run             (the program itself)
//	RunPlugin -> node @pulumi/pulumi/cmd/run-policy-pack (kind "analyzer": policy packs)
//	             node @pulumi/pulumi/cmd/run-plugin      (other plugin kinds)
//
// Deliberately left out (answered with Unimplemented or an error): code generation (`pulumi
// convert`, `package gen-sdk`), `pulumi new` templating, debugger attach, the bun runtime and the
// deprecated synchronous-invoke pipes (`--sync`). Required plugins are reported as none: the
// dynamic provider plugin (pulumi-resource-pulumi-nodejs) is found on PATH, and any other plugin
// must be installed with `pulumi plugin install`.
//
// Runtime options read from Pulumi.yaml (`runtime.options`): typescript (bool, default true),
// tsconfig (string), nodeargs (string, split on white space).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	sdk "github.com/pulumi/pulumi/sdk/v3"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/logging"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"
)

// exitUserActionable is the exit code @pulumi/pulumi's run script uses after it has already
// printed an error the user can act on; the CLI must then stop without adding its own message.
const exitUserActionable = 32

func main() {
	// The CLI passes --logtostderr, -v=N (both registered by the SDK's logging package) and
	// --tracing to every plugin it starts.
	tracing := flag.String("tracing", "", "Zipkin-compatible tracing endpoint (passed on to node)")
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println(version.Version)
		return
	}
	logging.InitLogging(false, 0, false) // takes -v and --logtostderr from the flags

	// serverCtx ends when the engine goes away; host.cancelCtx also ends on the Cancel RPC.
	serverCtx, stopServer := context.WithCancel(context.Background())
	host := &langHost{tracing: *tracing}
	host.cancelCtx, host.cancel = context.WithCancel(serverCtx)
	if flag.NArg() > 0 {
		host.engineAddress = flag.Arg(0)
		// Stop when the engine goes away, so an interrupted CLI never leaves this process behind.
		if err := rpcutil.Healthcheck(serverCtx, host.engineAddress, 5*time.Minute, stopServer); err != nil {
			fatal(fmt.Errorf("could not start the engine health check: %w", err))
		}
	}

	stop := make(chan bool)
	go func() { <-serverCtx.Done(); close(stop) }()
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fatal(fmt.Errorf("could not start the language host gRPC server: %w", err))
	}
	// The CLI reads the port from the first line of our stdout.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fatal(fmt.Errorf("language host gRPC server stopped: %w", err))
	}
}

func fatal(err error) {
	fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
	os.Exit(1)
}

type langHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	tracing   string
	cancelCtx context.Context // done after the Cancel RPC or when the engine is gone
	cancel    context.CancelFunc

	mu            sync.Mutex
	engineAddress string
}

func (h *langHost) engine() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engineAddress
}

func (h *langHost) Handshake(
	_ context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	h.engineAddress = req.GetEngineAddress()
	h.mu.Unlock()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *langHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

func (h *langHost) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *langHost) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

func (h *langHost) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

func (h *langHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.cancel()
	return &emptypb.Empty{}, nil
}

// nodeOptions are the `runtime.options` of Pulumi.yaml (or PulumiPolicy.yaml / PulumiPlugin.yaml).
type nodeOptions struct {
	typescript bool
	tsconfig   string
	nodeargs   []string
}

func parseOptions(info *pulumirpc.ProgramInfo) (nodeOptions, error) {
	opts := nodeOptions{typescript: true}
	m := info.GetOptions().AsMap()
	if v, ok := m["typescript"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return opts, errors.New("runtime option 'typescript' must be a boolean")
		}
		opts.typescript = b
	}
	if v, ok := m["tsconfig"]; ok {
		s, isString := v.(string)
		if !isString {
			return opts, errors.New("runtime option 'tsconfig' must be a string")
		}
		opts.tsconfig = s
	}
	if v, ok := m["nodeargs"]; ok {
		s, isString := v.(string)
		if !isString {
			return opts, errors.New("runtime option 'nodeargs' must be a string")
		}
		opts.nodeargs = strings.Fields(s)
	}
	return opts, nil
}

// env returns the environment variables through which @pulumi/pulumi's scripts read the options.
func (o nodeOptions) env() []string {
	var env []string
	if o.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if o.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+o.tsconfig)
	}
	return env
}

// resolveModule asks node where `mod` resolves from dir, so the program's own @pulumi/pulumi is used.
func resolveModule(ctx context.Context, node, dir, mod string) (string, error) {
	cmd := exec.CommandContext(ctx, node, "-e", "process.stdout.write(require.resolve(process.argv[1]))", mod)
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("cannot find %s from %s (is @pulumi/pulumi installed there? run npm install): %v\n%s",
			mod, dir, err, stderr.String())
	}
	return strings.TrimSpace(string(out)), nil
}

// Run runs the program: node <@pulumi/pulumi/cmd/run> [flags] <entry point> [args...].
func (h *langHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	if req.GetAttachDebugger() {
		return &pulumirpc.RunResponse{Error: "this language host does not support attaching a debugger"}, nil
	}
	info := req.GetInfo()
	opts, err := parseOptions(info)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return &pulumirpc.RunResponse{Error: "could not find node on the PATH: " + err.Error()}, nil
	}
	dir := info.GetProgramDirectory()
	if dir == "" {
		dir = req.GetPwd()
	}
	runScript, err := resolveModule(ctx, node, dir, "@pulumi/pulumi/cmd/run")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}

	args := append([]string{}, opts.nodeargs...)
	args = append(args, runScript)
	flagIfSet := func(name, value string) {
		if value != "" {
			args = append(args, "--"+name, value)
		}
	}
	flagIfSet("monitor", req.GetMonitorAddress())
	flagIfSet("engine", h.engine())
	flagIfSet("organization", req.GetOrganization())
	flagIfSet("project", req.GetProject())
	flagIfSet("root-directory", info.GetRootDirectory())
	flagIfSet("stack", req.GetStack())
	flagIfSet("pwd", dir)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	if req.GetParallel() != 0 {
		flagIfSet("parallel", strconv.Itoa(int(req.GetParallel())))
	}
	flagIfSet("tracing", h.tracing)
	entry := info.GetEntryPoint()
	if entry == "" {
		entry = req.GetProgram()
	}
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	config := req.GetConfig()
	if config == nil {
		config = map[string]string{}
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	configJSON, err := json.Marshal(config)
	if err != nil {
		return nil, err
	}
	secretKeysJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return nil, err
	}
	env := append(os.Environ(),
		"PULUMI_CONFIG="+string(configJSON),
		"PULUMI_CONFIG_SECRET_KEYS="+string(secretKeysJSON))
	env = append(env, opts.env()...)

	// Stop node (SIGINT first, then SIGKILL after 5 s) if the request ends or Cancel is called.
	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	defer context.AfterFunc(h.cancelCtx, stop)()
	cmd := exec.CommandContext(runCtx, node, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	cmd.Env = env
	cmd.Dir = dir
	// node's output goes to our stdout/stderr, which the CLI shows as the program's output. The
	// wrapper types make exec copy through a pipe instead of handing node our file descriptors
	// (node may switch them to non-blocking mode).
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}
	logging.V(5).Infof("running %s %s", node, strings.Join(args, " "))

	err = cmd.Run()
	var exitErr *exec.ExitError
	switch {
	case err == nil:
		return &pulumirpc.RunResponse{}, nil
	case errors.As(err, &exitErr) && exitErr.ExitCode() == exitUserActionable:
		return &pulumirpc.RunResponse{Bail: true}, nil
	case errors.As(err, &exitErr) && exitErr.ExitCode() > 0:
		return &pulumirpc.RunResponse{
			Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exitErr.ExitCode()),
		}, nil
	case errors.As(err, &exitErr):
		return &pulumirpc.RunResponse{Error: "Program exited unexpectedly: " + exitErr.Error()}, nil
	default:
		return &pulumirpc.RunResponse{Error: "could not run node: " + err.Error()}, nil
	}
}

// lockedWriter turns writes into gRPC stream messages; a stream must not be sent to concurrently.
type lockedWriter struct {
	mu   *sync.Mutex
	send func([]byte) error
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err := w.send(append([]byte(nil), p...)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// RunPlugin runs a plugin written in Node.js: a policy pack (kind "analyzer") or a plugin with a
// PulumiPlugin.yaml. Output is streamed back to the CLI, which reads the plugin's port from it.
func (h *langHost) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	ctx := server.Context()
	if req.GetAttachDebugger() {
		return errors.New("this language host does not support attaching a debugger")
	}
	var mu sync.Mutex
	var stdout io.Writer = lockedWriter{&mu, func(b []byte) error {
		return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stdout{Stdout: b}})
	}}
	stderr := lockedWriter{&mu, func(b []byte) error {
		return server.Send(&pulumirpc.RunPluginResponse{Output: &pulumirpc.RunPluginResponse_Stderr{Stderr: b}})
	}}

	info := req.GetInfo()
	dir := info.GetProgramDirectory()
	opts, err := parseOptions(info)
	if err != nil {
		return err
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("could not find node on the PATH: %w", err)
	}
	isPolicyPack := req.GetKind() == "analyzer"
	script := "@pulumi/pulumi/cmd/run-plugin"
	if isPolicyPack {
		script = "@pulumi/pulumi/cmd/run-policy-pack"
	}
	runScript, err := resolveModule(ctx, node, dir, script)
	if err != nil {
		return err
	}

	args := append([]string{}, opts.nodeargs...)
	args = append(args, runScript)
	env := append(append([]string{}, req.GetEnv()...), opts.env()...)
	workDir := req.GetPwd()
	var proxy *sdk.PolicyProxy
	if isPolicyPack {
		// run-policy-pack takes <engine address> <policy pack directory> and must run in that directory.
		args = append(args, req.GetArgs()...)
		args = append(args, dir)
		workDir = dir
		// Policy packs written with @pulumi/policy read the stack (name, project, config) from the
		// environment, but the engine only sends it through the Analyzer ConfigureStack call. The
		// SDK's PolicyProxy answers that call, hands us the stack configuration, and then forwards
		// everything else to the real policy pack once it is listening.
		proxy, stdout, err = sdk.NewPolicyProxy(ctx, stdout)
		if err != nil {
			return fmt.Errorf("could not start the policy pack proxy: %w", err)
		}
		stack, err := proxy.AwaitConfiguration(ctx)
		if err != nil {
			return fmt.Errorf("could not get the stack configuration: %w", err)
		}
		if stack != nil {
			env = append(env,
				"PULUMI_NODEJS_ORGANIZATION="+stack.GetOrganization(),
				"PULUMI_NODEJS_PROJECT="+stack.GetProject(),
				"PULUMI_NODEJS_STACK="+stack.GetStack(),
				"PULUMI_NODEJS_DRY_RUN="+strconv.FormatBool(stack.GetDryRun()))
			if stack.GetConfig() != nil {
				configJSON, err := json.Marshal(stack.GetConfig())
				if err != nil {
					return err
				}
				env = append(env, "PULUMI_CONFIG="+string(configJSON))
			}
		}
	} else {
		args = append(args, dir)
		args = append(args, req.GetArgs()...)
	}

	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Dir = workDir
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = stdout, stderr
	logging.V(5).Infof("running plugin %s %s in %s", node, strings.Join(args, " "), workDir)
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("could not run node: %w", err)
	}
	if proxy != nil {
		err = proxy.Attach(ctx, cmd) // waits for the policy pack to exit
	} else {
		err = cmd.Wait()
	}
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		return fmt.Errorf("plugin exited with non-zero exit code: %d", exitErr.ExitCode())
	}
	return err
}

// InstallDependencies runs `npm install` only when the program has no node_modules yet.
func (h *langHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetDirectory()
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err == nil {
		return nil
	}
	var mu sync.Mutex
	cmd := exec.CommandContext(server.Context(), "npm", "install", "--no-audit", "--no-fund")
	cmd.Dir = dir
	cmd.Stdout = lockedWriter{&mu, func(b []byte) error {
		return server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: b})
	}}
	cmd.Stderr = lockedWriter{&mu, func(b []byte) error {
		return server.Send(&pulumirpc.InstallDependenciesResponse{Stderr: b})
	}}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("npm install in %s failed: %w", dir, err)
	}
	return nil
}

func (h *langHost) About(ctx context.Context, _ *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on the PATH: %w", err)
	}
	out, err := exec.CommandContext(ctx, node, "--version").Output()
	if err != nil {
		return nil, fmt.Errorf("node --version failed: %w", err)
	}
	return &pulumirpc.AboutResponse{
		Executable: node,
		Version:    strings.TrimSpace(string(out)),
		Metadata:   map[string]string{"packagemanager": "npm"},
	}, nil
}

// GetProgramDependencies lists package.json's dependencies with the versions found in node_modules
// (or the declared range when a package is not installed). Transitive dependencies are not listed.
func (h *langHost) GetProgramDependencies(
	_ context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := req.GetInfo().GetProgramDirectory()
	if dir == "" {
		dir = req.GetPwd()
	}
	var pkg struct {
		Dependencies    map[string]string `json:"dependencies"`
		DevDependencies map[string]string `json:"devDependencies"`
	}
	data, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil, fmt.Errorf("could not read package.json: %w", err)
	}
	if err := json.Unmarshal(data, &pkg); err != nil {
		return nil, fmt.Errorf("could not parse package.json: %w", err)
	}
	resp := &pulumirpc.GetProgramDependenciesResponse{}
	for _, deps := range []map[string]string{pkg.Dependencies, pkg.DevDependencies} {
		for name, declared := range deps {
			v := declared
			var installed struct {
				Version string `json:"version"`
			}
			if b, err := os.ReadFile(filepath.Join(dir, "node_modules", name, "package.json")); err == nil &&
				json.Unmarshal(b, &installed) == nil && installed.Version != "" {
				v = installed.Version
			}
			resp.Dependencies = append(resp.Dependencies, &pulumirpc.DependencyInfo{Name: name, Version: v})
		}
	}
	return resp, nil
}
