/**
 * A faithful, stateful GravityZone Public API emulator: the embedded default the demo, the examples,
 * the provider tests and the benchmarks run against.
 *
 * ```ts
 * import { startEmulator } from "pulumi-gravityzone/emulator";
 * const emu = await startEmulator({ rateLimits: "off" });
 * // POST `${emu.url}/v1.0/jsonrpc/network` with Basic auth `${emu.keys[0].key}:`
 * await emu.close();
 * ```
 * @packageDocumentation
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleAdmin } from "./admin";
import { generateKey, KeyRing } from "./auth";
import { CallLog } from "./call-log";
import { FaultInjector } from "./faults";
import { sendJson } from "./http-io";
import type { EmulatorOptions, FaultOptions, RunningEmulator } from "./options";
import { Persister, readStateFile, removeStaleTempFiles } from "./persistence";
import { RateLimiter } from "./rate-limit";
import { seedState } from "./seed";
import { handleApi } from "./server";

export type { EmulatorKey, FaultOptions, EmulatorOptions, CallRecord, RunningEmulator } from "./options";
export type {
  TenantState,
  CompanyRecord,
  GroupRecord,
  EndpointRecord,
  PolicyRecord,
  PackageRecord,
  AccountRecord,
  BlocklistRecord,
  PushRecord,
  PolicyAssignment,
} from "./state";
export { STATE_VERSION } from "./state";
export { seedState, type SeedKind } from "./seed";
export { CONSOLE_ACTIONS } from "./console";
export { BUDGETS, rateClassOf, type RateClass, type RateLimitMode } from "./rate-limit";
export { MODULE_NAMES } from "./methods/index";

function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

/**
 * Starts an emulator and resolves once it listens. With `statePath`, the state is loaded from the
 * file when it exists (else seeded and written at once) and saved atomically after every change.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const keys = (options.keys ?? [{ key: generateKey() }]).map((k) => ({
    key: k.key,
    ...(k.modules ? { modules: [...k.modules] } : {}),
  }));
  const ring = new KeyRing(keys);
  if (options.statePath) removeStaleTempFiles(options.statePath);
  const loaded = options.statePath ? readStateFile(options.statePath) : undefined;
  const holder = { state: loaded ?? seedState(options.seed ?? "default") };
  const persister = new Persister(options.statePath, () => holder.state);
  const limiter = new RateLimiter(options.rateLimits ?? "real");
  const faults = new FaultInjector(options.faults);
  const calls = new CallLog();
  const log = options.log;
  if (options.statePath && !loaded) await persister.save();

  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    const pathname = new URL(req.url ?? "/", "http://emulator").pathname;
    if (pathname === "/__admin" || pathname.startsWith("/__admin/"))
      return handleAdmin(req, res, pathname, { holder, faults, persister, calls });
    return handleApi(req, res, pathname, { holder, keys: ring, limiter, faults, persister, calls, log });
  };
  const server = createServer((req, res) => {
    onRequest(req, res).catch((e: unknown) => {
      log?.(`internal error: ${(e as Error).stack ?? String(e)}`);
      if (!res.headersSent)
        sendJson(res, 500, {
          id: null,
          jsonrpc: "2.0",
          error: { code: -32000, message: "Server error", data: { details: "Internal server error." } },
        });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${urlHost(host)}:${port}`;
  let closed = false;
  return {
    url: `${origin}/api`,
    adminUrl: `${origin}/__admin`,
    keys,
    get state() {
      return holder.state;
    },
    calls: () => calls.list(),
    resetCalls: () => calls.clear(),
    setFaults: (f: FaultOptions | undefined) => faults.set(f),
    persist: () => persister.save(),
    close: async () => {
      if (closed) return;
      closed = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await persister.save();
    },
  };
}
