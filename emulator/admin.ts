/**
 * The admin route, reachable only from loopback addresses (403 otherwise), JSON in and out:
 *
 * - `GET /__admin/state` — the whole state; `PUT /__admin/state` — replace it (validated, saved);
 * - `POST /__admin/faults` — set {@link FaultOptions} (`{}` clears); `GET /__admin/faults` — read them;
 * - `GET /__admin/calls` — the recorded API requests; `DELETE /__admin/calls` — forget them;
 * - `POST /__admin/console` — a console-style edit `{action, …}` (see console.ts), saved before answering.
 *
 * Errors are `{"error": "<message>"}` with 400 (bad input), 403, 404, 405 or 415.
 *
 * A web page must not be able to drive it: besides the loopback peer address, the `Host` header must name
 * the loopback interface (DNS rebinding), a request from a browser page on another origin (`Origin`,
 * `Sec-Fetch-Site: cross-site`) is refused, and a request with a body must say `Content-Type:
 * application/json` (a page cannot send that cross-origin without the preflight this server never
 * answers). `GET /__admin/calls` shows secret parameter values as `[redacted]`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CallLog } from "./call-log";
import { CONSOLE_ACTIONS, runConsoleAction } from "./console";
import { RpcError } from "./errors";
import type { FaultInjector } from "./faults";
import { isLoopbackAddress, isLoopbackHost, nestedDeeperThan, readBody, sendJson } from "./http-io";
import type { FaultOptions } from "./options";
import type { Persister } from "./persistence";
import { replaceState, stateProblem, type TenantState } from "./state";

/** What the admin route needs. */
export interface AdminDeps {
  /** Holds the live state. */
  readonly holder: { readonly state: TenantState };
  /** Fault injection. */
  readonly faults: FaultInjector;
  /** Saves the state. */
  readonly persister: Persister;
  /** Request record. */
  readonly calls: CallLog;
}

type Route = (body: unknown, deps: AdminDeps) => Promise<[number, unknown]> | [number, unknown];

const ROUTES: Record<string, Partial<Record<string, Route>>> = {
  "/__admin": {
    GET: () => [
      200,
      {
        routes: [
          "GET|PUT /__admin/state",
          "GET|POST /__admin/faults",
          "GET|DELETE /__admin/calls",
          "POST /__admin/console",
        ],
        consoleActions: CONSOLE_ACTIONS,
      },
    ],
  },
  "/__admin/state": {
    GET: (_b, d) => [200, d.holder.state],
    PUT: async (body, d) => {
      const problem = stateProblem(body);
      if (problem) return [400, { error: `invalid state: ${problem}` }];
      replaceState(d.holder.state, structuredClone(body as TenantState));
      await d.persister.save();
      return [200, { ok: true }];
    },
  },
  "/__admin/faults": {
    GET: (_b, d) => [200, d.faults.options],
    POST: (body, d) => {
      if (typeof body !== "object" || body === null || Array.isArray(body))
        return [400, { error: "fault options must be a JSON object" }];
      try {
        d.faults.set(body as FaultOptions);
      } catch (e) {
        return [400, { error: (e as Error).message }];
      }
      return [200, { ok: true, faults: d.faults.options }];
    },
  },
  "/__admin/calls": {
    GET: (_b, d) => [200, d.calls.list().map((r) => ({ ...r, params: redactSecrets(r.params) }))],
    DELETE: (_b, d) => {
      d.calls.clear();
      return [200, { ok: true }];
    },
  },
  "/__admin/console": {
    POST: async (body, d) => {
      if (typeof body !== "object" || body === null || Array.isArray(body))
        return [400, { error: "a console action must be a JSON object {action, …}" }];
      let result: unknown;
      try {
        result = runConsoleAction(d.holder.state, body as Record<string, unknown>);
      } catch (e) {
        if (e instanceof RpcError) return [400, { error: e.details }];
        throw e;
      }
      await d.persister.save();
      return [200, { ok: true, ...(result !== undefined ? { result } : {}) }];
    },
  },
};

/** Parameter names whose values are secrets (passwords, push authorizations, licence keys, tokens). */
const SECRET_NAME = /password|authorization|secret|token|licen[cs]e_?key/i;

/** A request's parameters with secret values replaced, at any depth. */
function redactSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactSecrets);
  if (v === null || typeof v !== "object") return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [
      k,
      SECRET_NAME.test(k) && typeof x === "string" ? "[redacted]" : redactSecrets(x),
    ]),
  );
}

/** Why a request may come from a web page rather than a local tool, or undefined. */
function crossSiteReason(req: IncomingMessage): string | undefined {
  if (!isLoopbackHost(req.headers.host)) return "the Host header does not name the loopback interface";
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== "null") {
    let host: string | undefined;
    try {
      host = new URL(origin).host;
    } catch {
      host = undefined;
    }
    if (!isLoopbackHost(host)) return "requests from web pages on other origins are refused";
  } else if (origin === "null") return "requests from web pages on other origins are refused";
  if (req.headers["sec-fetch-site"] === "cross-site") return "requests from web pages on other origins are refused";
  return undefined;
}

/** Handles a request under `/__admin`. */
export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  deps: AdminDeps,
): Promise<void> {
  if (!isLoopbackAddress(req.socket.remoteAddress))
    return sendJson(res, 403, { error: "the admin route is only available from the loopback address" });
  const crossSite = crossSiteReason(req);
  if (crossSite) return sendJson(res, 403, { error: `the admin route refused the request: ${crossSite}` });
  const routes = ROUTES[pathname.replace(/\/+$/, "") || "/"];
  if (!routes) return sendJson(res, 404, { error: `no admin route ${pathname}` });
  const route = routes[req.method ?? ""];
  if (!route)
    return sendJson(
      res,
      405,
      { error: `use ${Object.keys(routes).join(" or ")}` },
      { Allow: Object.keys(routes).join(", ") },
    );
  let body: unknown;
  if (req.method === "PUT" || req.method === "POST") {
    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (type !== "application/json")
      return sendJson(res, 415, { error: "send the body as Content-Type: application/json" });
    const text = await readBody(req);
    if (nestedDeeperThan(text)) return sendJson(res, 400, { error: "the body nests too deeply" });
    try {
      body = text.trim() === "" ? {} : JSON.parse(text);
    } catch {
      return sendJson(res, 400, { error: "the body is not valid JSON" });
    }
  }
  const [status, answer] = await route(body, deps);
  sendJson(res, status, answer);
}
