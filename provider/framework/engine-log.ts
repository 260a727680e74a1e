/**
 * Messages to the person running `pulumi up`, through the Pulumi engine's log: they show in the CLI's
 * output as `info:` lines (under the stack, since a dynamic provider is not told which resource it
 * works on).
 *
 * The dynamic provider runs in a process started as `pulumi-resource-pulumi-nodejs <engine address>`
 * (`@pulumi/pulumi/cmd/dynamic-provider`). That host never tells `@pulumi/pulumi`'s runtime where the
 * engine is, so `pulumi.log.info` would print to the process's stdout instead of the engine. On the
 * first message, this module gives the runtime the engine address from the command line when the
 * process is that host; in a Pulumi program the runtime already knows it. Anywhere else (tests that
 * call the handlers directly, scripts) messages go nowhere, or to a sink a test installs.
 *
 * Logging never throws, never delays the caller (delivery is not awaited) and is only ever given
 * texts made of method names, counts and durations: never a parameter, key or secret.
 */

/** Receives one message. */
export type EngineLogSink = (message: string) => void;

/** A sink installed by {@link setEngineLogSink} (tests); undefined: the engine, when there is one. */
let installed: EngineLogSink | undefined;
/** Whether the engine address was looked for on the command line already. */
let wired = false;

/**
 * The engine's address when `argv` is the dynamic provider host's command line
 * (`node …/@pulumi/pulumi/cmd/dynamic-provider[/index.js] [flags] <host:port>`), else undefined.
 * Skips the flags the engine may pass to plugins (`--logtostderr`, `-v=N`, `--tracing <addr>`).
 */
export function engineAddressFromArgv(argv: readonly string[]): string | undefined {
  const script = argv[1];
  if (
    typeof script !== "string" ||
    !/[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]dynamic-provider([\\/]index(\.js)?)?$/.test(script)
  )
    return undefined;
  const rest = argv.slice(2);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === "--tracing") {
      i++;
      continue;
    }
    if (a.startsWith("-")) continue;
    return /^[\w.\-[\]:]+:\d{1,5}$/.test(a) ? a : undefined;
  }
  return undefined;
}

/** Gives `@pulumi/pulumi`'s runtime the engine address of a dynamic provider host, once. */
function wireEngineAddress(): void {
  if (wired) return;
  wired = true;
  const addr = engineAddressFromArgv(process.argv);
  if (addr === undefined) return;
  // Loaded lazily: @pulumi/pulumi's runtime modules are only present inside a Pulumi process.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const state = require("@pulumi/pulumi/runtime/state") as {
    getStore(): { settings: { options: { engineAddr?: string } } };
  };
  const options = state.getStore().settings.options;
  if (!options.engineAddr) options.engineAddr = addr;
}

/**
 * Sends an info message to the Pulumi engine (shown by `pulumi up`/`preview`), or to the sink a test
 * installed. Does nothing outside a Pulumi process. Never throws and never waits for delivery.
 */
export function logInfo(message: string): void {
  try {
    if (installed) {
      installed(message);
      return;
    }
    wireEngineAddress();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazily, as above
    const settings = require("@pulumi/pulumi/runtime/settings") as { getEngine(): unknown };
    // Without an engine, pulumi.log.info would print to stdout: the dynamic provider host's stdout is
    // not the CLI's output, and a test's should stay clean.
    if (!settings.getEngine()) return;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazily, as above
    const log = require("@pulumi/pulumi/log") as { info(msg: string): Promise<void> };
    void Promise.resolve(log.info(message)).catch(() => undefined);
  } catch {
    // A message is never worth failing or delaying the operation it describes.
  }
}

/**
 * Installs a sink that receives every message instead of the engine (tests), or removes it with
 * `undefined`. Returns the sink installed before.
 * @internal
 */
export function setEngineLogSink(sink: EngineLogSink | undefined): EngineLogSink | undefined {
  const before = installed;
  installed = sink;
  return before;
}
