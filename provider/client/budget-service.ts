/**
 * The budget service: one rate-limit budget per API key and class for every process of a fleet.
 *
 * `pulumi-gravityzone fleet` runs many stacks at once, each with its own provider process. Alone,
 * each process would believe it owns the key's whole budget, and K of them would send K times the
 * budget. The fleet command hosts this service on a loopback port instead; every provider process
 * takes its slots from it (`shared-budget.ts`), so the key's budget is served once, oldest operation
 * first across all stacks, exactly as {@link KeyRateLimiter} serves it within one process.
 *
 * The protocol is JSON over HTTP on 127.0.0.1, every request carrying `Authorization: Bearer <token>`
 * (a random token the fleet command gives its stacks through the environment; requests without it
 * are refused). The API key never travels on this channel: a key is named by the SHA-256 fingerprint
 * of the access URL and the key ({@link keyFingerprint}).
 *
 * | request | body | answer |
 * |---|---|---|
 * | `POST /v1/acquire` | `{key, scale, share, module, method, order, client}` | once the slot is granted (the request waits), a line `{"grant": …}`; the answer then stays open while the call is in flight |
 * | `POST /v1/pause` | `{key, scale, share, module, method, ms, client}` | `{}`: a 429 pauses the class for everyone |
 * | `GET /v1/stats` | | slots granted and 429s reported, per client (a stack name) |
 *
 * The slot is held while its connection is open: the client closes it when GravityZone's answer has
 * arrived, and the slot then counts a whole window from that moment. So a provider process that
 * exits or dies mid-call releases its slots with its connections, at once, instead of holding them
 * (a release message of its own could be lost with the process). A slot granted to a request whose
 * connection closed before the grant is released at once, as if never taken; a slot whose connection
 * stays open longer than {@link GRANT_LEASE_MS} (a hung process) is released then.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { KeyRateLimiter } from "./rate-limit";

/** How long a granted slot may stay unreleased before the service releases it itself (ms). */
export const GRANT_LEASE_MS = 120_000;

/** Largest request body accepted, in bytes. */
const MAX_BODY = 16 * 1024;

/** The name of an API key on the budget channel: SHA-256 of the access URL and the key, in hex. */
export function keyFingerprint(accessUrl: string, apiKey: string): string {
  return createHash("sha256").update(`gravityzone-budget\n${accessUrl}\n${apiKey}`).digest("hex");
}

const budgetKey = {
  key: z.string().regex(/^[0-9a-f]{64}$/, "must be a SHA-256 fingerprint"),
  scale: z.number().positive().finite(),
  share: z.number().gt(0).lte(1),
  module: z.string().regex(/^[A-Za-z]{1,40}$/),
  method: z.string().regex(/^[A-Za-z]{1,80}$/),
  client: z.string().max(200).optional(),
};
const acquireBody = z.object({ ...budgetKey, order: z.number().finite() });
const pauseBody = z.object({ ...budgetKey, ms: z.number().nonnegative().max(3_600_000) });

/** What one client (a stack) took from the service. */
export interface BudgetClientStats {
  /** Slots granted: API calls sent, retries included. */
  granted: number;
  /** 429 answers its provider reported. */
  rateLimited: number;
}

/** Options of {@link startBudgetService}. */
export interface BudgetServiceOptions {
  /** The token clients must present. @default 32 random bytes, hex */
  token?: string;
  /** The port on 127.0.0.1. @default a free one */
  port?: number;
}

/** A running budget service. */
export interface RunningBudgetService {
  /** Its base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The token clients present (pass it through the environment, never on a command line). */
  readonly token: string;
  /** Per client: slots granted and 429s reported. Calls without a client name count under "". */
  stats(): Record<string, BudgetClientStats>;
  /** Total slots granted. */
  granted(): number;
  /** Stops listening and drops waiting requests. */
  close(): Promise<void>;
}

/** The service's state: one limiter per key, scale and share; the granted slots' leases; counters. */
class BudgetState {
  readonly limiters = new Map<string, KeyRateLimiter>();
  readonly leases = new Set<ReturnType<typeof setTimeout>>();
  readonly perClient = new Map<string, BudgetClientStats>();
  total = 0;

  limiterOf(b: { key: string; scale: number; share: number }): KeyRateLimiter {
    const id = `${b.key}|${b.scale}|${b.share}`;
    let l = this.limiters.get(id);
    if (!l) {
      l = new KeyRateLimiter(b.scale, () => undefined, b.share);
      this.limiters.set(id, l);
    }
    return l;
  }

