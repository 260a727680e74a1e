/**
 * The one error type every GravityZone call can fail with, and the factory that maps an HTTP status
 * or a JSON-RPC error to its kind. Messages name the module and method and carry the API's own
 * explanation (`error.data.details`); they never contain the API key (see `redact.ts`).
 */

/** What went wrong, in terms a caller can act on. */
export type GravityZoneErrorKind =
  /** HTTP 401: the API key is missing, wrong or revoked. */
  | "auth"
  /** HTTP 403: the key is valid but the API module is not enabled for it. */
  | "forbidden"
  /** HTTP 405: the request was not a POST (a client bug or a proxy in the way). */
  | "method-not-allowed"
  /** HTTP 429 (or JSON-RPC -32003): the per-key rate budget is used up. The request was not processed. */
  | "rate-limited"
  /** The object named in the parameters does not exist (or is not visible to this key). */
  | "not-found"
  /** JSON-RPC -32602: a parameter is missing, unknown or out of range. */
  | "invalid-params"
  /** JSON-RPC -32601: the method does not exist on this GravityZone (or is not available to the tenant). */
  | "method-not-found"
  /** HTTP 5xx or JSON-RPC -32000: the server failed. For writes the outcome is unknown. */
  | "server"
  /** The connection failed, was dropped or timed out. For writes the outcome is unknown. */
  | "network"
  /** The server answered something that is not the documented shape. */
  | "unexpected-response"
  /** The client refused to send the request (bad access URL, not HTTPS, …). */
  | "config";

/** Fields of a {@link GravityZoneError}. */
export interface GravityZoneErrorInit {
  /** The error's kind. */
  kind: GravityZoneErrorKind;
  /** The API module, e.g. `companies`. */
  module: string;
  /** The JSON-RPC method, e.g. `createCompany`. */
  method: string;
  /** The human explanation: `error.data.details` when the API gave one. */
  details: string;
  /** The HTTP status, when a response arrived. */
  httpStatus?: number;
  /** The JSON-RPC error code, when the body had one. */
  code?: number;
  /** How long the server asked us to wait (HTTP 429 `Retry-After`), in milliseconds. */
  retryAfterMs?: number;
  /** True when a write may or may not have been applied (dropped connection, timeout, 5xx). */
  ambiguous?: boolean;
  /** The underlying error, if any (never carries the key: see redact.ts). */
  cause?: unknown;
}

/**
 * An error from a GravityZone API call.
 *
 * `message` reads `GravityZone <module>.<method> failed (<code or HTTP status>): <details>`,
 * followed by a hint for kinds a person can fix (auth, forbidden).
 */
export class GravityZoneError extends Error {
  /** The error's kind. */
  readonly kind: GravityZoneErrorKind;
  /** The API module. */
  readonly module: string;
  /** The JSON-RPC method. */
  readonly method: string;
  /** The API's explanation. */
  readonly details: string;
  /** The HTTP status, when a response arrived. */
  readonly httpStatus?: number;
  /** The JSON-RPC error code, when the body had one. */
  readonly code?: number;
  /** How long the server asked us to wait, in milliseconds. */
  readonly retryAfterMs?: number;
  /** True when a write may or may not have been applied. */
  readonly ambiguous: boolean;

