/**
 * Raw-HTTP helpers for the emulator conformance tests: they speak the wire protocol directly (global
 * fetch), so nothing in a client library can hide an emulator bug.
 */
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../emulator/index";

/** A raw HTTP answer with the body parsed when it is JSON. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** Options for {@link rpc}. */
export interface RpcOptions {
  version?: "v1.0" | "v1.1" | "v1.2";
  key?: string | null;
  id?: string | number;
  service?: string;
}

/** Basic auth header for a key (empty password). */
export function basic(key: string, password = ""): string {
  return `Basic ${Buffer.from(`${key}:${password}`).toString("base64")}`;
}

/** POSTs a raw body to a module path. */
export async function post(
  emu: RunningEmulator,
  module: string,
  body: string,
  init: {
    version?: string;
    key?: string | null;
    headers?: Record<string, string>;
    method?: string;
    service?: string;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { "Content-Type": "application/json", ...init.headers };
  const key = init.key === undefined ? emu.keys[0]!.key : init.key;
  if (key !== null) headers.Authorization = basic(key);
  const path = `${emu.url}/${init.version ?? "v1.0"}/jsonrpc/${module}${init.service ? `/${init.service}` : ""}`;
  const res = await fetch(path, {
    method: init.method ?? "POST",
    headers,
    body: init.method === "GET" ? undefined : body,
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

let nextId = 1;

/** Calls `module.method` with a JSON-RPC envelope and returns the raw answer. */
export function rpc(
  emu: RunningEmulator,
  module: string,
  method: string,
  params?: unknown,
  o: RpcOptions = {},
): Promise<Answer> {
  const id = o.id ?? `req-${nextId++}`;
  const envelope: Record<string, unknown> = { id, jsonrpc: "2.0", method };
  if (params !== undefined) envelope.params = params;
  return post(emu, module, JSON.stringify(envelope), { version: o.version, key: o.key, service: o.service });
}

/** Calls a method and returns `result`, failing the test on any error. */
export async function ok<T = any>(
  emu: RunningEmulator,
  module: string,
  method: string,
  params?: unknown,
  o: RpcOptions = {},
): Promise<T> {
  const a = await rpc(emu, module, method, params, o);
  if (a.status !== 200 || a.json?.error) throw new Error(`${module}.${method} failed: HTTP ${a.status} ${a.text}`);
  return a.json.result as T;
}

/** Calls a method that must fail with a JSON-RPC error (HTTP 200) and returns the error member. */
export async function fails(
  emu: RunningEmulator,
  module: string,
  method: string,
  params?: unknown,
  o: RpcOptions = {},
): Promise<{ code: number; message: string; data: { details: string } }> {
  const a = await rpc(emu, module, method, params, o);
  if (a.status !== 200 || !a.json?.error)
    throw new Error(`${module}.${method} was expected to fail: HTTP ${a.status} ${a.text}`);
  return a.json.error;
}

/** Starts an emulator with rate limits off (unless overridden) and a fixed key. */
export function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ rateLimits: "off", keys: [{ key: "test-key-0000000000000000000000000000000" }], ...options });
}

/** Ids of the seeded tenant, looked up by name. */
export function seeded(emu: RunningEmulator) {
  const s = emu.state;
  const company = (name: string) => Object.values(s.companies).find((c) => c.name === name)!;
  const group = (companyName: string, name: string) =>
    Object.values(s.groups).find((g) => g.name === name && g.companyId === company(companyName).id)!;
  return {
    root: s.companies[s.rootCompanyId]!,
    company,
    group,
    policy: (name: string, companyName?: string) =>
      Object.values(s.policies).find(
        (p) => p.name === name && (companyName === undefined || p.companyId === company(companyName).id),
      )!,
    endpointsOf: (companyName: string) =>
      Object.values(s.endpoints).filter((e) => e.companyId === company(companyName).id),
  };
}

/** A password that satisfies the complexity rule. */
export const GOOD_PASSWORD = "Str0ng!Passw0rd";
