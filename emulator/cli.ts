#!/usr/bin/env node
/**
 * `gravityzone-emulator`: runs the GravityZone API emulator until SIGINT/SIGTERM (then saves the
 * state and exits 0). The first stdout line is always
 * `GravityZone emulator listening on http://<host>:<port>/api`; the API keys follow.
 */
import { MODULE_NAMES } from "./methods/index";
import type { EmulatorKey, EmulatorOptions, FaultOptions } from "./options";
import { startEmulator } from "./index";

const HELP = `Usage: gravityzone-emulator [options]

Runs a local, stateful emulator of the Bitdefender GravityZone Public API (JSON-RPC 2.0).

Options:
  --port N                    TCP port (0 = any free port)                    [default: 0]
  --host ADDR                 listening address                               [default: 127.0.0.1]
  --api-key KEY[:m1,m2]       accept KEY, optionally only for the listed API modules (repeatable)
                              [default: one random 40-hex-character key with every module]
  --state FILE                load the state from FILE if it exists and save every change to it
  --seed default|empty        the starting tenant when there is no state file  [default: default]
  --rate-limits real|off|F    documented budgets, none, or budgets F times faster [default: real]
  --fault-seed N              seed of the fault PRNG                          [default: 1]
  --error-rate P              probability (0..1) of HTTP 500 before a call is applied
  --drop-after-write-rate P   probability (0..1) of dropping the connection after a write is applied
  --latency-ms N              latency added to every request
  --latency-jitter-ms N       extra random latency, 0..N ms
  --storm-rate P              probability (0..1) of a forced 429
  --storm-retry-after S       Retry-After of forced 429s, in seconds          [default: 1]
  --fault-methods a.b,c.d     limit faults to these module.method names
  --log                       log one line per request to stderr (never keys or parameters)
  --help                      show this help

API modules: ${MODULE_NAMES.join(", ")}
Admin route (loopback only): /__admin/state, /__admin/faults, /__admin/calls, /__admin/console
`;

/** Thrown for a bad command line; the message is shown with the usage hint. */
class UsageError extends Error {}

function numberArg(flag: string, v: string, min = 0, max = Number.POSITIVE_INFINITY): number {
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`${flag} expects a number between ${min} and ${max} (got "${v}")`);
  return n;
}

/** Parses the command line into emulator options (or `"help"`). */
export function parseArgs(argv: string[]): EmulatorOptions | "help" {
  const opts: EmulatorOptions = {};
  const keys: EmulatorKey[] = [];
  const faults: FaultOptions = {};
  let log = false;
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let value: string | undefined;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const next = (): string => {
      if (value !== undefined) return value;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case "--help":
      case "-h":
        return "help";
      case "--port":
        opts.port = numberArg(arg, next(), 0, 65535);
        break;
      case "--host":
        opts.host = next();
        break;
      case "--api-key": {
        const v = next();
        const colon = v.indexOf(":");
        if (colon < 0) keys.push({ key: v });
        else
          keys.push({
            key: v.slice(0, colon),
            modules: v
              .slice(colon + 1)
              .split(",")
              .map((m) => m.trim())
              .filter((m) => m !== ""),
          });
        break;
      }
      case "--state":
        opts.statePath = next();
        break;
      case "--seed": {
        const v = next();
        if (v !== "default" && v !== "empty") throw new UsageError(`--seed expects default or empty (got "${v}")`);
        opts.seed = v;
        break;
      }
      case "--rate-limits": {
        const v = next();
        opts.rateLimits = v === "real" || v === "off" ? v : numberArg(arg, v, Number.MIN_VALUE);
        break;
      }
      case "--fault-seed":
        faults.seed = numberArg(arg, next(), Number.MIN_SAFE_INTEGER);
        break;
      case "--error-rate":
        faults.errorRate = numberArg(arg, next(), 0, 1);
        break;
      case "--drop-after-write-rate":
        faults.dropAfterWriteRate = numberArg(arg, next(), 0, 1);
        break;
      case "--latency-ms":
        faults.latencyMs = numberArg(arg, next());
        break;
      case "--latency-jitter-ms":
        faults.latencyJitterMs = numberArg(arg, next());
        break;
      case "--storm-rate":
        faults.stormRate = numberArg(arg, next(), 0, 1);
        break;
      case "--storm-retry-after":
        faults.stormRetryAfterSeconds = numberArg(arg, next(), 1);
        break;
      case "--fault-methods":
        faults.methods = next()
          .split(",")
          .map((m) => m.trim())
          .filter((m) => m !== "");
        break;
      case "--log":
        log = true;
        break;
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (keys.length > 0) opts.keys = keys;
  if (Object.keys(faults).length > 0) opts.faults = faults;
  if (log) opts.log = (line) => process.stderr.write(`${line}\n`);
  return opts;
}

async function main(): Promise<void> {
  let opts: EmulatorOptions | "help";
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`gravityzone-emulator: ${e.message}\nRun gravityzone-emulator --help for the options.\n`);
      process.exit(2);
    }
    throw e;
  }
  if (opts === "help") {
    process.stdout.write(HELP);
    return;
  }
  const emu = await startEmulator(opts);
  const lines = [`GravityZone emulator listening on ${emu.url}`];
  for (const k of emu.keys) lines.push(`API key: ${k.key} (modules: ${k.modules ? k.modules.join(",") : "all"})`);
  lines.push(`Admin route: ${emu.adminUrl} (loopback only)`);
  if (!isLoopbackListen(opts.host)) {
    process.stderr.write(
      `gravityzone-emulator: warning: listening on ${opts.host}: plain HTTP, reachable from the network, with the API keys above. ` +
        "Use it only on a network you trust; the admin route still answers loopback peers only.\n",
    );
  }
  if (opts.statePath) lines.push(`State file: ${opts.statePath}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`gravityzone-emulator: ${signal}, saving state and exiting\n`);
    emu.close().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`gravityzone-emulator: could not save the state: ${(e as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

/** True when the emulator listens on a loopback address only (the default). */
function isLoopbackListen(host: string | undefined): boolean {
  return host === undefined || host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`gravityzone-emulator: ${(e as Error).message}\n`);
    process.exit(1);
  });
}
