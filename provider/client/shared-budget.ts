/**
 * The client side of the fleet's budget service (`budget-service.ts`): a {@link RateLimiter} that
 * takes each call's slot from the service, so that every stack of a fleet shares the key's budget.
 *
 * When the service cannot be reached (refused connection, dropped connection, an error answer), the
 * process falls back, for good, to its own limiter at `fallbackShare` (1/K for a fleet of K stacks
 * at once) of each budget. The fallback limiter first waits one whole window of every class, so
 * that its calls can never share a window with slots the service granted before it went away: K
 * processes at 1/K each stay within the key's budget (see {@link shareBudget} for the one case they
 * cannot: a class with fewer calls per window than sharers).
 */
import * as http from "node:http";
import { logInfo } from "../framework/engine-log";
import { keyFingerprint } from "./budget-service";
import {
  currentOrder,
  KeyRateLimiter,
  limiterFor,
  RATE_CLASSES,
  type AcquireOptions,
  type RateLimiter,
  type SlotRelease,
} from "./rate-limit";

/** How a provider process reaches the fleet's budget service (from the environment, see settings). */
export interface BudgetServiceAddress {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** The service's token. */
  token: string;
  /** This process's name in the service's statistics (the stack name). */
  client?: string;
  /** The part of each budget to use alone when the service is unreachable (1/K). */
  fallbackShare: number;
}

/** Options of {@link sharedLimiterFor}. */
export interface SharedLimiterOptions {
  /** Divides every window (a time-scaled emulator). @default 1 */
  scale?: number;
  /** The part of each budget this machine may use (`gravityzone:rateLimitShare`). @default 1 */
  share?: number;
  /** The fleet's budget service; without it, the process's own {@link KeyRateLimiter}. */
  service?: BudgetServiceAddress;
  /** Where the fall-back is announced. @default the engine's log */
  say?: (message: string) => void;
}

/** Takes slots from the budget service; falls back to a limiter of its own when the service is gone. */
export class SharedBudgetLimiter implements RateLimiter {
  private fallback: KeyRateLimiter | undefined;
  private readonly base: URL;

  /**
   * @param key the key's fingerprint ({@link keyFingerprint}), never the key.
   */
  constructor(
    private readonly service: BudgetServiceAddress,
    private readonly key: string,
    private readonly scale: number,
    private readonly share: number,
    private readonly say: (message: string) => void = logInfo,
  ) {
    this.base = new URL(service.url);
    if (this.base.protocol !== "http:" || !["127.0.0.1", "localhost", "[::1]"].includes(this.base.hostname))
      throw new RangeError("the budget service must be on a loopback address (http://127.0.0.1:<port>)");
    if (!(service.fallbackShare > 0 && service.fallbackShare <= 1))
      throw new RangeError("the budget fallback share must be greater than 0 and at most 1");
  }

  /** True once the process uses its own limiter. */
  get fellBack(): boolean {
    return this.fallback !== undefined;
  }

  /** Waits for the method's slot in the shared budget (or the fallback's). */
  async acquire(module: string, method: string, options: AcquireOptions = {}): Promise<SlotRelease> {
    if (this.fallback) return this.fallback.acquire(module, method, options);
    const order = options.order ?? currentOrder();
    let close: () => void;
    try {
      close = await this.hold({ ...this.ids(module, method), order });
    } catch (e) {
      return this.fallBack(e).acquire(module, method, { ...options, order });
    }
    // The service counts the slot's window from when the connection closes: after the answer.
    return () => close();
  }

  /** Pauses the class for every process of the fleet after a 429. */
  pause(module: string, method: string, ms: number): void {
    if (this.fallback) return this.fallback.pause(module, method, ms);
    this.post("/v1/pause", { ...this.ids(module, method), ms }).catch((e: unknown) =>
      this.fallBack(e).pause(module, method, ms),
    );
  }

