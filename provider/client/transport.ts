/**
 * The HTTP layer: one keep-alive undici Agent per process, POST with a hard per-call deadline and a
 * cap on the response size, so a slow, huge or silent server can never hang a `pulumi up`.
 */
import { Agent, request } from "undici";

/** A raw HTTP answer. */
export interface HttpAnswer {
  /** HTTP status. */
  status: number;
  /** Response headers (lower-case names). */
  headers: Record<string, string | string[] | undefined>;
  /** The body as text. */
  body: string;
}

/** Per-call transport settings. */
export interface PostOptions {
  /** Request headers. */
  headers: Record<string, string>;
  /** The whole call, connect to last byte, must finish within this many milliseconds. */
  timeoutMs: number;
  /** Responses larger than this many bytes are refused. */
  maxBodyBytes: number;
}

let sharedAgent: Agent | undefined;

function agent(): Agent {
  sharedAgent ??= new Agent({ keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000, connections: 32, pipelining: 1 });
  return sharedAgent;
}

/** Thrown when the body exceeds {@link PostOptions.maxBodyBytes}. */
export class BodyTooLargeError extends Error {
  /** @param limit the byte cap that was exceeded. */
  constructor(readonly limit: number) {
    super(`response body larger than ${limit} bytes`);
  }
}

/** Sends one POST and reads the whole answer, or throws (network error, deadline, body too large). */
export async function post(url: string, body: string, options: PostOptions): Promise<HttpAnswer> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const res = await request(url, {
    method: "POST",
    headers: options.headers,
    body,
    dispatcher: agent(),
    signal,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
  });
  const declared = Number(res.headers["content-length"] ?? "0");
  if (declared > options.maxBodyBytes) {
    res.body.destroy();
    throw new BodyTooLargeError(options.maxBodyBytes);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > options.maxBodyBytes) {
      res.body.destroy();
      throw new BodyTooLargeError(options.maxBodyBytes);
    }
    chunks.push(buf);
  }
  return { status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") };
}

/** Closes the shared connection pool (tests and short-lived CLIs call this before exiting). */
export async function closeTransport(): Promise<void> {
  const a = sharedAgent;
  sharedAgent = undefined;
  if (a) await a.close();
}