  statsOf(client: string | undefined): BudgetClientStats {
    let s = this.perClient.get(client ?? "");
    if (!s) {
      s = { granted: 0, rateLimited: 0 };
      this.perClient.set(client ?? "", s);
    }
    return s;
  }
}

type Answer = (status: number, body: unknown) => void;

/**
 * `POST /v1/acquire`: waits for the slot, then holds it for as long as the connection stays open (the
 * client closes it when its call's answer arrived), or at most {@link GRANT_LEASE_MS}.
 */
function acquire(
  state: BudgetState,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: unknown,
  answer: Answer,
): void {
  const p = acquireBody.safeParse(body);
  if (!p.success) return answer(400, { error: p.error.issues[0]?.message ?? "bad request" });
  const { module, method, order, client } = p.data;
  state
    .limiterOf(p.data)
    .acquire(module, method, { hold: true, order })
    .then(
      (release) => {
        state.total++;
        state.statsOf(client).granted++;
        // Nobody is listening any more: nothing was sent with this slot.
        if (res.destroyed || req.socket.destroyed) return release(0);
        let done = false;
        const end = () => {
          if (done) return;
          done = true;
          clearTimeout(lease);
          state.leases.delete(lease);
          release();
          if (!res.writableEnded) res.end();
        };
        const lease = setTimeout(end, GRANT_LEASE_MS);
        lease.unref();
        state.leases.add(lease);
        // The client closes the connection when its call's answer arrived.
        res.on("close", end);
        res.writeHead(200, { "content-type": "application/x-ndjson" });
        res.write(`${JSON.stringify({ grant: randomBytes(12).toString("hex") })}\n`);
      },
      (e: unknown) => answer(500, { error: String(e) }),
    );
}

/** `POST /v1/pause`: a 429 seen by one process pauses the class for every process of the fleet. */
function pause(state: BudgetState, body: unknown, answer: Answer): void {
  const p = pauseBody.safeParse(body);
  if (!p.success) return answer(400, { error: "bad request" });
  state.limiterOf(p.data).pause(p.data.module, p.data.method, p.data.ms);
  state.statsOf(p.data.client).rateLimited++;
  return answer(200, {});
}

/** Reads a JSON body of at most {@link MAX_BODY} characters, then hands it to `then`. */
function readJson(req: http.IncomingMessage, answer: Answer, then: (body: unknown) => void): void {
  let text = "";
  let tooLarge = false;
  req.setEncoding("utf8");
  req.on("data", (chunk: string) => {
    text += chunk;
    if (text.length > MAX_BODY) {
      tooLarge = true;
      req.destroy();
    }
  });
  req.on("end", () => {
    if (tooLarge) return;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      answer(400, { error: "body is not JSON" });
      return;
    }
    then(body);
  });
}

/** Starts a budget service on 127.0.0.1. */
export async function startBudgetService(options: BudgetServiceOptions = {}): Promise<RunningBudgetService> {
  const token = options.token ?? randomBytes(32).toString("hex");
  const expected = Buffer.from(`Bearer ${token}`);
  const state = new BudgetState();
  const authorized = (req: http.IncomingMessage) => {
    const got = Buffer.from(req.headers.authorization ?? "");
    return got.length === expected.length && timingSafeEqual(got, expected);
  };

  const server = http.createServer((req, res) => {
    const answer: Answer = (status, body) => {
      if (res.writableEnded || res.destroyed) return;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (!authorized(req)) {
      req.resume();
      answer(401, { error: "unauthorized" });
      return;
    }
    if (req.method === "GET" && req.url === "/v1/stats") {
      answer(200, Object.fromEntries(state.perClient));
      return;
    }
    if (req.method !== "POST") {
      req.resume();
      answer(405, { error: "POST only" });
      return;
    }
    readJson(req, answer, (body) => {
      if (req.url === "/v1/acquire") acquire(state, req, res, body, answer);
      else if (req.url === "/v1/pause") pause(state, body, answer);
      else answer(404, { error: "not found" });
    });
  });
  // Acquire requests wait as long as the budget makes them: no server-side deadline.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    stats: () => Object.fromEntries([...state.perClient].map(([k, v]) => [k, { ...v }])),
    granted: () => state.total,
    close: () =>
      new Promise<void>((resolve) => {
        for (const l of state.leases) clearTimeout(l);
        state.leases.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
