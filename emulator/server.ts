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

/** Starts the call log's record of one request; the record's status is set when the answer ends. */
function recordCall(req: IncomingMessage, res: ServerResponse, pathname: string, deps: ApiDeps) {
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
  const log = { keyFingerprint: "-" };
  const finish = (status: number) => {
    record.status = status;
    deps.log?.(
      `${req.method} ${pathname} ${record.method || "-"} ${status} ${(performance.now() - started).toFixed(1)}ms key=${log.keyFingerprint}`,
    );
  };
  res.on("finish", () => finish(res.statusCode));
  res.on("close", () => {
    if (!res.writableFinished) finish(0);
  });
  return { m, record, log };
}

/** The body as read: parsed JSON, or why it could not be (too deep, not JSON). */
interface ReadBody {
  parsed: unknown;
  parseFailed: boolean;
  tooDeep: boolean;
}

async function readJsonBody(req: IncomingMessage): Promise<ReadBody | BodyTooLarge> {
  let text: string;
  try {
    text = await readBody(req);
  } catch (e) {
    if (e instanceof BodyTooLarge) return e;
    throw e;
  }
  // A request nested deeper than any documented parameter is refused before it is parsed or reaches a
  // method (assumed: GravityZone's limit is not documented; its own parameters nest a few levels).
  const tooDeep = nestedDeeperThan(text);
  try {
    return { parsed: tooDeep ? undefined : JSON.parse(text), parseFailed: false, tooDeep };
  } catch {
    return { parsed: undefined, parseFailed: true, tooDeep };
  }
}

/** Answers 401 or 403 when the key may not call `module` (unknown, revoked, or without the module). */
function refuseKey(
  res: ServerResponse,
  key: ReturnType<ApiDeps["keys"]["authenticate"]>,
  module: string | undefined,
  service: string,
  echoId: JsonRpcId,
): boolean {
  if (!key) {
    sendJson(
      res,
      401,
      rpcBody(echoId, {
        code: RpcCode.AuthError,
        message: "Unauthorized",
        data: { details: "Authentication failed: the API key is missing, invalid or revoked." },
      }),
      { "WWW-Authenticate": 'Basic realm="GravityZone API"' },
    );
    return true;
  }
  if (!module || !serviceAllowed(module, service)) {
    rpcError(res, echoId, methodNotFound());
    return true;
  }
  if (!key.modules.includes(module)) {
    // -32001 means "authentication failed"; a valid key without the module is an authorization
    // refusal, so the body carries the generic server-error code and HTTP 403 says what happened.
    sendJson(
      res,
      403,
      rpcBody(echoId, {
        code: RpcCode.ServerError,
        message: "Server error",
        data: { details: `API Key is not allowed to access the selected API: ${module}` },
      }),
    );
    return true;
  }
  return false;
}

/** What is wrong with a request's JSON-RPC envelope, with the id to answer with; undefined when it is sound. */
function envelopeProblem(
  contentType: string,
  body: ReadBody,
  echoId: JsonRpcId,
): { id: JsonRpcId; error: RpcError } | undefined {
  const invalid = (id: JsonRpcId, message: string) => ({ id, error: new RpcError(RpcCode.InvalidRequest, message) });
  if (contentType !== "application/json") return invalid(echoId, "The Content-Type header must be application/json.");
  if (body.parseFailed)
    return { id: null, error: new RpcError(RpcCode.ParseError, "The request body is not valid JSON.") };
  if (body.tooDeep) return invalid(null, `The request nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels.`);
  const parsed = body.parsed;
  if (Array.isArray(parsed)) return invalid(null, "Batch requests are not supported.");
  if (typeof parsed !== "object" || parsed === null) return invalid(null, "The request must be a JSON-RPC 2.0 object.");
  const envelope = parsed as Record<string, unknown>;
  if (envelope.jsonrpc !== "2.0") return invalid(echoId, 'The "jsonrpc" member must be exactly "2.0".');
  if (typeof envelope.method !== "string" || envelope.method === "") {
    return invalid(echoId, 'The "method" member must be a non-empty string.');
  }
  if (!("id" in envelope) || envelope.id === null) {
    return invalid(null, "Notifications are not supported: the request needs an id.");
  }
  if (typeof envelope.id !== "string" && typeof envelope.id !== "number") {
    return invalid(null, 'The "id" member must be a string or a number.');
  }
  return undefined;
}

/** Handles one API request (everything under `/api/`): log, key, envelope, faults and budget, catalogue, method. */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  deps: ApiDeps,
): Promise<void> {
  const { m, record, log } = recordCall(req, res, pathname, deps);
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
  const service = m[3] ?? "";

  const body = await readJsonBody(req);
  if (body instanceof BodyTooLarge) return rpcError(res, null, new RpcError(RpcCode.InvalidRequest, body.message), 413);
  const echoId = body.parseFailed ? null : peekId(body.parsed);

  const key = deps.keys.authenticate(req.headers.authorization);
  if (key) log.keyFingerprint = key.fingerprint;
  const module = canonicalModule(m[2]!);
  if (refuseKey(res, key, module, service, echoId) || !key || !module) return;

  const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  const problem = envelopeProblem(contentType, body, echoId);
  if (problem) return rpcError(res, problem.id, problem.error);
  const envelope = body.parsed as { id: string | number; method: string; params?: unknown };
  const { id, method } = envelope;
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
  await runMethod(req, res, deps, {
    handler,
    write: spec.write,
    id,
    fullName,
    params: envelope.params,
    version,
    service,
    modules: key.modules,
  });
}

/** Runs a checked request's method, saves the state after a write, and answers. */
async function runMethod(
  req: IncomingMessage,
  res: ServerResponse,
  deps: ApiDeps,
  call: {
    handler: NonNullable<ReturnType<typeof handlerFor>>;
    write: boolean | undefined;
    id: string | number;
    fullName: string;
    params: unknown;
    version: ApiVersion;
    service: string;
    modules: readonly string[];
  },
): Promise<void> {
  const { id, fullName } = call;
  let result: unknown;
  try {
    result = call.handler(call.params, {
      state: deps.holder.state,
      caller: {
        companyId: deps.holder.state.rootCompanyId,
        accountId: deps.holder.state.ownerAccountId,
        modules: call.modules,
      },
      version: call.version,
      now: new Date(),
      service: call.service,
    });
  } catch (e) {
    if (e instanceof RpcError) return rpcError(res, id, e);
    deps.log?.(`internal error in ${fullName}: ${(e as Error).stack ?? String(e)}`);
    return rpcError(res, id, new RpcError(RpcCode.ServerError, "Internal server error."), 500);
  }
  if (call.write) {
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
