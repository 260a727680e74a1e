/**
 * The emulator's public option and handle types (re-exported by index.ts).
 */
import type { RateLimitMode } from "./rate-limit";
import type { TenantState } from "./state";

/** An API key the emulator accepts. */
export interface EmulatorKey {
  /** The key (HTTP Basic user name). */
  key: string;
  /** The API modules enabled for the key; undefined = every module. */
  modules?: string[];
}

/** Injected failures, decided by a seeded PRNG so a run can be repeated exactly. */
export interface FaultOptions {
  /** PRNG seed. @default 1 */
  seed?: number;
  /** Probability (0..1) of answering HTTP 500 with a JSON-RPC -32000 body *before* the call is applied. */
  errorRate?: number;
  /** Probability (0..1), for write methods, of applying the write and then closing the connection without an answer. */
  dropAfterWriteRate?: number;
  /** Latency added to every request, in milliseconds. */
  latencyMs?: number;
  /** Extra random latency, uniformly 0..latencyJitterMs milliseconds. */
  latencyJitterMs?: number;
  /** Probability (0..1) of a forced HTTP 429 (HTML body + Retry-After). */
  stormRate?: number;
  /** Retry-After of forced 429s, in seconds. @default 1 */
  stormRetryAfterSeconds?: number;
  /** Limit faults to these `module.method` names. @default every method */
  methods?: string[];
}

/** How to start an emulator. */
export interface EmulatorOptions {
  /** TCP port; 0 picks a free one. @default 0 */
  port?: number;
  /** Listening address. @default "127.0.0.1" */
  host?: string;
  /** Accepted API keys. @default one random 40-hex-character key with every module */
  keys?: EmulatorKey[];
  /** The starting tenant when no state file exists. @default "default" */
  seed?: "default" | "empty";
  /** Load the state from this JSON file when it exists, and save every change to it atomically. */
  statePath?: string;
  /** `"real"` budgets, `"off"`, or a factor that makes every budget window that many times shorter. @default "real" */
  rateLimits?: RateLimitMode;
  /** Faults injected from the start. */
  faults?: FaultOptions;
  /** Receives one line per request (never the key or the parameters). */
  log?: (line: string) => void;
}

/** One request the emulator received. */
export interface CallRecord {
  /** The module from the path ("" when the path had none). */
  module: string;
  /** The JSON-RPC method ("" when the body had none). */
  method: string;
  /** The version from the path. */
  version: string;
  /** The HTTP status sent (0 when the connection was dropped without an answer). */
  status: number;
  /** When the request arrived (ms since the epoch). */
  at: number;
  /** The `params` member as received (undefined when the body was not a request). */
  params: unknown;
}

/** A running emulator. */
export interface RunningEmulator {
  /** The access URL, e.g. `http://127.0.0.1:PORT/api`; clients POST to `url + "/v1.0/jsonrpc/<module>"`. */
  url: string;
  /** The admin route, e.g. `http://127.0.0.1:PORT/__admin`. */
  adminUrl: string;
  /** The accepted keys. */
  keys: EmulatorKey[];
  /** The live state (tests may read or change it directly; call persist() afterwards). */
  state: TenantState;
  /** Every request received (rejected ones included), oldest first. */
  calls(): CallRecord[];
  /** Forgets the recorded requests. */
  resetCalls(): void;
  /** Replaces the fault settings (undefined clears them). */
  setFaults(f: FaultOptions | undefined): void;
  /** Saves the state now (a no-op without statePath). */
  persist(): Promise<void>;
  /** Stops listening, closes open connections and saves the state. */
  close(): Promise<void>;
}