  private ids(module: string, method: string) {
    return { key: this.key, scale: this.scale, share: this.share, module, method, client: this.service.client };
  }

  private fallBack(cause: unknown): KeyRateLimiter {
    if (!this.fallback) {
      const share = this.share * this.service.fallbackShare;
      const fb = new KeyRateLimiter(this.scale, this.say, share);
      // Slots the service granted in the last window may still count at GravityZone.
      for (const cls of RATE_CLASSES) fb.limiter(cls).pause(fb.budgetOf(cls).windowMs);
      this.fallback = fb;
      const why = cause instanceof Error ? cause.message : String(cause);
      try {
        this.say(
          `The fleet's shared rate-limit budget is unreachable (${why}): this stack now keeps to ` +
            `${formatShare(share)} of each GravityZone budget on its own.`,
        );
      } catch {
        // Announcing is never worth failing a call.
      }
    }
    return this.fallback;
  }

  /**
   * Asks for a slot: resolves once the service granted it, with the function that gives it back
   * (closing the connection, which a process that exits or dies does too).
   */
  private hold(body: unknown): Promise<() => void> {
    return new Promise((resolve, reject) => {
      let granted = false;
      const req = this.send("/v1/acquire", body, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`the budget service answered HTTP ${res.statusCode}`));
          return;
        }
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          if (granted) return;
          text += c;
          if (!text.includes("\n")) return;
          granted = true;
          resolve(() => req.destroy());
        });
        res.on("end", () => {
          if (!granted) reject(new Error("the budget service closed the request without a grant"));
        });
      });
      req.on("error", (e) => {
        // After the grant, a broken connection only means the slot is given back early.
        if (!granted) reject(new Error(`cannot reach the budget service: ${e.message}`));
      });
    });
  }

  private post(path: string, body: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const req = this.send(path, body, (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => {
          if (res.statusCode !== 200) {
            reject(new Error(`the budget service answered HTTP ${res.statusCode}`));
            return;
          }
          try {
            resolve(JSON.parse(text));
          } catch {
            reject(new Error("the budget service answered something that is not JSON"));
          }
        });
        res.on("error", reject);
      });
      req.on("error", (e) => reject(new Error(`cannot reach the budget service: ${(e as Error).message}`)));
    });
  }

  /** Sends `body` as JSON to the service's `path`, with the token; `onResponse` takes the answer. */
  private send(path: string, body: unknown, onResponse: (res: http.IncomingMessage) => void): http.ClientRequest {
    const data = JSON.stringify(body);
    const req = http.request(
      {
        host: this.base.hostname.replace(/^\[|\]$/g, ""),
        port: this.base.port,
        path,
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(data),
          authorization: `Bearer ${this.service.token}`,
        },
      },
      onResponse,
    );
    req.end(data);
    return req;
  }
}

/** `1/8` for 0.125, else a percentage. */
function formatShare(share: number): string {
  const k = 1 / share;
  return Math.abs(k - Math.round(k)) < 1e-9 ? `1/${Math.round(k)}` : `${Math.round(share * 1000) / 10}%`;
}

const shared = new Map<string, SharedBudgetLimiter>();

/**
 * The limiter a client uses for a key: the fleet's shared budget when a service is given, else the
 * process-wide {@link KeyRateLimiter} ({@link limiterFor}), both scaled to the share.
 */
export function sharedLimiterFor(accessUrl: string, apiKey: string, options: SharedLimiterOptions = {}): RateLimiter {
  const scale = options.scale ?? 1;
  const share = options.share ?? 1;
  const service = options.service;
  if (!service) return limiterFor(accessUrl, apiKey, scale, share);
  const key = keyFingerprint(accessUrl, apiKey);
  const id = `${service.url}|${key}|${scale}|${share}`;
  let l = shared.get(id);
  if (!l) {
    l = new SharedBudgetLimiter(service, key, scale, share, options.say);
    shared.set(id, l);
  }
  return l;
}
