/**
 * The API route: `POST /api/{v1.0|v1.1|v1.2}/jsonrpc/{module}[/{service}]`, processed in the order
 * a request meets GravityZone's checks:
 *
 * 1. path (404 for anything else under the server) and HTTP method (405 unless POST);
 * 2. HTTP Basic auth (401) — the body is parsed first only to echo its `id`;
 * 3. the module: unknown → -32601; not enabled for the key → 403;
 * 4. `Content-Type: application/json`, JSON (-32700), a single JSON-RPC 2.0 request with an id
 *    (-32600: batches, notifications, missing `jsonrpc`/`method`);
 * 5. injected latency and 429 storms, then the per-key rate limit (429, HTML body, Retry-After);
 * 6. the method in this version (-32601), an injected 500 (before applying);
 * 7. the handler (parameter errors -32602); a successful write is saved to the state file before
 *    the answer, and may then be cut off by an injected dropped connection.
 *
 * JSON-RPC errors are sent with HTTP 200, with the explanation in `error.data.details`.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { KeyRing } from "./auth";
import type { CallLog } from "./call-log";
import { RpcCode, RpcError, methodNotFound } from "./errors";
import type { FaultInjector } from "./faults";
import { BodyTooLarge, MAX_JSON_DEPTH, nestedDeeperThan, readBody, sendHtml, sendJson, sendText } from "./http-io";
import { catalogueEntry } from "./catalogue/index";
import { checkAgainstCatalogue } from "./catalogue/conformance";
import { canonicalModule, findMethod, handlerFor, serviceAllowed } from "./methods/index";
import type { ApiVersion } from "./methods/registry";
import type { CallRecord } from "./options";
import type { Persister } from "./persistence";
import type { RateLimiter } from "./rate-limit";
import type { TenantState } from "./state";

/** What the API route needs. */
export interface ApiDeps {
  /** Holds the live state. */
  readonly holder: { readonly state: TenantState };
  /** Accepted keys. */
  readonly keys: KeyRing;
  /** Rate limits. */
  readonly limiter: RateLimiter;
  /** Fault injection. */
  readonly faults: FaultInjector;
  /** Saves the state after writes. */
  readonly persister: Persister;
  /** Request record. */
  readonly calls: CallLog;
  /** Optional request log. */
  readonly log?: (line: string) => void;
}

const API_PATH = /^\/api\/(v1\.[0-2])\/jsonrpc\/([A-Za-z]+)(?:\/([A-Za-z]+))?\/?$/;

type JsonRpcId = string | number | null;

function rpcBody(id: JsonRpcId, error: { code: number; message: string; data: { details: string } }) {
  return { id, jsonrpc: "2.0", error };
}

function rpcError(
  res: ServerResponse,
  id: JsonRpcId,
  err: RpcError,
  status = 200,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, rpcBody(id, err.toJSON()), headers);
}

/** The HTML page GravityZone's front end sends with a 429. */
export function tooManyRequestsPage(): string {
  return "<!DOCTYPE html>\n<html>\n<head><title>429 Too Many Requests</title></head>\n<body>\n<center><h1>429 Too Many Requests</h1></center>\n<hr><center>You have exceeded the number of requests allowed for this API key. Retry later.</center>\n</body>\n</html>\n";
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function peekId(parsed: unknown): JsonRpcId {
  if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
    const id = (parsed as Record<string, unknown>).id;
    if (typeof id === "string" || typeof id === "number") return id;
  }
  return null;
}

