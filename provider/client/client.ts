/**
 * The GravityZone JSON-RPC client: the only code in the package that talks to GravityZone.
 *
 * `POST {accessUrl}/{v1.0|v1.1|v1.2}/jsonrpc/{module}` with a JSON-RPC 2.0 envelope, HTTP Basic auth
 * (API key as user name, empty password), a per-call deadline, the documented rate limits, retries for
 * reads and for 429s, and zod validation of every result.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { normalizeAccessUrl } from "./access-url";
import { GravityZoneError, errorFromJsonRpc, parseRetryAfter, type JsonRpcErrorBody } from "./errors";
import { pagedResultSchema } from "./schemas";
import { PACKAGE_VERSION } from "./version";
import type { RateLimiter } from "./rate-limit";
import { redact, redactDeep } from "./redact";
import { sharedLimiterFor, type BudgetServiceAddress } from "./shared-budget";
import { DEFAULT_RETRY_POLICY, backoffDelay, shouldRetry, type RetryPolicy } from "./retry";
import { BodyTooLargeError, post, type HttpAnswer } from "./transport";
/** Waits `ms` milliseconds (global timers, so tests can fake them). */
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** GravityZone API versions that appear in method paths. */
export type ApiVersion = "v1.0" | "v1.1" | "v1.2";

/** How to reach GravityZone. */
export interface GravityZoneClientOptions {
  /** The console's access URL, e.g. `https://cloud.gravityzone.bitdefender.com/api`. HTTPS unless loopback. */
  accessUrl: string;
  /** The API key. Kept in a private field; it only ever leaves in the Authorization header. */
  apiKey: string;
  /** Deadline for one HTTP call, in milliseconds. @default 30000 */
  timeoutMs?: number;
  /** Retry bounds. @default {@link DEFAULT_RETRY_POLICY} */
  retry?: Partial<RetryPolicy>;
  /**
   * Divides the documented rate-limit windows; only for a local emulator started with
   * `--rate-limits <factor>`. @default 1
   */
  rateLimitScale?: number;
  /**
   * The part of every rate-limit budget this client's process may use, when several machines share
   * one key (a CI matrix of N jobs: 1/N each). @default 1
   */
  rateLimitShare?: number;
  /** A fleet's shared budget service; without it, the process keeps its own budget. */
  budgetService?: BudgetServiceAddress;
  /** Largest accepted response, in bytes. @default 33554432 (32 MiB) */
  maxBodyBytes?: number;
  /** Receives one line per call (module.method, status, milliseconds); never parameters or the key. */
  log?: (line: string) => void;
}

/** Per-call options. */
export interface CallOptions {
  /** The API version path. @default "v1.0" */
  version?: ApiVersion;
  /** Whether the call changes state (not retried blindly). @default inferred from the method name */
  write?: boolean;
  /**
   * Called just before a request of this call goes out (after its rate-limit slot is granted), on
   * every attempt; for {@link GravityZoneClient.paginate}, before each page. A shared listing uses it
   * to let requesters join until the request is actually sent.
   */
  onSend?: () => void;
}

/** Options for paged list calls. */
export interface PageOptions extends CallOptions {
  /** Items per page. @default 100 */
  perPage?: number;
}

/** Counters a benchmark or test can read. */
export interface ClientStats {
  /** HTTP requests sent. */
  requests: number;
  /** Requests that were retries. */
  retries: number;
  /** 429 answers received. */
  rateLimited: number;
}

const WRITE_METHOD =
  /^(create|update|delete|set|add|remove|move|assign|suspend|activate|configure|send|change|push|start|kill|upload|reset|import)/;

/** A GravityZone API client. One instance per access URL and key; cheap to create. */
export class GravityZoneClient {
  /** The normalised access URL. */
  readonly accessUrl: string;
  /** Counters since creation. */
  readonly stats: ClientStats = { requests: 0, retries: 0, rateLimited: 0 };
  readonly #apiKey: string;
  readonly #authorization: string;
  readonly #timeoutMs: number;
  readonly #retry: RetryPolicy;
  readonly #limiter: RateLimiter;
  readonly #maxBodyBytes: number;
  readonly #log?: (line: string) => void;