  /** Builds the error and its message from its fields. */
  constructor(init: GravityZoneErrorInit) {
    super(formatMessage(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "GravityZoneError";
    this.kind = init.kind;
    this.module = init.module;
    this.method = init.method;
    this.details = init.details;
    this.httpStatus = init.httpStatus;
    this.code = init.code;
    this.retryAfterMs = init.retryAfterMs;
    this.ambiguous = init.ambiguous ?? false;
  }
}

const HINTS: Partial<Record<GravityZoneErrorKind, string>> = {
  auth: "check gravityzone:apiKey (or GRAVITYZONE_API_KEY) and that the key has not been revoked",
  forbidden: "enable this API for the key in GravityZone Control Center (My Account > API keys)",
  "method-not-found":
    "this GravityZone console does not offer the method; check the access URL and the console version",
};

/** The most characters of the API's details quoted in a message (the full text stays in `details`). */
const MESSAGE_DETAILS_MAX = 1_000;

function shorten(details: string): string {
  if (details.length <= MESSAGE_DETAILS_MAX) return details;
  return `${details.slice(0, MESSAGE_DETAILS_MAX)}… (${details.length - MESSAGE_DETAILS_MAX} more characters)`;
}

function formatMessage(init: GravityZoneErrorInit): string {
  const where = `GravityZone ${init.module}.${init.method} failed`;
  const code =
    init.code !== undefined
      ? `(${init.code})`
      : init.httpStatus !== undefined
        ? `(HTTP ${init.httpStatus})`
        : `(${init.kind})`;
  const hint = HINTS[init.kind];
  return `${where} ${code}: ${shorten(init.details)}${hint ? ` — ${hint}` : ""}`;
}

/** True when `e` is a {@link GravityZoneError} of one of the given kinds. */
export function isGravityZoneError(e: unknown, ...kinds: GravityZoneErrorKind[]): e is GravityZoneError {
  return e instanceof GravityZoneError && (kinds.length === 0 || kinds.includes(e.kind));
}

/**
 * The kinds of error GravityZone answers for an object that is not there, or not visible to the key:
 * `not-found`, and `invalid-params` (an id GravityZone does not know may be refused as a bad
 * parameter). The reference documents no text for a missing object, so such an error alone is never
 * proof: confirm with a listing before treating the object as gone.
 */
export function mayMeanNotFound(e: unknown): e is GravityZoneError {
  return isGravityZoneError(e, "not-found", "invalid-params");
}

/** True when GravityZone said the object named in the call does not exist (kind `not-found`). */
export function isNotFound(e: unknown): e is GravityZoneError {
  return isGravityZoneError(e, "not-found");
}

/** Texts of GravityZone's refusal of a name or key already used by another object. */
const NAME_TAKEN_DETAILS = /already exists|already used|not unique|duplicate|is taken/i;

/** True when a create was refused because the name (or e-mail, …) is already used by another object. */
export function isNameTaken(e: unknown): e is GravityZoneError {
  return isGravityZoneError(e, "invalid-params", "server") && NAME_TAKEN_DETAILS.test(e.details);
}

/** Texts of the answer of the push methods until push settings were ever set ("… were not set"). */
const PUSH_NOT_SET_DETAILS = /were not set|not been set|not configured/i;

/** True for the error the push methods answer while the company's push service was never configured. */
export function isPushNotConfigured(e: unknown): e is GravityZoneError {
  return isGravityZoneError(e) && PUSH_NOT_SET_DETAILS.test(e.details);
}

/** Texts of `deleteCompany`'s refusal to delete a partner that still owns companies. */
const OWNS_COMPANIES_DETAILS = /manages|subordinate|child|sub-?compan|has companies|contains/i;

/** True when `deleteCompany` was refused because the company still owns other companies. */
export function isStillOwnsCompanies(e: unknown): e is GravityZoneError {
  return isGravityZoneError(e, "invalid-params", "server") && OWNS_COMPANIES_DETAILS.test(e.details);
}

/** Texts of `deleteCustomGroup`'s refusal to delete a group that still has endpoints or subgroups. */
const GROUP_NOT_EMPTY_DETAILS = /not empty|contains|endpoints|subgroups/i;

/** True when `deleteCustomGroup` was refused because the group still has endpoints or subgroups. */
export function isGroupNotEmpty(e: unknown): e is GravityZoneError {
  return isGravityZoneError(e, "invalid-params", "server") && GROUP_NOT_EMPTY_DETAILS.test(e.details);
}

/**
 * The ids among `ids` that a `not-found` error names in its details (compared in lower case), e.g.
 * the targets of an `assignPolicy` call that no longer exist.
 */
export function idsNamedIn(e: GravityZoneError, ids: readonly string[]): string[] {
  const details = e.details.toLowerCase();
  return ids.filter((id) => details.includes(id.toLowerCase()));
}

/** The JSON-RPC error object as GravityZone sends it. */
export interface JsonRpcErrorBody {
  code?: unknown;
  message?: unknown;
  data?: { details?: unknown } | null;
}

const NOT_FOUND_DETAILS =
  /\bnot\s+(?:be\s+)?found\b|does\s*n[o']t\s+exist|no\s+longer\s+exists|\bunknown\s+\w*\s*id\b/i;

/**
 * Maps a JSON-RPC error (HTTP 200, or the body of a 401/403) to a {@link GravityZoneError}.
 * `data.details` is the message when present, else `message`.
 */
export function errorFromJsonRpc(
  module: string,
  method: string,
  body: JsonRpcErrorBody,
  httpStatus: number,
  ambiguousWrite: boolean,
): GravityZoneError {
  const code = typeof body.code === "number" ? body.code : undefined;
  const details = detailsOf(body);
  const kind = kindOf(httpStatus, code, details);
  return new GravityZoneError({
    kind,
    module,
    method,
    details,
    httpStatus,
    code,
    ambiguous: kind === "server" && ambiguousWrite,
  });
}

function detailsOf(body: JsonRpcErrorBody): string {
  const d = body.data && typeof body.data === "object" ? body.data.details : undefined;
  if (typeof d === "string" && d.trim() !== "") return d;
  if (typeof body.message === "string" && body.message.trim() !== "") return body.message;
  return "no details given";
}

function kindOf(httpStatus: number, code: number | undefined, details: string): GravityZoneErrorKind {
  // The HTTP status decides first: a 403 whose body says -32001 is still "API not enabled".
  if (httpStatus === 401) return "auth";
  if (httpStatus === 403) return "forbidden";
  if (code === -32001) return "auth";
  if (httpStatus === 405) return "method-not-allowed";
  if (httpStatus === 429 || code === -32003) return "rate-limited";
  if (code === -32601) return "method-not-found";
  if (code === -32002 || NOT_FOUND_DETAILS.test(details)) return "not-found";
  if (code === -32602 || code === -32600 || code === -32700) return "invalid-params";
  if (httpStatus >= 500 || code === -32000) return "server";
  return "unexpected-response";
}

/**
 * Parses a `Retry-After` header: whole seconds (`60`), a repeated value as some proxies send it
 * (`60, 60`), or an HTTP date. Returns milliseconds, or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const raw = (Array.isArray(value) ? value.join(",") : value)
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  let best: number | undefined;
  for (const part of raw) {
    let ms: number | undefined;
    if (/^\d+(\.\d+)?$/.test(part)) ms = Math.ceil(Number(part) * 1000);
    else {
      const at = Date.parse(part);
      if (!Number.isNaN(at)) ms = Math.max(0, at - now);
    }
    if (ms !== undefined && (best === undefined || ms > best)) best = ms;
  }
  return best;
}