/** Handles one API request (everything under `/api/`). */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  deps: ApiDeps,
): Promise<void> {
  const started = performance.now();
  const m = API_PATH.exec(pathname);
  const record: CallRecord = {
    module: m?.[2] ?? "",
    method: "",
    version: m?.[1] ?? "",
    status: 0,
    at: Date.now(),
    params: undefined,
  };
  deps.calls.add(record);
  let keyFingerprint = "-";
  const finish = (status: number) => {
    record.status = status;
    deps.log?.(
      `${req.method} ${pathname} ${record.method || "-"} ${status} ${(performance.now() - started).toFixed(1)}ms key=${keyFingerprint}`,
    );
  };
  res.on("finish", () => finish(res.statusCode));
  res.on("close", () => {
    if (!res.writableFinished) finish(0);
  });

  if (!m) return sendText(res, 404, "Not Found");
  if (req.method !== "POST") {
    return rpcError(
      res,
      null,
      new RpcError(RpcCode.InvalidRequest, `The HTTP method ${req.method} is not allowed. Use POST.`),
      405,
      { Allow: "POST" },
    );
  }
  const version = m[1] as ApiVersion;
  const pathModule = m[2]!;
  const service = m[3] ?? "";

  let text: string;
  try {
    text = await readBody(req);
  } catch (e) {
    if (e instanceof BodyTooLarge) return rpcError(res, null, new RpcError(RpcCode.InvalidRequest, e.message), 413);
    throw e;
  }
  let parsed: unknown;
  let parseFailed = false;
  // A request nested deeper than any documented parameter is refused before it is parsed or reaches a
  // method (assumed: GravityZone's limit is not documented; its own parameters nest a few levels).
  const tooDeep = nestedDeeperThan(text);
  try {
    parsed = tooDeep ? undefined : JSON.parse(text);
  } catch {
    parseFailed = true;
  }
  const echoId = parseFailed ? null : peekId(parsed);

  const key = deps.keys.authenticate(req.headers.authorization);
  if (!key) {
    return sendJson(
      res,
      401,
      rpcBody(echoId, {
        code: RpcCode.AuthError,
        message: "Unauthorized",
        data: { details: "Authentication failed: the API key is missing, invalid or revoked." },
      }),
      {
        "WWW-Authenticate": 'Basic realm="GravityZone API"',
      },
    );
  }
  keyFingerprint = key.fingerprint;
  const module = canonicalModule(pathModule);
  if (!module || !serviceAllowed(module, service)) return rpcError(res, echoId, methodNotFound());
  if (!key.modules.includes(module)) {
    // -32001 means "authentication failed"; a valid key without the module is an authorization
    // refusal, so the body carries the generic server-error code and HTTP 403 says what happened.
    return sendJson(
      res,
      403,
      rpcBody(echoId, {
        code: RpcCode.ServerError,
        message: "Server error",
        data: { details: `API Key is not allowed to access the selected API: ${module}` },
      }),
    );
  }

  const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (contentType !== "application/json")
    return rpcError(
      res,
      echoId,
      new RpcError(RpcCode.InvalidRequest, "The Content-Type header must be application/json."),
    );
  if (parseFailed) return rpcError(res, null, new RpcError(RpcCode.ParseError, "The request body is not valid JSON."));
  if (tooDeep)
    return rpcError(
      res,
      null,
      new RpcError(RpcCode.InvalidRequest, `The request nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels.`),
    );
  if (Array.isArray(parsed))
    return rpcError(res, null, new RpcError(RpcCode.InvalidRequest, "Batch requests are not supported."));
  if (typeof parsed !== "object" || parsed === null)
    return rpcError(res, null, new RpcError(RpcCode.InvalidRequest, "The request must be a JSON-RPC 2.0 object."));
  const envelope = parsed as Record<string, unknown>;
  if (envelope.jsonrpc !== "2.0")
    return rpcError(res, echoId, new RpcError(RpcCode.InvalidRequest, 'The "jsonrpc" member must be exactly "2.0".'));
  if (typeof envelope.method !== "string" || envelope.method === "")
    return rpcError(
      res,
      echoId,
      new RpcError(RpcCode.InvalidRequest, 'The "method" member must be a non-empty string.'),
    );
  if (!("id" in envelope) || envelope.id === null)
    return rpcError(
      res,
      null,
      new RpcError(RpcCode.InvalidRequest, "Notifications are not supported: the request needs an id."),
    );
  if (typeof envelope.id !== "string" && typeof envelope.id !== "number")
    return rpcError(res, null, new RpcError(RpcCode.InvalidRequest, 'The "id" member must be a string or a number.'));
  const id = envelope.id;
  const method = envelope.method;
  record.method = method;
  record.params = envelope.params;
  const fullName = `${module}.${method}`;

  const delay = deps.faults.latencyFor(fullName);
  if (delay > 0) await sleep(delay);
  const storm = deps.faults.storm(fullName);
  if (storm !== undefined) return sendHtml(res, 429, tooManyRequestsPage(), { "Retry-After": String(storm) });
  const admission = deps.limiter.admit(key.fingerprint, module, method);
  if (!admission.ok)
    return sendHtml(res, 429, tooManyRequestsPage(), { "Retry-After": String(admission.retryAfterSeconds) });

  const spec = findMethod(module, method);
  const handler = spec ? handlerFor(spec, version) : undefined;
  if (!spec || !handler) return rpcError(res, id, methodNotFound());
  if (
    envelope.params !== undefined &&
    envelope.params !== null &&
    (typeof envelope.params !== "object" || Array.isArray(envelope.params))
  ) {
    return rpcError(
      res,
      id,
      new RpcError(RpcCode.InvalidParams, 'The "params" member must be an object of named parameters.'),
    );
  }
  if (deps.faults.error(fullName))
    return rpcError(res, id, new RpcError(RpcCode.ServerError, "Internal server error. Please try again later."), 500);
  const documented = catalogueEntry(module, method, version);
  if (!documented) return rpcError(res, id, methodNotFound());
  try {
    checkAgainstCatalogue(documented, envelope.params);
  } catch (e) {
    if (e instanceof RpcError) return rpcError(res, id, e);
    throw e;
  }

  let result: unknown;
  try {
    result = handler(envelope.params, {
      state: deps.holder.state,
      caller: {
        companyId: deps.holder.state.rootCompanyId,
        accountId: deps.holder.state.ownerAccountId,
        modules: key.modules,
      },
      version,
      now: new Date(),
      service,
    });
  } catch (e) {
    if (e instanceof RpcError) return rpcError(res, id, e);
    deps.log?.(`internal error in ${fullName}: ${(e as Error).stack ?? String(e)}`);
    return rpcError(res, id, new RpcError(RpcCode.ServerError, "Internal server error."), 500);
  }
  if (spec.write) {
    try {
      await deps.persister.save();
    } catch (e) {
      deps.log?.(`could not save the state after ${fullName}: ${(e as Error).message}`);
      return rpcError(
        res,
        id,
        new RpcError(RpcCode.ServerError, "Internal server error: the change could not be saved."),
        500,
      );
    }
    if (deps.faults.dropAfterWrite(fullName)) {
      req.socket.destroy();
      return;
    }
  }
  sendJson(res, 200, { id, jsonrpc: "2.0", result: result === undefined ? null : result });
}