  /** @throws GravityZoneError (kind `config`) for a bad access URL or an empty key. */
  constructor(options: GravityZoneClientOptions) {
    this.accessUrl = normalizeAccessUrl(options.accessUrl);
    if (typeof options.apiKey !== "string" || options.apiKey.trim() === "") {
      throw new GravityZoneError({
        kind: "config",
        module: "client",
        method: "configure",
        details: "no API key: set it with `pulumi config set --secret gravityzone:apiKey <key>` or GRAVITYZONE_API_KEY",
      });
    }
    this.#apiKey = options.apiKey;
    this.#authorization = `Basic ${Buffer.from(`${options.apiKey}:`).toString("base64")}`;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.#limiter = sharedLimiterFor(this.accessUrl, options.apiKey, {
      scale: options.rateLimitScale ?? 1,
      share: options.rateLimitShare ?? 1,
      service: options.budgetService,
    });
    this.#maxBodyBytes = options.maxBodyBytes ?? 32 * 1024 * 1024;
    this.#log = options.log;
  }

  /**
   * Calls `module.method` and returns its result, validated by `schema`.
   * Waits for a rate-limit slot first; retries reads on 5xx/network failures and any call on 429.
   * @throws GravityZoneError
   */
  async call<S extends z.ZodType>(
    module: string,
    method: string,
    params: Record<string, unknown>,
    schema: S,
    options: CallOptions = {},
  ): Promise<z.infer<S>> {
    const isWrite = options.write ?? WRITE_METHOD.test(method);
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.#once(module, method, params, options.version ?? "v1.0", isWrite, options.onSend);
        return this.#validate(module, method, schema, result);
      } catch (e) {
        const err = this.#asGravityZoneError(module, method, e, isWrite);
        if (err.kind === "rate-limited") {
          this.stats.rateLimited++;
          this.#limiter.pause(module, method, err.retryAfterMs ?? this.#retry.baseDelayMs);
        }
        const wait = backoffDelay(attempt, this.#retry, err);
        const elapsed = Date.now() - started;
        if (
          !shouldRetry(err, isWrite) ||
          attempt >= this.#retry.maxAttempts ||
          elapsed + wait > this.#retry.maxElapsedMs
        )
          throw err;
        this.stats.retries++;
        this.#log?.(
          `retry ${module}.${method} after ${err.kind} in ${wait} ms (attempt ${attempt + 1}/${this.#retry.maxAttempts})`,
        );
        if (err.kind !== "rate-limited") await sleep(wait);
      }
    }
  }

  /**
   * Reads every page of a paged list method (`{page, pagesCount, perPage, total, items}`) and yields
   * each item once. Robust to a list that changes while it is read: items are de-duplicated by `id`,
   * and reading goes on until a page comes back short or past `pagesCount`.
   */
  async *paginate<S extends z.ZodType>(
    module: string,
    method: string,
    params: Record<string, unknown>,
    itemSchema: S,
    options: PageOptions = {},
  ): AsyncGenerator<z.infer<S>> {
    const perPage = options.perPage ?? 100;
    const seen = new Set<string>();
    const pageSchema = pagedResultSchema(itemSchema);
    for (let page = 1; ; page++) {
      const result = await this.call(module, method, { ...params, page, perPage }, pageSchema, {
        ...options,
        write: false,
      });
      for (const item of result.items) {
        const id =
          typeof item === "object" && item !== null && "id" in item ? String((item as { id: unknown }).id) : undefined;
        if (id !== undefined) {
          if (seen.has(id)) continue;
          seen.add(id);
        }
        yield item;
      }
      if (page >= result.pagesCount || result.items.length === 0) return;
    }
  }

  /** Collects {@link paginate} into an array. */
  async listAll<S extends z.ZodType>(
    module: string,
    method: string,
    params: Record<string, unknown>,
    itemSchema: S,
    options: PageOptions = {},
  ): Promise<z.infer<S>[]> {
    const out: z.infer<S>[] = [];
    for await (const item of this.paginate(module, method, params, itemSchema, options)) out.push(item);
    return out;
  }

  async #once(
    module: string,
    method: string,
    params: Record<string, unknown>,
    version: ApiVersion,
    isWrite: boolean,
    onSend?: () => void,
  ): Promise<unknown> {
    const release = await this.#limiter.acquire(module, method, { hold: true });
    try {
      onSend?.();
      return await this.#send(module, method, params, version, isWrite);
    } finally {
      // The server counted the call before it answered: its slot runs from the answer on.
      release();
    }
  }

  async #send(
    module: string,
    method: string,
    params: Record<string, unknown>,
    version: ApiVersion,
    isWrite: boolean,
  ): Promise<unknown> {
    const id = randomUUID();
    const url = `${this.accessUrl}/${version}/jsonrpc/${module}`;
    const body = JSON.stringify({ id, jsonrpc: "2.0", method, params: dropUndefined(params) });
    const t0 = Date.now();
    this.stats.requests++;
    let answer: HttpAnswer;
    try {
      answer = await post(url, body, {
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          authorization: this.#authorization,
          "user-agent": `pulumi-gravityzone/${PACKAGE_VERSION}`,
        },
        timeoutMs: this.#timeoutMs,
        maxBodyBytes: this.#maxBodyBytes,
      });
    } catch (e) {
      this.#log?.(`${module}.${method} failed after ${Date.now() - t0} ms: ${this.#networkDetails(e)}`);
      throw this.#asGravityZoneError(module, method, e, isWrite);
    }
    this.#log?.(`${module}.${method} → HTTP ${answer.status} in ${Date.now() - t0} ms`);
    // A server that echoes the request (say, in an error's details) must not carry the key, a password
    // or a push authorization into an error message: those values are redacted from everything an
    // error is built of, after JSON decoding (see redact.ts).
    return this.#interpret(module, method, id, answer, isWrite, [this.#apiKey, ...secretParamValues(params)]);
  }

  #interpret(
    module: string,
    method: string,
    id: string,
    answer: HttpAnswer,
    isWrite: boolean,
    secrets: readonly string[],
  ): unknown {
    const { status } = answer;
    if (status === 429) {
      throw new GravityZoneError({
        kind: "rate-limited",
        module,
        method,
        httpStatus: 429,
        details: "rate limit reached; the request was not processed",
        retryAfterMs: parseRetryAfter(answer.headers["retry-after"]),
      });
    }
    const json = parseJson(answer.body);
    if (status !== 200) {
      const rpcError =
        json && typeof json === "object" && "error" in json ? (json as { error: JsonRpcErrorBody }).error : undefined;
      if (rpcError && typeof rpcError === "object")
        throw errorFromJsonRpc(module, method, redactDeep(rpcError, secrets) as JsonRpcErrorBody, status, isWrite);
      throw new GravityZoneError({
        kind:
          status === 401
            ? "auth"
            : status === 403
              ? "forbidden"
              : status === 405
                ? "method-not-allowed"
                : status >= 500
                  ? "server"
                  : "unexpected-response",
        module,
        method,
        httpStatus: status,
        details: summarizeBody(answer.body, secrets),
        ambiguous: isWrite && status >= 500,
      });
    }
    if (json === undefined || typeof json !== "object" || json === null || Array.isArray(json)) {
      throw this.#unexpected(
        module,
        method,
        `the body is not a JSON-RPC object: ${summarizeBody(answer.body, secrets)}`,
        isWrite,
      );
    }
    const envelope = json as { id?: unknown; result?: unknown; error?: JsonRpcErrorBody };
    if (envelope.id !== undefined && envelope.id !== null && envelope.id !== id) {
      throw this.#unexpected(
        module,
        method,
        redact(`the answer is for request id ${JSON.stringify(envelope.id)}, not ${id}`, secrets),
        isWrite,
      );
    }
    if (envelope.error && typeof envelope.error === "object")
      throw errorFromJsonRpc(module, method, redactDeep(envelope.error, secrets) as JsonRpcErrorBody, status, isWrite);
    if (!("result" in envelope))
      throw this.#unexpected(module, method, "the answer has neither result nor error", isWrite);
    return envelope.result;
  }

  #validate<S extends z.ZodType>(module: string, method: string, schema: S, result: unknown): z.infer<S> {
    const parsed = schema.safeParse(result);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const path = issue && issue.path.length > 0 ? issue.path.join(".") : "(result)";
    throw new GravityZoneError({
      kind: "unexpected-response",
      module,
      method,
      details: `unexpected result shape at ${path}: ${issue?.message ?? "invalid"}`,
    });
  }

  #unexpected(module: string, method: string, details: string, isWrite: boolean): GravityZoneError {
    return new GravityZoneError({
      kind: "unexpected-response",
      module,
      method,
      details: this.#clean(details),
      ambiguous: isWrite,
    });
  }

  #asGravityZoneError(module: string, method: string, e: unknown, isWrite: boolean): GravityZoneError {
    if (e instanceof GravityZoneError) return e;
    if (e instanceof BodyTooLargeError) return this.#unexpected(module, method, e.message, isWrite);
    return new GravityZoneError({
      kind: "network",
      module,
      method,
      details: this.#networkDetails(e),
      ambiguous: isWrite,
    });
  }

  #networkDetails(e: unknown): string {
    const err = e as { name?: string; code?: string; message?: string };
    if (
      err?.name === "TimeoutError" ||
      err?.name === "AbortError" ||
      err?.code === "UND_ERR_HEADERS_TIMEOUT" ||
      err?.code === "UND_ERR_BODY_TIMEOUT"
    ) {
      return `no complete answer within ${this.#timeoutMs} ms`;
    }
    const code = err?.code ? ` (${err.code})` : "";
    return this.#clean(`${err?.message ?? String(e)}${code}`);
  }

  #clean(text: string): string {
    return redact(text, [this.#apiKey]);
  }
}

function dropUndefined(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = v;
  return out;
}

const SECRET_PARAM = /password|authorization|secret|token|api_?key|licen[cs]e_?key/i;

/** The string values of request parameters whose names say they are secret, at any depth. */
function secretParamValues(params: unknown, out: string[] = []): string[] {
  if (Array.isArray(params)) for (const x of params) secretParamValues(x, out);
  else if (params !== null && typeof params === "object") {
    for (const [k, v] of Object.entries(params)) {
      if (typeof v === "string" && SECRET_PARAM.test(k)) out.push(v);
      else secretParamValues(v, out);
    }
  }
  return out;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** The most characters of a body read for a summary (the summary shows far fewer). */
const SUMMARY_SCAN = 64 * 1024;
/** The most characters a summary shows. */
const SUMMARY_MAX = 200;

/**
 * A short, redacted text for an unexpected body (an HTML error page, say). Work is bounded: only the
 * first {@link SUMMARY_SCAN} characters are read, tags are stripped in one linear pass (`<` … the next
 * `>` with no `<` between), and secrets are redacted before the text is cut, so no part of one shows.
 */
function summarizeBody(body: string, secrets: readonly string[]): string {
  const head = body.length > SUMMARY_SCAN ? body.slice(0, SUMMARY_SCAN) : body;
  const text = redact(head.replace(/<[^<>]*>/g, " "), secrets)
    .replace(/\s+/g, " ")
    .trim();
  if (text === "") return "empty body";
  return text.length > SUMMARY_MAX ? `${text.slice(0, SUMMARY_MAX)}…` : text;
}
